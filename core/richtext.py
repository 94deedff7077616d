"""Rich text that staff write and visitors can trust.

Staff write paragraphs separated by blank lines, optionally with a few HTML tags. Whatever is
stored is sanitised on output with nh3: scripts, event handlers, styles and ``javascript:`` links
never reach a visitor. Every field that pages render this way is a ``RichTextField``, whose help text
is written from the same list of tags the sanitiser keeps.
"""

import html as html_lib
import re

import nh3
from django.db import models
from django.utils.functional import lazy
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The formatting staff may use, in the words the help text gives it. The sanitiser's allow-list is
# made from this, so the help text cannot promise a tag that is stripped, nor leave one out.
FORMATTING = (
    (_("headings"), ("h2", "h3", "h4")),
    (_("paragraphs"), ("p",)),
    (_("line breaks"), ("br",)),
    (_("lists"), ("ul", "ol", "li")),
    (_("links"), ("a",)),
    (_("bold"), ("strong", "b")),
    (_("italic"), ("em", "i")),
    (_("quotations"), ("blockquote",)),
)
ALLOWED_TAGS = {tag for _words, tags in FORMATTING for tag in tags}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_BLOCK = re.compile(r"^\s*<(h[1-6]|p|ul|ol|blockquote)[\s>]", re.IGNORECASE)


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
    """“Paragraphs separated by a blank line. Allowed formatting: headings (h2, h3, h4), …”, in the
    active language. Escaped: the admin prints help texts as HTML."""
    formatting = ", ".join(f"{words} ({', '.join(tags)})" for words, tags in FORMATTING)
    return escape(
        gettext("Paragraphs separated by a blank line. Allowed formatting: %(formatting)s.")
        % {"formatting": formatting}
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
