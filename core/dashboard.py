"""The admin index's dashboard: what an editor should look at first.

My drafts, what goes live in the next 30 days, what colleagues changed lately, and content nobody
has reviewed (saved in the admin) for a year. Built from the publishable models and Django's own
admin log, so it needs no table of its own.
"""

import datetime
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .discovery import content_models
from .editing import person
from .models import Draft
from .publishing import PublicationStatus, Publishable

SHOWN = 8  # rows per panel
REVIEW_AFTER = datetime.timedelta(days=365)


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    url: str
    when: datetime.datetime | None = None
    who: str = ""


def _publishable_models():
    return [model for model in content_models() if issubclass(model, Publishable)]


def _admin_url(model, pk):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""  # a model edited only inline


def _row(obj, when=None, who=""):
    return Row(str(obj), str(obj._meta.verbose_name), _admin_url(type(obj), obj.pk), when, who)


def _rows_of(pairs, **conditions):
    """Rows for ``pairs`` of (content type, object id, when), in their order: one query per model,
    keeping the rows that meet ``conditions``."""
    wanted = {}
    for content_type, object_id, _when in pairs:
        wanted.setdefault(content_type, set()).add(object_id)
    found = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class() if content_type else None  # None: its model is gone
        if model is None or not issubclass(model, Publishable):
            continue
        for obj in model._default_manager.filter(pk__in=ids, **conditions):
            found[(content_type, str(obj.pk))] = obj
    rows = []
    for content_type, object_id, when in pairs:
        obj = found.pop((content_type, object_id), None)
        if obj is not None:
            rows.append(_row(obj, when))
    return rows


def my_drafts(user):
    """Drafts this person saved last, and live items with a draft of changes they saved."""
    entries = LogEntry.objects.filter(user=user).select_related("content_type").order_by("-action_time")[:200]
    latest = {}  # each item once, at its latest entry
    for entry in entries:
        latest.setdefault((entry.content_type, entry.object_id), entry.action_time)
    drafts = _rows_of([(ct, pk, when) for (ct, pk), when in latest.items()], publication_status=PublicationStatus.DRAFT)
    waiting = Draft.objects.filter(saved_by=user).select_related("content_type").order_by("-saved_at")[:SHOWN]
    changes = _rows_of([(draft.content_type, draft.object_id, draft.saved_at) for draft in waiting])
    return [*drafts[:SHOWN], *changes][:SHOWN]


def scheduled(days=30):
    """What goes live or leaves the site in the next ``days`` days, soonest first."""
    now = timezone.now()
    until = now + datetime.timedelta(days=days)
    rows = []
    for model in _publishable_models():
        published = model._default_manager.filter(publication_status=PublicationStatus.PUBLISHED)
        for obj in published.filter(publish_from__gt=now, publish_from__lte=until)[:SHOWN]:
            rows.append(_row(obj, obj.publish_from, _("goes live")))
        for obj in published.filter(publish_until__gt=now, publish_until__lte=until)[:SHOWN]:
            rows.append(_row(obj, obj.publish_until, _("leaves the site")))
    return sorted(rows, key=lambda row: row.when)[:SHOWN]


def colleagues_changes(user):
    entries = LogEntry.objects.exclude(user=user).select_related("user", "content_type").order_by("-action_time")
    rows = []
    for entry in entries[:SHOWN]:
        model = entry.content_type.model_class() if entry.content_type else None
        url = _admin_url(model, entry.object_id) if model and entry.action_flag != 3 else ""
        kind = str(model._meta.verbose_name) if model else ""
        rows.append(Row(entry.object_repr, kind, url, entry.action_time, person(entry.user)))
    return rows


def not_reviewed():
    """Live items nobody has saved in the admin for a year (or ever)."""
    cutoff = timezone.now() - REVIEW_AFTER
    rows = []
    for model in _publishable_models():
        saved = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=Cast(OuterRef("pk"), CharField()),
            action_time__gte=cutoff,
        )
        rows.extend(_row(obj) for obj in model._default_manager.published().exclude(Exists(saved))[:SHOWN])
    return rows[:SHOWN]


def dashboard(request):
    user = request.user
    return {
        "dashboard": {
            "my_drafts": my_drafts(user),
            "scheduled": scheduled(),
            "colleagues": colleagues_changes(user),
            "not_reviewed": not_reviewed(),
        }
    }
