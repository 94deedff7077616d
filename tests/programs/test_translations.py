"""The programme pages in other languages: what staff translated shows, the rest falls back to English."""

import re

import pytest
from django.urls import reverse

from programs.models import City, PartnerOrganisation, Programme, Session
from tests.support.html import elements, html_of, texts
from tests.support.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def korean():
    """Some Korean translations, as staff would enter them; everything else is left untranslated."""
    Programme.objects.filter(slug="seoul-program").update(name_ko="서울 프로그램", summary_ko="서울시의 전자정부 연수")
    Programme.objects.filter(slug="joint-workshop").update(name_ko="스마트 지속가능 도시 공동 워크숍")
    Session.objects.filter(programme__slug="seoul-program", slug="2013").update(
        title_ko="서울 프로그램 2013", place_ko="대한민국 서울"
    )
    workshop = Session.objects.get(programme__slug="joint-workshop", slug="2017-seoul")
    Session.objects.filter(pk=workshop.pk).update(title_ko="공동 워크숍 2017, 서울")
    workshop.topics.filter(name="Building Smart City Ecosystems").update(name_ko="스마트시티 생태계 구축")
    workshop.technical_tours.filter(name="S-Plex Center").update(name_ko="에스플렉스 센터")
    City.objects.filter(name="Gimpo").update(name_ko="김포", country_ko="대한민국")
    City.objects.filter(name="Goyang").update(name_ko="고양", country_ko="대한민국")
    City.objects.filter(name="Sejong").update(name_ko="세종", country_ko="대한민국")
    PartnerOrganisation.objects.filter(short_name="NIA").update(name_ko="한국지능정보사회진흥원")
    Session.objects.get(programme__slug="joint-workshop", slug="2018-jeju").contacts.filter(name="Andrew Lim").update(
        role_ko="사무국 담당자"
    )
    return workshop


def test_korean_values_show_on_the_korean_programme_pages(client, korean):
    html = html_of(client.get("/ko/programmes/"))
    assert "서울 프로그램" in texts(html, "h3")
    assert "서울시의 전자정부 연수" in html

    html = html_of(client.get("/ko/programmes/seoul-program/"))
    assert texts(html, "h1") == ["서울 프로그램"]
    assert "서울 프로그램 2013" in texts(html, "h3")
    assert "대한민국 서울" in html
    # Untranslated: the other sessions and the body fall back to English.
    assert "Seoul Program 2017" in texts(html, "h3")
    assert "The Seoul Program consist of diverse lectures" in html
    assert elements(html, "a", href="/ko/programmes/seoul-program/2013/")


def test_english_pages_stay_english(client, korean):
    html = html_of(client.get("/programmes/seoul-program/"))
    assert texts(html, "h1") == ["Seoul Program"]
    assert "서울" not in html.replace('lang="ko"', "").split("<main", 1)[1]


def test_korean_session_page_mixes_translated_and_fallback_values(client, korean):
    html = html_of(client.get("/ko/programmes/joint-workshop/2017-seoul/"))
    assert texts(html, "h1") == ["공동 워크숍 2017, 서울"]
    topics = html[html.index('id="topics-heading"') : html.index('id="tours-heading"')]
    assert "스마트시티 생태계 구축" in texts(topics, "li")
    assert "Smart City Vision &amp; Strategy Formulation" in topics  # not translated: English
    assert "Building Smart City Ecosystems" not in topics
    assert "에스플렉스 센터" in html and "TOPIS center (transportation)" in html
    # The Korean cities sit under their translated country, in one group, sorted as displayed.
    start = html.index('class="facts city-list"')
    cities = html[start : html.index("</dl>", start)]
    assert "김포, 고양, 세종" not in cities  # sorted by the Korean names, not by the English ones
    assert "고양, 김포, 세종" in texts(cities, "dd")
    countries = texts(cities, "dt")
    assert countries.count("대한민국") == 1 and "Korea" not in countries
    assert countries == sorted(countries, key=str.casefold)
    assert "Dhulikhel, Pokhara, Ramgram" in texts(cities, "dd")


def test_korean_session_dates_and_contact_roles(client, korean):
    html = html_of(client.get("/ko/programmes/joint-workshop/2017-seoul/"))
    assert '<time datetime="2017-11-20">2017년 11월 20</time>~<time datetime="2017-11-23">23일</time>' in html
    html = html_of(client.get("/ko/programmes/joint-workshop/2018-jeju/"))
    assert "Mr. Andrew Lim, 사무국 담당자" in " ".join(texts(html, "address"))


def test_partner_names_are_translated(client, korean):
    html = html_of(client.get("/ko/programmes/joint-workshop/"))
    assert "한국지능정보사회진흥원" in html
    assert "World Bank" in html  # not translated


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", "23–30 June 2013"),
        ("/ko", "2013년 6월 23~30일"),
        ("/zh-hans", "2013年6月23日至30日"),
        ("/ru", "23–30 июня 2013 г."),
        ("/es", "23–30 de junio de 2013"),
    ],
)
def test_session_dates_in_each_language(client, prefix, expected):
    html = html_of(client.get(prefix + "/programmes/seoul-program/2013/"))
    lead = html[html.index('<p class="lead">') :]
    assert re.sub(r"<[^>]+>", "", lead[: lead.index("</p>")]).startswith(expected + " · ")
    assert [t["datetime"] for t in elements(html, "time")][:2] == ["2013-06-23", "2013-06-30"]


@pytest.mark.parametrize(
    "path", ["/programmes/", "/programmes/seoul-program/", "/programmes/joint-workshop/2017-seoul/"]
)
def test_other_languages_take_no_more_queries(client, korean, path):
    assert count_queries(client, "/ko" + path) == count_queries(client, path)


def test_admin_edits_every_language_on_one_page(staff_client_factory):
    staff = staff_client_factory()
    session = Session.objects.get(programme__slug="joint-workshop", slug="2017-seoul")
    html = html_of(staff.get(reverse("admin:programs_session_change", args=[session.pk])))
    for name in ["title_en", "title_ko", "title_ru", "title_es", "title_zh_hans", "place_ko", "description_ko"]:
        assert f'name="{name}"' in html
    for name in ["topics-0-name_ko", "technical_tours-0-name_ko"]:
        assert f'name="{name}"' in html
    programme = Programme.objects.get(slug="seoul-program")
    html = html_of(staff.get(reverse("admin:programs_programme_change", args=[programme.pk])))
    assert 'name="name_ko"' in html and 'name="sessions-0-title_ko"' in html
    html = html_of(staff.get(reverse("admin:programs_city_change", args=[City.objects.get(name="Gimpo").pk])))
    assert 'name="name_ko"' in html and 'name="country_ko"' in html


def test_admin_finds_cities_by_any_translation(staff_client_factory, korean):
    staff = staff_client_factory()
    response = staff.get(
        reverse("admin:autocomplete"),
        {"app_label": "programs", "model_name": "session", "field_name": "cities", "term": "김포"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Gimpo (Korea)"]
