"""Calls for bids to host (a Regional Office, a General Assembly, a meeting) and the cities' bids.

A call is public content, published like the rest of the site. A bid is a private record: the city
reaches it only through a private link (``BidAccess``: a random secret, kept only as a keyed hash,
expiring, revocable), the Secretariat through the admin. Its documents are never served by the
public file view (``private_record``); the bid space and the admin serve them after their own checks.

The bid's life: expression received -> in preparation (the city has opened its space) -> submitted
-> under review -> shortlisted -> selected or not selected. Before the call's bid deadline (or the
date until which the Secretariat reopened it) and until it is submitted, the city may change it.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core import uploads
from core.models import Orderable
from core.phones import validate_phone
from core.publishing import Publishable, PublishableQuerySet
from core.richtext import RichTextField

# ---------------------------------------------------------------------------------------------- calls


# Paths under /bids/ that are pages of their own, so no call may take them as its slug.
RESERVED_SLUGS = ("link", "space", "interest", "sent")


class CallKind(models.TextChoices):
    REGIONAL_OFFICE = "office", _("Regional Office")
    GENERAL_ASSEMBLY = "assembly", _("General Assembly")
    MEETING = "meeting", _("Other meeting")


class CallQuerySet(PublishableQuerySet):
    def open(self, now=None):
        """Calls taking bids: not decided, and their bid deadline (if any) still ahead."""
        now = now or timezone.now()
        return self.filter(outcome_announced=False).filter(Q(bid_deadline__isnull=True) | Q(bid_deadline__gt=now))

    def closed(self, now=None):
        """Calls past their bid deadline whose outcome is not announced yet."""
        now = now or timezone.now()
        return self.filter(outcome_announced=False, bid_deadline__lte=now)

    def decided(self):
        return self.filter(outcome_announced=True)


class Call(Publishable):
    """A call for bids to host something, with its terms, documents, checklist, questions and criteria."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        db_index=False,  # the unique constraint below is the index
        help_text=_("The last part of the call’s address, e.g. “regional-offices” in /bids/regional-offices/."),
    )
    kind = models.CharField(_("what may be hosted"), max_length=10, choices=CallKind.choices)
    region = models.CharField(
        _("region"), max_length=200, blank=True, help_text=_("For a Regional Office: the region or regions it serves.")
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for the list of calls; about 200 characters.")
    )
    eligibility = RichTextField(_("who may bid"), blank=True)
    terms = RichTextField(_("terms"), blank=True)
    documents = models.ManyToManyField(
        "offices.HostingDocument",
        blank=True,
        related_name="calls",
        verbose_name=_("documents"),
        help_text=_("The hosting documents bidders read, in every language they exist in."),
    )
    interest_deadline = models.DateTimeField(
        _("expression of interest deadline"), null=True, blank=True, help_text=_("In Seoul time. Empty: none.")
    )
    bid_deadline = models.DateTimeField(
        _("bid deadline"),
        null=True,
        blank=True,
        help_text=_("In Seoul time. Empty: a standing call, open until it is decided."),
    )
    decision_expected = models.DateTimeField(
        _("decision expected"), null=True, blank=True, help_text=_("In Seoul time, when the decision is planned.")
    )
    outcome_announced = models.BooleanField(
        _("outcome announced"),
        default=False,
        help_text=_("Shows the outcome on the call’s page and lists it as decided."),
    )
    outcome = RichTextField(_("outcome"), blank=True, help_text=_("What was decided, as visitors read it."))

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for bids")
        verbose_name_plural = _("calls for bids")
        ordering = ["-bid_deadline", "title"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="bids_call_unique_slug"),
            models.CheckConstraint(condition=Q(kind__in=CallKind.values), name="bids_call_kind_valid"),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_SLUGS),
                name="bids_call_slug_not_reserved",
                violation_error_message=_("This slug is the address of another page; choose another."),
            ),
            models.CheckConstraint(
                condition=Q(interest_deadline__isnull=True)
                | Q(bid_deadline__isnull=True)
                | Q(interest_deadline__lte=models.F("bid_deadline")),
                name="bids_call_interest_before_bids",
                violation_error_message=_("The expression of interest deadline cannot be after the bid deadline."),
            ),
            models.CheckConstraint(
                condition=Q(decision_expected__isnull=True)
                | Q(bid_deadline__isnull=True)
                | Q(decision_expected__gte=models.F("bid_deadline")),
                name="bids_call_decision_after_bids",
                violation_error_message=_("The decision cannot be expected before the bid deadline."),
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The deadline whose reminders are on the queue already (see signals.schedule_reminders).
        instance._scheduled_deadline = instance.__dict__.get("bid_deadline")
        return instance

    def get_absolute_url(self):
        return reverse("bids:call", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.outcome_announced and not self.outcome:
            raise ValidationError({"outcome": _("Write the outcome before announcing it.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return not self.outcome_announced and (self.bid_deadline is None or self.bid_deadline > now)

    def takes_interest(self, now=None):
        """Whether a city may still express interest: the call is open and its interest deadline ahead."""
        now = now or timezone.now()
        return self.is_open(now) and (self.interest_deadline is None or self.interest_deadline > now)


class ChecklistItem(Orderable):
    """A document the Secretariat asks every bid to this call for, e.g. a letter of intent from the mayor."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("call"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it should contain"), blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta(Orderable.Meta):
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist")

    def __str__(self):
        return self.title


class Question(Orderable):
    """A question every bid to this call answers in writing."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions", verbose_name=_("call"))
    text = models.CharField(_("question"), max_length=500)
    guidance = models.TextField(_("guidance"), blank=True, help_text=_("What a good answer covers."))
    required = models.BooleanField(_("required"), default=True)

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text


MAX_SCORE = 10


class Criterion(Orderable):
    """What the Secretariat scores every bid on, from 0 to 10, weighted."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call"))
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("How much this criterion counts against the others (1 or more).")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [models.CheckConstraint(condition=Q(weight__gte=1), name="bids_criterion_weight_positive")]

    def __str__(self):
        return self.name


def weighted_mean(scores):
    """The weighted mean of ``scores`` (``Score`` rows with their criteria) out of 10, to two
    decimals; None before any score. The review page, the comparison and the exports all use it."""
    scores = list(scores)
    total_weight = sum(score.criterion.weight for score in scores)
    if not total_weight:
        return None
    return round(sum(score.criterion.weight * score.score for score in scores) / total_weight, 2)


# ----------------------------------------------------------------------------------------------- bids


class BidStatus(models.TextChoices):
    RECEIVED = "received", _("Expression of interest received")
    PREPARING = "preparing", _("In preparation")
    SUBMITTED = "submitted", _("Submitted")
    REVIEW = "review", _("Under review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


# The statuses in which the city may still change its bid (before the deadline).
EDITABLE_STATUSES = (BidStatus.RECEIVED, BidStatus.PREPARING)
DECIDED_STATUSES = (BidStatus.SELECTED, BidStatus.NOT_SELECTED)


class BidQuerySet(models.QuerySet):
    def with_progress(self):
        """Each bid with ``documents_missing`` and ``answers_missing``: the required checklist items
        without a document and the required questions without an answer."""
        has_document = BidDocument.objects.filter(bid=OuterRef(OuterRef("pk")), item=OuterRef("pk"))
        has_answer = Answer.objects.filter(bid=OuterRef(OuterRef("pk")), question=OuterRef("pk")).exclude(text="")
        missing_documents = (
            ChecklistItem.objects.filter(call=OuterRef("call"), required=True)
            .exclude(Exists(has_document))
            .order_by()  # the default ordering would join the GROUP BY and split the count
            .values("call")
            .annotate(n=Count("pk"))
            .values("n")
        )
        missing_answers = (
            Question.objects.filter(call=OuterRef("call"), required=True)
            .exclude(Exists(has_answer))
            .order_by()  # the default ordering would join the GROUP BY and split the count
            .values("call")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            documents_missing=models.functions.Coalesce(models.Subquery(missing_documents), 0),
            answers_missing=models.functions.Coalesce(models.Subquery(missing_answers), 0),
        )

    def incomplete(self):
        return self.with_progress().filter(Q(documents_missing__gt=0) | Q(answers_missing__gt=0))


class Bid(models.Model):
    """A city's bid to a call: who it is, its documents and answers, and where it stands."""

    private_record = True

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="bids", verbose_name=_("call"))
    city = models.CharField(_("city"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_role = models.CharField(_("role"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    is_member = models.BooleanField(_("WeGO member city"), default=False)
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(
        _("language"), max_length=10, default="en", help_text=_("The language the city wrote in; e-mails use it.")
    )
    status = models.CharField(_("status"), max_length=12, choices=BidStatus.choices, default=BidStatus.RECEIVED)
    created_at = models.DateTimeField(_("expression received"), default=timezone.now, editable=False)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    reopened_until = models.DateTimeField(
        _("reopened until"),
        null=True,
        blank=True,
        help_text=_("In Seoul time: the city may change and submit its bid until then, whatever the call’s deadline."),
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bids",
        verbose_name=_("Regional Office"),
        help_text=_("The office created from this bid once it was selected."),
    )

    objects = BidQuerySet.as_manager()

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["-last_activity_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=BidStatus.values), name="bids_bid_status_valid"),
        ]

    def __str__(self):
        return f"{self.city}, {self.country}"

    @property
    def deadline(self):
        """Until when the city may change and submit: the reopening date, else the call's bid deadline."""
        return self.reopened_until or self.call.bid_deadline

    def is_past_deadline(self, now=None):
        now = now or timezone.now()
        return self.deadline is not None and self.deadline <= now

    def is_editable(self, now=None):
        """The city may upload, answer, invite and submit."""
        if self.status not in EDITABLE_STATUSES or self.call.outcome_announced:
            return False
        return not self.is_past_deadline(now)

    def touch(self):
        self.last_activity_at = timezone.now()
        Bid.objects.filter(pk=self.pk).update(last_activity_at=self.last_activity_at)

    def missing(self):
        """What the city still has to give before submitting: (checklist items, questions), required only."""
        given_items = set(self.documents.values_list("item_id", flat=True))
        answered = set(self.answers.exclude(text="").values_list("question_id", flat=True))
        items = [item for item in self.call.checklist.all() if item.required and item.pk not in given_items]
        questions = [q for q in self.call.questions.all() if q.required and q.pk not in answered]
        return items, questions

    def recipients(self):
        """Who hears about the bid: the contact and everyone with a link that is not revoked."""
        return sorted({access.email for access in self.accesses.filter(revoked_at__isnull=True)} | {self.email})

    def weighted_score(self):
        """The weighted mean of the scores given, out of 10; None before any score."""
        return weighted_mean(self.scores.select_related("criterion"))


def _hash_secret(secret):
    """The stored form of a link's secret: keyed with the site's SECRET_KEY, so the table alone is useless."""
    return salted_hmac("bids.BidAccess", secret, algorithm="sha256").hexdigest()


class BidAccessQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, token_hash__isnull=False)

    def for_secret(self, secret):
        """The access a link's secret opens, if it is still usable; its bid and call joined."""
        if not secret or len(secret) > 100:
            return None
        return self.usable().select_related("bid__call").filter(token_hash=_hash_secret(secret)).first()


class BidAccess(models.Model):
    """A person's private link to a bid space: the contact who expressed interest, or a colleague.

    The link's secret is made when the e-mail carrying it is sent (``issue``), so it exists nowhere
    but in that e-mail; the table keeps its keyed hash. Asking for a new link replaces the secret.
    """

    private_record = True

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("bid"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    invited_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("invited by")
    )
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    issued_at = models.DateTimeField(_("link sent"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("link expires"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(
        _("revoked"), null=True, blank=True, help_text=_("A revoked link opens nothing; asking again gives no new one.")
    )

    objects = BidAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("private link")
        verbose_name_plural = _("private links")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def issue(self):
        """A new secret for this access, valid for BID_LINK_DAYS; the previous one stops working.

        Returns the secret, to be put in the e-mail and nowhere else."""
        secret = secrets.token_urlsafe(32)
        self.token_hash = _hash_secret(secret)
        self.issued_at = timezone.now()
        self.expires_at = self.issued_at + timedelta(days=settings.BID_LINK_DAYS)
        self.save(update_fields=["token_hash", "issued_at", "expires_at"])
        return secret

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @staticmethod
    def space_url(secret):
        return reverse("bids:space", kwargs={"secret": secret})


class BidDocument(models.Model):
    """A document a city uploaded for a checklist item. A new upload for the same item is the current
    version; the earlier ones stay, as previous versions."""

    private_record = True

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="documents", verbose_name=_("bid"))
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="documents", verbose_name=_("checklist item")
    )
    file = models.FileField(
        _("file"),
        upload_to=uploads.UnguessablePath("bids/documents"),
        max_length=255,
        validators=[uploads.validate_document_file],
    )
    original_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        BidAccess, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("uploaded by")
    )

    class Meta:
        verbose_name = _("bid document")
        verbose_name_plural = _("bid documents")
        ordering = ["item__order", "item_id", "-uploaded_at", "-pk"]

    def __str__(self):
        return self.original_name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.file_sha256 = uploads.sha256_of(self.file)
            self.file_size = self.file.size
            self.original_name = self.original_name or self.file.name.rsplit("/", 1)[-1]
        super().save(*args, **kwargs)

    @property
    def content_type(self):
        kind = uploads.document_type(self.file.name)
        return kind.content_type if kind else "application/octet-stream"

    @property
    def size_display(self):
        return uploads.human_size(self.file_size)

    def download(self):
        """The document as a private attachment under its original name, for the bid space and the admin
        (each checks who asks first); 404 when its file is missing from storage."""
        try:
            handle = self.file.open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, ValueError, OSError) as error:
            raise Http404 from error
        response = FileResponse(handle, as_attachment=True, filename=self.original_name, content_type=self.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class Answer(models.Model):
    private_record = True

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="answers", verbose_name=_("bid"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question"))
    text = models.TextField(_("answer"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__order", "question_id"]
        constraints = [models.UniqueConstraint(fields=["bid", "question"], name="bids_answer_one_per_question")]

    def __str__(self):
        return str(self.question)


class BidEvent(models.Model):
    """A step of the bid's timeline: a status it reached, or a message from the Secretariat to the city."""

    private_record = True

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="events", verbose_name=_("bid"))
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    status = models.CharField(_("status"), max_length=12, choices=BidStatus.choices, blank=True)
    message = models.TextField(
        _("message to the city"), blank=True, help_text=_("The city reads it in its bid space and by e-mail.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.get_status_display() or str(_("Message"))


class InternalNote(models.Model):
    """A note of the Secretariat about a bid; the city never sees it."""

    private_record = True

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="notes", verbose_name=_("bid"))
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class Score(models.Model):
    private_record = True

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores", verbose_name=_("bid"))
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(MAX_SCORE)])
    comment = models.TextField(_("comment"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="bids_score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__lte=MAX_SCORE),
                name="bids_score_at_most_max",
                violation_error_message=_("A score is from 0 to 10."),
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class DocumentAccess(models.Model):
    """A member of staff opened a bid document: who, which, when."""

    private_record = True

    document = models.ForeignKey(
        BidDocument, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("document")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    accessed_at = models.DateTimeField(_("opened"), default=timezone.now)

    class Meta:
        verbose_name = _("document opened by staff")
        verbose_name_plural = _("documents opened by staff")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.document} ({self.accessed_at:%Y-%m-%d %H:%M})"


class Reminder(models.Model):
    """A reminder sent to a bid before a deadline: one per bid, deadline and number of days before it."""

    private_record = True

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("bid"))
    deadline = models.DateTimeField(_("deadline"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["bid", "deadline", "days_before"], name="bids_reminder_once_each"),
        ]

    def __str__(self):
        return f"{self.bid}: {self.days_before}"
