"""The sitemap: section pages here, and each app's own sitemaps from its ``sitemaps.py``.

An app that has public pages exposes ``sitemaps = {"name": SitemapClass}`` in ``<app>/sitemaps.py``.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.sitemaps import Sitemap

from .models import Page


class SectionPageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("key")

    def priority(self, item):
        return 1.0 if item.key == Page.Key.HOME else 0.8


def collect_sitemaps():
    sitemaps = {"pages": SectionPageSitemap}
    for config in apps.get_app_configs():
        if not config.name.startswith("django") and config.name != "wego_site":
            try:
                module = import_module(f"{config.name}.sitemaps")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.sitemaps":
                    raise
                continue
            sitemaps.update(getattr(module, "sitemaps", {}))
    for sitemap in sitemaps.values():
        # Every public page exists in every language: list each, with its hreflang alternates.
        sitemap.i18n = True
        sitemap.alternates = True
        sitemap.x_default = True
    return sitemaps
