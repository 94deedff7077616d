"""Public pages of the calls for bids (being written)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def get(self, request, *args, **kwargs):
        raise Http404


CallListView = CallDetailView = InterestView = InterestSentView = AskLinkView = _NotYet


def calendar(request):
    raise Http404
