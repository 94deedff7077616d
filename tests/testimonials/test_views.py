"""/testimonials/: every published testimonial, filterable with a plain GET form."""

from datetime import date

import pytest
from django.urls import reverse

from core.publishing import PublicationStatus
from testimonials import models as testimonials
from tests.programs.factories import make_programme, make_session
from tests.support.content import PUBLISHED
from tests.support.html import elements, html_of, texts
from tests.support.queries import count_queries

pytestmark = pytest.mark.django_db

URL = "/testimonials/"


def page(client, query=""):
    return html_of(client.get(URL + query))


def people(html):
    return [text.split(",")[0].removeprefix("said ").strip() for text in texts(html, "figcaption")]


def test_url_name():
    assert reverse("testimonials:list") == URL


def test_every_published_testimonial_with_its_exact_words(client):
    html = page(client)
    assert texts(html, "h1") == ["Testimonials"]
    assert len(elements(html, "figure")) == 4
    captions = texts(html, "figcaption")
    assert captions[0].startswith(
        "said Ms. Melissa Ovalle Buenrostro, Chief of the E-Government Research Department, Mexico City."
    )
    assert "both personally and professionally”,</p></blockquote>" in html
    assert any(c.startswith("said Mr. Santiago Nieva Giralt on behalf of Barcelona City Council.") for c in captions)
    assert any(
        c.startswith("said Mr. Khalid AC Zadjali, Deputy Director General of Information System, Muscat.")
        for c in captions
    )
    assert elements(html, "a", href="/programmes/seoul-program/2013/")


def test_draft_testimonials_are_not_listed(client):
    testimonials.Testimonial.objects.filter(person="Mirela Minca").update(publication_status=PublicationStatus.DRAFT)
    html = page(client)
    assert "Mirela Minca" not in html
    assert len(elements(html, "figure")) == 3


def test_filter_by_year(client):
    html = page(client, "?year=2011")
    assert len(elements(html, "figure")) == 1
    assert "Melissa Ovalle Buenrostro" in html
    assert [o["value"] for o in elements(html, "option") if "selected" in o] == ["", "2011"]
    html = page(client, "?year=2013")
    assert len(elements(html, "figure")) == 3
    assert "Melissa Ovalle Buenrostro" not in html


def test_filter_by_programme(client):
    other = make_programme(name="Other programme", slug="other-programme")
    testimonials.Testimonial.objects.create(
        person="Other Person", quote="“Good,”", session=make_session(other, date(2019, 1, 1)), **PUBLISHED
    )
    html = page(client, "?programme=seoul-program")
    assert len(elements(html, "figure")) == 4
    assert "Other Person" not in html
    html = page(client, "?programme=other-programme&year=2019")
    assert len(elements(html, "figure")) == 1
    assert "Other Person" in html
    assert page(client, "?programme=other-programme&year=2013").count("<figure") == 0


def test_the_filter_form_works_without_javascript(client):
    html = page(client)
    form = elements(html, "form", method="get", **{"class": "filter-form"})[0]
    assert form["action"] == URL
    assert [s["name"] for s in elements(html, "select")] == ["programme", "year"]
    assert {label["for"] for label in elements(html, "label")} >= {"id_programme", "id_year"}
    assert [o["value"] for o in elements(html, "option")] == ["", "seoul-program", "", "2013", "2011"]
    # No script the form depends on: only structured data, or files that enhance the page.
    assert all(s.get("type") == "application/ld+json" or s.get("src") for s in elements(html, "script"))
    assert not [attribute for attribute in form if attribute.startswith("on")]


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?year=1999",
        "?programme=<script>alert(1)</script>",
        "?programme=no-such&year=2013&page=x",
        "?year=",
    ],
)
def test_odd_filters_get_a_calm_page_without_reflected_markup(client, query):
    html = page(client, query)
    assert "<script>alert(1)" not in html
    assert len(texts(html, "h1")) == 1


def test_an_unknown_year_shows_an_error_and_every_testimonial(client):
    html = page(client, "?year=1999")
    assert "Select a valid choice" in html
    assert len(elements(html, "figure")) == 4


@pytest.mark.parametrize("query", ["", "?programme=seoul-program&year=2013"])
def test_query_count_is_the_same_with_3_and_30_more_testimonials(client, query, django_assert_max_num_queries):
    session = make_session(make_programme(), date(2013, 3, 1))
    seoul = testimonials.Testimonial.objects.get(person="Mirela Minca").session

    def add(count):
        for index in range(count):
            testimonials.Testimonial.objects.create(
                person=f"Person {index}", quote="“Good,”", session=session, **PUBLISHED
            )
            testimonials.Testimonial.objects.create(
                person=f"Seoul person {index}", quote="“Good,”", session=seoul, **PUBLISHED
            )

    add(3)
    with django_assert_max_num_queries(8):
        client.get(URL + query)
    with_few = count_queries(client, URL + query)
    add(27)
    assert count_queries(client, URL + query) == with_few
