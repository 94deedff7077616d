from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.admin_site import AdminSection
from core.sections import Section


class OfficesConfig(AppConfig):
    name = "offices"
    # Public pages show its rows (see core.discovery.content_apps).
    content = True
    verbose_name = _("Regional Offices")
    sections = [
        Section("offices", _("Regional Offices"), "offices:list", in_navigation=True, namespace="offices"),
        Section("hosting", _("Host a Regional Office"), "offices:host", parent="offices"),
    ]
    # The offices first, then what they show, then the programme of hosting one and its documents.
    admin_section = AdminSection(
        "offices",
        _("Regional Offices"),
        order=10,
        first=("offices.Office", "offices.StaffContact", "offices.Milestone", "offices.HostingProgramme"),
    )
