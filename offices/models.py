from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wego_site.publishing import Publishable, PublishableQuerySet


class OfficeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PLANNED = "planned", _("Planned")
    FORMER = "former", _("Former")


class OfficeQuerySet(PublishableQuerySet):
    def current(self):
        return self.filter(status=OfficeStatus.ACTIVE)

    def planned(self):
        return self.filter(status=OfficeStatus.PLANNED)

    def former(self):
        return self.filter(status=OfficeStatus.FORMER)


class Office(Publishable):
    """A WeGO Regional Office, hosted by a member city in its region."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    region = models.CharField(_("region"), max_length=100)
    host_city = models.CharField(_("host city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OfficeStatus.choices, default=OfficeStatus.ACTIVE)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    order = models.PositiveIntegerField(_("display order"), default=0)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Regional Office")
        verbose_name_plural = _("Regional Offices")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offices:detail", kwargs={"slug": self.slug})
