from django.conf import global_settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core import uploads
from core.models import Orderable
from core.phones import dialable, validate_phone
from core.publishing import Publishable, PublishableQuerySet
from core.richtext import RichTextField
from library.models import image_choice

from .dates import PRECISION_HELP, DatePrecision, normalise, partial_date

# Paths under /offices/ that are pages of their own, so no office may take them as its slug.
RESERVED_SLUGS = ("host",)


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

    def with_public_contacts(self):
        """Each office with its published staff contacts, in their order, fetched in one more query."""
        return self.prefetch_related(models.Prefetch("contacts", queryset=StaffContact.objects.published()))


def _precision_field(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=PRECISION_HELP,
    )


class Office(Publishable, Orderable):
    """A WeGO Regional Office, hosted by a member city in its region."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        db_index=False,  # the unique constraint below is the index
        help_text=_("The last part of the office’s address, e.g. “asia-chengdu” in /offices/asia-chengdu/."),
    )
    region = models.CharField(_("region"), max_length=100)
    host_city = models.CharField(
        _("host city"), max_length=100, blank=True, help_text=_("The member city or region hosting the office.")
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OfficeStatus.choices, default=OfficeStatus.ACTIVE)
    approved_on = models.DateField(_("approval date"), null=True, blank=True)
    approved_precision = _precision_field(_("approval date precision"))
    launched_on = models.DateField(_("launch date"), null=True, blank=True)
    launched_precision = _precision_field(_("launch date precision"))
    launch_event = models.CharField(
        _("launch event"), max_length=200, blank=True, help_text=_("For example “CeBIT Trade Fair”.")
    )
    launch_place = models.CharField(
        _("launch place"), max_length=200, blank=True, help_text=_("For example “Hannover, Germany”.")
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for the office list; about 200 characters reads best."),
    )
    body = RichTextField(_("body"), blank=True)
    website = models.URLField(_("website"), blank=True)
    photo = image_choice(
        _("photo"),
        "offices",
        _("From the image library; pages show it cropped to a 16:10 frame around its focal point."),
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Regional Office")
        verbose_name_plural = _("Regional Offices")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="offices_office_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(status__in=OfficeStatus.values), name="offices_office_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(launched_on__isnull=True)
                | models.Q(approved_on__isnull=True)
                | models.Q(launched_on__gte=models.F("approved_on")),
                name="offices_office_launch_not_before_approval",
                violation_error_message=_("The launch date cannot be before the approval date."),
            ),
            models.CheckConstraint(
                condition=~models.Q(slug__in=RESERVED_SLUGS),
                name="offices_office_slug_not_reserved",
                violation_error_message=_("This slug is the address of another page; choose another."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offices:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.approved_on = normalise(self.approved_on, self.approved_precision)
        self.launched_on = normalise(self.launched_on, self.launched_precision)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.approved_on = normalise(self.approved_on, self.approved_precision)
        self.launched_on = normalise(self.launched_on, self.launched_precision)
        errors = {}
        if self.approved_on and self.launched_on and self.launched_on < self.approved_on:
            errors["launched_on"] = _("The launch date cannot be before the approval date (%(approved)s).") % {
                "approved": self.approved
            }
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("“%(slug)s” is the address of another page; choose another slug.") % {"slug": self.slug}
        if errors:
            raise ValidationError(errors)

    @property
    def approved(self):
        return partial_date(self.approved_on, self.approved_precision)

    @property
    def launched(self):
        return partial_date(self.launched_on, self.launched_precision)

    @property
    def launch_occasion(self):
        """ "CeBIT Trade Fair, Hannover, Germany" """
        return ", ".join(part for part in (self.launch_event, self.launch_place) if part)

    @property
    def is_planned(self):
        return self.status == OfficeStatus.PLANNED


class Milestone(Publishable, Orderable):
    publication_parent = "office"

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("office"))
    date = models.DateField(_("date"))
    date_precision = _precision_field(_("date precision"))
    title = models.CharField(_("what happened"), max_length=200)
    description = RichTextField(_("details"), blank=True)
    # Milestones go by date; the number only orders those that share one, which its help text says.
    order = models.PositiveIntegerField(
        _("display order"), default=0, help_text=_("Orders milestones that share a date, such as “September 2013”.")
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_precision__in=DatePrecision.values), name="offices_milestone_precision_valid"
            ),
        ]

    def __str__(self):
        return f"{self.when}: {self.title}"

    def save(self, *args, **kwargs):
        self.date = normalise(self.date, self.date_precision)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.date = normalise(self.date, self.date_precision)

    @property
    def when(self):
        return partial_date(self.date, self.date_precision)


class StaffContact(Publishable, Orderable):
    publication_parent = "office"

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("office"))
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("Their role at the office, e.g. “Secretary General”.")
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=200,
        blank=True,
        help_text=_("Their post outside the office, e.g. “Deputy Division Chief, Chengdu Foreign Affairs Office”."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text=_("As it should be read, e.g. “+86 (28) 61888454”."),
    )
    fax = models.CharField(_("fax"), max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Leave blank rather than guess."))

    class Meta(Orderable.Meta):
        verbose_name = _("public contact")
        verbose_name_plural = _("public contacts")

    def __str__(self):
        return f"{self.name} ({self.position})" if self.position else self.name

    def get_vcard_url(self):
        return reverse("offices:vcard", kwargs={"slug": self.office.slug, "pk": self.pk})

    @property
    def phone_uri(self):
        number = dialable(self.phone)
        return f"tel:{number}" if number else ""

    @property
    def fax_uri(self):
        number = dialable(self.fax)
        return f"tel:{number}" if number else ""

    @property
    def vcard_filename(self):
        return f"{slugify(self.name) or 'contact'}.vcf"


class HostingProgramme(Publishable):
    """What hosting a Regional Office means, shown on "Host a Regional Office" and the office list.

    There is one; the admin does not offer to add a second.
    """

    eligibility = RichTextField(_("who can host"), blank=True)
    selection = RichTextField(_("how a host is selected"), blank=True)
    benefits = RichTextField(_("what a host city gains"), blank=True)
    call = RichTextField(
        _("call for new Regional Offices"), blank=True, help_text=_("Where WeGO is looking to open new offices.")
    )
    interest = RichTextField(
        _("how to express interest"),
        blank=True,
        help_text=_("Shown next to the link to the expression of interest form."),
    )

    class Meta:
        verbose_name = _("hosting programme")
        verbose_name_plural = _("hosting programme")

    def __str__(self):
        return str(_("Hosting a Regional Office"))

    def get_absolute_url(self):
        return reverse("offices:host")


class OfficeFunction(Orderable):
    """One of the things every Regional Office does."""

    programme = models.ForeignKey(
        HostingProgramme, on_delete=models.CASCADE, related_name="functions", verbose_name=_("hosting programme")
    )
    text = models.CharField(_("function"), max_length=300)

    class Meta(Orderable.Meta):
        verbose_name = _("function of a Regional Office")
        verbose_name_plural = _("functions of a Regional Office")

    def __str__(self):
        return self.text


# A document's language: the site's five first, then a short list of others that member cities write in,
# rather than all of Django's hundred. Names are Django's own, so its catalogues translate them.
SITE_LANGUAGES = ["en", "ko", "ru", "es", "zh-hans"]
OTHER_LANGUAGES = ["ar", "fr", "de", "id", "ja", "kk", "mn", "pt", "tr", "uz", "vi"]
_NAMES = dict(global_settings.LANGUAGES)
LANGUAGE_CHOICES = [
    (_("Languages of this site"), [(code, _(_NAMES[code])) for code in SITE_LANGUAGES]),
    (_("Other languages"), [(code, _(_NAMES[code])) for code in OTHER_LANGUAGES]),
]
LANGUAGE_CODES = SITE_LANGUAGES + OTHER_LANGUAGES


class HostingDocumentQuerySet(PublishableQuerySet):
    def in_language_first(self, language):
        """The documents written in ``language`` first, then the others; each group in display order.

        Each row carries ``in_other_language`` (0 or 1), so a page can set the two groups apart.
        """
        return self.annotate(
            in_other_language=models.Case(
                models.When(language=language, then=0), default=1, output_field=models.IntegerField()
            )
        ).order_by("in_other_language", "order", "title", "pk")


class HostingDocument(Publishable, Orderable):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences under the title; about 200 characters reads best."),
    )
    file = models.FileField(
        _("file"),
        upload_to=uploads.UnguessablePath("offices/documents"),
        max_length=255,
        validators=[uploads.validate_document_file],
        help_text=_("A PDF or an office document: Word, Excel, PowerPoint, OpenDocument or Rich Text."),
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="en")
    version = models.CharField(_("version"), max_length=40, blank=True, help_text=_("For example “1.0”."))
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    # Facts about the stored file, kept with the row so that lists and downloads need not ask the
    # storage (a network call on S3) for them.
    file_size = models.PositiveBigIntegerField(_("file size in bytes"), default=0, editable=False)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True, editable=False)
    file_updated_at = models.DateTimeField(_("file updated at"), default=timezone.now, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)

    objects = HostingDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("hosting document")
        verbose_name_plural = _("hosting documents")
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=LANGUAGE_CODES),
                name="offices_hostingdocument_language_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("offices:document", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # A new upload: record its size and fingerprint (the ETag of downloads).
            self.file_sha256 = uploads.sha256_of(self.file)
            self.file_size = self.file.size
            self.file_updated_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def kind(self):
        return uploads.document_type(self.file.name)

    @property
    def extension(self):
        return uploads.extension_of(self.file.name)

    @property
    def type_label(self):
        kind = self.kind
        return kind.label if kind else self.extension.upper()

    @property
    def size_display(self):
        return uploads.human_size(self.file_size)

    @property
    def issued(self):
        """The date of issue as the site writes a day in the visitor's language (None if unknown)."""
        return partial_date(self.issued_on, DatePrecision.DAY)

    @property
    def content_type(self):
        kind = self.kind
        return kind.content_type if kind else "application/octet-stream"

    @property
    def download_name(self):
        """A clean file name for the visitor's disk, from the title: "guide-to-hosting-….pdf"."""
        # A title in another alphabet slugifies to nothing: the English title names the file then.
        stem = slugify(self.title) or slugify(self.title_en or "") or "document"
        return f"{stem}.{self.extension}" if self.extension else stem

    @property
    def language_name(self):
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    @property
    def etag(self):
        return f'"{self.file_sha256}"' if self.file_sha256 else f'"{self.pk}-{self.file_size}"'
