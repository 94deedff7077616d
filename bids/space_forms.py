"""The forms of a city's bid space (bids.space): a document per checklist item, the answers, an invitation."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import uploads

from .models import Answer

# An answer is a few paragraphs; the bound keeps one request from storing a book.
ANSWER_MAX_LENGTH = 20_000

_allowed_types = lazy(lambda: ", ".join(uploads.ALLOWED_EXTENSIONS), str)
_size_limit = lazy(lambda: filesizeformat(uploads.max_upload_bytes()), str)


class DocumentUploadForm(forms.Form):
    """One file for one checklist item, with the same checks as the Secretariat's hosting documents.

    Prefixed with the item (``item-<pk>``) so each item's form on the page has fields of its own."""

    file = forms.FileField(
        label=_("Document"),
        validators=[uploads.validate_document_file],
        help_text=format_lazy(
            _("A PDF or an office document ({types}), at most {limit}."), types=_allowed_types(), limit=_size_limit()
        ),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("This file is empty. Choose the document again."),
            "invalid": _("No file arrived. Choose the document again."),
        },
    )

    def __init__(self, *args, item, **kwargs):
        kwargs.setdefault("prefix", f"item-{item.pk}")
        super().__init__(*args, **kwargs)
        self.item = item


class AnswersForm(forms.Form):
    """Every question of the call, answered in one form: a field per question, "question-<pk>".

    Answers may be saved half done; what a submission still needs is ``Bid.missing()``'s to say."""

    def __init__(self, *args, questions, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        stored = {answer.question_id: answer.text for answer in answers}
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.field_name(question)] = forms.CharField(
                label=question.text,
                help_text=question.guidance,
                required=False,
                strip=True,
                max_length=ANSWER_MAX_LENGTH,
                initial=stored.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.fields[self.field_name(question)].question = question

    @staticmethod
    def field_name(question):
        return f"question-{question.pk}"

    def question_fields(self):
        """(question, bound field) in the call's order, for the template."""
        return [(question, self[self.field_name(question)]) for question in self.questions]

    def make_read_only(self):
        """Keep what was typed on the page, to copy, when it can no longer be saved."""
        for field in self.fields.values():
            field.widget.attrs["readonly"] = True

    def save(self, bid):
        for question in self.questions:
            Answer.objects.update_or_create(
                bid=bid, question=question, defaults={"text": self.cleaned_data[self.field_name(question)]}
            )


class InviteForm(forms.Form):
    """A colleague who will get a link of their own to the same bid."""

    name = forms.CharField(
        label=_("Their name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter your colleague’s name.")},
    )
    email = forms.EmailField(
        label=_("Their e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter your colleague’s e-mail address, so that the link can reach them."),
            "invalid": _("Enter an e-mail address like name@example.org."),
        },
    )

    def __init__(self, *args, bid, **kwargs):
        kwargs.setdefault("prefix", "invite")
        super().__init__(*args, **kwargs)
        self.bid = bid

    def clean_email(self):
        email = self.cleaned_data["email"]
        if self.bid.accesses.filter(email__iexact=email, revoked_at__isnull=True).exists():
            raise ValidationError(
                _("This address already has a link to this bid. Its owner can ask for a new one if it expired."),
                code="already_invited",
            )
        return email
