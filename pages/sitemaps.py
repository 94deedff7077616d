from django.contrib.sitemaps import Sitemap

from .models import Page


class SectionPageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("key")

    def priority(self, item):
        return 1.0 if item.key == Page.Key.HOME else 0.8


sitemaps = {"pages": SectionPageSitemap}
