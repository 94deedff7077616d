"""What is left to translate in one language, out to a spreadsheet and back in.

The export has one row per item and field that is missing or out of date: a key naming the item,
field and language, a fingerprint of the English it was made from, the item, the field, the English,
the current translation and an empty column for the new one. The import reads that file back and
checks every row as the admin's form would (the field's own cleaning, its length, the item's
``full_clean``; rich text goes through ``core.richtext.sanitise``), refusing with a sentence per row
what it cannot take: an unknown key, another language, English changed since the export.

One file spans every translated model, which is why this is plain openpyxl and csv rather than
django-import-export, whose resources each describe one model.

Saving writes only the translated columns, never the publication status: nothing unpublished goes
on the site. An item with a draft of changes waiting (``core.editing``) is refused, since publishing
that draft would put its older text back over the import; a live item needs the right to publish
it, as in its form. Each save keeps a revision with django-reversion, as an admin save does.

What a translator sees is what is applied: "Apply" sends back the changed lines with a fingerprint of
each translation as the preview showed it, and a line whose translation someone changed since is
refused rather than written over. Text a spreadsheet would run (``=``, ``+``, ``-``, ``@`` first) is
exported as text.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

import reversion
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..editing import PublishingWorkflow
from ..models import Draft, TranslationStatus
from ..publishing import PublicationStatus
from ..revisions import versions_of
from ..richtext import RichTextField, sanitise
from ..spreadsheets import safe_cell, unquoted
from .status import (
    SOURCE,
    column,
    digest,
    field_label,
    fields_of,
    is_blank,
    language_name,
    target_languages,
    translated_models,
)

VERSION_LENGTH = 16
# An export of every field of the site in one language is well under a megabyte: these bound what a
# mistaken (or hostile) file costs to read, a workbook being a zip that may unpack to far more.
MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_UNPACKED_SIZE = 50 * 1024 * 1024


def headers():
    return [
        _("Key"),
        _("English version"),
        _("Kind of item"),
        _("Item"),
        _("Field"),
        _("English"),
        _("Current translation"),
        _("New translation"),
    ]


def key_of(obj, field_name, language):
    return f"{obj._meta.label_lower}:{obj.pk}:{field_name}:{language}"


def version_of(text):
    return digest(text)[:VERSION_LENGTH]


# -- Where an item is edited ------------------------------------------------------------------------


def admin_of(model):
    """``(model admin, link)`` for ``model``: its own admin and None, or for a model only shown as an
    inline (a session's topic) the admin of the model it belongs to and the name of the foreign key
    to it. ``(None, None)`` when no admin shows it."""
    site = admin.site
    if site.is_registered(model):
        return site.get_model_admin(model), None
    for parent_model, model_admin in site._registry.items():
        for inline in model_admin.inlines:
            if inline.model is not model:
                continue
            for fk in model._meta.concrete_fields:
                if fk.many_to_one and issubclass(parent_model, fk.remote_field.model):
                    if inline.fk_name and fk.name != inline.fk_name:
                        continue
                    return model_admin, fk.name
    return None, None


def owner_of(obj):
    """``(model admin, item edited)`` for ``obj``: its own admin and itself, or for an inline row the
    admin of the item it belongs to, and that item. ``(None, None)`` when no admin shows it."""
    model_admin, link = admin_of(type(obj))
    if model_admin is None:
        return None, None
    return model_admin, obj if link is None else getattr(obj, link)


def items_of(model, object_ids):
    """``{pk: item}`` of ``model``'s items whose keys, as status rows keep them (text), are
    ``object_ids``; an inline row comes with the item it belongs to, all in one query."""
    link = admin_of(model)[1]
    manager = model._default_manager.select_related(link) if link else model._default_manager
    return manager.in_bulk([model._meta.pk.to_python(pk) for pk in object_ids])


def may_view(request, model):
    """Whether ``request``'s user may see ``model``'s items in the admin (an inline row's: its
    parent's), so see where their translations stand."""
    model_admin = admin_of(model)[0]
    return model_admin is not None and model_admin.has_view_or_change_permission(request)


def may_change(request, obj):
    model_admin, target = owner_of(obj)
    return model_admin is not None and target is not None and model_admin.has_change_permission(request, target)


def refusal(request, obj):
    """Why ``request``'s user may not change ``obj``'s translation here, or None."""
    if not may_change(request, obj):
        return _("You may not change this item.")
    model_admin, target = owner_of(obj)
    if Draft.of(target).exists():
        return _(
            "This item has unpublished changes waiting in a draft: publish or discard them first, "
            "or type the translation in its form."
        )
    if (
        isinstance(model_admin, PublishingWorkflow)
        and getattr(target, "publication_status", None) == PublicationStatus.PUBLISHED
        and not model_admin.has_publish_permission(request, target)
    ):
        return _("This item is on the site and you may not publish changes to it.")
    return None


# -- Export ------------------------------------------------------------------------------------------


def pending(language, request=None):
    """``[(item, [field names])]`` whose ``language`` translation is missing or out of date (those
    ``request``'s user may change, when given), in the order of the models and their keys."""
    found = []
    for model in translated_models():
        statuses = TranslationStatus.objects.filter(
            content_type=ContentType.objects.get_for_model(model), language=language
        ).exclude(missing_count=0, outdated_count=0)
        wanted = {status.object_id: status for status in statuses}
        if not wanted:
            continue
        objects = items_of(model, wanted)
        for pk in sorted(objects):
            obj = objects[pk]
            status = wanted[str(pk)]
            if request is not None and not may_change(request, obj):
                continue
            names = set(status.missing_fields) | set(status.outdated_fields)
            found.append((obj, [name for name in fields_of(model) if name in names]))
    return found


def item_name(obj):
    """An item as staff find it: an inline row with the item it belongs to ("Seoul › 2019")."""
    owner = owner_of(obj)[1]
    return str(obj) if owner is None or owner is obj else f"{owner} › {obj}"


def rows(language, request=None):
    for obj, names in pending(language, request):
        item = item_name(obj)
        for name in names:
            english = getattr(obj, column(name, SOURCE)) or ""
            yield [
                key_of(obj, name, language),
                version_of(english),
                str(obj._meta.verbose_name),
                item,
                str(field_label(type(obj), name)),
                english,
                getattr(obj, column(name, language)) or "",
                "",
            ]


def as_xlsx(language, request=None):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = language_name(language)[:31]
    sheet.append(headers())
    for row in rows(language, request):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (12, 8, 18, 30, 20, 60, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.data_type = "s"  # openpyxl would store text starting with "=" as a formula
        for cell in line[5:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "F2"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def as_csv(language, request=None):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(headers())
    writer.writerows([safe_cell(cell) for cell in row] for row in rows(language, request))
    # With a byte order mark, spreadsheet programs open it as UTF-8 (Korean, Russian, Chinese).
    return "\ufeff" + output.getvalue()


# -- Import ------------------------------------------------------------------------------------------


class UnreadableFile(Exception):
    pass


def read(upload):
    """``[(line number, [8 cells])]`` of an uploaded .xlsx or .csv, the header row left out."""
    name = (upload.name or "").lower()
    too_large = UnreadableFile(
        _("This file is too large: import at most %(size)s at a time, in several files if need be.")
        % {"size": filesizeformat(MAX_FILE_SIZE)}
    )
    if upload.size > MAX_FILE_SIZE:
        raise too_large
    try:
        if name.endswith(".xlsx"):
            from openpyxl import load_workbook

            with zipfile.ZipFile(upload) as package:
                if sum(member.file_size for member in package.infolist()) > MAX_UNPACKED_SIZE:
                    raise too_large
            upload.seek(0)
            book = load_workbook(upload, read_only=True, data_only=True)
            # Eight columns: a sheet may declare thousands, each row would be padded to them.
            lines = book.active.iter_rows(max_col=8, values_only=True)
        elif name.endswith(".csv"):
            lines = csv.reader(io.StringIO(upload.read().decode("utf-8-sig")))
        else:
            raise UnreadableFile(_("Choose the .xlsx or .csv file that the export made."))
        found = []
        # One line at a time, as read: a file of blank lines costs no memory.
        for number, line in enumerate(lines, start=1):
            cells = [*("" if cell is None else str(cell) for cell in line), *[""] * 8][:8]
            if number > 1 and any(cell.strip() for cell in cells):  # the first line is the header
                found.append((number, cells))
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl and csv raise many kinds for a damaged file
        raise UnreadableFile(_("This file could not be read: save it as .xlsx or .csv, as exported.")) from error
    return found


@dataclass
class Row:
    """One line of an imported file, and what importing it would do."""

    line: int
    key: str
    version: str = ""
    new: str = ""
    item: str = ""
    field: str = ""
    current: str = ""
    seen: str | None = None  # the fingerprint of the translation the preview showed (on "Apply")
    error: str = ""
    note: str = ""
    obj: object = None
    column: str = ""
    value: str = ""
    changes: bool = False


@dataclass
class Plan:
    language: str
    rows: list = field(default_factory=list)

    @property
    def changes(self):
        return [row for row in self.rows if row.changes and not row.error]

    @property
    def errors(self):
        return [row for row in self.rows if row.error]

    def payload(self):
        """What "Apply" sends back (signed by the caller): the lines to save, checked again then, each
        with the translation it replaces as the preview showed it."""
        lines = [[row.line, row.key, row.version, row.new, version_of(row.current)] for row in self.changes]
        return {"language": self.language, "lines": lines}


def _resolve(row, language):
    """The item and field that ``row.key`` names, or an error on the row."""
    parts = row.key.split(":")
    if len(parts) != 4 or parts[3] not in dict(target_languages()):
        row.error = _("This key is not one the export makes: leave the first two columns as they were.")
        return None
    label, pk, name, key_language = parts
    if key_language != language:
        row.error = _("This line is for %(other)s, not %(language)s: import it with %(other)s chosen.") % {
            "other": language_name(key_language),
            "language": language_name(language),
        }
        return None
    models = {model._meta.label_lower: model for model in translated_models()}
    model = models.get(label)
    if model is None or name not in fields_of(model):
        row.error = _("This key names nothing that is translated here: leave the first two columns as they were.")
        return None
    try:
        obj = model._default_manager.get(pk=model._meta.pk.to_python(pk))
    except (model.DoesNotExist, ValidationError, ValueError):
        row.error = _("This item no longer exists.")
        return None
    row.field = str(field_label(model, name))
    row.item = item_name(obj)
    return obj, name


def check(lines, language, request):
    """A ``Plan`` for ``lines`` (``[(line, key, version, new, seen)]``): each row's item, its value
    cleaned as the form would, and what is refused, with why. ``seen`` is None for a file being
    checked; on "Apply", a line whose translation is no longer the one seen is refused."""
    plan = Plan(language)
    if language not in dict(target_languages()):
        return plan
    keys, records = set(), {}
    for line, key, version, new, seen in lines:
        row = Row(line=line, key=str(key).strip(), version=str(version or "").strip(), new=str(new or ""), seen=seen)
        plan.rows.append(row)
        if is_blank(row.new):
            row.note = _("No new translation: left as it is.")
            continue
        if row.key in keys:
            row.error = _("This field appears twice in the file: keep one line for it.")
            continue
        keys.add(row.key)
        resolved = _resolve(row, language)
        if resolved is None:
            continue
        obj, name = resolved
        obj = records.setdefault((type(obj), obj.pk), obj)  # one instance per item, for its full_clean
        row.obj, row.column = obj, column(name, language)
        row.current = getattr(obj, row.column) or ""
        if version_of(getattr(obj, column(name, SOURCE)) or "") != row.version:
            row.error = _("The English of this field changed after the file was exported: export again.")
            continue
        if row.seen is not None and version_of(row.current) != row.seen:
            row.error = _("Someone changed this translation after the file was checked: check the file again.")
            continue
        reason = refusal(request, obj)
        if reason:
            row.error = reason
            continue
        value = unquoted(row.new.strip())
        model_field = obj._meta.get_field(row.column)
        if isinstance(obj._meta.get_field(name), RichTextField):
            cleaned = sanitise(value)
            if cleaned != value:
                row.note = _("Formatting that the site does not keep was removed.")
            value = cleaned
        try:
            value = model_field.formfield().clean(value)
        except ValidationError as error:
            row.error = " ".join(error.messages)
            continue
        row.value = value
        row.changes = value != row.current
        if not row.changes:
            row.note = _("The same as the current translation.")
        setattr(obj, row.column, value)
    _full_clean(plan)
    return plan


def _full_clean(plan):
    """Each changed item checked whole, as its form's save would; errors go to the rows they concern."""
    by_item = {}
    for row in plan.changes:
        by_item.setdefault(id(row.obj), []).append(row)
    for item_rows in by_item.values():
        obj = item_rows[0].obj
        try:
            obj.full_clean()
        except ValidationError as error:
            messages = error.message_dict
            for row in item_rows:
                own = messages.get(row.column)
                others = [text for name, texts in messages.items() if name != row.column for text in texts]
                if own:
                    row.error = " ".join(own)
                elif others:
                    row.error = _("This item has other problems to fix in its form first: %(errors)s") % {
                        "errors": " ".join(others)
                    }


def apply(plan, request):
    """Save the plan's valid changes, item by item, each with a revision and a line in the item's
    admin history. Returns how many fields were saved."""
    by_item = {}
    for row in plan.changes:
        by_item.setdefault(id(row.obj), []).append(row)
    saved = 0
    language = language_name(plan.language)
    for item_rows in by_item.values():
        obj = item_rows[0].obj
        model_admin, target = owner_of(obj)
        fields = ", ".join(row.field for row in item_rows)
        message = _("Imported the %(language)s translation of: %(fields)s.") % {"language": language, "fields": fields}
        with transaction.atomic():
            if reversion.is_registered(type(target)) and not versions_of(type(target), target.pk).exists():
                with reversion.create_revision():
                    reversion.set_comment(_("As it was before its first change kept in the history."))
                    reversion.add_to_revision(target)
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(message)
                obj.save(update_fields=[row.column for row in item_rows])
                if target is not obj and reversion.is_registered(type(target)):
                    reversion.add_to_revision(target)
            model_admin.log_change(request, target, message)
        saved += len(item_rows)
    return saved
