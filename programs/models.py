from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Orderable
from core.publishing import Publishable, PublishableQuerySet
from core.richtext import RichTextField
from core.uploads import UnguessablePath, validate_document_file
from library.models import image_choice

from .dates import format_date_range


class ProgrammeKind(models.TextChoices):
    TRAINING = "training", _("Training programme")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR_SERIES = "webinars", _("Webinar series")
    PARTNER = "partner", _("Partner programme")

    @property
    def plural(self):
        """The heading of this kind's group on the programmes page."""
        return {
            ProgrammeKind.TRAINING: _("Training programmes"),
            ProgrammeKind.WORKSHOP: _("Workshops"),
            ProgrammeKind.WEBINAR_SERIES: _("Webinar series"),
            ProgrammeKind.PARTNER: _("Partners’ programmes"),
        }[self]


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned (tentative)")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class PartnerOrganisationQuerySet(models.QuerySet):
    def published(self):
        """The partners a public programme lists: a partner has no publishing of its own, so its logo is
        shown, and its file served (library.Image.is_public), while one of them does."""
        return self.filter(programmes__in=Programme.objects.published()).distinct()


class PartnerOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True, help_text=_("For example “NIA”."))
    website = models.URLField(_("website"), blank=True)
    logo = image_choice(
        _("logo"),
        "partners",
        _("From the image library; pages show the whole logo in a 2:1 box. Describe it as “NIA logo”."),
    )

    objects = PartnerOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class City(models.Model):
    """A city that sent participants to a session."""

    name = models.CharField(_("name"), max_length=100)
    country = models.CharField(_("country"), max_length=100)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="programs_city_unique_name_country"),
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"


