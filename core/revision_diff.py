"""What changed between two revisions of an item, field by field and row by row, for the admin's
compare page and for the warning an editor gets when someone else saved first (``core.revisions``).

A revision is given here as a tree of ``Node``s: the item, and the rows of its inlines under it. Text
is compared word by word with difflib; rich text as the text a reader sees (its HTML tags removed).
Each translated column is a field of its own, named with its language ("Summary [ko]"), as the
change form's tabs are.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import yesno
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .richtext import RichTextField, plain


@dataclass
class Node:
    """One row in a revision: the stored version, the model, the link tables' values folded in as
    ``links`` (field name: target ids), and its children in the revision."""

    version: object  # reversion's Version
    model: type
    parent_key: str = ""  # the attname of the key to the parent row: not compared, it is the tree itself
    links: dict = field(default_factory=dict)
    link_versions: list = field(default_factory=list)  # the link tables' own rows, to write them back
    children: list = field(default_factory=list)

    @property
    def key(self):
        return (self.model, self.version.object_id)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class FieldChange:
    label: str
    old: str  # safe HTML: the old value with removed words marked
    new: str  # safe HTML: the new value with added words marked
    changed: bool


@dataclass
class RowChange:
    """A row of an inline in both revisions (or in one of them: added or removed)."""

    label: str
    state: str  # "added", "removed", "changed"
    fields: list  # the changed fields (every filled one for an added or removed row)
    unchanged: int = 0

    def state_label(self):
        return {"added": _("Added"), "removed": _("Removed"), "changed": _("Changed")}[self.state]


@dataclass
class RowGroup:
    title: str  # the rows' model, plural
    rows: list
    unchanged: int  # rows the same in both revisions


@dataclass
class Comparison:
    fields: list  # the item's changed fields
    unchanged: list  # and those that are the same
    groups: list  # its inline rows, by model

    @property
    def has_changes(self):
        return bool(self.fields or any(group.rows for group in self.groups))


def compared_fields(model, translated_originals, skip=()):
    """The fields an editor sets, in the form's order: every language's column of a translated field
    rather than the field that stands for the current language; no primary key, no key to the parent."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in translated_originals and f.attname not in skip
    ]
    return fields + list(model._meta.many_to_many)


def _value(node, model_field):
    if model_field.many_to_many:
        if model_field.name in node.links:
            return sorted(node.links[model_field.name], key=str)
        return sorted(node.version.field_dict.get(model_field.attname) or [], key=str)
    return node.version.field_dict.get(model_field.attname)


class _Names:
    """The names of the rows that keys point to, looked up once per related model."""

    def __init__(self):
        self.wanted = {}
        self.found = {}

    def want(self, model_field, value):
        if model_field.is_relation and value not in (None, "", []):
            ids = value if isinstance(value, list) else [value]
            self.wanted.setdefault(model_field.related_model, set()).update(ids)

    def look_up(self):
        for model, ids in self.wanted.items():
            for pk, obj in model._default_manager.in_bulk(list(ids)).items():
                self.found[(model, str(pk))] = str(obj)

    def of(self, model, pk):
        # A row deleted since is named by its number.
        return self.found.get((model, str(pk)), f"#{pk}")


