from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from programs.models import Programme

from .abuse import FormTimingError, check_fill_time, claim, start_token
from .models import MESSAGE_MAX_LENGTH, ContactMessage, Purpose

_grouped = lazy(lambda number: number_format(number, force_grouping=True), str)

TIMING_MESSAGES = {
    "too_fast": _(
        "That was quicker than a person can fill in the form, so it was not sent. Please check your message and "
        "send it again."
    ),
    "expired": _(
        "This form was open for a long time, so it was not sent. Please check your message and send it again."
    ),
    "invalid": _("The form could not be checked, so it was not sent. Please check your message and send it again."),
    "used": _(
        "This form has already been used to send a message, so it was not sent again. If you meant to send "
        "another one, check your message and send it."
    ),
}

# Fields that only make sense for one purpose; cleared for the others so stray input is not stored.
PURPOSE_FIELDS = {"region_of_interest": Purpose.HOSTING, "programme": Purpose.PROGRAMME}


HONEYPOT_MESSAGE = _(
    "A field that people do not see was filled in, which is what automated forms do, so this was not sent. "
    "If you are a person, please send the form again."
)


class ProtectedForm(forms.Form):
    """The precautions of every public form that makes the site send e-mail (see contact.abuse): a field
    people never see, and a signed start time bound to the visitor's CSRF token, good for one form.

    ``csrf_token`` is the token the page renders. A filled-in hidden field is an error, unless
    ``refuse_honeypot`` is off: the message desk keeps such a message, filed as spam
    (``caught_in_honeypot``), so a script learns nothing from the answer."""

    refuse_honeypot = True

    # A field people never see: only scripts fill it in. Kept out of the tab order and of autofill.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # When the form was shown and to whom, signed so it cannot be forged, good for one form; see contact.abuse.
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, csrf_token="", **kwargs):
        super().__init__(*args, **kwargs)
        self.csrf_token = csrf_token
        if not self.is_bound:
            self.initial.setdefault("started", start_token(csrf_token))

    def clean(self):
        cleaned = super().clean()
        if self.refuse_honeypot and cleaned.get("website"):
            self.add_error(None, ValidationError(HONEYPOT_MESSAGE, code="honeypot"))
        try:
            # The token the CSRF middleware has just matched against this visitor's cookie.
            check_fill_time(self.data.get(self.add_prefix("started")), self.data.get("csrfmiddlewaretoken", ""))
        except FormTimingError as error:
            self.add_error(None, ValidationError(TIMING_MESSAGES[error.reason], code=error.reason))
        return cleaned

    @property
    def caught_in_honeypot(self):
        return bool(self.cleaned_data.get("website"))

    def claim_start_time(self):
        """Use up the form's start time just before acting on it; False (with an error) for a replay."""
        if claim(self.data.get(self.add_prefix("started"))):
            return True
        self.add_error(None, ValidationError(TIMING_MESSAGES["used"], code="used"))
        return False

    def restart_timer(self):
        """Show the form again with a fresh start time, keeping everything the visitor typed."""
        data = self.data.copy()
        data[self.add_prefix("started")] = start_token(self.csrf_token)
        self.data = data


class ContactMessageForm(ProtectedForm, forms.ModelForm):
    refuse_honeypot = False  # kept, as spam

    consent = forms.BooleanField(
        label=_("I agree that the WeGO Secretariat may contact me about this message."),
        error_messages={"required": _("Please agree to be contacted, so that the Secretariat can answer you.")},
    )

    class Meta:
        model = ContactMessage
        fields = [
            "purpose",
            "name",
            "organisation",
            "email",
            "city",
            "country",
            "region_of_interest",
            "programme",
            "message",
            "consent",
            "send_copy",
        ]
        widgets = {
            "purpose": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "country": forms.TextInput(attrs={"autocomplete": "country-name"}),
            "region_of_interest": forms.TextInput(attrs={"autocomplete": "off"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {
            "purpose": _("What is your message about?"),
            "name": _("Your name"),
            "organisation": _("Organisation"),
            "email": _("E-mail address"),
            "city": _("City"),
            "country": _("Country"),
            "region_of_interest": _("Region of interest"),
            "programme": _("Programme"),
            "message": _("Your message"),
            "send_copy": _("Send me an acknowledgement by e-mail."),
        }
        help_texts = {
            # The acknowledgement goes to an address nobody has checked: it says what it is and no more.
            "send_copy": _(
                "A short note saying on which day your message arrived and when to expect an answer. It does not "
                "repeat your message."
            ),
            "organisation": _("For example your city government."),
            "city": _("Needed for hosting a Regional Office."),
            "country": _("Needed for hosting a Regional Office."),
            "region_of_interest": _(
                "The region the Regional Office would serve, for example Africa, Europe or Southeast Asia."
            ),
            "programme": _("For a programme that is not in the list, choose “A general enquiry” above."),
            # The number grouped as the visitor's language writes it: "10,000", "10 000", "10.000".
            "message": format_lazy(_("Up to {limit} characters."), limit=_grouped(MESSAGE_MAX_LENGTH)),
        }
        error_messages = {
            "name": {"required": _("Enter your name.")},
            "email": {
                "required": _("Enter your e-mail address, so that the Secretariat can answer you."),
                "invalid": _("Enter an e-mail address like name@example.org."),
            },
            "message": {"required": _("Write your message.")},
            "purpose": {"required": _("Choose what your message is about.")},
            "programme": {"invalid_choice": _("Choose a programme from the list.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = Purpose.choices  # no empty “---------” choice
        programme = self.fields["programme"]
        # Published programmes only, as of now; the option values are slugs, so a link can preselect one.
        programme.queryset = Programme.objects.published().order_by("order", "name")
        programme.to_field_name = "slug"
        programme.empty_label = _("Choose a programme")

    def clean(self):
        cleaned = super().clean()
        purpose = cleaned.get("purpose")
        for name, needed_for in PURPOSE_FIELDS.items():
            if purpose != needed_for:
                # Whatever was sent for another purpose is dropped, mistakes included.
                self._errors.pop(name, None)
                cleaned[name] = self.fields[name].to_python("")
        return cleaned
