from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WegoSiteConfig(AppConfig):
    """Site-wide pieces: section pages, publishing, home page, health check, sitemaps."""

    name = "wego_site"
    verbose_name = _("Pages")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import cache, roles, search

        cache.connect_signals()
        search.connect_signals()
        # Without a sender: it must run after the last app's permissions exist.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="wego-roles")
