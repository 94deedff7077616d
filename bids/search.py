"""What the site search finds of the calls for bids: the calls, with what they ask of a bid. Bids are
private and never indexed."""

from django.utils.translation import gettext_lazy as _

from core import richtext
from search.index import Source

from .models import Call, CallKind, ChecklistItem, Question


class CallSource(Source):
    kind = "call"
    label = _("Call for bids")
    plural_label = _("Calls for bids")
    position = 25  # after the offices and their people, before the programmes
    model = Call

    def rows(self):
        return self.model.objects.prefetch_related("checklist", "questions")

    def entry(self, call):
        return {
            "title": call.title,
            "names": [CallKind(call.kind).label, call.region],
            "body": [
                call.summary,
                richtext.plain(call.eligibility),
                richtext.plain(call.terms),
                # The outcome is on the page only once announced.
                richtext.plain(call.outcome) if call.outcome_announced else "",
                *(f"{item.title} {item.description}" for item in call.checklist.all()),
                *(f"{question.text} {question.guidance}" for question in call.questions.all()),
            ],
            "url": call.get_absolute_url(),
        }

    def watches(self):
        return {
            **super().watches(),
            ChecklistItem: lambda item: [item.call_id],
            Question: lambda question: [question.call_id],
        }


sources = [CallSource()]
