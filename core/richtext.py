"""Rich text that staff write and visitors can trust.

Staff write paragraphs separated by blank lines, optionally with a few HTML tags. Whatever is
stored is sanitised on output with nh3: scripts, event handlers, styles and ``javascript:`` links
never reach a visitor.
"""

import html as html_lib
import re

import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"h2", "h3", "h4", "p", "br", "ul", "ol", "li", "a", "strong", "em", "b", "i", "blockquote"}
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
