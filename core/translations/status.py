"""Where each translation stands: complete, missing fields, or out of date since the English changed.

- Every save of a translated model (modeltranslation), fixture loads included, refreshes the item's
  rows: per field and language, a digest of the English text as it was when the translation was last
  saved (``TranslatedField``), and per language the item's state (``TranslationStatus``), which the
  admin's lists filter by and the translation report counts.
- A field is missing in a language when its English is written and its translation is blank; it is
  out of date when the English changed after the translation was saved. Saving the translation
  unchanged keeps it out of date; changing it (or "Mark as up to date", for a translator who checked
  that the old text still fits) makes it current.
- Drafts of changes (``core.editing``) are form data, not rows: the state follows the saved rows.
- Content that existed before the states were kept counts as up to date where it is translated:
  ``rebuild()`` records it so (``load_site_content`` calls it), and is safe to run again.
"""

import hashlib
import html
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from ..models import TranslatedField, TranslationLanguageState, TranslationStatus

SOURCE = getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", settings.LANGUAGE_CODE)


def target_languages():
    """``[(code, name)]`` of the languages translated from English, as settings name them."""
    return [(code, name) for code, name in settings.LANGUAGES if code != SOURCE]


def language_name(code):
    return _(dict(settings.LANGUAGES).get(code, code))


def translated_models():
    return [model for model in translator.get_registered_models(abstract=False) if not model._meta.proxy]


def fields_of(model):
    """The names of ``model``'s translated fields, in the order of the model (and of its form)."""
    try:
        names = translator.get_options_for_model(model).fields
    except NotRegistered:
        return []
    return [field.name for field in model._meta.fields if field.name in names]


def column(field, language):
    return build_localized_fieldname(field, language)


def field_label(model, field):
    return capfirst(model._meta.get_field(field).verbose_name)


def _text(value):
    return re.sub(r"\s+", " ", str(value or "")).strip()


def is_blank(value):
    """Nothing a reader would see: empty, spaces, or rich text with no words (``<p></p>``,
    ``<p>&nbsp;</p>``)."""
    return not _text(html.unescape(strip_tags(str(value or ""))))


def digest(value):
    """A fingerprint of a text; spacing alone does not change it."""
    return hashlib.sha256(_text(value).encode()).hexdigest()


def _key(obj):
    return ContentType.objects.get_for_model(obj), str(obj.pk)


# -- Keeping the states ------------------------------------------------------------------------------


