from urllib.parse import parse_qs, quote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from core.models import Orderable
from core.phones import dial_numbers, validate_phone
from core.publishing import Publishable
from core.richtext import RichTextField

MESSAGE_MAX_LENGTH = 5000


def default_language_field(name):
    """The column of a translated field (see contact/translation.py) that holds the default language."""
    return build_localized_fieldname(name, DEFAULT_LANGUAGE)


class SecretariatQuerySet(models.QuerySet):
    def current(self):
        """The Secretariat: the one row (the first, should there ever be more), or None."""
        return self.order_by("pk").first()


class Secretariat(models.Model):
    """The WeGO Secretariat: one row, edited in the admin, shown in the footer and on the contact page."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(
        _("printed address"),
        help_text=_("One line per address line, exactly as it should be printed."),
    )
    street_address = models.CharField(
        _("street address"),
        max_length=200,
        blank=True,
        help_text=_("Building, floor, street and district, for address books and search engines."),
    )
    locality = models.CharField(_("city"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    telephone = models.CharField(
        _("telephone"),
        max_length=60,
        blank=True,
        help_text=_(
            "As it should be printed, e.g. “+82 (0)2 720 2934~7”. A range written with “~” becomes one "
            "dialable link per line."
        ),
        validators=[validate_phone],
    )
    fax = models.CharField(_("fax"), max_length=60, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_(
            "Decimal degrees north (WGS 84), for the map link. The organisation’s own texts give no "
            "coordinates: the value set at launch is the position of the building at the address, Seoul "
            "Global Center (38 Jongno, Jongno-gu), looked up on a map."
        ),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees east (WGS 84); see the latitude."),
    )
    bus_stop = models.CharField(
        _("bus stop"),
        max_length=200,
        blank=True,
        help_text=_("Where the buses below stop; shown as “Buses to …”."),
    )

    objects = SecretariatQuerySet.as_manager()

    class Meta:
        verbose_name = _("Secretariat")
        verbose_name_plural = _("Secretariat")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    # Spelled out: a comparison with NULL is unknown, and CHECK lets unknown through.
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="secretariat_coordinates_complete_and_on_earth",
                violation_error_message=_(
                    "Give both the latitude (−90 to 90) and the longitude (−180 to 180), or neither."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contact:contact")

    def clean(self):
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both the latitude and the longitude, or neither."
            )
        printed = " ".join(self.address.split())
        for name in ["street_address", "locality", "postal_code", "country"]:
            part = " ".join(getattr(self, name).split())
            if part and part not in printed:
                errors[name] = _("This does not match the printed address; address books would show another one.")
        if errors:
            raise ValidationError(errors)

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def telephone_numbers(self):
        return dial_numbers(self.telephone)

    @property
    def fax_numbers(self):
        return dial_numbers(self.fax)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def openstreetmap_url(self):
        if not self.has_coordinates:
            return ""
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"

    @property
    def geo_uri(self):
        """A ``geo:`` link: phones open it in the visitor's own maps app."""
        if not self.has_coordinates:
            return ""
        return f"geo:{self.latitude:.6f},{self.longitude:.6f}"


