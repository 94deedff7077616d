from dataclasses import dataclass, field

from django.utils.functional import SimpleLazyObject
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


def _secretariat():
    from contact.models import Secretariat

    return Secretariat.objects.first()


def site(request):
    return {
        "navigation": NAVIGATION,
        "current_nav": _current(request),
        # Lazy: a page that never renders the footer makes no query for it.
        "secretariat": SimpleLazyObject(_secretariat),
    }
