from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _


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
