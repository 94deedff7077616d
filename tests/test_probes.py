"""Whatever a visitor sends gets a 4xx or a calm page: never a 500, never reflected markup."""

import pytest
from django.test import Client

from tests.support.html import input_value
from tests.support.sitemap import one_page_of_each_kind

pytestmark = pytest.mark.django_db

MARKUP = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
ODD_QUERIES = [
    f"?q={MARKUP}",
    "?page=999999",
    "?page=-1",
    "?page=abc",
    "?page=1e9",
    "?programme=%00&year=99999999999999999999",
    "?year=<script>&programme=../../etc/passwd",
    "?purpose=hosting%0d%0aSet-Cookie:x=1",
    "?" + "a=1&" * 500,
    "?q=" + "x" * 5000,
    "?q=%ff%fe%fd",
    "?lang=zz&language=..%2f..%2f",
]
ODD_PATHS = [
    "/offices/%00/",
    "/offices/..%2f..%2fetc%2fpasswd/",
    "/offices/" + "a" * 500 + "/",
    "/programmes/seoul-program/%3Cscript%3E/",
    "/programmes/seoul-program/2011/calendar.ics/x",
    "/offices/asia-chengdu/contacts/99999999999999999999.vcf",
    "/offices/documents/99999999999999999999/download/",
    "/zz/offices/",
    "/ko/../../admin/",
    "/search/?q=%E2%80%AE%F0%9F%98%80",
    "/static/../../wego_site/settings/base.py",
    "/media/../var/secret_key",
    "/%E0%A4%A",
    "/sitemap.xml?section=../../",
    "/feeds/sessions.atom?page=-5",
]


@pytest.fixture
def pages_of_each_kind(sitemap_pages):
    return [*one_page_of_each_kind(sitemap_pages).values(), "/search/"]


def assert_calm(response, label):
    assert response.status_code < 500, (label, response.status_code)
    body = response.content.decode(errors="replace")
    assert "<script>alert(1)" not in body, label
    assert "<img src=x" not in body, label  # escaped text is fine; live markup is not


def test_odd_query_strings_on_every_kind_of_page(client, pages_of_each_kind):
    for path in pages_of_each_kind:
        for query in ODD_QUERIES:
            assert_calm(client.get(path + query), path + query[:60])


@pytest.mark.parametrize("path", ODD_PATHS)
def test_odd_paths(client, path):
    assert_calm(client.get(path), path)


@pytest.mark.parametrize("page_cache", [False, True], ids=["uncached", "cached"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "head"])
def test_other_methods_on_every_kind_of_page(pages_of_each_kind, method, page_cache, settings):
    settings.PAGE_CACHE_SECONDS = 300 if page_cache else 0
    csrf_client = Client(enforce_csrf_checks=True)
    for path in pages_of_each_kind:
        Client().get(path)  # with the cache on: stored by another visitor
        if method == "head":
            response = csrf_client.head(path)
        else:
            response = getattr(csrf_client, method)(path, data="x=1", content_type="application/x-www-form-urlencoded")
        assert_calm(response, f"{method} {path}")


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ACCEPT_LANGUAGE": "zz-ZZ,*;q=0.1," + "x" * 2000},
        {"HTTP_IF_NONE_MATCH": '"' + "x" * 5000},
        {"HTTP_IF_MODIFIED_SINCE": "not a date"},
        {"HTTP_X_FORWARDED_FOR": "1.2.3.4, <script>, ::ffff:zz"},
        {"HTTP_COOKIE": "sessionid=" + "x" * 4000 + "; csrftoken=<script>"},
        {"HTTP_COOKIE": "csrftoken=<script>" + "x" * 60},
        {"HTTP_COOKIE": "csrftoken=" + "a" * 64},
        {"HTTP_COOKIE": "csrftoken=" + "é" * 32},
        {"HTTP_REFERER": MARKUP},
        {"HTTP_ACCEPT_ENCODING": "gzip;q=abc, br, *"},
        {"HTTP_RANGE": "bytes=999999-1"},
    ],
)
@pytest.mark.parametrize("page_cache", [False, True], ids=["uncached", "cached"])
def test_odd_headers(client, pages_of_each_kind, headers, page_cache, settings):
    settings.PAGE_CACHE_SECONDS = 300 if page_cache else 0
    for path in [*pages_of_each_kind[:4], "/contact/", "/search/?q=seoul"]:
        Client().get(path, HTTP_ACCEPT_ENCODING="gzip")  # with the cache on: stored by another visitor
        Client().get(path)
        assert_calm(client.get(path, **headers), f"{path} {list(headers)}")


def test_odd_form_values_keep_what_was_typed_and_never_reflect_markup(client, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    started = input_value(client.get("/contact/").content.decode(), "started")
    response = client.post(
        "/contact/",
        {
            "started": started,
            "purpose": "<script>alert(1)</script>",
            "name": MARKUP,
            "email": "not-an-address" + MARKUP,
            "message": MARKUP * 3,
            "programme": "../../",
            "consent": "maybe",
        },
    )
    assert response.status_code == 400
    assert_calm(response, "contact form")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()  # kept, escaped
