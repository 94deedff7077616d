"""The sitemap: every app's own sitemaps, from its ``sitemaps.py``.

An app that has public pages exposes ``sitemaps = {"name": SitemapClass}`` in ``<app>/sitemaps.py``.
"""

from core.discovery import app_modules


def collect_sitemaps():
    sitemaps = {}
    for module in app_modules("sitemaps"):
        sitemaps.update(getattr(module, "sitemaps", {}))
    for sitemap in sitemaps.values():
        # Every public page exists in every language: list each, with its hreflang alternates.
        sitemap.i18n = True
        sitemap.alternates = True
        sitemap.x_default = True
    return sitemaps
