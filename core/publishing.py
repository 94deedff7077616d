"""One publishing rule for every public content type: published and due.

A row shown on its parent's page (a session on its programme's, a staff contact on its office's)
names that foreign key in ``publication_parent``: it is public only while the parent is, and so on up.
A parent the row may lack (a testimonial without a session) does not hide it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def published_q(prefix=""):
    """The rule as a filter, for these rows or (with ``prefix``, e.g. "programme__") a related row."""
    return models.Q(**{f"{prefix}publication_status": PublicationStatus.PUBLISHED}) & (
        models.Q(**{f"{prefix}publish_from__isnull": True}) | models.Q(**{f"{prefix}publish_from__lte": timezone.now()})
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

    def drafts(self):
        return self.filter(publication_status=PublicationStatus.DRAFT)


class Publishable(models.Model):
    publication_status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
        db_index=True,
        help_text=_("Drafts are visible only to logged-in staff, with a preview banner."),
    )
    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Optional: keep a published item hidden until this date and time."),
    )

    objects = PublishableQuerySet.as_manager()

    # The foreign key to the row whose page shows this one, if any (see the module's docstring).
    publication_parent = None

    class Meta:
        abstract = True

    @property
    def is_public(self):
        """As ``published()`` decides, for this row."""
        own = self.publication_status == PublicationStatus.PUBLISHED and (
            self.publish_from is None or self.publish_from <= timezone.now()
        )
        parent = getattr(self, self.publication_parent) if self.publication_parent else None
        return own and (parent is None or parent.is_public)


def visible_to(queryset, request):
    """Published items for visitors; everything for logged-in staff (draft previews)."""
    if request.user.is_authenticated and request.user.is_staff:
        return queryset.all()
    return queryset.published()
