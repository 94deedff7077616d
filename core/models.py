"""Rules that models of several apps share, and the one table of core: changes waiting as drafts."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _


class Orderable(models.Model):
    """A row that staff put in its place among its siblings with a number, lowest first (as
    Wagtail's ``Orderable``). Rows with the same number stay in the order they were added."""

    order = models.PositiveIntegerField(_("display order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class DescribedImage:
    """An image and the text that describes it for visitors who cannot see it: an image needs its
    description. One rule for the admin (``errors()``, from the model's ``clean()``) and for the
    database (``constraint()``), each with the model's own message.

    For a translated description, name the column of the language every other falls back to
    (``photo_alt_en``): that one is required.
    """

    def __init__(self, image, description, message):
        self.image = image
        self.description = description
        self.message = message

    def constraint(self, name):
        # A translated description's column is NULL until written, and CHECK lets NULL through: spelled out.
        described = models.Q(**{f"{self.description}__isnull": False}) & ~models.Q(**{self.description: ""})
        return models.CheckConstraint(
            condition=models.Q(**{self.image: ""}) | described, name=name, violation_error_message=self.message
        )

    def errors(self, instance):
        """``{description field: message}`` when the image has no description (blanks are none)."""
        if getattr(instance, self.image) and not (getattr(instance, self.description) or "").strip():
            return {self.description: self.message}
        return {}


class Draft(models.Model):
    """Changes to a published item, saved without going live: the change form as it was submitted.

    Visitors keep seeing the item as it is in its own table; the editor who opens the form gets these
    values back, previews them, and publishes them (the form is then saved as usual) or discards them.
    Keeping the submitted form, rather than a copy of the rows, keeps new and removed inline rows
    (a staff contact added to a live office) out of the public tables until they are published.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.CharField(_("object id"), max_length=64)
    data = models.JSONField(_("form data"), help_text=_("Each field's submitted values."))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("saved by")
    )
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("draft of changes")
        verbose_name_plural = _("drafts of changes")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="core_draft_one_per_item")]

    def __str__(self):
        return f"{self.content_type} {self.object_id}"

    @classmethod
    def of(cls, obj):
        return cls.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    def form_data(self):
        data = QueryDict(mutable=True)
        for name, values in self.data.items():
            data.setlist(name, values)
        data._mutable = False
        return data


class TranslationLanguageState(models.TextChoices):
    COMPLETE = "complete", _("complete")
    MISSING = "missing", _("missing fields")
    OUTDATED = "outdated", _("out of date")


class TranslatedField(models.Model):
    """One translated field of one item in one language, as it was when its translation was last
    saved: digests of the English text then and of the translation. The English changing afterwards
    (its digest no longer matching) is what makes the translation out of date (``core.translation_status``)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.CharField(_("object id"), max_length=64)
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    english_digest = models.CharField(_("digest of the English text"), max_length=64)
    translation_digest = models.CharField(_("digest of the translation"), max_length=64)
    saved_at = models.DateTimeField(_("translation saved at"), auto_now=True)

    class Meta:
        verbose_name = _("translated field")
        verbose_name_plural = _("translated fields")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="core_translatedfield_one_per_field"
            )
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id} {self.field} [{self.language}]"


class TranslationStatus(models.Model):
    """Where one item's translation into one language stands, kept up to date on every save of the
    item: what the admin's lists filter by, the translation report counts, and exports list."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.CharField(_("object id"), max_length=64)
    language = models.CharField(_("language"), max_length=10)
    # Missing fields come first: a translation both incomplete and out of date is shown as missing.
    state = models.CharField(_("state"), max_length=10, choices=TranslationLanguageState.choices)
    missing_fields = models.JSONField(_("missing fields"), default=list, blank=True)
    outdated_fields = models.JSONField(_("out-of-date fields"), default=list, blank=True)
    # Counted beside the lists, for filters that work alike on every database.
    missing_count = models.PositiveIntegerField(_("missing"), default=0)
    outdated_count = models.PositiveIntegerField(_("out of date"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("translation report")
        verbose_name_plural = _("translation report")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"], name="core_translationstatus_one")
        ]
        indexes = [models.Index(fields=["content_type", "language", "state"], name="core_trstatus_state")]

    def __str__(self):
        return f"{self.content_type} {self.object_id} [{self.language}]: {self.state}"
