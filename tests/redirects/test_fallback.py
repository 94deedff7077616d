"""Redirects answer only where the site would answer 404, keep the query string, and cost a normal
page nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redirects.models import Redirect
from tests.support.queries import count_queries

pytestmark = pytest.mark.django_db

MIDDLEWARE = "redirects.middleware.RedirectFallbackMiddleware"


def test_an_old_address_answers_301_with_its_query_string(client):
    Redirect.objects.create(old_path="/eng/sub03_01.php", new_path="/offices/")
    response = client.get("/eng/sub03_01.php?utm_source=newsletter&page=2")
    assert response.status_code == 301
    assert response["Location"] == "/offices/?utm_source=newsletter&page=2"
    assert "max-age=86400" in response["Cache-Control"]
    assert client.get(response["Location"]).status_code == 200


def test_an_old_address_with_a_query_string_matches_that_query_only(client):
    Redirect.objects.create(old_path="/eng/sub05.php?idx=3", new_path="/programmes/")
    Redirect.objects.create(old_path="/eng/sub05.php", new_path="/testimonials/")
    assert client.get("/eng/sub05.php?idx=3")["Location"] == "/programmes/"
    assert client.get("/eng/sub05.php?idx=4")["Location"] == "/testimonials/?idx=4"


def test_a_target_with_its_own_query_string_gets_the_requests_appended(client):
    Redirect.objects.create(old_path="/eng/search.php", new_path="/search/?q=seoul")
    assert client.get("/eng/search.php?lang=en")["Location"] == "/search/?q=seoul&lang=en"


def test_a_temporary_redirect_answers_302_and_visits_are_counted(client):
    redirect = Redirect.objects.create(old_path="/kor/main.php", new_path="/ko/", is_permanent=False)
    assert client.get("/kor/main.php").status_code == 302
    client.get("/kor/main.php")
    redirect.refresh_from_db()
    assert redirect.hits == 2
    assert redirect.last_hit_at is not None


def test_a_non_ascii_address_is_found_however_it_is_spelled(client):
    redirect = Redirect(old_path="/kor/%EC%84%9C%EC%9A%B8.php", new_path="/ko/offices/서울/")
    redirect.full_clean()
    redirect.save()
    for asked in ("/kor/서울.php", "/kor/%EC%84%9C%EC%9A%B8.php"):
        response = client.get(asked)
        assert response.status_code == 301
        assert response["Location"] == "/ko/offices/%EC%84%9C%EC%9A%B8/"


def test_a_live_page_is_never_redirected(client):
    # Stored past the admin's checks, as an old redirect would be once its address came back to life.
    Redirect.objects.create(old_path="/offices/", new_path="/programmes/")
    Redirect.objects.create(old_path="/ko/testimonials/", new_path="/ko/")
    assert client.get("/offices/").status_code == 200
    assert client.get("/ko/testimonials/").status_code == 200
    assert Redirect.objects.filter(hits__gt=0).count() == 0


def test_only_reading_requests_are_redirected(client):
    Redirect.objects.create(old_path="/eng/form.php", new_path="/contact/")
    assert client.post("/eng/form.php", {"a": "b"}).status_code == 404
    assert client.head("/eng/form.php").status_code == 301


def test_an_unknown_address_still_gets_the_sites_404_page(client):
    Redirect.objects.create(old_path="/eng/sub03_01.php", new_path="/offices/")
    response = client.get("/eng/sub03_02.php")
    assert response.status_code == 404
    assert b"<h1" in response.content


@pytest.mark.parametrize("path", ["/", "/offices/", "/ko/programmes/"])
def test_a_normal_page_makes_no_more_queries_with_the_fallback(client, settings, path):
    Redirect.objects.create(old_path="/eng/sub03_01.php", new_path="/offices/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    assert not [query for query in captured if "redirects_redirect" in query["sql"]]
    with_fallback = count_queries(client, path)
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    assert count_queries(client, path) == with_fallback


def test_the_fallback_is_not_cached_by_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    redirect = Redirect.objects.create(old_path="/eng/sub03_01.php", new_path="/offices/")
    assert client.get("/eng/sub03_01.php")["Location"] == "/offices/"
    redirect.new_path = "/programmes/"
    redirect.save()
    assert client.get("/eng/sub03_01.php")["Location"] == "/programmes/"
    redirect.delete()
    assert client.get("/eng/sub03_01.php").status_code == 404
