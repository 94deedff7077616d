"""The admin index's dashboard: what an editor should look at first.

My drafts, what goes live in the next 30 days, what colleagues changed lately, and content nobody
has reviewed (saved in the admin) for a year. Built from the publishable models and Django's own
admin log, so it needs no table of its own.
"""

import datetime
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .discovery import content_models
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


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def my_drafts(user):
    """Drafts this person saved last, and live items with a draft of changes they saved."""
    mine = LogEntry.objects.filter(user=user).order_by("-action_time")
    rows, seen = [], set()
    for entry in mine.select_related("content_type")[:200]:
        key = (entry.content_type_id, entry.object_id)
        if key in seen or entry.content_type is None:
            continue
        seen.add(key)
        model = entry.content_type.model_class()
        if model is None or not issubclass(model, Publishable):
            continue
        obj = model._default_manager.filter(pk=entry.object_id, publication_status=PublicationStatus.DRAFT).first()
        if obj is not None:
            rows.append(_row(obj, entry.action_time))
        if len(rows) >= SHOWN:
            break
    for draft in Draft.objects.filter(saved_by=user).select_related("content_type")[:SHOWN]:
        model = draft.content_type.model_class()
        obj = model._default_manager.filter(pk=draft.object_id).first() if model else None
        if obj is not None:
            rows.append(_row(obj, draft.saved_at))
    return rows[:SHOWN]


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
        rows.append(Row(entry.object_repr, kind, url, entry.action_time, _name(entry.user)))
    return rows


def not_reviewed():
    """Live items nobody has saved in the admin for a year (or ever), oldest first."""
    cutoff = timezone.now() - REVIEW_AFTER
    rows = []
    for model in _publishable_models():
        content_type = ContentType.objects.get_for_model(model)
        recent = LogEntry.objects.filter(content_type=content_type, action_time__gte=cutoff)
        recent = recent.values_list("object_id", flat=True)
        stale = model._default_manager.published().exclude(pk__in=[int(pk) for pk in recent if pk.isdigit()])
        rows.extend(_row(obj) for obj in stale[:SHOWN])
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
