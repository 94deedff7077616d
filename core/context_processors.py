from dataclasses import dataclass, field

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    # The current item is found from the resolved view name, or failing that, the URL namespace.
    view_names: frozenset = field(default_factory=frozenset)
    namespaces: frozenset = field(default_factory=frozenset)

    def matches(self, match):
        if match is None:
            return False
        return match.view_name in self.view_names or match.namespace in self.namespaces


NAVIGATION = (
    NavItem("offices:list", _("Regional Offices"), namespaces=frozenset({"offices"})),
    NavItem("programs:list", _("Programmes"), namespaces=frozenset({"programs"})),
    NavItem("testimonials:list", _("Testimonials"), namespaces=frozenset({"testimonials"})),
    NavItem("contact:host-city", _("Host City"), view_names=frozenset({"contact:host-city"})),
    NavItem("contact:contact", _("Contact"), namespaces=frozenset({"contact"})),
)


def _current(request):
    match = getattr(request, "resolver_match", None)
    return next((item for item in NAVIGATION if item.matches(match)), None)


def _languages(request):
    """The current page in every language, for the switcher and the hreflang alternates."""
    path = request.path
    return [
        {"code": code, "name": get_language_info(code)["name_local"], "url": translate_url(path, code)}
        for code, _name in settings.LANGUAGES
    ]


def site(request):
    return {
        "navigation": NAVIGATION,
        "languages": SimpleLazyObject(lambda: _languages(request)),
        "current_nav": _current(request),
    }
