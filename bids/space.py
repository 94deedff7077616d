"""The city's private bid space (being written)."""

from django.http import Http404
from django.views import View


class BidSpaceView(View):
    def get(self, request, *args, **kwargs):
        raise Http404


def upload(request, secret, item):
    raise Http404


answers = invite = submit = upload


def document(request, secret, pk):
    raise Http404
