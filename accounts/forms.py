from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import StaffPreferences


class DeviceCodeForm(forms.Form):
    """The six-digit code an authenticator app shows, checked against one device.

    django-otp's device slows down guessing: after each wrong code the next one waits twice as long.
    """

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        with transaction.atomic():
            # Locked, so that two requests at once cannot both slip a guess past the throttle. The
            # errors are raised after the block: a wrong code's count must be kept, not rolled back.
            device = type(self.device).objects.select_for_update().get(pk=self.device.pk)
            allowed, _details = device.verify_is_allowed()
            verified = allowed and device.verify_token(code)
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes in a row. Wait a moment, then enter the code your app shows."),
                code="throttled",
            )
        if not verified:
            raise forms.ValidationError(
                _("That code is not right, or has expired. Enter the code your app shows now."), code="invalid"
            )
        self.device = device
        return code


def language_choices():
    """The site's languages, each named in itself (한국어, Русский) so that anyone finds their own, with
    the browser's language first as the choice of none."""
    named = [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]
    return [("", _("The language of my browser")), *named]


class AdminLanguageForm(forms.ModelForm):
    """The language of the back office for one member of staff. The field's choices are the site's
    languages, so anything else is refused as an invalid choice."""

    class Meta:
        model = StaffPreferences
        fields = ["admin_language"]
        widgets = {"admin_language": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["admin_language"].choices = language_choices()
