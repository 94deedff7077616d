"""Rich text that staff write and visitors can trust.

Staff write in the admin's rich-text editor (django-prose-editor), which offers only the formatting
the sanitiser keeps. Older content is paragraphs separated by blank lines with a few HTML tags; the
editor opens it as the page shows it. Whatever is submitted is sanitised with nh3 before it is stored
(and the editor is told what was removed), and again on output: scripts, event handlers, styles and
``javascript:`` links never reach a visitor. Every field that pages render this way is a
``RichTextField``, whose help text and editor are made from the same list as the sanitiser's.
"""

import html as html_lib
import re
from collections import Counter
from html.parser import HTMLParser

import nh3
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.loader import render_to_string
from django.utils.functional import lazy
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst, get_text_list
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media, Script

# The formatting staff may use: in the words the help text gives it, the tags the sanitiser keeps, and
# the editor's extensions that make those tags (django-prose-editor's names). The sanitiser's
# allow-list, the help text and the editor's toolbar are all made from this list, so the editor cannot
# offer what is stripped, nor the help text promise it. (``b`` and ``i`` are kept for older content;
# the editor writes ``strong`` and ``em``.)
FORMATTING = (
    (_("headings"), ("h2", "h3", "h4"), ("Heading",)),
    (_("paragraphs"), ("p",), ("Paragraph",)),
    (_("line breaks"), ("br",), ("HardBreak",)),
    (_("lists"), ("ul", "ol", "li"), ("BulletList", "OrderedList", "ListItem")),
    (_("links"), ("a",), ("Link",)),
    (_("bold"), ("strong", "b"), ("Bold",)),
    (_("italic"), ("em", "i"), ("Italic",)),
    (_("quotations"), ("blockquote",), ("Blockquote",)),
)
ALLOWED_TAGS = {tag for _words, tags, _extensions in FORMATTING for tag in tags}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_BLOCK = re.compile(r"^\s*<(h[1-6]|p|ul|ol|blockquote)[\s>]", re.IGNORECASE)


def _editor_extensions():
    """django-prose-editor's configuration: the extensions of ``FORMATTING``, headings limited to the
    levels the sanitiser keeps, links without "open in a new window" (a ``target`` it would strip)."""
    extensions = {name: True for _words, _tags, names in FORMATTING for name in names}
    heading_tags = next(tags for _words, tags, names in FORMATTING if "Heading" in names)
    extensions["Heading"] = {"levels": [int(tag[1:]) for tag in heading_tags]}
    extensions["Link"] = {"enableTarget": False}
    return extensions


EDITOR_EXTENSIONS = _editor_extensions()


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener",
    )


def render(text):
    """Turn stored text into safe HTML: blank-line paragraphs, allowed tags kept, the rest stripped."""
    if not text:
        return mark_safe("")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    html = []
    for block in blocks:
        if _BLOCK.match(block):
            html.append(block)
        else:
            html.append("<p>" + block.replace("\n", "<br>") + "</p>")
    return mark_safe(sanitise("\n".join(html)))  # noqa: S308 - sanitised by nh3 just above


def plain(text):
    """The text without any markup (scripts and styles dropped with their content, entities decoded,
    whitespace folded), for descriptions, feeds and the search index."""
    return " ".join(html_lib.unescape(nh3.clean(str(text or ""), tags=set())).split())


def formatting_help():
    """“The editor offers the formatting the site keeps: headings, paragraphs, …”, in the active
    language, from the same list as the sanitiser and the toolbar. Escaped: the admin prints help texts
    as HTML."""
    formatting = ", ".join(str(words) for words, _tags, _extensions in FORMATTING)
    return escape(
        gettext("The editor offers the formatting the site keeps: %(formatting)s.") % {"formatting": formatting}
    )


def _help_text(own):
    return format_html("{} {}", own, formatting_help()) if own else formatting_help()


_lazy_help_text = lazy(_help_text, SafeString)


class RichTextField(models.TextField):
    """A text field that pages render as rich text (the ``rich`` template filter).

    Its help text says what formatting survives, after the field's own help text if it has one.
    """

    def __init__(self, *args, help_text="", **kwargs):
        self.own_help_text = help_text
        super().__init__(*args, help_text=_lazy_help_text(help_text), **kwargs)

    def deconstruct(self):
        # To the database it is a TextField, and migrations say so: they neither import this module nor
        # rebuild a table for a field that becomes rich text. They record only the field's own help
        # text: the formatting part follows the allow-list without a migration.
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("help_text", None)
        if self.own_help_text:
            kwargs["help_text"] = self.own_help_text
        return name, "django.db.models.TextField", args, kwargs

    def formfield(self, **kwargs):
        # Only the form changes: the admin's textarea becomes the editor.
        return super().formfield(**{**kwargs, "form_class": RichTextFormField})


# The editor in the admin ------------------------------------------------------------------------------


