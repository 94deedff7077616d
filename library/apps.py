from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.admin_site import AdminSection


class LibraryConfig(AppConfig):
    name = "library"
    # Public pages show its images (see core.discovery.content_apps).
    content = True
    verbose_name = _("Image library")
    admin_section = AdminSection("library", _("Image library"), order=45)

    def ready(self):
        from .renditions import connect_signals

        connect_signals()
