"""The public forms of the calls for bids: a city's expression of interest, and asking for a new link.

Both take the message desk's precautions against scripts (contact.abuse): a signed start time bound
to the visitor's CSRF token and good for one form, and a field people never see. The view adds the
per-address rate limit.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from contact.forms import ProtectedForm

from .models import Bid

EMAIL_ERRORS = {
    "required": _("Enter your e-mail address."),
    "invalid": _("Enter an e-mail address like name@example.org."),
}


class InterestForm(ProtectedForm, forms.ModelForm):
    """A city's expression of interest in a call; the view sets the call and the language."""

    # Asked, not assumed: an unticked box would say "not a member" for everyone who overlooked it.
    is_member = forms.TypedChoiceField(
        label=_("Is your city a WeGO member?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether your city is a WeGO member.")},
    )

    class Meta:
        model = Bid
        fields = ["city", "country", "contact_name", "contact_role", "email", "phone", "is_member", "message"]
        widgets = {
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "country": forms.TextInput(attrs={"autocomplete": "country-name"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "city": _("City or local government"),
            "country": _("Country"),
            "contact_name": _("Contact person"),
            "contact_role": _("Their role"),
            "email": _("E-mail address"),
            "phone": _("Telephone"),
            "message": _("Message to the Secretariat"),
        }
        help_texts = {
            "contact_role": _("For example Director of International Relations."),
            "email": _("The private link to your city’s bid space is sent to this address."),
            "phone": _("With the country code, for example +82 2 720 2934."),
        }
        error_messages = {
            "city": {"required": _("Enter the name of your city or local government.")},
            "country": {"required": _("Enter your country.")},
            "contact_name": {"required": _("Enter the name of the contact person.")},
            "contact_role": {"required": _("Enter the contact person’s role.")},
            "email": EMAIL_ERRORS,
        }

    field_order = ["city", "country", "contact_name", "contact_role", "email", "phone", "is_member", "message"]

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.call = call


class AskLinkForm(ProtectedForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The address your city gave when it expressed interest, or at which a colleague invited you."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages=EMAIL_ERRORS,
    )