class RichTextEditorWidget(AdminProseEditorWidget):
    """The prose editor, with a search of the site's pages beside it to link to one by its title.

    Its script is a preset of the site's own (static/js/admin-richtext.js), not prose-editor's
    "configurable" one: that one finds the editor through an inline import map, which the admin's
    Content-Security-Policy (no inline scripts) refuses. Ours imports the editor by its address, so
    the page needs no inline script and the policy stays as it is."""

    preset = "richtext"
    site_link_template_name = "admin/richtext/site_link.html"

    @property
    def media(self):
        return Media(
            css={
                "all": [
                    # prose-editor's own styles for the admin (its prose_editor_admin_media, without
                    # the import map and scripts).
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "css/admin-richtext.css",
                ]
            },
            js=[Script("js/admin-richtext.js", type="module")],
        )

    def render(self, name, value, attrs=None, renderer=None):
        # The search goes in the field's own row (or inline cell), where admin-richtext.js finds it
        # beside the editor; it has no ids, which rows added with "Add another" would have to renumber.
        return format_html(
            "{}{}", super().render(name, value, attrs, renderer), render_to_string(self.site_link_template_name)
        )


class RichTextFormField(ProseEditorFormField):
    """Rich text in the admin's editor. It opens stored text as the page shows it, stores what the
    sanitiser keeps, and remembers what it removed (``removed``) so that the admin can say so."""

    def __init__(self, **kwargs):
        kwargs.pop("config", None)
        kwargs.pop("preset", None)
        kwargs["widget"] = RichTextEditorWidget
        super().__init__(config={"extensions": EDITOR_EXTENSIONS}, preset=RichTextEditorWidget.preset, **kwargs)
        self.removed = Counter()

    def prepare_value(self, value):
        # Older text (blank-line paragraphs) becomes the HTML visitors see: the editor reads HTML.
        return str(render(value)) if value else value

    def clean(self, value):
        submitted = super().clean(value)
        cleaned = sanitise(submitted) if submitted else submitted
        self.removed = removed_markup(submitted, cleaned)
        return cleaned

    def has_changed(self, initial, data):
        # Opening older text in the editor turns it into HTML; only a change visitors would see counts.
        return _comparable(initial) != _comparable(self.to_python(data))


def _comparable(text):
    return re.sub(r">\s+<", "><", str(render(text)))


class _Markup(HTMLParser):
    """The elements of some HTML, and the attributes of the allowed ones, counted."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.attributes = Counter(), Counter()
        self.feed(html or "")
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements[tag] += 1
        if tag in ALLOWED_TAGS:
            self.attributes.update(name for name, _value in attrs)


def removed_markup(submitted, cleaned):
    """What the sanitiser took out of ``submitted``: a Counter of ``("element", tag)`` and
    ``("attribute", name)``. The ``rel`` of links is not counted: the sanitiser sets it itself."""
    before, after = _Markup(submitted), _Markup(cleaned)
    removed = Counter({("element", tag): n for tag, n in (before.elements - after.elements).items()})
    removed.update({("attribute", name): n for name, n in (before.attributes - after.attributes).items()})
    removed.pop(("attribute", "rel"), None)
    return removed


def describe_removed(label, removed):
    """“Body [Korean]: 1 <script> element and 2 “style” attributes were removed.”"""
    parts = []
    for (kind, name), count in sorted(removed.items()):
        if kind == "element":
            parts.append(ngettext("%(count)s <%(name)s> element", "%(count)s <%(name)s> elements", count))
        elif name == "href":
            parts.append(ngettext("%(count)s unsafe link address", "%(count)s unsafe link addresses", count))
        else:
            parts.append(ngettext("%(count)s “%(name)s” attribute", "%(count)s “%(name)s” attributes", count))
        parts[-1] = parts[-1] % {"count": count, "name": name}
    return ngettext(
        "%(field)s: %(removed)s was removed.", "%(field)s: %(removed)s were removed.", sum(removed.values())
    ) % {"field": label, "removed": get_text_list(parts, gettext("and"))}


def _field_label(form, name):
    """The field's label with its language named in full (“Body [Korean]”), as the tabs show it."""
    try:
        model_field = form._meta.model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        # A field of the form alone (or a form without a model): its label, as the form shows it.
        return form[name].label
    language = getattr(model_field, "language", None)
    original = getattr(model_field, "translated_field", model_field)
    label = capfirst(original.verbose_name)
    if language:
        label = f"{label} [{get_language_info(language)['name_translated']}]"
    return label


def report_removed_markup(request, form=None, formsets=()):
    """Tell the editor, in a warning, what the sanitiser removed from each rich-text field of the form
    and its inline forms: what is stored is what visitors see, so nothing vanishes without a word."""
    forms = [(None, form)] if form is not None else []
    forms += [(formset, inline) for formset in formsets for inline in formset.forms]
    for formset, each in forms:
        if formset is not None and each in formset.deleted_forms:
            continue
        for name, field in each.fields.items():
            removed = getattr(field, "removed", None)
            if not isinstance(field, RichTextFormField) or not removed:
                continue
            label = _field_label(each, name)
            if formset is not None:
                label = gettext("%(kind)s “%(row)s”, %(field)s") % {
                    "kind": capfirst(formset.model._meta.verbose_name),
                    "row": each.instance,
                    "field": label,
                }
            messages.warning(request, describe_removed(label, removed), fail_silently=True)


class ReportsRemovedMarkup:
    """A ModelAdmin mixin: after a save, the warnings of ``report_removed_markup`` for the form and
    its inlines."""

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        report_removed_markup(request, form)
        return obj

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        report_removed_markup(request, formsets=[formset])
