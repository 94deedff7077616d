"""Date ranges as each language writes them, never repeating what both ends share.

    en       5–9 September 2011          29 May – 6 June 2012            30 December 2017 – 2 January 2018
    ko       2011년 9월 5~9일              2012년 5월 29일~6월 6일             2017년 12월 30일~2018년 1월 2일
    zh-hans  2011年9月5日至9日             2012年5月29日至6月6日              2017年12月30日至2018年1月2日
    ru       5–9 сентября 2011 г.         29 мая – 6 июня 2012 г.         30 декабря 2017 г. – 2 января 2018 г.
    es       5–9 de septiembre de 2011    29 de mayo – 6 de junio de 2012  30 de diciembre de 2017 – 2 de enero de 2018

Each language's forms are one row of ``STYLES`` rather than translatable strings: the parts that
each end drops depend on the language's word order (Korean and Chinese drop the year and month
from the end, European languages from the start), so a translator would have to rewrite the
logic, not the words. The month names themselves come from Django's own catalogues (“E” gives
the Russian genitive, “ноября”). A language without a row reads the English order with its own
month names.
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language


@dataclass(frozen=True)
class Shape:
    """How one kind of range is written: the date format of each end and the pattern joining them."""

    start: str
    end: str
    pattern: str


@dataclass(frozen=True)
class RangeStyle:
    one_day: str
    same_month: Shape
    same_year: Shape
    different_years: Shape


STYLES = {
    "en": RangeStyle(
        one_day="j F Y",
        same_month=Shape("j", "j F Y", "{start}–{end}"),
        same_year=Shape("j F", "j F Y", "{start} – {end}"),
        different_years=Shape("j F Y", "j F Y", "{start} – {end}"),
    ),
    "ko": RangeStyle(
        one_day="Y년 n월 j일",
        same_month=Shape("Y년 n월 j", "j일", "{start}~{end}"),
        same_year=Shape("Y년 n월 j일", "n월 j일", "{start}~{end}"),
        different_years=Shape("Y년 n월 j일", "Y년 n월 j일", "{start}~{end}"),
    ),
    "zh-hans": RangeStyle(
        one_day="Y年n月j日",
        same_month=Shape("Y年n月j日", "j日", "{start}至{end}"),
        same_year=Shape("Y年n月j日", "n月j日", "{start}至{end}"),
        different_years=Shape("Y年n月j日", "Y年n月j日", "{start}至{end}"),
    ),
    "ru": RangeStyle(
        one_day="j E Y г.",
        same_month=Shape("j", "j E Y г.", "{start}–{end}"),
        same_year=Shape("j E", "j E Y г.", "{start} – {end}"),
        different_years=Shape("j E Y г.", "j E Y г.", "{start} – {end}"),
    ),
    "es": RangeStyle(
        one_day=r"j \d\e F \d\e Y",
        same_month=Shape("j", r"j \d\e F \d\e Y", "{start}–{end}"),
        same_year=Shape(r"j \d\e F", r"j \d\e F \d\e Y", "{start} – {end}"),
        different_years=Shape(r"j \d\e F \d\e Y", r"j \d\e F \d\e Y", "{start} – {end}"),
    ),
}


def style(language=None):
    """The row for ``language`` (default: the active one), trying “es” for “es-mx”, English last."""
    language = (language or get_language() or "en").lower()
    return STYLES.get(language) or STYLES.get(language.split("-")[0]) or STYLES["en"]


def _shape(start, end):
    """The shape of the range, or None for a single day."""
    rules = style()
    if start == end:
        return None
    if (start.year, start.month) == (end.year, end.month):
        return rules.same_month
    if start.year == end.year:
        return rules.same_year
    return rules.different_years


def format_date_range(start, end=None):
    """The range as plain text in the active language; empty when there is no start date."""
    if start is None:
        return ""
    end = end or start
    shape = _shape(start, end)
    if shape is None:
        return date_format(start, style().one_day)
    return shape.pattern.format(start=date_format(start, shape.start), end=date_format(end, shape.end))


def date_range_html(start, end=None):
    """The range with each end in a ``<time datetime>`` element (ISO dates); empty when there is no start date."""
    if start is None:
        return ""
    end = end or start
    shape = _shape(start, end)
    if shape is None:
        return format_html('<time datetime="{}">{}</time>', start.isoformat(), date_format(start, style().one_day))
    return format_html(
        shape.pattern,
        start=format_html('<time datetime="{}">{}</time>', start.isoformat(), date_format(start, shape.start)),
        end=format_html('<time datetime="{}">{}</time>', end.isoformat(), date_format(end, shape.end)),
    )
