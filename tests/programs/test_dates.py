"""Date ranges read naturally and never repeat what both ends share."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from programs.dates import date_range_html, format_date_range
from tests.html import elements, texts

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
