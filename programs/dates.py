"""Date ranges that read naturally: “5–9 September 2011”, “29 May – 6 June 2012”.

The parts each end shows, and the joining pattern, are translatable Django date formats, so another
language can reorder them (“2011年9月5日～9日”) without touching the code.
"""

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import pgettext


def _parts(start, end):
    """The date format of each end and the pattern joining them, from what the two ends share."""
    full = pgettext("date range: a complete date", "j F Y")
    if start == end:
        return full, None, "{start}"
    if (start.year, start.month) == (end.year, end.month):
        return (
            pgettext("date range: first day, same month", "j"),
            full,
            pgettext("date range: same month", "{start}–{end}"),
        )
    if start.year == end.year:
        return (
            pgettext("date range: first day, same year", "j F"),
            full,
            pgettext("date range: same year", "{start} – {end}"),
        )
    return full, full, pgettext("date range: different years", "{start} – {end}")


def format_date_range(start, end=None):
    """The range as plain text; empty when there is no start date."""
    if start is None:
        return ""
    end = end or start
    start_format, end_format, pattern = _parts(start, end)
    return pattern.format(
        start=date_format(start, start_format),
        end=date_format(end, end_format) if end_format else "",
    )


def date_range_html(start, end=None):
    """The range with each end in a ``<time datetime>`` element; empty when there is no start date."""
    if start is None:
        return ""
    end = end or start
    start_format, end_format, pattern = _parts(start, end)
    start_html = format_html('<time datetime="{}">{}</time>', start.isoformat(), date_format(start, start_format))
    end_html = (
        format_html('<time datetime="{}">{}</time>', end.isoformat(), date_format(end, end_format))
        if end_format
        else ""
    )
    return format_html(pattern, start=start_html, end=end_html)
