from django.contrib.sitemaps import Sitemap

from .models import Programme, Session


class ProgrammeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Programme.objects.published().order_by("order", "pk")


class SessionSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return Session.objects.published().select_related("programme").order_by("programme__order", "start_date", "pk")


sitemaps = {"programmes": ProgrammeSitemap, "sessions": SessionSitemap}
