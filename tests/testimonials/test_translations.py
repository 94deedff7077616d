"""Testimonials in other languages: who said it is translated, what was said never is."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from testimonials import models as testimonials
from tests.support.html import elements, html_of, texts
from tests.support.queries import count_queries

pytestmark = pytest.mark.django_db


def figure_of(html, person):
    """The <figure> of ``person``'s testimonial."""
    return next(figure for figure in re.findall(r"<figure.*?</figure>", html, re.DOTALL) if person in figure)


@pytest.fixture
def mirela_in_korean():
    testimonials.Testimonial.objects.filter(person="Mirela Minca").update(
        position_ko="국제프로그램협력과장", city_ko="부쿠레슈티"
    )
    return testimonials.Testimonial.objects.get(person="Mirela Minca")


def test_korean_framing_shows_and_the_quote_keeps_its_words(client, mirela_in_korean):
    html = figure_of(html_of(client.get("/ko/testimonials/")), "Mirela Minca")
    assert "Ms. Mirela Minca, 국제프로그램협력과장, 부쿠레슈티" in " ".join(texts(html, "figcaption"))
    assert "Head of International Program" not in html
    quote = elements(html, "blockquote")[0]
    assert quote["lang"] == "en"
    assert texts(html, "blockquote") == [mirela_in_korean.quote]


def test_untranslated_framing_falls_back_to_english(client, mirela_in_korean):
    html = html_of(client.get("/ko/testimonials/"))
    melissa = figure_of(html, "Melissa Ovalle Buenrostro")
    assert "Chief of the E-Government Research Department, Mexico City" in melissa


def test_every_quote_on_the_korean_page_is_marked_english(client):
    html = html_of(client.get("/ko/testimonials/"))
    quotes = elements(html, "blockquote")
    assert len(quotes) == 4
    assert {quote.get("lang") for quote in quotes} == {"en"}


def test_on_the_english_page_english_quotes_need_no_lang(client):
    html = html_of(client.get("/testimonials/"))
    assert all("lang" not in quote for quote in elements(html, "blockquote"))


def test_a_quote_in_another_language_is_marked_on_the_english_page(client):
    testimonials.Testimonial.objects.filter(person="Mirela Minca").update(
        quote="“강의는 아주 잘 구성되어 있었습니다,”", quote_language="ko"
    )
    html = html_of(client.get("/testimonials/"))
    assert elements(figure_of(html, "Mirela Minca"), "blockquote")[0]["lang"] == "ko"
    html = html_of(client.get("/ko/testimonials/"))
    mirela = figure_of(html, "Mirela Minca")
    assert "lang" not in elements(mirela, "blockquote")[0]
    assert "“강의는 아주 잘 구성되어 있었습니다,”" in mirela


def test_the_session_page_and_home_page_mark_the_quote_language_too(client):
    for path in ["/ko/programmes/seoul-program/2013/", "/ko/"]:
        quotes = elements(html_of(client.get(path)), "blockquote")
        assert quotes and {quote.get("lang") for quote in quotes} == {"en"}, path


def test_on_behalf_of_is_not_echoed_when_translated(client):
    testimonials.Testimonial.objects.filter(person="Khalid AC Zadjali").update(on_behalf_of_ko="오만 동료")
    khalid = testimonials.Testimonial.objects.get(person="Khalid AC Zadjali")
    with translation.override("ko"):
        assert khalid.on_behalf_of == "오만 동료"
        # The quote opens with “On behalf of my Omani colleague” in English, the language it was said in.
        assert "오만 동료" not in khalid.attribution
    santiago = testimonials.Testimonial.objects.get(person="Santiago Nieva Giralt")
    testimonials.Testimonial.objects.filter(pk=santiago.pk).update(on_behalf_of_ko="바르셀로나 시의회")
    santiago.refresh_from_db()
    with translation.override("ko"):
        assert "바르셀로나 시의회" in santiago.attribution


def test_the_korean_list_takes_no_more_queries(client, mirela_in_korean):
    assert count_queries(client, "/ko/testimonials/") == count_queries(client, "/testimonials/")


def test_admin_translates_the_framing_but_not_the_quote(staff_client_factory):
    staff = staff_client_factory()
    testimonial = testimonials.Testimonial.objects.get(person="Mirela Minca")
    html = html_of(staff.get(reverse("admin:testimonials_testimonial_change", args=[testimonial.pk])))
    for name in ["position_ko", "organisation_ru", "city_es", "country_zh_hans", "on_behalf_of_ko"]:
        assert f'name="{name}"' in html
    assert 'name="quote"' in html and 'name="quote_ko"' not in html
    assert 'name="quote_language"' in html
