"""The page cache: anonymous visitors share cached pages, staff bypass them, edits invalidate them."""

import gzip
import pickle

import pytest
from django.http import HttpResponse
from django.test import Client

from contact.models import ContactMessage
from offices.models import Office

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    return settings


def test_second_anonymous_request_is_served_from_the_cache(client, page_cache, django_assert_num_queries):
    first = client.get("/offices/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/offices/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_saving_content_invalidates_the_cached_page(client, page_cache):
    from pages.models import Page

    client.get("/offices/")
    page = Page.objects.get(key=Page.Key.OFFICES)
    page.title = "Our Regional Offices worldwide"
    page.save()
    response = client.get("/offices/")
    assert response["X-Page-Cache"] == "miss"
    assert "Our Regional Offices worldwide" in response.content.decode()


def test_deleting_content_invalidates_the_cached_page(client, page_cache):
    office = Office.objects.create(name="Test Office Nowhere", slug="test-office-nowhere", region="Nowhere")
    client.get("/offices/")
    office.delete()
    assert client.get("/offices/")["X-Page-Cache"] == "miss"


def test_logged_in_staff_bypass_the_cache(client, page_cache, staff_client_factory):
    client.get("/offices/")
    staff = staff_client_factory()
    response = staff.get("/offices/")
    assert "X-Page-Cache" not in response


def test_conditional_get_answers_304(client, page_cache):
    first = client.get("/offices/")
    etag = first["ETag"]
    assert first["Last-Modified"]
    second = client.get("/offices/", HTTP_IF_NONE_MATCH=etag)
    assert second.status_code == 304
    assert second.content == b""


def test_a_cached_page_answers_if_modified_since_with_304(client, page_cache):
    first = client.get("/offices/")
    assert client.get("/offices/")["X-Page-Cache"] == "hit"
    second = client.get("/offices/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert second.status_code == 304
    assert second["ETag"] == first["ETag"]
    older = client.get("/offices/", HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")
    assert older.status_code == 200


def test_conditional_get_answers_304_without_the_cache(client):
    first = client.get("/")
    second = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304


def test_html_is_compressed_for_clients_that_accept_gzip(client, page_cache):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    cached = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert cached["X-Page-Cache"] == "hit"
    assert cached["Content-Encoding"] == "gzip"
    plain = client.get("/")
    assert "Content-Encoding" not in plain
    assert b"<h1>" in plain.content


def test_error_pages_and_posts_are_not_cached(client, page_cache):
    assert client.get("/no-such-page/").status_code == 404
    assert "X-Page-Cache" not in client.get("/no-such-page/")
    assert Client(enforce_csrf_checks=True).post("/offices/").status_code in {403, 405}


LANGUAGE_PREFIXES = ["", "/ko", "/ru", "/es", "/zh-hans"]


def _hidden(html, name):
    import re

    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def _stored_values():
    """Every value in the cache backend, as another worker would read it: raw bytes, and unpickled."""
    from django.core.cache import cache

    if isinstance(getattr(cache, "_cache", None), dict):  # local memory: pickles in a dictionary
        raw = list(cache._cache.values())
    else:  # Redis: this test run's own database
        client = cache._cache.get_client(write=False)
        raw = [client.get(key) for key in client.scan_iter()]
    values = []
    for data in raw:
        try:
            values.append(int(data))  # Redis keeps integers (the version) as digits
        except ValueError:
            values.append(pickle.loads(data))  # noqa: S301 - written by this test's own cache
    return raw, values


def _stored_pages():
    """The body (unzipped) of every page in the cache."""
    pages = []
    for value in _stored_values()[1]:
        if isinstance(value, tuple) and isinstance(value[1], HttpResponse):  # not the version's schedule
            _version, response = value
            body = response.content
            pages.append(gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body)
    return pages


def test_a_page_with_a_csrf_token_is_never_stored(page_cache):
    tokens, cookies = set(), set()
    for prefix in LANGUAGE_PREFIXES:
        for accept_encoding in ["gzip", ""]:
            visitor = Client(HTTP_ACCEPT_ENCODING=accept_encoding)
            for _ in range(2):
                response = visitor.get(f"{prefix}/contact/")
                assert response.status_code == 200
                assert "X-Page-Cache" not in response
                body = response.content
                html = (gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body).decode()
                tokens.add(_hidden(html, "csrfmiddlewaretoken"))
                cookies.add(response.cookies["csrftoken"].value)
        # A page without a form in the same language is stored.
        Client().get(f"{prefix}/offices/")
    # A fresh token for every response, and each visitor's own cookie (renewed on every response).
    assert len(tokens) == len(LANGUAGE_PREFIXES) * 2 * 2
    assert len(cookies) == len(LANGUAGE_PREFIXES) * 2
    raw, _values = _stored_values()
    pages = _stored_pages()
    assert len(pages) == len(LANGUAGE_PREFIXES)
    assert all(b"<h1>" in page for page in pages)
    assert not [page for page in pages if b"csrfmiddlewaretoken" in page or b'name="started"' in page]
    for secret in tokens | cookies:
        assert not [data for data in raw if secret.encode() in data]
        assert not [page for page in pages if secret.encode() in page]


def test_pages_without_a_form_are_still_stored_and_served_in_every_language(page_cache):
    for prefix in LANGUAGE_PREFIXES:
        first = Client().get(f"{prefix}/offices/")
        assert first["X-Page-Cache"] == "miss"
        assert "csrftoken" not in first.cookies
        second = Client().get(f"{prefix}/offices/")
        assert second["X-Page-Cache"] == "hit"
        assert second.content == first.content
    assert len(_stored_pages()) == len(LANGUAGE_PREFIXES)


def test_the_contact_form_is_sent_with_the_page_cache_on(page_cache, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    first_visitor, second_visitor = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_html = first_visitor.get("/contact/").content.decode()
    second = second_visitor.get("/contact/")
    second_html = second.content.decode()
    assert _hidden(second_html, "csrfmiddlewaretoken") != _hidden(first_html, "csrfmiddlewaretoken")
    assert first_visitor.cookies["csrftoken"].value != second_visitor.cookies["csrftoken"].value
    # Each visitor's token works with their own cookie only.
    form = {
        "started": _hidden(second_html, "started"),
        "purpose": "general",
        "name": "Visitor With The Cache On",
        "email": "visitor@example.org",
        "message": "Sent while the page cache is on.",
        "consent": "on",
    }
    stolen = second_visitor.post(
        "/contact/", {**form, "csrfmiddlewaretoken": _hidden(first_html, "csrfmiddlewaretoken")}
    )
    assert stolen.status_code == 403
    response = second_visitor.post(
        "/contact/", {**form, "csrfmiddlewaretoken": _hidden(second_html, "csrfmiddlewaretoken")}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert ContactMessage.objects.filter(name="Visitor With The Cache On").count() == 1


def test_the_contact_form_gets_a_start_time_of_its_own_on_each_request(page_cache):
    import time_machine

    with time_machine.travel(1_800_000_000, tick=False):
        first = Client().get("/contact/").content.decode()
    with time_machine.travel(1_800_000_030, tick=False):
        second = Client().get("/contact/")
    assert "X-Page-Cache" not in second
    assert _hidden(second.content.decode(), "started") != _hidden(first, "started")


def test_a_visitor_with_a_csrf_cookie_gets_the_form_page_rendered_too(page_cache):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/contact/")
    secret = visitor.cookies["csrftoken"].value
    again = visitor.get("/contact/")
    assert "X-Page-Cache" not in again
    # The same secret, the cookie renewed.
    assert again.cookies["csrftoken"].value == secret
    assert _stored_pages() == []


def test_a_cached_hit_costs_one_read_of_each_cache(client, page_cache, monkeypatch):
    """The version (and its schedule) in one read of "default", the page in one read of "pages"."""
    from django.core.cache import caches

    client.get("/offices/")
    reads, inside_get_many = [], []
    for alias in ["default", "pages"]:
        cache = caches[alias]
        real_get, real_get_many = cache.get, cache.get_many

        def get(*args, _alias=alias, _real=real_get, **kwargs):
            if not inside_get_many:  # the local-memory backend's get_many calls get for each key
                reads.append(f"{_alias}.get")
            return _real(*args, **kwargs)

        def get_many(*args, _alias=alias, _real=real_get_many, **kwargs):
            reads.append(f"{_alias}.get_many")
            inside_get_many.append(True)
            try:
                return _real(*args, **kwargs)
            finally:
                inside_get_many.pop()

        monkeypatch.setattr(cache, "get", get)
        monkeypatch.setattr(cache, "get_many", get_many)
    assert client.get("/offices/")["X-Page-Cache"] == "hit"
    assert client.get("/offices/")["X-Page-Cache"] == "hit"
    assert reads == ["default.get_many", "pages.get"] * 2


def test_a_page_stored_before_an_edit_is_not_served_after_it(client, page_cache):
    from core.cache import invalidate

    client.get("/offices/")
    invalidate()
    assert client.get("/offices/")["X-Page-Cache"] == "miss"
    assert client.get("/offices/")["X-Page-Cache"] == "hit"


def test_editing_an_office_shows_the_new_text_on_the_next_anonymous_request(client, page_cache):
    office = Office.objects.get(slug="east-asia")
    assert client.get(office.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(office.get_absolute_url())["X-Page-Cache"] == "hit"
    office.summary = "A summary written just now by the Secretariat."
    office.save()
    response = client.get(office.get_absolute_url())
    assert "A summary written just now by the Secretariat." in response.content.decode()
    listing = client.get("/offices/")
    assert "A summary written just now by the Secretariat." in listing.content.decode()


@pytest.mark.parametrize("cookie", [None, "a" * 32], ids=["new visitor", "visitor with a csrf cookie"])
def test_any_page_that_renders_a_csrf_token_is_never_stored(page_cache, cookie):
    """Not only the contact form: whatever view asks for a token, wherever the page shows it."""
    from django.core.cache import caches
    from django.middleware.csrf import CsrfViewMiddleware, get_token
    from django.test import RequestFactory

    from core.cache import PageCacheMiddleware, _key

    def view(request):
        return HttpResponse(f'<meta name="csrf-token" content="{get_token(request)}">', content_type="text/html")

    csrf = CsrfViewMiddleware(view)
    middleware = PageCacheMiddleware(lambda request: csrf.process_response(request, csrf(request)))
    for _ in range(2):
        request = RequestFactory().get("/token-page/")
        if cookie:
            request.COOKIES["csrftoken"] = cookie
        response = middleware(request)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert response.cookies["csrftoken"].value
        assert caches["pages"].get(_key(request)) is None


def test_a_form_page_is_not_stored_with_csrf_in_the_session_either(page_cache, settings):
    settings.CSRF_USE_SESSIONS = True
    for _ in range(2):
        response = Client().get("/contact/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert _stored_pages() == []


def test_pages_are_rendered_when_the_cache_cannot_be_reached(client, page_cache, monkeypatch, caplog):
    from django.core.cache import caches

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["default"], "get_many", unreachable)
    response = client.get("/offices/")
    assert response.status_code == 200
    assert "Regional Offices" in response.content.decode()
    assert "X-Page-Cache" not in response
    assert "Page cache unreachable: the content version could not be read" in caplog.text
    monkeypatch.undo()
    monkeypatch.setattr(caches["pages"], "set", unreachable)
    response = client.get("/offices/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "Page cache unreachable: /offices/ not stored" in caplog.text
    monkeypatch.setattr(caches["default"], "set", unreachable)
    office = Office.objects.get(slug="east-asia")
    office.summary = "Saved while the cache is down."
    office.save()  # the edit is kept; the failed invalidation is logged
    assert Office.objects.get(slug="east-asia").summary == "Saved while the cache is down."
    assert "cached pages could not be invalidated" in caplog.text


def test_the_version_is_bumped_again_when_the_edit_commits(client, page_cache, django_capture_on_commit_callbacks):
    from django.db import transaction

    office = Office.objects.get(slug="east-asia")
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        office.summary = "Written inside a transaction."
        office.save()
        # Meanwhile another request renders the page (here it sees the row: same connection) and stores it.
        assert client.get(office.get_absolute_url())["X-Page-Cache"] == "miss"
        assert client.get(office.get_absolute_url())["X-Page-Cache"] == "hit"
    assert callbacks
    for callback in callbacks:
        callback()
    assert client.get(office.get_absolute_url())["X-Page-Cache"] == "miss"
