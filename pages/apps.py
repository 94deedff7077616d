from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.admin_site import AdminSection

# The admin group of what staff write for the site's pages: the section pages first, then other apps'
# page text, the Secretariat's with its bus types (the directions on the contact page) beside it.
PAGES = AdminSection(
    "pages", _("Pages"), order=50, first=("pages.Page", "contact.Secretariat", "contact.BusType", "contact.HostCity")
)


class PagesConfig(AppConfig):
    """The section pages: the heading, introduction and body that staff write for each section."""

    name = "pages"
    # Public pages show its rows (see core.discovery.content_apps).
    content = True
    verbose_name = _("Pages")
    admin_section = PAGES
