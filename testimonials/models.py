from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.models import Orderable
from core.publishing import Publishable, PublishableQuerySet
from library.models import image_choice


class TestimonialQuerySet(PublishableQuerySet):
    def featured(self):
        return self.filter(featured=True)

    def for_programme(self, programme):
        return self.filter(session__programme=programme)

    def for_year(self, year):
        return self.filter(session__start_date__year=year)


class Testimonial(Publishable, Orderable):
    """What a former participant said about a session, quoted exactly as given."""

    publication_parent = "session"  # if it names one

    honorific = models.CharField(_("honorific"), max_length=20, blank=True, help_text=_("For example “Ms.”."))
    person = models.CharField(_("person"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    on_behalf_of = models.CharField(
        _("on behalf of"),
        max_length=200,
        blank=True,
        help_text=_("Who the testimonial speaks for, where the source says so, e.g. “Barcelona City Council”."),
    )
    session = models.ForeignKey(
        "programs.Session",
        on_delete=models.PROTECT,
        related_name="testimonials",
        null=True,
        blank=True,
        verbose_name=_("session"),
        help_text=_("The session the person took part in. A session with testimonials cannot be deleted."),
    )
    quote = models.TextField(
        _("quote"),
        help_text=_(
            "Exactly as given, with its quotation marks and punctuation, e.g. “…,” (what follows is “said …”). "
            "Never translated: it stays in the language it was said in."
        ),
    )
    quote_language = models.CharField(
        _("language of the quote"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the person spoke, so that browsers and screen readers pronounce it right."),
    )
    photo = image_choice(
        _("photo"), "testimonials", _("A portrait from the image library; pages show it as a small square.")
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured testimonials appear on the home page.")
    )

    objects = TestimonialQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quote_language__in=[code for code, _name in settings.LANGUAGES]),
                name="testimonials_quote_language_known",
                violation_error_message=_("Choose one of the site’s languages for the quote."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return f"{reverse('testimonials:list')}#testimonial-{self.pk}"

    @property
    def full_name(self):
        return f"{self.honorific} {self.person}".strip()

    @property
    def place(self):
        return ", ".join(part for part in (self.city, self.country) if part)

    @property
    def attribution(self):
        """Who said it, as the seeds print it: “Ms. Mirela Minca, Head of …, Bucharest”."""
        text = ", ".join(part for part in (self.full_name, self.position, self.organisation, self.place) if part)
        # Not when the quote itself opens with it (“On behalf of my Omani colleague, …”): no echo. The
        # quote is never translated, so it is compared with the words in its own language.
        said_for = getattr(self, build_localized_fieldname("on_behalf_of", self.quote_language), None)
        said_for = said_for or self.on_behalf_of_en or ""
        if self.on_behalf_of and f"on behalf of {said_for}".casefold() not in self.quote.casefold():
            text = gettext("%(person)s on behalf of %(behalf)s") % {"person": text, "behalf": self.on_behalf_of}
        return text
