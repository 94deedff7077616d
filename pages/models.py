from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core import sections
from core.publishing import Publishable
from core.richtext import RichTextField
from library.models import image_choice


class Page(Publishable):
    """The heading, introduction and body of a section of the site, edited by staff.

    Section views (home, offices, programmes, ...) look their page up by ``key``, so no
    visitor-facing text lives in templates. The keys are the site's sections (core.sections), which
    the apps declare: ``Page.Key.OFFICES == "offices"``.
    """

    Key = models.TextChoices("Key", sections.key_members(), module=__name__, qualname="Page.Key")

    # Choices from a callable: a section added by an app needs no migration.
    key = models.CharField(_("section"), max_length=30, choices=sections.key_choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title; about 250 characters reads best."),
    )
    body = RichTextField(_("body"), blank=True)
    image = image_choice(_("image"), "pages", _("From the image library; shown under the introduction."))
    meta_description = models.CharField(
        _("meta description"),
        max_length=300,
        blank=True,
        help_text=_("Shown by search engines, which cut it after about 160 characters; defaults to the introduction."),
    )

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section pages")
        ordering = ["key"]

    def __str__(self):
        return self.title

    @property
    def section(self):
        """The site's section this page heads (core.sections)."""
        return sections.get(self.key)

    def get_absolute_url(self):
        try:
            return reverse(self.section.url_name)
        except (LookupError, NoReverseMatch):
            return "/"

    @property
    def description(self):
        return self.meta_description or self.introduction
