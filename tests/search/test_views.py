"""The results page: a header box on every page, ranked and labelled results, a calm answer to anything."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.offices.factories import make_office
from tests.support.html import elements, meta, parse, texts
from tests.support.sitemap import sitemap_paths

pytestmark = pytest.mark.django_db


def search_page(client, path="/search/", **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def hits(html):
    """The address of each result, in order."""
    tags = parse(html).tags
    return [
        tags[index + 1][1]["href"]
        for index, (tag, attrs) in enumerate(tags)
        if tag == "h2" and attrs.get("class") == "search-result__title"
    ]


@pytest.mark.parametrize(
    "path", ["/", "/offices/", "/programmes/seoul-program/2011/", "/ko/contact/", "/no-such-page/"]
)
def test_every_page_has_a_search_box_in_its_header(client, path):
    html = client.get(path).content.decode()
    forms = elements(html, "form", role="search", method="get")
    assert forms and forms[0]["action"].endswith("/search/")
    box = elements(html, "input", id="site-search-q")
    assert box and box[0]["name"] == "q" and box[0]["type"] == "search"
    assert elements(html, "label", **{"for": "site-search-q"})


def test_results_are_ranked_labelled_highlighted_and_linked(client):
    html = search_page(client, q="Chengdu office")
    assert texts(html, "h1") == ["Results for “Chengdu office”"]
    assert meta(html, "robots") == "noindex"
    assert hits(html)[0] == "/offices/asia-chengdu/"
    assert '<a href="/offices/asia-chengdu/">WeGO Asia Regional <mark>Office</mark>, <mark>Chengdu</mark></a>' in html
    assert "Regional Office" in texts(html, "p")
    assert elements(html, "input", id="search-q")[0]["value"] == "Chengdu office"
    assert elements(html, "input", id="site-search-q")[0]["value"] == "Chengdu office"


def test_results_are_in_the_visitors_language(client):
    html = search_page(client, "/ko/search/", q="chengdu")
    links = hits(html)
    assert links and all(link.startswith("/ko/") for link in links)
    assert '<html lang="ko">' in html


ODD_QUERIES = [
    "",
    "   ",
    "!!! ??? ...",
    "x" * 2000,
    "chengdu " * 300,
    "'; DROP TABLE wego_site_searchentry; --",
    "1' OR '1'='1",
    "<script>alert('owned')</script>",
    '"><img src=x onerror=alert(1)>',
    "서울 정책공유",
    "Москва Ульяновск",
    "成都代表处",
    "São Paulo Bogotá Ñandú",
    "\x00\x1f",
    "%_%",
    '"unclosed phrase',
    "-",
    "or",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_input_gets_a_calm_page_without_reflected_markup(client, query):
    html = search_page(client, q=query)
    assert len(texts(html, "h1")) == 1
    main = html[html.index("<main") :]
    assert "<script>alert" not in main and "<img src=x" not in html
    assert "\x00" not in html
    # At most the capped query is shown back, escaped.
    assert "x" * 201 not in html


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999", "2.5", ""])
def test_odd_page_numbers_get_a_page_of_results(client, page):
    html = search_page(client, q="seoul", page=page)
    assert hits(html)


def test_odd_kinds_are_ignored(client):
    assert hits(search_page(client, q="chengdu", kind="<script>")) == hits(search_page(client, q="chengdu"))


def test_no_results_suggests_what_to_try_and_links_the_sections(client):
    html = search_page(client, q="qwertyuiopasdf")
    assert "Nothing matched" in texts(html, "h2")
    assert "Check the spelling, or try fewer words." in texts(html, "li")
    main = html[html.index("<main") :]
    for name in ["offices:list", "programs:list", "testimonials:list", "contact:host-city", "contact:contact"]:
        assert f'href="{reverse(name)}"' in main, name


def test_the_suggested_examples_find_something(client):
    html = search_page(client, q="qwertyuiopasdf")
    for word in ["Chengdu", "Seoul", "Mexico", "workshop", "e-government", "webinar"]:
        assert f"“{word}”" in html
        assert hits(search_page(client, q=word)), word


def test_an_empty_query_explains_what_can_be_found(client):
    html = search_page(client)
    assert texts(html, "h1") == ["Search the WeGO website"]
    assert "What you can search for" in texts(html, "h2")
    assert not hits(html)


def test_results_are_paginated_and_keep_the_query(client, indexed):
    with indexed():
        for number in range(25):
            make_office(name=f"Paginated office {number:02d}", summary="Pagewordish.")
    first = search_page(client, q="pagewordish")
    assert len(hits(first)) == 10
    assert "25 results · page 1 of 3" in " ".join(texts(first, "p"))
    assert elements(first, "a", rel="next")[0]["href"] == "?q=pagewordish&page=2"
    last = search_page(client, q="pagewordish", page="3")
    assert len(hits(last)) == 5
    assert elements(last, "a", rel="prev")[0]["href"] == "?q=pagewordish&page=2"
    assert elements(last, "ol", **{"class": "search-results"})[0]["start"] == "21"
    assert hits(search_page(client, q="pagewordish", page="99")) == hits(last)


def test_kind_links_narrow_the_results(client):
    html = search_page(client, q="chengdu")
    kinds = {a.get("href") for a in elements(html, "a") if "kind=" in a.get("href", "")}
    assert "?q=chengdu&kind=office" in kinds
    narrowed = search_page(client, q="chengdu", kind="office")
    assert hits(narrowed) == ["/offices/asia-chengdu/"]
    assert elements(narrowed, "input", type="hidden", name="kind")[0]["value"] == "office"


def _queries(client, query):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/search/", {"q": query}).status_code == 200
    return len(captured)


def test_the_results_page_makes_the_same_few_queries_for_3_or_30_matches(client, indexed):
    with indexed():
        for number in range(3):
            make_office(name=f"Few office {number}", summary="Countwordish.")
    few = _queries(client, "countwordish")
    with indexed():
        for number in range(27):
            make_office(name=f"Many office {number}", summary="Countwordish.")
    assert (
        _queries(client, "countwordish") == few <= 4
    )  # counts per kind, the page, the footer, the menu's section pages


def test_the_total_counts_every_match_or_only_the_kind_asked_for(client, indexed):
    with indexed():
        for number in range(13):
            make_office(name=f"Total office {number}", summary="Totalwordish.")
    everything = client.get("/search/", {"q": "totalwordish"}).content.decode()
    assert "13 results" in everything
    assert "page 1 of 2" in everything
    offices = client.get("/search/", {"q": "totalwordish", "kind": "office"}).content.decode()
    assert "13 results" in offices
    people = client.get("/search/", {"q": "totalwordish", "kind": "person"}).content.decode()
    assert "13 results" not in people


def test_the_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response["Content-Type"] == "application/opensearchdescription+xml"
    root = ET.fromstring(response.content)
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    assert root.find("os:ShortName", ns).text == "WeGO"
    templates = {url.get("type"): url.get("template") for url in root.findall("os:Url", ns)}
    assert templates["text/html"] == "http://testserver/search/?q={searchTerms}"
    assert templates["application/opensearchdescription+xml"] == "http://testserver/opensearch.xml"
    html = client.get("/").content.decode()
    link = elements(html, "link", rel="search")[0]
    assert link["type"] == "application/opensearchdescription+xml" and link["href"] == "/opensearch.xml"


def test_search_is_kept_out_of_search_engines(client):
    assert not [path for path in sitemap_paths(client) if "/search/" in path]
    assert "Disallow: /search/" in client.get("/robots.txt").content.decode()
    assert meta(search_page(client, q="seoul"), "robots") == "noindex"
