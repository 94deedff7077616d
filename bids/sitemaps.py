from django.contrib.sitemaps import Sitemap

from .models import Call


class CallSitemap(Sitemap):
    """Each published call. The list of calls is a section page: the pages' sitemap lists it."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Call.objects.published().order_by("pk")


sitemaps = {"calls": CallSitemap}
