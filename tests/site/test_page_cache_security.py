"""The page cache against what a visitor can send: its entries are bounded by the site's own pages,
searches leave no trace in it, previews stay private, and scheme and encoding are part of the key."""

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory

from core.cache import PAGES, VERSION_KEY, VERSIONS, _key
from offices.models import Office
from tests.support.page_cache import body, stored_pages

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = ["", "/ko", "/ru", "/es", "/zh-hans"]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    return settings


# -- 1. a bound on what is stored ------------------------------------------------------------------------


def test_query_parameters_a_page_does_not_read_store_nothing(page_cache):
    for number in range(30):
        response = Client().get(f"/offices/?utm_source=campaign-{number}&x={number}")
        assert response.status_code == 200
        assert "Regional Offices" in response.content.decode()
        assert "X-Page-Cache" not in response
    assert stored_pages() == []
    assert Client().get("/offices/")["X-Page-Cache"] == "miss"
    # Rendered, not answered with the page stored without it: whoever sent it cannot choose what others see.
    assert "X-Page-Cache" not in Client().get("/offices/?utm_source=campaign-1")
    assert len(stored_pages()) == 1


def test_a_page_is_stored_once_for_its_declared_parameters_in_any_order(page_cache):
    first = Client().get("/testimonials/?year=2011&programme=seoul-program")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert "Melissa Ovalle Buenrostro" in first.content.decode()
    again = Client().get("/testimonials/?programme=seoul-program&year=2011")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert len(stored_pages()) == 1


@pytest.mark.parametrize(
    "query",
    [
        "?year=2011&year=2011",  # a declared parameter twice
        "?year=2011&page=2",  # with one the view does not read
        "?year=1999",  # a value the view does not know
        "?programme=no-such-programme",
        "?year=02011",
    ],
)
def test_a_page_with_parameters_it_does_not_accept_is_rendered_and_not_stored(page_cache, query):
    for _ in range(2):
        response = Client().get("/testimonials/" + query)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert stored_pages() == []


def test_unknown_filter_values_tell_every_cache_not_to_keep_the_page(client):
    assert "no-cache" in client.get("/testimonials/?year=1999")["Cache-Control"]
    assert "no-cache" not in client.get("/testimonials/?year=2011").get("Cache-Control", "")


@pytest.mark.parametrize("host", ["TESTSERVER", "testserver.", "testserver:8080", "TestServer:80"])
def test_a_host_spelt_otherwise_than_in_allowed_hosts_is_not_stored(page_cache, host):
    for _ in range(2):
        response = Client(HTTP_HOST=host).get("/offices/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert stored_pages() == []
    assert Client().get("/offices/")["X-Page-Cache"] == "miss"
    assert Client(HTTP_HOST="testserver").get("/offices/")["X-Page-Cache"] == "hit"


def test_pages_are_kept_apart_from_the_version_and_the_counters(page_cache):
    """Pages in the "pages" cache, which may evict them; the version in "default", which must not."""
    Client().get("/offices/")
    key = _key(RequestFactory().get("/offices/"))
    assert caches[PAGES].get(key) is not None
    assert caches[VERSIONS].get(key) is None
    assert caches[VERSIONS].get(VERSION_KEY) is not None
    assert caches[PAGES].get(VERSION_KEY) is None


def test_a_full_pages_cache_leaves_invalidation_working(page_cache, monkeypatch, caplog):
    """Redis refusing new pages (out of memory) must not keep an edit off the site."""
    office = Office.objects.get(slug="east-asia")
    Client().get(office.get_absolute_url())
    assert Client().get(office.get_absolute_url())["X-Page-Cache"] == "hit"

    def full(*args, **kwargs):
        raise MemoryError("OOM command not allowed when used memory > 'maxmemory'")

    monkeypatch.setattr(caches[PAGES], "set", full)
    office.summary = "Written while the pages cache is full."
    office.save()
    response = Client().get(office.get_absolute_url())
    assert "Written while the pages cache is full." in response.content.decode()
    assert "not stored" in caplog.text


# -- 2. search leaves no trace; the header is for tests and debugging ------------------------------------


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_search_results_are_never_stored(page_cache, prefix):
    for query in ["?q=seoul", "?q=office&kind=office", ""]:
        for _ in range(2):
            response = Client().get(f"{prefix}/search/{query}")
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
            assert "private" in response["Cache-Control"]
    assert stored_pages() == []


def test_the_cache_header_is_sent_only_when_the_setting_asks(page_cache, django_assert_num_queries):
    page_cache.PAGE_CACHE_DEBUG_HEADER = False
    first = Client().get("/offices/")
    with django_assert_num_queries(0):
        second = Client().get("/offices/")  # a hit: no query
    assert second.content == first.content
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second


# -- 3. the scheme is part of the key --------------------------------------------------------------------


def test_http_and_https_pages_are_stored_apart(page_cache):
    plain = Client().get("/offices/")
    assert 'href="http://testserver/offices/"' in plain.content.decode()
    secure = Client().get("/offices/", secure=True)
    assert secure["X-Page-Cache"] == "miss"
    assert 'href="https://testserver/offices/"' in secure.content.decode()
    assert "http://testserver/" not in secure.content.decode()
    assert Client().get("/offices/", secure=True)["X-Page-Cache"] == "hit"
    assert len(stored_pages()) == 2


# -- 4. what a signed-in user sees stays with them -------------------------------------------------------


@pytest.mark.parametrize("path", ["/offices/", "/offices/east-asia/", "/opensearch.xml", "/admin/"])
def test_responses_for_signed_in_staff_are_private_and_not_stored(page_cache, staff_client_factory, path):
    response = staff_client_factory().get(path)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control


def test_a_preview_of_a_draft_is_private(page_cache, staff_client_factory):
    office = Office.objects.get(slug="east-asia")
    office.publication_status = "draft"
    office.save()
    response = staff_client_factory().get(office.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert Client().get(office.get_absolute_url()).status_code == 404


def test_anonymous_pages_are_not_marked_private(page_cache):
    for _ in range(2):
        assert "private" not in Client().get("/offices/").get("Cache-Control", "")


# -- 5. Accept-Encoding read as a list of codings --------------------------------------------------------


@pytest.mark.parametrize("accept_encoding", ["gzip;q=0", "deflate, gzip; q=0", "xgzip", "x-gzip", "br", "GZIP"])
def test_a_client_that_refuses_gzip_gets_and_stores_a_plain_page(page_cache, accept_encoding):
    refused = Client(HTTP_ACCEPT_ENCODING=accept_encoding).get("/offices/")
    assert "Content-Encoding" not in refused
    assert "<h1>" in refused.content.decode()
    # Stored under "identity": a client that sends nothing gets it, readable.
    plain = Client().get("/offices/")
    assert plain["X-Page-Cache"] == "hit"
    assert "<h1>" in plain.content.decode()
    # A client that takes gzip gets a compressed page, not the plain one.
    zipped = Client(HTTP_ACCEPT_ENCODING="gzip, deflate").get("/offices/")
    assert zipped["Content-Encoding"] == "gzip"
    assert "<h1>" in body(zipped)


@pytest.mark.parametrize("accept_encoding", ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "identity, gzip;q=1"])
def test_a_client_that_takes_gzip_gets_it_from_the_cache_too(page_cache, accept_encoding):
    for _ in range(2):
        response = Client(HTTP_ACCEPT_ENCODING=accept_encoding).get("/offices/")
        assert response["Content-Encoding"] == "gzip"
        assert "<h1>" in body(response)
    assert response["X-Page-Cache"] == "hit"