class Programme(Publishable, Orderable):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices, default=ProgrammeKind.TRAINING)
    running_since = models.PositiveSmallIntegerField(
        _("running since"), null=True, blank=True, help_text=_("The year of the first session.")
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for the programme list; about 250 characters reads best."),
    )
    body = RichTextField(_("body"), blank=True)
    partners = models.ManyToManyField(
        PartnerOrganisation,
        through="ProgrammePartner",
        related_name="programmes",
        blank=True,
        verbose_name=_("partner organisations"),
    )
    offices = models.ManyToManyField(
        "offices.Office",
        through="ProgrammeOffice",
        related_name="programmes",
        blank=True,
        verbose_name=_("Regional Offices"),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:detail", kwargs={"slug": self.slug})


class SessionQuerySet(PublishableQuerySet):
    """Where a session stands is worked out from today's date, never stored."""

    def taking_place(self):
        return self.exclude(status=SessionStatus.CANCELLED)

    def cancelled(self):
        return self.filter(status=SessionStatus.CANCELLED)

    def dated(self):
        return self.filter(start_date__isnull=False)

    def upcoming(self, today=None):
        """Not started yet, soonest first; planned sessions without dates come last."""
        today = today or timezone.localdate()
        return (
            self.taking_place()
            .filter(models.Q(start_date__gt=today) | models.Q(start_date__isnull=True))
            .order_by(models.F("start_date").asc(nulls_last=True), "pk")
        )

    def ongoing(self, today=None):
        today = today or timezone.localdate()
        return self.taking_place().filter(start_date__lte=today, end_date__gte=today).order_by("start_date", "pk")

    def past(self, today=None):
        """Ended before today, latest first."""
        today = today or timezone.localdate()
        return self.taking_place().filter(end_date__lt=today).order_by("-start_date", "-pk")

    def current_and_upcoming(self, today=None):
        """What a visitor can still attend or follow: running now or not started yet, soonest first."""
        today = today or timezone.localdate()
        return (
            self.taking_place()
            .filter(models.Q(end_date__gte=today) | models.Q(start_date__isnull=True))
            .order_by(models.F("start_date").asc(nulls_last=True), "pk")
        )

    def overlapping(self, session):
        """The other sessions of ``session``'s programme taking place on one of its days: two runs of
        one programme at once are usually a typing mistake, which the admin points out."""
        if session.start_date is None or session.is_cancelled:
            return self.none()
        end = session.end_date or session.start_date
        return (
            self.taking_place()
            .filter(programme_id=session.programme_id, start_date__lte=end, end_date__gte=session.start_date)
            .exclude(pk=session.pk)
            .order_by("start_date", "pk")
        )


class Session(Publishable):
    """One run of a programme: its dates, place, topics, participants and contacts."""

    publication_parent = "programme"

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Unique within the programme, e.g. “2017”."))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for a one-day session: it ends on its start.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.CONFIRMED
    )
    description = RichTextField(_("description"), blank=True)
    image = image_choice(
        _("image"), "sessions", _("From the image library; shown on the session’s page and beside it in lists.")
    )
    participant_count = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    cities = models.ManyToManyField(
        City, through="SessionCity", related_name="sessions", blank=True, verbose_name=_("participating cities")
    )
    application_period = models.CharField(
        _("application period"),
        max_length=200,
        blank=True,
        help_text=_("As announced, e.g. “1–31 March 2018” or “early-mid 2018”."),
    )
    document = models.FileField(
        _("programme document"),
        upload_to=UnguessablePath("programs/sessions"),
        blank=True,
        validators=[validate_document_file],
        help_text=_("A PDF or an office document: Word, Excel, PowerPoint, OpenDocument or Rich Text."),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = [models.F("start_date").desc(nulls_first=True), "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="programs_session_unique_slug_per_programme"),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True, end_date__isnull=True)
                | models.Q(start_date__isnull=False, end_date__isnull=False, end_date__gte=models.F("start_date")),
                name="programs_session_end_on_or_after_start",
                violation_error_message=_("A session ends on or after the day it starts, and needs both dates."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=False) | models.Q(status=SessionStatus.PLANNED),
                name="programs_session_dated_unless_planned",
                violation_error_message=_("Only a planned (tentative) session may be without dates."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        if self.end_date and not self.start_date:
            raise ValidationError({"start_date": _("Give the start date too, or leave both dates empty.")})
        if self.start_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": _("The session cannot end (%(end)s) before it starts (%(start)s).")
                    % {"end": self.end_date.isoformat(), "start": self.start_date.isoformat()}
                }
            )
        if not self.start_date and self.status != SessionStatus.PLANNED:
            raise ValidationError(
                {"start_date": _("Give the dates, or set the status to “Planned (tentative)” while they are unknown.")}
            )

    def get_absolute_url(self):
        return reverse("programs:session", kwargs={"programme": self.programme.slug, "slug": self.slug})

    def get_calendar_url(self):
        return reverse("programs:session-calendar", kwargs={"programme": self.programme.slug, "slug": self.slug})

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @property
    def is_ongoing(self):
        today = timezone.localdate()
        return not self.is_cancelled and bool(self.start_date) and self.start_date <= today <= self.end_date

    @property
    def is_tentative(self):
        return self.status == SessionStatus.PLANNED

    @property
    def date_range(self):
        """The dates as plain text, e.g. “5–9 September 2011”; empty without dates."""
        return format_date_range(self.start_date, self.end_date)

    @property
    def cities_by_country(self):
        """The participating cities, sorted by country then name as the visitor reads them.

        Sorted here rather than in SQL: a name not translated yet falls back to English, which the
        database, ordering by the current language's column, would put first instead of in its place.
        """
        return sorted(self.cities.all(), key=lambda city: (city.country.casefold(), city.name.casefold()))


# The link tables of the many-to-many fields above, named by what they join, so that the admin's delete
# confirmations read "Programme-office relationship: Seoul Program – Europe Office". They are the tables
# Django made for the fields (db_table), with its unique pair (hence unique_together), and like Django's
# they have no permissions of their own: staff edit them in the programme's and the session's forms.


class ProgrammeOffice(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "programs_programme_offices"
        default_permissions = ()
        unique_together = [("programme", "office")]
        verbose_name = _("programme-office relationship")
        verbose_name_plural = _("programme-office relationships")

    def __str__(self):
        return f"{self.programme} – {self.office}"


class ProgrammePartner(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="+", db_column="partnerorganisation_id"
    )

    class Meta:
        db_table = "programs_programme_partners"
        default_permissions = ()
        unique_together = [("programme", "partner")]
        verbose_name = _("programme-partnerorganisation relationship")
        verbose_name_plural = _("programme-partnerorganisation relationships")

    def __str__(self):
        return f"{self.programme} – {self.partner}"


class SessionCity(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "programs_session_cities"
        default_permissions = ()
        unique_together = [("session", "city")]
        verbose_name = _("session-city relationship")
        verbose_name_plural = _("session-city relationships")

    def __str__(self):
        return f"{self.session} – {self.city}"


class Topic(Orderable):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="topics", verbose_name=_("session"))
    name = models.CharField(_("topic"), max_length=200)

    class Meta(Orderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class TechnicalTour(Orderable):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="technical_tours", verbose_name=_("session")
    )
    name = models.CharField(_("site visited"), max_length=200)

    class Meta(Orderable.Meta):
        verbose_name = _("technical tour")
        verbose_name_plural = _("technical tours")

    def __str__(self):
        return self.name


class SessionContact(Orderable):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("session"))
    honorific = models.CharField(_("honorific"), max_length=20, blank=True, help_text=_("For example “Ms.”."))
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("session contact")
        verbose_name_plural = _("session contacts")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()
