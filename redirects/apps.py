from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.admin_site import AdminSection


class RedirectsConfig(AppConfig):
    """Old addresses that lead to where their content is now: made when an item's address changes, or
    by staff for the addresses of the organisation's previous site."""

    name = "redirects"
    verbose_name = _("Redirects")
    # Not content: a redirect answers only where the site answers 404, so no cached page changes with it.
    # Editors manage redirects all the same (see core.roles).
    edited_by_editors = True
    admin_section = AdminSection("redirects", _("Redirects"), order=60, first=("redirects.Redirect",))

    def ready(self):
        from . import tracking

        tracking.connect_signals()
