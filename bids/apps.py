from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.admin_site import AdminSection
from core.sections import Section


class BidsConfig(AppConfig):
    name = "bids"
    # Public pages show its calls (see core.discovery.content_apps); bids are private records.
    content = True
    verbose_name = _("Calls for bids")
    sections = [
        Section("bids", _("Calls for bids"), "bids:list", parent="offices", namespace="bids"),
    ]
    admin_section = AdminSection("bids", _("Calls for bids and bids"), order=15, first=("bids.Call", "bids.Bid"))

    def ready(self):
        from . import signals  # noqa: F401  (schedules the reminders of a call's deadline)