def refresh(obj, current=()):
    """Record ``obj``'s translations as they are saved now, and its state in each language.

    A translation seen for the first time, or changed since last time, is recorded against the English
    as it is now; one unchanged keeps the English it was written for. ``current``: languages to record
    as up to date whatever the English was ("Mark as up to date"). A save that changes no state
    costs two reads: most saves of an item leave its translations alone."""
    content_type, object_id = _key(obj)
    fields = fields_of(type(obj))
    known = {
        (row.field, row.language): row
        for row in TranslatedField.objects.filter(content_type=content_type, object_id=object_id)
    }
    statuses = {
        status.language: status
        for status in TranslationStatus.objects.filter(content_type=content_type, object_id=object_id)
    }
    for language, _name in target_languages():
        missing, outdated = [], []
        for field in fields:
            english = getattr(obj, column(field, SOURCE), "")
            translation = getattr(obj, column(field, language), "")
            row = known.get((field, language))
            if is_blank(translation):
                if row is not None:
                    row.delete()
                if not is_blank(english):
                    missing.append(field)
                continue
            english_digest, translation_digest = digest(english), digest(translation)
            if row is None:
                TranslatedField.objects.create(
                    content_type=content_type,
                    object_id=object_id,
                    field=field,
                    language=language,
                    english_digest=english_digest,
                    translation_digest=translation_digest,
                )
            elif row.translation_digest != translation_digest or language in current:
                row.english_digest, row.translation_digest = english_digest, translation_digest
                row.save(update_fields=["english_digest", "translation_digest", "saved_at"])
            elif row.english_digest != english_digest:
                outdated.append(field)
        if missing:
            state = TranslationLanguageState.MISSING
        elif outdated:
            state = TranslationLanguageState.OUTDATED
        else:
            state = TranslationLanguageState.COMPLETE
        values = {
            "state": state,
            "missing_fields": missing,
            "outdated_fields": outdated,
            "missing_count": len(missing),
            "outdated_count": len(outdated),
        }
        status = statuses.get(language)
        if status is None:
            TranslationStatus.objects.create(
                content_type=content_type, object_id=object_id, language=language, **values
            )
        elif any(getattr(status, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(status, name, value)
            status.save(update_fields=[*values, "updated_at"])


def mark_current(obj, language):
    """``obj``'s translation into ``language`` checked and still right: no longer out of date."""
    with transaction.atomic():
        refresh(obj, current={language})


def forget(obj):
    content_type, object_id = _key(obj)
    TranslatedField.objects.filter(content_type=content_type, object_id=object_id).delete()
    TranslationStatus.objects.filter(content_type=content_type, object_id=object_id).delete()


def rebuild():
    """Record every item of every translated model; what has no record yet counts as up to date.
    Returns how many items were checked."""
    count = 0
    for model in translated_models():
        with transaction.atomic():
            for obj in model._default_manager.order_by("pk").iterator():
                refresh(obj)
                count += 1
    return count


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # A save of named columns none of which is translated (an order, a publication date) changes no state.
    if update_fields is not None:
        names = fields_of(sender)
        translated = {*names, *(column(name, code) for name in names for code, _name in settings.LANGUAGES)}
        if translated.isdisjoint(update_fields):
            return
    refresh(instance)  # fixtures too (raw): the loaded rows are what is translated


def _deleted(sender, instance, **kwargs):
    forget(instance)


def connect_signals():
    """Keep the states on every save and deletion of a translated model; safe to call twice."""
    for model in translated_models():
        uid = f"wego-translation-status-{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid, weak=False)


# -- Reading the states ------------------------------------------------------------------------------


def statuses_of(model):
    """The status rows of ``model``'s items, as a subquery on their primary key."""
    return TranslationStatus.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=Cast(models.OuterRef("pk"), models.CharField()),
    )


def filter_by(queryset, language, kind):
    """The items of ``queryset`` whose ``language`` translation has ``kind`` (missing, outdated,
    complete) fields."""
    statuses = statuses_of(queryset.model).filter(language=language)
    if kind == TranslationLanguageState.MISSING:
        statuses = statuses.filter(missing_count__gt=0)
    elif kind == TranslationLanguageState.OUTDATED:
        statuses = statuses.filter(outdated_count__gt=0)
    else:
        statuses = statuses.filter(state=TranslationLanguageState.COMPLETE)
    return queryset.filter(models.Exists(statuses))


class LanguageState:
    """One item's translation into one language, worded for staff."""

    def __init__(self, model, language, status):
        self.language = language
        self.name = language_name(language)
        self.status = status
        self.state = status.state if status else ""
        # A field translated no longer (removed since the row was kept) is left out until the next save.
        kept = set(fields_of(model))
        self.missing = [field_label(model, f) for f in (status.missing_fields if status else []) if f in kept]
        self.outdated = [field_label(model, f) for f in (status.outdated_fields if status else []) if f in kept]

    @property
    def short(self):
        """For a list column: "✓", "2 missing", "out of date"."""
        if self.status is None:
            return "–"
        if self.missing:
            return _("%(count)d missing") % {"count": len(self.missing)}
        if self.outdated:
            return _("out of date")
        return "✓"

    @property
    def text(self):
        """In full: "Korean: 2 fields missing (Summary, Body)"."""
        if self.status is None:
            return _("%(language)s: not checked yet") % {"language": self.name}
        parts = []
        if self.missing:
            parts.append(_("missing: %(fields)s") % {"fields": ", ".join(map(str, self.missing))})
        if self.outdated:
            parts.append(_("out of date: %(fields)s") % {"fields": ", ".join(map(str, self.outdated))})
        return _("%(language)s: %(state)s") % {"language": self.name, "state": "; ".join(parts) or _("complete")}


def states_of(obj, statuses=None):
    """``[LanguageState]`` of ``obj`` in each language translated from English."""
    if statuses is None:
        content_type, object_id = _key(obj)
        statuses = TranslationStatus.objects.filter(content_type=content_type, object_id=object_id)
    by_language = {status.language: status for status in statuses}
    return [LanguageState(type(obj), code, by_language.get(code)) for code, _name in target_languages()]
