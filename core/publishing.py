"""One publishing rule for every public content type: published, due, and not expired.

Everything starts as a draft: an item goes on the site only when someone publishes it on purpose.

A row shown on its parent's page (a session on its programme's, a staff contact on its office's)
names that foreign key in ``publication_parent``: it is public only while the parent is, and so on up.
A parent the row may lack (a testimonial without a session) does not hide it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFERRED = object()  # a status the query did not load


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def published_q(prefix=""):
    """The rule as a filter, for these rows or (with ``prefix``, e.g. "programme__") a related row."""
    now = timezone.now()
    return (
        models.Q(**{f"{prefix}publication_status": PublicationStatus.PUBLISHED})
        & (models.Q(**{f"{prefix}publish_from__isnull": True}) | models.Q(**{f"{prefix}publish_from__lte": now}))
        & (models.Q(**{f"{prefix}publish_until__isnull": True}) | models.Q(**{f"{prefix}publish_until__gt": now}))
    )


def _parents_q(model, prefix=""):
    """The rule for each publication parent of ``model``, up the chain."""
    parent = model.publication_parent
    if not parent:
        return models.Q()
    field = model._meta.get_field(parent)
    path = f"{prefix}{parent}__"
    condition = published_q(path) & _parents_q(field.related_model, path)
    if field.null:
        condition |= models.Q(**{f"{prefix}{parent}__isnull": True})
    return condition


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: published, and due if a publish-from date is set; its parents too."""
        return self.filter(published_q() & _parents_q(self.model))

    def scheduled(self):
        """Published, but waiting for its publish-from date."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED, publish_from__gt=timezone.now())

    def expired(self):
        """Published, but past its publish-until date."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED, publish_until__lte=timezone.now())

    def drafts(self):
        return self.filter(publication_status=PublicationStatus.DRAFT)


class Publishable(models.Model):
    publication_status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text=_("Drafts are visible only to logged-in staff, with a preview banner."),
    )
    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Optional, in Seoul time: keep a published item hidden until this date and time."),
    )
    publish_until = models.DateTimeField(
        _("publish until"),
        null=True,
        blank=True,
        help_text=_("Optional, in Seoul time: take a published item off the site at this date and time."),
    )
    last_published_at = models.DateTimeField(
        _("last published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When someone last published this item."),
    )

    objects = PublishableQuerySet.as_manager()

    # The foreign key to the row whose page shows this one, if any (see the module's docstring).
    publication_parent = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # "Live since": the moment a draft (or a new item) was published, whoever published it.
        stored = getattr(self, "_stored_status", None)
        if self.publication_status == PublicationStatus.PUBLISHED and stored not in (
            PublicationStatus.PUBLISHED,
            DEFERRED,
        ):
            self.last_published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "last_published_at"}
        super().save(*args, **kwargs)
        self._stored_status = self.publication_status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The status as stored, to tell a publication from a save of a live item; unknown when the query
        # deferred it (.only()), and then the save does not count as a publication.
        instance._stored_status = instance.__dict__.get("publication_status", DEFERRED)
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using, fields, from_queryset)
        if fields is None or "publication_status" in fields:
            self._stored_status = self.publication_status

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError({"publish_until": _("The end of publication must come after its start.")})

    @property
    def is_public(self):
        """As ``published()`` decides, for this row."""
        now = timezone.now()
        own = (
            self.publication_status == PublicationStatus.PUBLISHED
            and (self.publish_from is None or self.publish_from <= now)
            and (self.publish_until is None or self.publish_until > now)
        )
        parent = getattr(self, self.publication_parent) if self.publication_parent else None
        return own and (parent is None or parent.is_public)


def visible_to(queryset, request):
    """Published items for visitors; everything for logged-in staff (draft previews)."""
    if request.user.is_authenticated and request.user.is_staff:
        return queryset.all()
    return queryset.published()
