from django.contrib.sitemaps import Sitemap

from .models import Office


class OfficeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Office.objects.published()


sitemaps = {"offices": OfficeSitemap}
