"""One publishing rule for every public content type: published and due."""

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


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: published, and due if a publish-from date is set."""
        return self.filter(published_q())

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

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.publication_status == PublicationStatus.PUBLISHED and (
            self.publish_from is None or self.publish_from <= timezone.now()
        )


def visible_to(queryset, request):
    """Published items for visitors; everything for logged-in staff (draft previews)."""
    if request.user.is_authenticated and request.user.is_staff:
        return queryset.all()
    return queryset.published()