class MetroStation(Publishable, Orderable):
    """A metro station near the Secretariat, with the exit to take."""

    secretariat = models.ForeignKey(
        Secretariat, on_delete=models.CASCADE, related_name="metro_stations", verbose_name=_("Secretariat")
    )
    name = models.CharField(_("station"), max_length=100, help_text=_("For example “Jonggak Station”."))
    line = models.CharField(_("line"), max_length=60, help_text=_("For example “Line 1”."))
    exit_number = models.CharField(_("exit"), max_length=20, help_text=_("The exit number only, for example “6”."))
    distance = models.CharField(
        _("walking distance"), max_length=40, help_text=_("From the exit to the building, for example “50 m”.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("metro station")
        verbose_name_plural = _("metro stations")

    def __str__(self):
        return f"{self.name} ({self.line})"


class BusColour(models.TextChoices):
    # Seoul buses are known by the colour they are painted.
    BLUE = "blue", _("Blue")
    GREEN = "green", _("Green")
    RED = "red", _("Red")
    YELLOW = "yellow", _("Yellow")


class BusType(Publishable, Orderable):
    """A kind of bus that stops near the Secretariat, with its routes."""

    secretariat = models.ForeignKey(
        Secretariat, on_delete=models.CASCADE, related_name="bus_types", verbose_name=_("Secretariat")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("For example “Blue Bus”."))
    colour = models.CharField(
        _("colour"),
        max_length=10,
        choices=BusColour.choices,
        blank=True,
        help_text=_("Shown as a colour swatch next to the name; leave empty for buses of no single colour."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("bus type")
        verbose_name_plural = _("bus types")
        constraints = [
            models.UniqueConstraint(
                fields=["secretariat", "name"],
                name="bus_type_unique_name",
                violation_error_message=_("There is already a bus type with this name: edit that one instead."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def colour_in_words(self):
        """The colour as text, unless the name already says it: colour is never the only signal."""
        if not self.colour:
            return ""
        label = str(self.get_colour_display())
        return "" if label.lower() in self.name.lower() else label


class BusRoute(Orderable):
    bus_type = models.ForeignKey(BusType, on_delete=models.CASCADE, related_name="routes", verbose_name=_("bus type"))
    number = models.CharField(
        _("route"), max_length=40, help_text=_("One route as signed on the bus, for example “1005-1” or “Jongro 01”.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("bus route")
        verbose_name_plural = _("bus routes")
        constraints = [
            models.UniqueConstraint(
                fields=["bus_type", "number"],
                name="bus_route_unique_number",
                violation_error_message=_("This route is already listed for this bus type."),
            ),
        ]

    def __str__(self):
        return self.number

    def clean(self):
        if "," in self.number:
            raise ValidationError({"number": _("One route per row: add another row for each route.")})


def youtube_video_id(url):
    """The video id of a YouTube address, or ``None`` when the address is not a YouTube video."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate = ""
    if host == "youtu.be":
        candidate = parts.path.strip("/")
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parts.path == "/watch":
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        else:
            for prefix in ("/embed/", "/shorts/", "/live/"):
                if parts.path.startswith(prefix):
                    candidate = parts.path.removeprefix(prefix).strip("/")
    if parts.scheme in {"http", "https"} and len(candidate) == 11 and all(c.isalnum() or c in "-_" for c in candidate):
        return candidate
    return None


def validate_youtube_url(url):
    if youtube_video_id(url) is None:
        raise ValidationError(
            _("Enter the address of a YouTube video, for example https://www.youtube.com/watch?v=…"), code="not_youtube"
        )


class HostCity(Publishable):
    """The city that hosts the Secretariat, and why: shown on the host city page."""

    name = models.CharField(_("city"), max_length=100)
    record = RichTextField(
        _("e-Government record"),
        blank=True,
        help_text=_("Why the city hosts the Secretariat. Shown under the page introduction."),
    )
    solution_title = models.CharField(_("policy collection: title"), max_length=200, blank=True)
    solution_body = RichTextField(_("policy collection: text"), blank=True)
    solution_link_text = models.CharField(
        _("policy collection: text before the link"),
        max_length=300,
        blank=True,
        help_text=_("Shown only with the website address below."),
    )
    solution_url = models.URLField(_("policy collection: website"), blank=True)
    sharing_title = models.CharField(_("policy sharing: title"), max_length=200, blank=True)
    sharing_text = RichTextField(
        _("policy sharing: text"),
        blank=True,
        help_text=_("Introduces the video; the section is shown once a video is set."),
    )
    sharing_video_url = models.URLField(
        _("policy sharing: video"),
        blank=True,
        validators=[validate_youtube_url],
        help_text=_(
            "The address of a YouTube video. Visitors load it from youtube-nocookie.com only when they choose to "
            "play it; until then nothing is requested from YouTube."
        ),
    )

    class Meta:
        verbose_name = _("host city")
        verbose_name_plural = _("host city")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contact:host-city")

    def clean(self):
        super().clean()
        errors = {}
        # Checked in the default language, which every untranslated language falls back to.
        solution_title, sharing_title = (
            default_language_field("solution_title"),
            default_language_field("sharing_title"),
        )
        if (getattr(self, default_language_field("solution_body")) or self.solution_url) and not (
            getattr(self, solution_title) or ""
        ).strip():
            errors[solution_title] = _("Give the policy collection a title: it is the heading of its section.")
        if self.sharing_video_url and not (getattr(self, sharing_title) or "").strip():
            errors[sharing_title] = _("Give the video a title: it is the heading of its section and names the video.")
        if errors:
            raise ValidationError(errors)

    @property
    def video_id(self):
        return youtube_video_id(self.sharing_video_url)

    @property
    def video_embed_url(self):
        return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1" if self.video_id else ""

    @property
    def video_watch_url(self):
        return f"https://www.youtube.com/watch?v={self.video_id}" if self.video_id else ""


class SolutionArea(Orderable):
    """A key policy area of the host city's policy collection, e.g. “transportation”."""

    host_city = models.ForeignKey(HostCity, on_delete=models.CASCADE, related_name="areas", verbose_name=_("host city"))
    name = models.CharField(_("area"), max_length=100)

    class Meta(Orderable.Meta):
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")
        constraints = [
            models.UniqueConstraint(
                fields=["host_city", "name"],
                name="solution_area_unique_name",
                violation_error_message=_("This policy area is already listed."),
            ),
        ]

    def __str__(self):
        return self.name


class Purpose(models.TextChoices):
    GENERAL = "general", _("A general enquiry")
    HOSTING = "hosting", _("Hosting a Regional Office")
    PROGRAMME = "programme", _("A training programme")


class MessageStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    SPAM = "spam", _("Spam")


# The states in which someone has taken a message up: who did it, and when, is recorded.
HANDLED_STATUSES = {MessageStatus.IN_PROGRESS, MessageStatus.ANSWERED, MessageStatus.SPAM}


class NotificationProblem(models.TextChoices):
    """Why the Secretariat's notification was not sent, as staff can act on it. The technical detail
    (the mail server's own words, the setting concerned) goes to the log, not to the back office."""

    NO_ADDRESS = (
        "no_address",
        _("No address is set for the Secretariat's notifications; ask the site's administrator to set it."),
    )
    UNREACHABLE = "unreachable", _("The notification could not be sent: the mail server did not answer.")
    REFUSED = "refused", _("The notification could not be sent: the mail server refused it.")
    FAILED = (
        "failed",
        _(
            "The notification could not be sent because of a technical problem; the site's administrator "
            "will find the details in the log."
        ),
    )


class ContactMessageQuerySet(models.QuerySet):
    def pending_notification(self, older_than=None):
        """Messages the Secretariat has not been told about yet (spam is never announced)."""
        pending = self.filter(notified_at__isnull=True).exclude(status=MessageStatus.SPAM)
        if older_than is not None:
            pending = pending.filter(created_at__lte=timezone.now() - older_than)
        return pending.order_by("created_at", "pk")

    def new(self):
        """Messages nobody has started on yet."""
        return self.filter(status=MessageStatus.NEW)

    def open(self):
        return self.filter(status__in=[MessageStatus.NEW, MessageStatus.IN_PROGRESS])

    def set_status(self, status, user):
        """Give these messages ``status``; those it changes are recorded as handled by ``user`` now
        when it is a status of someone taking them up. Returns how many changed."""
        changes = {"status": status}
        if status in HANDLED_STATUSES:
            changes.update(handled_by=user, handled_at=timezone.now())
        return self.exclude(status=status).update(**changes)


class ContactMessage(models.Model):
    """A message sent with the form on the contact page. Saved before anything else happens to it."""

    # No public page shows it: saving it leaves the page cache alone, and Editors read and file
    # messages but never delete them (core.discovery.content_models, core.roles).
    private_record = True

    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.GENERAL)
    status = models.CharField(
        _("status"), max_length=20, choices=MessageStatus.choices, default=MessageStatus.NEW, db_index=True
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    region_of_interest = models.CharField(_("region of interest"), max_length=100, blank=True)
    programme = models.ForeignKey(
        "programs.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("programme"),
        help_text=_("The programme the message is about, as the sender chose it; staff may correct it."),
    )
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    consent = models.BooleanField(_("agreed to be contacted"), default=False)
    send_copy = models.BooleanField(_("asked for a copy"), default=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(_("Secretariat notified"), null=True, blank=True)
    notification_attempts = models.PositiveIntegerField(_("notification attempts"), default=0)
    notification_error = models.CharField(
        _("last notification problem"), max_length=20, choices=NotificationProblem.choices, blank=True
    )
    notification_retry_at = models.DateTimeField(_("next notification attempt"), null=True, blank=True)
    staff_notes = models.TextField(_("staff notes"), blank=True, help_text=_("Only staff see these notes."))
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("The language of the page the message was sent from; empty for older messages."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_messages",
        verbose_name=_("assigned to"),
        help_text=_("The colleague who answers this message."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_messages",
        verbose_name=_("handled by"),
        help_text=_("Who last marked it in progress, answered or spam."),
    )
    handled_at = models.DateTimeField(pgettext_lazy("handled", "when"), null=True, blank=True)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=Purpose.values), name="contact_message_known_purpose"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MessageStatus.values), name="contact_message_known_status"
            ),
            models.CheckConstraint(
                condition=~models.Q(purpose=Purpose.HOSTING)
                | (~models.Q(city="") & ~models.Q(country="") & ~models.Q(region_of_interest="")),
                name="contact_message_hosting_says_where",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("message"), MESSAGE_MAX_LENGTH), name="contact_message_length"
            ),
            models.CheckConstraint(condition=models.Q(consent=True), name="contact_message_consent_given"),
        ]

    def __str__(self):
        received = timezone.localdate(self.created_at)  # the day in Seoul, where the Secretariat reads it
        return f"{self.name} ({self.get_purpose_display()}, {received:%Y-%m-%d})"

    def clean(self):
        errors = {}
        if self.purpose == Purpose.HOSTING:
            for name in ["city", "country", "region_of_interest"]:
                if not getattr(self, name).strip():
                    errors[name] = _("Needed for an interest in hosting a Regional Office.")
        # Only for a new message: an answered one may outlive its programme (deleting it empties the link).
        if self._state.adding and self.purpose == Purpose.PROGRAMME and self.programme_id is None:
            errors["programme"] = _("Say which programme you are interested in.")
        if not self.consent:
            errors["consent"] = _("Please agree to be contacted, so that the Secretariat can answer you.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_notified(self):
        return self.notified_at is not None

    def record_status_change(self, user):
        """Called when a form changed the status: the same record as ``QuerySet.set_status`` keeps."""
        if self.status in HANDLED_STATUSES:
            self.handled_by = user
            self.handled_at = timezone.now()

    def reply_subject(self):
        """The subject of an answer, in the language the sender wrote in (English for older messages)."""
        language = self.language if self.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language):
            return gettext("Re: your message to WeGO of %(date)s") % {
                "date": date_format(timezone.localtime(self.created_at), "DATE_FORMAT")
            }

    def reply_url(self):
        """A mailto: link to the sender with the subject filled in. Both parts are percent-encoded, so
        nothing the sender typed can add a header, a second address or markup to the link."""
        return f"mailto:{quote(self.email, safe='@')}?subject={quote(self.reply_subject(), safe='')}"

    def notification_problem(self):
        """What staff read about a notification that was not sent, with when it will be tried again."""
        if self.is_notified or not self.notification_error:
            return ""
        known = self.notification_error in NotificationProblem.values
        problem = str(NotificationProblem(self.notification_error if known else NotificationProblem.FAILED).label)
        if self.notification_retry_at is None:
            return problem
        return gettext("%(problem)s It will be tried again at %(time)s (Seoul time).") % {
            "problem": problem,
            "time": date_format(timezone.localtime(self.notification_retry_at), "DATETIME_FORMAT"),
        }

    @classmethod
    def new_messages(cls):
        """How many messages wait for an answer: the count on the back office's index."""
        return cls.objects.new().count()
