from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.admin_site import AdminSection
from core.sections import Section


class ProgramsConfig(AppConfig):
    name = "programs"
    # Public pages show its rows (see core.discovery.content_apps).
    content = True
    verbose_name = _("Programmes")
    sections = [
        Section("programmes", _("Programmes"), "programs:list", in_navigation=True, namespace="programs"),
    ]
    admin_section = AdminSection(
        "programmes", _("Programmes"), order=20, first=("programs.Programme", "programs.Session")
    )
