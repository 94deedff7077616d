"""One PageMeta a page: what it holds, and that every kind of page states its metadata through it."""

import json

import pytest
from django.template.loader import render_to_string

from core.meta import PageMeta, trail
from tests.support.html import JSON_LD, elements, json_ld, meta

SITE = "http://testserver"
PHOTO = {"url": f"{SITE}/media/renditions/og/photo.webp", "width": 1200, "height": 630, "alt": "The office"}


def test_a_trail_of_one_crumb_is_neither_shown_nor_stated(rf):
    page = PageMeta(rf.get("/"), title="Home", breadcrumbs=trail())
    assert page.breadcrumbs == []
    assert page.json_ld == []


def test_a_longer_trail_is_shown_and_stated_last_with_absolute_urls(rf):
    crumbs = trail(("Regional Offices", "/offices/"), ("Africa", "/offices/africa/"))
    page = PageMeta(rf.get("/offices/africa/"), title="Africa", breadcrumbs=crumbs, data=[{"@type": "Person"}])
    assert [(crumb.name, crumb.url) for crumb in page.breadcrumbs] == [
        ("Home", "/"),
        ("Regional Offices", "/offices/"),
        ("Africa", "/offices/africa/"),
    ]
    person, breadcrumbs = [json.loads(payload) for payload in JSON_LD.findall("".join(page.json_ld))]
    assert person == {"@type": "Person"}
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [item["item"] for item in breadcrumbs["itemListElement"]] == [
        f"{SITE}/",
        f"{SITE}/offices/",
        f"{SITE}/offices/africa/",
    ]
    assert page.data == [{"@type": "Person"}]  # the BreadcrumbList is the trail's, not the caller's


def test_without_an_image_the_site_image_is_shared(rf):
    page = PageMeta(rf.get("/"), title="Programmes")
    assert page.image["url"] == f"{SITE}/static/img/og-default.png"
    assert (page.image["width"], page.image["height"]) == (1200, 630)
    assert page.image["alt"] == "WeGO, World Smart Sustainable Cities Organization"
    assert PageMeta(rf.get("/"), title="Office", image=PHOTO).image == PHOTO


def test_the_description_is_plain_text_of_at_most_forty_words(rf):
    page = PageMeta(rf.get("/"), title="T", description="<p>Smart R&amp;D</p> " + "word " * 50)
    assert page.description.startswith("Smart R&D word")
    assert len(page.description.split()) == 40
    assert page.description.endswith("…")


def test_json_ld_cannot_close_its_script_element(rf):
    page = PageMeta(rf.get("/"), title="T", data=[{"name": "</script><script>alert(1)</script> & <!--"}])
    (script,) = page.json_ld
    assert script.count("</script>") == 1 and "<script>alert" not in script
    assert json.loads(JSON_LD.fullmatch(script).group(1)) == {"name": "</script><script>alert(1)</script> & <!--"}


def test_the_include_writes_robots_sharing_tags_and_twitter_tags_from_one_page_meta(rf):
    request = rf.get("/offices/africa/")
    page = PageMeta(request, title="Africa & co", description="An office.", image=PHOTO, robots="noindex")
    html = render_to_string("includes/page_meta.html", {"page_meta": page, "request": request})
    assert meta(html, "robots") == "noindex"
    assert elements(html, "link", rel="canonical")[0]["href"] == f"{SITE}/offices/africa/"
    assert meta(html, "og:title") == meta(html, "twitter:title") == "Africa & co"
    assert 'content="Africa &amp; co"' in html
    assert meta(html, "og:description") == meta(html, "twitter:description") == "An office."
    assert meta(html, "og:image") == meta(html, "twitter:image") == PHOTO["url"]
    assert meta(html, "og:image:alt") == meta(html, "twitter:image:alt") == "The office"
    assert not html.endswith("\n")  # base.html ends the line


def test_no_robots_rule_unless_the_page_states_one(rf):
    request = rf.get("/")
    html = render_to_string("includes/page_meta.html", {"page_meta": PageMeta(request, title="T"), "request": request})
    assert meta(html, "robots") is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "types"),
    [
        ("/", ["Organization", "WebSite"]),
        ("/contact/", ["Organization", "BreadcrumbList"]),
        ("/host-city/", ["Organization", "BreadcrumbList"]),
        ("/offices/", ["BreadcrumbList"]),
        ("/offices/asia-chengdu/", ["Person", "BreadcrumbList"]),
        ("/programmes/seoul-program/", ["EducationalOccupationalProgram", "BreadcrumbList"]),
    ],
)
def test_each_page_states_its_json_ld_through_its_page_meta(client, path, types):
    response = client.get(path)
    page = response.context["page_meta"]
    assert isinstance(page, PageMeta)
    html = response.content.decode()
    assert [item["@type"] for item in json_ld(html)] == types
    assert "".join(page.json_ld) in html  # printed once, by base.html, from the PageMeta
    for key in ("json_ld", "og_title", "og_description", "og_image", "breadcrumbs", "robots"):
        assert key not in response.context, (path, key)


@pytest.mark.django_db
def test_the_secretariat_pages_state_the_secretariat_as_an_organization(client):
    for path in ("/contact/", "/host-city/"):
        data = client.get(path).context["page_meta"].data
        (organization,) = [item for item in data if item["@type"] == "Organization"]
        assert organization["name"] == "WeGO Secretariat"
        assert organization["url"] == f"{SITE}/contact/"


@pytest.mark.django_db
def test_search_results_ask_not_to_be_indexed_and_other_pages_do_not(client):
    assert meta(client.get("/search/?q=seoul").content.decode(), "robots") == "noindex"
    assert meta(client.get("/offices/").content.decode(), "robots") is None


@pytest.mark.django_db
def test_a_page_without_page_meta_shows_the_site_defaults(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert meta(html, "og:title") == meta(html, "twitter:title") == "WeGO, World Smart Sustainable Cities Organization"
    assert meta(html, "og:description") == (
        "WeGO, the World Smart Sustainable Cities Organization: smart sustainable cities for all."
    )
    assert meta(html, "og:image") == meta(html, "twitter:image") == f"{SITE}/static/img/og-default.png"
    assert meta(html, "og:image:width") == "1200" and meta(html, "og:image:height") == "630"
    assert meta(html, "robots") is None
    assert not elements(html, "nav", **{"class": "breadcrumbs"})
