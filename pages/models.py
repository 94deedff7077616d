from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.publishing import Publishable


class Page(Publishable):
    """The heading, introduction and body of a section of the site, edited by staff.

    Section views (home, offices, programmes, ...) look their page up by ``key``, so no
    visitor-facing text lives in templates.
    """

    class Key(models.TextChoices):
        HOME = "home", _("Home")
        OFFICES = "offices", _("Regional Offices")
        HOSTING = "hosting", _("Host a Regional Office")
        PROGRAMMES = "programmes", _("Programmes")
        TESTIMONIALS = "testimonials", _("Testimonials")
        HOST_CITY = "host-city", _("Host City")
        CONTACT = "contact", _("Contact")

    key = models.CharField(_("section"), max_length=30, choices=Key.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences under the title."))
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Paragraphs separated by a blank line. "
            "Allowed formatting: <h2>, <h3>, <p>, <ul>, <ol>, <li>, <a>, <strong>, <em>."
        ),
    )
    meta_description = models.CharField(
        _("meta description"),
        max_length=300,
        blank=True,
        help_text=_("Shown by search engines; defaults to the introduction."),
    )

    URL_NAMES = {
        Key.HOME: "home",
        Key.OFFICES: "offices:list",
        Key.HOSTING: "offices:host",
        Key.PROGRAMMES: "programs:list",
        Key.TESTIMONIALS: "testimonials:list",
        Key.HOST_CITY: "contact:host-city",
        Key.CONTACT: "contact:contact",
    }

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section pages")
        ordering = ["key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        try:
            return reverse(self.URL_NAMES[self.key])
        except (KeyError, NoReverseMatch):
            return "/"

    @property
    def description(self):
        return self.meta_description or self.introduction
