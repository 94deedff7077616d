from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.admin_site import AdminSection

# The admin group of what staff write for the site's pages, the section pages and other apps' page text.
PAGES = AdminSection("pages", _("Pages"), order=50)


class PagesConfig(AppConfig):
    """The section pages: the heading, introduction and body that staff write for each section."""

    name = "pages"
    # Public pages show its rows (see core.discovery.content_apps).
    content = True
    verbose_name = _("Pages")
    admin_section = PAGES
