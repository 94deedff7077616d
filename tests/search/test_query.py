"""What a query finds and in which order: the same answers on SQLite and on PostgreSQL.

Run on both: `pytest tests/search` and `DATABASE_URL=postgres://... pytest tests/search`.
"""

import datetime

import pytest
from django.db import connection

from core.publishing import PublicationStatus
from pages.models import Page
from programs.models import PartnerOrganisation, Session
from search.backends import vector
from search.models import SearchEntry
from search.results import search
from testimonials import models as testimonials
from tests.offices.factories import make_contact, make_document, make_office
from tests.programs.factories import make_programme, make_session
from tests.support.content import PUBLISHED

pytestmark = pytest.mark.django_db
DRAFT = PublicationStatus.DRAFT


def test_an_exact_title_match_comes_first(indexed, titles):
    with indexed():
        make_office(
            name="Harbour Lights Forum on Harbour Lights",
            summary="Harbour lights, harbour lights and more harbour lights. " * 5,
            region="Harbour Lights",
        )
        make_office(name="Harbour Lights", summary="An office.")
        make_programme(name="Lights of the harbour", summary="Harbour lights.")
    found = titles("harbour lights")
    assert found[0] == "Harbour Lights"
    assert set(found) == {"Harbour Lights", "Harbour Lights Forum on Harbour Lights", "Lights of the harbour"}


def test_a_title_match_outranks_a_body_match(indexed, titles):
    with indexed():
        make_office(name="Plain office", summary="Somewhere near Vexborough.")
        make_office(name="Vexborough office")
    assert titles("vexborough") == ["Vexborough office", "Plain office"]


def test_the_seed_answers_the_questions_officials_ask(titles, find):
    assert titles("Chengdu office")[0] == "WeGO Asia Regional Office, Chengdu"
    world_bank = find("workshop with the World Bank")
    assert world_bank, "the joint workshop with the World Bank"
    assert {entry.kind for entry in world_bank} <= {"programme", "session"}
    assert "Joint Workshop for Smart Sustainable Cities and e-Government" in [entry.title for entry in world_bank]


def test_each_kind_is_found_by_a_word_only_it_contains(indexed, find):
    with indexed():
        make_office(name="Test office", country="Quuxland")
        make_contact(make_office(name="Another office"), name="Ms. Plugh Xyzzy")
        programme = make_programme(name="Test programme without sessions")
        programme.partners.add(PartnerOrganisation.objects.create(name="Fooble Foundation"))
        session = make_session(make_programme(), datetime.date(2030, 4, 1), title="Test session")
        session.topics.create(name="Gribblewidgets")
        testimonials.Testimonial.objects.create(person="Some One", quote="I learnt Blorfquote.", **PUBLISHED)
        make_document(title="Wibblefrotz guide")
        page = Page.objects.get(key=Page.Key.TESTIMONIALS)
        page.body = "Read on, Waldopage readers."
        page.save()
    expected = {
        "quuxland": "office",
        "xyzzy": "person",
        "fooble": "programme",
        "gribblewidgets": "session",
        "blorfquote": "testimonial",
        "wibblefrotz": "document",
        "waldopage": "page",
    }
    for word, kind in expected.items():
        assert [entry.kind for entry in find(word)] == [kind], word


def test_staff_names_cities_countries_topics_partners_and_document_titles_are_searchable(find):
    assert [entry.kind for entry in find("Guangliang")] == ["person"]
    assert "office" in {entry.kind for entry in find("Ulyanovsk")}
    assert "session" in {entry.kind for entry in find("Jeju")}
    assert "programme" in {entry.kind for entry in find("NIA")}
    assert "document" in {entry.kind for entry in find("guide")}


def test_only_published_content_is_found(indexed, find):
    with indexed():
        make_office(name="Draft office", country="Quuxland", publication_status=DRAFT)
        office = make_office(name="Draft host", publication_status=DRAFT)
        make_contact(office, name="Ms. Plugh Xyzzy")
        draft_programme = make_programme(name="Draft programme", publication_status=DRAFT)
        make_session(draft_programme, datetime.date(2030, 4, 1), title="Gribble session")
        make_document(title="Wibblefrotz guide", publication_status=DRAFT)
    for word in ["quuxland", "xyzzy", "gribble", "wibblefrotz", "draft"]:
        assert find(word) == [], word


def test_phrases_exclusions_and_alternatives(titles):
    jeju = "Joint Workshop 2018, Jeju"
    seoul = "Joint Workshop 2017, Seoul"
    assert {jeju, seoul} <= set(titles("joint workshop"))
    assert jeju in titles('"joint workshop" jeju')
    assert seoul not in titles('"joint workshop" jeju')
    assert jeju not in titles("joint workshop -jeju")
    assert seoul in titles("joint workshop -jeju")
    assert {jeju, seoul} <= set(titles("jeju or seoul"))
    assert titles('"workshop joint"') == []


def test_accents_and_case_do_not_matter(indexed, titles):
    with indexed():
        make_office(name="Office in São Tomé", country="São Tomé and Príncipe")
    assert titles("sao tome")[0] == "Office in São Tomé"
    assert titles("SÃO TOMÉ")[0] == "Office in São Tomé"


def test_kind_narrows_the_results(find):
    everything = find("chengdu")
    offices = find("chengdu", kind="office")
    assert len(everything) > len(offices) == 1
    assert offices[0].kind == "office"
    assert find("chengdu", kind="nonsense") == everything


def test_facets_count_each_kind(find):
    results = search("chengdu", "en", kind="office")
    facets = {kind: count for kind, _label, count in results.facets()}
    assert facets["office"] == 1
    assert sum(facets.values()) == len(find("chengdu"))


def test_results_are_in_the_language_asked_for():
    entries = list(search("chengdu", "ru").entries)
    assert entries and all(entry.language == "ru" and entry.url.startswith("/ru/") for entry in entries)


def test_an_empty_query_finds_nothing_without_a_query():
    results = search("   ", "en")
    assert not results.query
    assert list(results.entries) == []


def test_postgresql_matches_through_the_gin_index():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no GIN index")
    from django.contrib.postgres.search import SearchQuery

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'wego_site_search_vector'")
        (definition,) = cursor.fetchone()
        assert "USING gin" in definition
        cursor.execute("SET LOCAL enable_seqscan = off")
        query = SearchQuery('"chengdu"', search_type="websearch", config="simple")
        plan = SearchEntry.objects.annotate(match=vector()).filter(match=query).explain()
    assert "wego_site_search_vector" in plan


def test_session_titles_are_found_by_their_programme(titles):
    session = Session.objects.published().get(slug="2018-jeju")
    assert session.title in titles(session.programme.name)
