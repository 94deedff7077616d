"""Site-wide promises: every public page answers, has one <h1>, a title and a description."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.support.html import elements, meta, texts
from tests.support.sitemap import language_of, sitemap_paths

pytestmark = pytest.mark.django_db


def test_sitemap_lists_every_section_in_every_language(client):
    paths = sitemap_paths(client)
    names = [
        "home",
        "offices:list",
        "offices:host",
        "bids:list",
        "programs:list",
        "testimonials:list",
        "contact:contact",
    ]
    for name in [*names, "contact:host-city"]:
        for language in ["en", "ko", "ru", "es", "zh-hans"]:
            with translation.override(language):
                assert reverse(name) in paths, (name, language)
    assert "/ko/offices/" in paths
    assert len(paths) == len(set(paths)), "the sitemap lists a page twice"


def test_every_sitemap_page_answers_with_one_h1_a_title_and_a_description(sitemap_pages):
    assert sitemap_pages
    for path, (status, html) in sitemap_pages.items():
        assert status == 200, path
        assert len(texts(html, "h1")) == 1, path
        assert texts(html, "title") and texts(html, "title")[0].strip(), path
        description = meta(html, "description")
        assert description and len(description) > 20, path
        assert f'<html lang="{language_of(path)}">' in html, path


def test_home_page_introduces_wego(client):
    response = client.get("/")
    html = response.content.decode()
    assert texts(html, "h1") == ["WeGO, World Smart Sustainable Cities Organization"]
    assert "Smart Sustainable Cities for All" in html


def test_navigation_marks_the_current_section(client):
    html = client.get(reverse("offices:list")).content.decode()
    current = [a["href"] for a in elements(html, "a") if a.get("aria-current") == "page"]
    assert current == [reverse("offices:list")]
    html = client.get(reverse("contact:host-city")).content.decode()
    current = [a["href"] for a in elements(html, "a") if a.get("aria-current") == "page"]
    assert current == [reverse("contact:host-city")]
    html = client.get(reverse("contact:contact")).content.decode()
    current = [a["href"] for a in elements(html, "a") if a.get("aria-current") == "page"]
    assert current == [reverse("contact:contact")]
    html = client.get("/").content.decode()
    assert not [a for a in elements(html, "a") if a.get("aria-current") == "page"], "home is no navigation item"


def test_navigation_lists_the_sections_in_order(client):
    html = client.get("/ko/").content.decode()
    nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    links = [(a["href"], text) for a, text in zip(elements(nav, "a"), texts(nav, "a"), strict=True)]
    assert [href for href, _text in links] == [
        "/ko/offices/",
        "/ko/programmes/",
        "/ko/testimonials/",
        "/ko/host-city/",
        "/ko/contact/",
    ]
    assert links[0][1] != "Regional Offices", "the labels are translated"


def test_footer_shows_the_secretariat_from_the_database(client):
    html = client.get("/").content.decode()
    assert "Seoul Global Center 7th Floor" in html
    assert "+82 (0)2 720 2934~7" in html


def test_404_uses_the_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert texts(html, "h1") == ["Page not found"]
    assert 'class="site-header"' in html
    assert 'href="#main"' in html


def test_500_page_uses_the_layout_without_the_database(rf):
    from wego_site.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert texts(html, "h1") == ["Something went wrong"]
    assert 'class="site-header"' in html


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.ico")


def test_healthz_answers_200_with_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_without_the_database(client, monkeypatch):
    from django.db import OperationalError, connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_draft_section_page_is_hidden_from_visitors_and_previewed_for_staff(client, staff_client_factory):
    from core.publishing import PublicationStatus
    from pages.models import Page

    Page.objects.filter(key=Page.Key.TESTIMONIALS).update(publication_status=PublicationStatus.DRAFT)
    assert client.get(reverse("testimonials:list")).status_code == 404
    assert reverse("testimonials:list") not in sitemap_paths(client)
    response = staff_client_factory().get(reverse("testimonials:list"))
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()
