from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchEntryQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Entries whose content is public now: a scheduled item waits for its publish-from date, an
        expiring one leaves at its publish-until date."""
        now = now or timezone.now()
        return self.filter(
            (models.Q(visible_from__isnull=True) | models.Q(visible_from__lte=now))
            & (models.Q(visible_until__isnull=True) | models.Q(visible_until__gt=now))
        )

    def in_language(self, language):
        return self.filter(language=language)


class SearchEntry(models.Model):
    """One public object in one language, as the site search finds it.

    Written and queried only by the ``search`` app; rebuilt with ``manage.py rebuild_search_index``.
    The ``*_terms`` columns hold the normalised words (lower case, Latin accents removed, Chinese
    characters one by one), padded with a space at each end: PostgreSQL builds its weighted
    full-text vector from them, and the SQLite fallback matches whole words in ``document``.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    language = models.CharField(_("language"), max_length=10)
    # The kinds are those of the apps' search sources (search.index.sources()), not a list kept here.
    kind = models.CharField(_("kind"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True, help_text=_("Plain text the excerpt of a result is taken from."))
    url = models.CharField(_("address"), max_length=500)
    visible_from = models.DateTimeField(
        _("visible from"), null=True, blank=True, help_text=_("The latest publish-from date of what the entry shows.")
    )
    visible_until = models.DateTimeField(
        _("visible until"),
        null=True,
        blank=True,
        help_text=_("The earliest publish-until date of what the entry shows."),
    )
    title_terms = models.TextField(_("title words"), blank=True)
    names_terms = models.TextField(_("name, place and topic words"), blank=True)
    body_terms = models.TextField(_("body words"), blank=True)
    document = models.TextField(_("all words"), blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="wego_site_searchentry_one_per_language"
            ),
        ]
        indexes = [models.Index(fields=["language", "kind"], name="wego_site_search_lang_kind")]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def get_absolute_url(self):
        return self.url

    def get_kind_display(self):
        """What the result is ("Regional Office"), as the source of its kind calls it.

        The name Django gives this method on a field with choices: the results page shows it.
        """
        from .index import sources

        source = sources().get(self.kind)
        return source.label if source else self.kind
