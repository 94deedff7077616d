from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WegoSiteConfig(AppConfig):
    """Site-wide pieces: section pages, publishing, home page, health check, sitemaps."""

    name = "wego_site"
    verbose_name = _("Pages")

    def ready(self):
        from . import cache

        cache.connect_signals()
