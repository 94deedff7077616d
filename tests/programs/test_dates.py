"""Date ranges read naturally and never repeat what both ends share."""

import re
from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from programs.dates import date_range_html, format_date_range
from tests.support.html import elements, texts

EN_DASH = "\u2013"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2011, 9, 5), date(2011, 9, 9), "5–9 September 2011"),
        (date(2012, 5, 29), date(2012, 6, 6), "29 May – 6 June 2012"),
        (date(2017, 3, 27), date(2017, 3, 31), "27–31 March 2017"),
        (date(2017, 12, 30), date(2018, 1, 2), "30 December 2017 – 2 January 2018"),
        (date(2017, 11, 20), date(2017, 11, 20), "20 November 2017"),
        (date(2017, 11, 20), None, "20 November 2017"),
    ],
)
def test_plain_ranges(start, end, expected):
    with translation.override("en"):
        assert format_date_range(start, end) == expected


def test_the_dash_is_an_en_dash_not_a_hyphen():
    text = format_date_range(date(2011, 9, 5), date(2011, 9, 9))
    assert EN_DASH in text
    assert "-" not in text


def test_no_start_date_gives_nothing():
    assert format_date_range(None, None) == ""
    assert date_range_html(None) == ""


def test_each_end_is_a_time_element_with_its_iso_date():
    with translation.override("en"):
        html = date_range_html(date(2012, 5, 29), date(2012, 6, 6))
    assert html == '<time datetime="2012-05-29">29 May</time> – <time datetime="2012-06-06">6 June 2012</time>'
    assert [t["datetime"] for t in elements(html, "time")] == ["2012-05-29", "2012-06-06"]


def test_same_month_shows_the_month_once():
    with translation.override("en"):
        html = date_range_html(date(2011, 9, 5), date(2011, 9, 9))
    assert texts(html, "time") == ["5", "9 September 2011"]
    assert html.count("September") == 1


def test_cross_year_shows_both_years():
    with translation.override("en"):
        html = date_range_html(date(2017, 12, 30), date(2018, 1, 2))
    assert texts(html, "time") == ["30 December 2017", "2 January 2018"]


def test_one_day_is_a_single_time_element():
    with translation.override("en"):
        html = date_range_html(date(2017, 11, 20), date(2017, 11, 20))
    assert html == '<time datetime="2017-11-20">20 November 2017</time>'


def test_template_tag():
    template = Template("{% load programme_tags %}{% date_range start end %}")
    with translation.override("en"):
        html = template.render(Context({"start": date(2017, 3, 27), "end": date(2017, 3, 31)}))
    assert html == '<time datetime="2017-03-27">27</time>–<time datetime="2017-03-31">31 March 2017</time>'


def test_month_names_follow_the_active_language():
    with translation.override("es"):
        assert "septiembre" in format_date_range(date(2011, 9, 5), date(2011, 9, 9))


# Each language writes ranges its own way -------------------------------------------------------------

ONE_DAY = (date(2017, 11, 20), date(2017, 11, 20))
SAME_MONTH = (date(2017, 11, 20), date(2017, 11, 23))
SAME_YEAR = (date(2012, 5, 29), date(2012, 6, 6))
TWO_YEARS = (date(2017, 12, 30), date(2018, 1, 2))


@pytest.mark.parametrize(
    ("language", "dates", "expected"),
    [
        ("en", ONE_DAY, "20 November 2017"),
        ("en", SAME_MONTH, "20–23 November 2017"),
        ("en", SAME_YEAR, "29 May – 6 June 2012"),
        ("en", TWO_YEARS, "30 December 2017 – 2 January 2018"),
        ("ko", ONE_DAY, "2017년 11월 20일"),
        ("ko", SAME_MONTH, "2017년 11월 20~23일"),
        ("ko", SAME_YEAR, "2012년 5월 29일~6월 6일"),
        ("ko", TWO_YEARS, "2017년 12월 30일~2018년 1월 2일"),
        ("zh-hans", ONE_DAY, "2017年11月20日"),
        ("zh-hans", SAME_MONTH, "2017年11月20日至23日"),
        ("zh-hans", SAME_YEAR, "2012年5月29日至6月6日"),
        ("zh-hans", TWO_YEARS, "2017年12月30日至2018年1月2日"),
        ("ru", ONE_DAY, "20 ноября 2017 г."),
        ("ru", SAME_MONTH, "20–23 ноября 2017 г."),
        ("ru", SAME_YEAR, "29 мая – 6 июня 2012 г."),
        ("ru", TWO_YEARS, "30 декабря 2017 г. – 2 января 2018 г."),
        ("es", ONE_DAY, "20 de noviembre de 2017"),
        ("es", SAME_MONTH, "20–23 de noviembre de 2017"),
        ("es", SAME_YEAR, "29 de mayo – 6 de junio de 2012"),
        ("es", TWO_YEARS, "30 de diciembre de 2017 – 2 de enero de 2018"),
    ],
)
def test_each_language_and_range_shape(language, dates, expected):
    with translation.override(language):
        assert format_date_range(*dates) == expected


@pytest.mark.parametrize("language", ["en", "ko", "zh-hans", "ru", "es"])
@pytest.mark.parametrize("dates", [ONE_DAY, SAME_MONTH, SAME_YEAR, TWO_YEARS])
def test_the_html_reads_like_the_text_and_keeps_iso_dates(language, dates):
    with translation.override(language):
        html = date_range_html(*dates)
        text = format_date_range(*dates)
    assert re.sub(r"<[^>]+>", "", html) == text
    expected_iso = [dates[0].isoformat()] if dates[0] == dates[1] else [d.isoformat() for d in dates]
    assert [t["datetime"] for t in elements(html, "time")] == expected_iso


def test_korean_same_month_names_the_year_and_month_once():
    with translation.override("ko"):
        html = date_range_html(*SAME_MONTH)
    assert html == '<time datetime="2017-11-20">2017년 11월 20</time>~<time datetime="2017-11-23">23일</time>'


def test_russian_uses_the_genitive_month_names():
    with translation.override("ru"):
        assert "ноября" in format_date_range(*SAME_MONTH)
        assert "Ноябрь" not in format_date_range(*SAME_MONTH)


def test_a_language_without_its_own_style_reads_the_english_order_with_its_month_names():
    with translation.override("fr"):
        assert format_date_range(*SAME_MONTH) == "20–23 novembre 2017"


def test_a_regional_variant_uses_its_language_style():
    from programs.dates import STYLES, style

    assert style("es-mx") is STYLES["es"]
    assert style("zh-Hans") is STYLES["zh-hans"]
    assert style("xx") is STYLES["en"]
