"""The search index: what each app's sources give it, how it is built, and how it follows the content.

Sources
    Each app indexes its own models in ``<app>/search.py``, which lists them as ``sources = [...]``;
    they are found the way sitemaps are (``core.discovery``), so adding one touches no file here. A
    source names its kind ("office"), the label of one result ("Regional Office") and of the facet
    ("Regional Offices"), and where that facet stands on the results page.

The index
    One ``SearchEntry`` row per public object and language. Each row keeps the text in the visitor's
    language (modeltranslation falls back to English), split in three weights: the title (A), names,
    places, partners and topics (B) and the body (C), as normalised words (see ``words``).

    Objects are indexed when they are published, with ``visible_from`` set to the latest publish-from
    date of what decides their visibility (a session and its programme, say): a scheduled item is
    indexed at once and found from its date on, with no job to run at that moment; ``visible_until``,
    the earliest publish-until date, ends it the same way. Drafts are not
    indexed. Saving or deleting content (the admin, fixtures, the shell) re-indexes what it affects
    once the transaction commits; ``manage.py rebuild_search_index`` rebuilds everything.
"""

import threading
from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils.translation import override

from core.discovery import app_modules
from core.publishing import PublicationStatus

from .models import SearchEntry
from .words import terms

MAX_TEXT_LENGTH = 20_000
BATCH_SIZE = 200


def ids(queryset):
    """The primary keys of ``queryset``, for a source's ``watches``."""
    return list(queryset.values_list("pk", flat=True))


class Source:
    """How one model is indexed: which rows, what text, and which changes elsewhere affect it."""

    # The value stored in SearchEntry.kind, and the ``kind`` a visitor narrows the results to.
    kind = None
    # What one result is ("Regional Office") and what the facet of them all is called ("Regional Offices").
    label = None
    plural_label = None
    # Where the facet stands on the results page: lowest first.
    position = 0
    model = None

    def rows(self):
        """Every row that might be indexed, with what building its entry needs fetched in advance."""
        return self.model.objects.all()

    def public(self):
        """What visitors see now, by the model's own verbs: the index must agree with it."""
        return self.model.objects.published()

    def chain(self, obj):
        """The publishable objects whose status decides whether ``obj`` is public."""
        return [obj]

    def entry(self, obj):
        """title, names, body, text and url of ``obj`` in the active language."""
        raise NotImplementedError

    def watches(self):
        """{model: function(instance) -> pks of this source to re-index when that instance changes}."""
        return {self.model: lambda instance: [instance.pk]}


@cache
def sources():
    """{kind: source} of every app's ``search.py``, in the order of the facets on the results page."""
    found = {}
    # The search app is not among them: it has no ``search.search`` module, it reads the others.
    for module in app_modules("search"):
        for source in getattr(module, "sources", ()):
            if source.kind in found:
                raise ImproperlyConfigured(f"Two search sources index the kind {source.kind!r}.")
            found[source.kind] = source
    return dict(sorted(found.items(), key=lambda item: item[1].position))


# -- Building entries ----------------------------------------------------------------------------


def release_time(chain):
    """(public, visible_from, visible_until) for a chain of publishable objects: drafts are never public."""
    if any(item.publication_status != PublicationStatus.PUBLISHED for item in chain):
        return False, None, None
    starts = [item.publish_from for item in chain if item.publish_from]
    ends = [item.publish_until for item in chain if getattr(item, "publish_until", None)]
    return True, max(starts) if starts else None, min(ends) if ends else None


def _build(source, objects, content_type):
    entries = []
    for obj in objects:
        public, visible_from, visible_until = release_time(source.chain(obj))
        if not public:
            continue
        for language, _name in settings.LANGUAGES:
            with override(language):
                data = source.entry(obj)
                title = " ".join(str(data["title"] or "").split())[:300]
                names = [str(name) for name in data["names"] if name]
                body = [str(part) for part in data["body"] if part]
                text = data.get("text") or " ".join(" ".join(body).split())
                entries.append(
                    SearchEntry(
                        content_type=content_type,
                        object_id=obj.pk,
                        language=language,
                        kind=source.kind,
                        title=title,
                        text=text[:MAX_TEXT_LENGTH],
                        url=str(data["url"]),
                        visible_from=visible_from,
                        visible_until=visible_until,
                        title_terms=terms(title),
                        names_terms=terms(*names),
                        body_terms=terms(*body),
                        document=terms(title, *names, *body),
                    )
                )
    return entries


def reindex(kind, pks):
    """Bring the entries of these objects up to date: re-written if public or scheduled, removed if not."""
    source = sources()[kind]
    content_type = ContentType.objects.get_for_model(source.model)
    pks = sorted(set(pks))
    for offset in range(0, len(pks), BATCH_SIZE):
        batch = pks[offset : offset + BATCH_SIZE]
        entries = _build(source, source.rows().filter(pk__in=batch), content_type)
        with transaction.atomic():
            SearchEntry.objects.filter(content_type=content_type, object_id__in=batch).delete()
            SearchEntry.objects.bulk_create(entries)


def rebuild():
    """Rebuild the whole index; returns the number of entries written."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for kind, source in sources().items():
            reindex(kind, ids(source.model.objects))
    return SearchEntry.objects.count()


# -- Keeping the index current -------------------------------------------------------------------

_pending = threading.local()


def _pending_pks():
    if not hasattr(_pending, "pks"):
        _pending.pks = {}
    return _pending.pks


@cache
def _watchers():
    """{model label: [(kind, function(instance) -> pks to re-index)]} of every source."""
    table = {}
    for kind, source in sources().items():
        for model, affected in source.watches().items():
            table.setdefault(model._meta.label_lower, []).append((kind, affected))
    return table


def flush():
    """Re-index everything marked since the last flush (runs once the saving transaction commits)."""
    pending = _pending_pks()
    while pending:
        kind, pks = pending.popitem()
        reindex(kind, pks)


def _mark(instance):
    watchers = _watchers().get(instance._meta.label_lower)
    if not watchers:
        return
    pending = _pending_pks()
    for kind, affected in watchers:
        pks = [pk for pk in affected(instance) if pk is not None]
        if pks:
            pending.setdefault(kind, set()).update(pks)
    # Each change registers a flush; the first one after the commit does the work for all of them.
    # A rolled-back change is re-indexed too at the next flush, from what the database then holds.
    transaction.on_commit(flush, robust=True)


def _saved_or_deleted(sender, instance, **kwargs):
    _mark(instance)


def _relations_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("pre_clear", "post_clear", "post_add", "post_remove"):
        return
    _mark(instance)
    if pk_set and model._meta.label_lower in _watchers():
        for other in model.objects.filter(pk__in=pk_set):
            _mark(other)


def connect_signals():
    """Called once from SearchConfig.ready(), which finds the sources: only for the models some entry
    shows, so that other models (the index itself) keep Django's fast, signal-free bulk delete."""
    for label in _watchers():
        model = apps.get_model(label)
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"search-save-{label}")
        # Before the delete: what the row is related to (a city's sessions) is still there to be found.
        pre_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"search-delete-{label}")
    m2m_changed.connect(_relations_changed, dispatch_uid="search-m2m")
