"""Links shared in a chat or found by a search engine say what they are: canonical URL, Open Graph, breadcrumbs."""

from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage

from offices.models import Office
from tests.support.html import elements, json_ld, meta, of_type, parse
from tests.support.images import halves_png, make_image

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


def crumbs(html):
    """(text, href) of each breadcrumb shown on the page; href None for the current page."""
    tags = parse(html).tags
    start = next(i for i, (tag, attrs) in enumerate(tags) if tag == "nav" and attrs.get("class") == "breadcrumbs")
    end = next(i for i in range(start + 1, len(tags)) if tags[i][0] == "h1" or tags[i][0] == "nav")
    return [attrs.get("href") for tag, attrs in tags[start:end] if tag in ("a", "span")]


def test_every_public_page_has_a_canonical_url_and_absolute_sharing_tags(sitemap_pages):
    for path, (_status, html) in sitemap_pages.items():
        canonical = elements(html, "link", rel="canonical")
        assert len(canonical) == 1, path
        assert canonical[0]["href"] == SITE + path, path
        assert meta(html, "og:url") == SITE + path, path
        for name in ["og:title", "og:description", "og:type", "og:image", "twitter:card", "twitter:title"]:
            assert meta(html, name), (path, name)
        assert meta(html, "og:description") == meta(html, "twitter:description"), path
        for name in ["og:image", "twitter:image"]:
            assert urlsplit(meta(html, name)).scheme in ("http", "https"), (path, name)
        assert meta(html, "twitter:card") == "summary_large_image"


def test_every_public_page_but_home_has_breadcrumbs_shown_and_as_a_breadcrumb_list(sitemap_pages):
    for path, (_status, html) in sitemap_pages.items():
        lists = of_type(html, "BreadcrumbList")
        if urlsplit(SITE + path).path in ("/", "/ko/", "/ru/", "/es/", "/zh-hans/"):
            assert not lists and not elements(html, "nav", **{"class": "breadcrumbs"}), path
            continue
        assert len(lists) == 1, path
        items = lists[0]["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1)), path
        assert items[-1]["item"] == SITE + path, path
        assert all(item["item"].startswith(SITE + "/") and item["name"] for item in items), path
        shown = crumbs(html)
        assert shown[:-1] == [urlsplit(item["item"]).path for item in items[:-1]], path
        assert shown[-1] is None, path  # the current page is not a link
        assert elements(html, "span", **{"aria-current": "page"}), path


def test_the_default_image_is_the_site_image(client):
    html = client.get("/programmes/").content.decode()
    assert meta(html, "og:image") == SITE + "/static/img/og-default.png"
    assert meta(html, "og:image:width") == "1200" and meta(html, "og:image:height") == "630"


def test_an_office_with_a_photo_shares_its_photo(client):
    office = Office.objects.get(slug="asia-chengdu")
    office.photo = make_image(halves_png(1600, 1000), "chengdu.png", alt_en="The office building in Chengdu")
    office.save()
    html = client.get(office.get_absolute_url()).content.decode()
    image = meta(html, "og:image")
    assert image.startswith(SITE + "/files/renditions/og-1200x630/") and image.endswith(".webp")
    assert meta(html, "twitter:image") == image
    assert meta(html, "og:image:alt") == "The office building in Chengdu"
    assert default_storage.exists(urlsplit(image).path.removeprefix("/files/"))


def test_section_pages_share_their_title_and_description(client):
    html = client.get("/offices/").content.decode()
    assert meta(html, "og:title") == "Regional Offices"
    assert meta(html, "og:description") == meta(html, "description")


def test_detail_pages_share_their_own_title_and_description(client):
    html = client.get("/programmes/seoul-program/2011/").content.decode()
    assert meta(html, "og:title") == "Seoul Program 2011"
    assert meta(html, "og:description") == meta(html, "description")
    html = client.get("/offices/asia-chengdu/").content.decode()
    assert meta(html, "og:title") == "WeGO Asia Regional Office, Chengdu"
    assert meta(html, "og:description") == meta(html, "description")


def test_pages_outside_the_sitemap_fall_back_to_the_site_defaults(client):
    html = client.get("/no-such-page/").content.decode()
    assert meta(html, "og:title") == "WeGO, World Smart Sustainable Cities Organization"
    assert meta(html, "og:image") == SITE + "/static/img/og-default.png"
    assert json_ld(html) == []


def test_the_head_links_the_session_feed(client):
    html = client.get("/ko/").content.decode()
    link = elements(html, "link", type="application/atom+xml")[0]
    assert link["rel"] == "alternate" and link["href"] == "/ko/feeds/sessions.atom"


def test_every_page_gives_search_engines_the_description_it_shares(sitemap_pages):
    for path, (_status, html) in sitemap_pages.items():
        [description] = elements(html, "meta", name="description")
        [shared] = elements(html, "meta", property="og:description")
        assert description["content"] == shared["content"] != "", path