def _text(model_field, value, names):
    """What the form shows of ``value``, as plain text: names for keys, labels for choices."""
    if value is None or value == "" or value == []:
        return ""
    if model_field.many_to_many:
        return ", ".join(sorted(names.of(model_field.related_model, pk) for pk in value))
    if model_field.is_relation:
        return names.of(model_field.related_model, value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return yesno(value)
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, datetime.date):
        return formats.date_format(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(model_field, RichTextField):
        # Compared as the words a reader sees: a tag moved or a link's attribute is no change of text.
        return plain(value)
    return str(value)


_WORDS = re.compile(r"\s+|[^\s]+")
_MARK = {
    "del": '<del><span class="visually-hidden">{}</span>{}</del>',
    "ins": '<ins><span class="visually-hidden">{}</span>{}</ins>',
}


def _marked(kind, text):
    hint = _("[removed]") + " " if kind == "del" else _("[added]") + " "
    return format_html(_MARK[kind], hint, text)


def _runs(opcodes, a):
    """difflib's operations with a space kept between two changes folded into them: "three four"
    replaced is one change, not two with a kept space between."""
    runs = []
    for index, (operation, i1, i2, j1, j2) in enumerate(opcodes):
        between = 0 < index < len(opcodes) - 1
        if operation == "equal" and between and not "".join(a[i1:i2]).strip():
            operation = "replace"
        if runs and operation != "equal" and runs[-1][0] != "equal":
            previous = runs.pop()
            runs.append(("replace", previous[1], i2, previous[3], j2))
        else:
            runs.append((operation, i1, i2, j1, j2))
    return runs


def marked_difference(old, new):
    """``(old, new)`` as safe HTML, the words removed from ``old`` and added in ``new`` marked."""
    if old == new:
        return format_html("{}", old), format_html("{}", new)
    if not old or not new:
        return (_marked("del", old) if old else ""), (_marked("ins", new) if new else "")
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    old_parts, new_parts = [], []
    for operation, i1, i2, j1, j2 in _runs(difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes(), a):
        if operation == "equal":
            old_parts.append(format_html("{}", "".join(a[i1:i2])))
            new_parts.append(format_html("{}", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            old_parts.append(_marked("del", "".join(a[i1:i2])))
        if j2 > j1:
            new_parts.append(_marked("ins", "".join(b[j1:j2])))
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))  # noqa: S308 - each part escaped above


def _field_changes(model, old, new, translated_originals, names):
    """The changes of one row, ``old`` or ``new`` being None for a row in only one revision."""
    changes = []
    for model_field in compared_fields(model, translated_originals, skip={(old or new).parent_key}):
        before = _text(model_field, _value(old, model_field), names) if old else ""
        after = _text(model_field, _value(new, model_field), names) if new else ""
        if (old is None or new is None) and not (before or after):
            continue  # an empty field of an added or removed row says nothing
        marked_old, marked_new = marked_difference(before, after)
        label = capfirst(str(model_field.verbose_name))
        changes.append(FieldChange(label, marked_old, marked_new, before != after))
    return changes


def compare(old_root, new_root, translated_fields_of):
    """The differences between two revisions of one item, each given as its root ``Node``.

    ``translated_fields_of(model)`` names the model's translated fields, whose language columns are
    compared instead."""
    names = _Names()
    old_rows = {node.key: node for node in old_root.walk()}
    new_rows = {node.key: node for node in new_root.walk()}
    for node in [*old_rows.values(), *new_rows.values()]:
        for model_field in compared_fields(node.model, translated_fields_of(node.model)):
            names.want(model_field, _value(node, model_field))
    names.look_up()

    model = new_root.model
    own = _field_changes(model, old_root, new_root, translated_fields_of(model), names)
    groups = {}
    for key in [*old_rows, *(key for key in new_rows if key not in old_rows)]:
        if key == new_root.key:
            continue
        old, new = old_rows.get(key), new_rows.get(key)
        node = new or old
        group = groups.setdefault(
            node.model, RowGroup(capfirst(str(node.model._meta.verbose_name_plural)), rows=[], unchanged=0)
        )
        changes = _field_changes(node.model, old, new, translated_fields_of(node.model), names)
        label = node.version.object_repr
        if old is None:
            group.rows.append(RowChange(label, "added", changes))
        elif new is None:
            group.rows.append(RowChange(label, "removed", changes))
        elif any(change.changed for change in changes):
            changed = [change for change in changes if change.changed]
            group.rows.append(RowChange(label, "changed", changed, unchanged=len(changes) - len(changed)))
        else:
            group.unchanged += 1
    return Comparison(
        fields=[change for change in own if change.changed],
        unchanged=[change for change in own if not change.changed],
        groups=list(groups.values()),
    )
