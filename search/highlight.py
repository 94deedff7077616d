"""The words of a query marked in a result's title and excerpt, matched as the index matches them."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .words import normalised, spans


def highlight(text, query):
    """``text`` escaped, with the words of the query wrapped in <mark>."""
    wanted = query.positive_words
    parts, position = [], 0
    for start, end in spans(text):
        if any(word in wanted for word in normalised(text[start:end])):
            parts.append(escape(text[position:start]))
            parts.append(f"<mark>{escape(text[start:end])}</mark>")
            position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def excerpt(text, query, size=32):
    """About ``size`` words of ``text`` around the first match, highlighted; the opening words without one."""
    found = list(spans(text))
    if not found:
        return ""
    wanted = query.positive_words
    first = next(
        (i for i, (start, end) in enumerate(found) if any(w in wanted for w in normalised(text[start:end]))), 0
    )
    begin = max(0, min(first - size // 4, len(found) - size))
    stop = min(len(found), begin + size)
    start = 0 if begin == 0 else found[begin][0]
    end = len(text) if stop == len(found) else found[stop - 1][1]
    snippet = highlight(text[start:end], query)
    return mark_safe(("… " if start else "") + snippet + (" …" if end < len(text) else ""))  # noqa: S308
