"""Staff list, find and add redirects in the back office; what would loop, leave the site or hide a
live page is refused with a message that says why."""

import pytest

from core.roles import EDITORS, SECRETARIAT_ADMINS
from redirects.models import Origin, Redirect
from tests.support.html import texts

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/redirects/redirect/"
ADD = "/admin/redirects/redirect/add/"


def form(old_path, new_path, **extra):
    return {"old_path": old_path, "new_path": new_path, "is_permanent": "on", "_save": "Save", **extra}


def errors_in(response):
    assert response.status_code == 200  # the form again, with its errors
    return " ".join(texts(response.content.decode(), "ul"))


@pytest.fixture
def redirects():
    automatic = Redirect.objects.create(old_path="/offices/old-name/", new_path="/offices/", origin=Origin.AUTOMATIC)
    hand_made = Redirect.objects.create(old_path="/eng/sub03_01.php", new_path="/programmes/")
    return automatic, hand_made


def test_the_list_searches_and_filters_by_origin(superuser_client, redirects):
    automatic, hand_made = redirects
    response = superuser_client.get(CHANGELIST)
    assert response.status_code == 200
    assert {row.pk for row in response.context["cl"].result_list} == {automatic.pk, hand_made.pk}
    html = response.content.decode()
    assert "/eng/sub03_01.php" in html and "Added by staff" in html
    found = superuser_client.get(CHANGELIST, {"q": "sub03"}).context["cl"].result_list
    assert [row.pk for row in found] == [hand_made.pk]
    only_automatic = superuser_client.get(CHANGELIST, {"origin__exact": "automatic"}).context["cl"].result_list
    assert [row.pk for row in only_automatic] == [automatic.pk]


def test_staff_add_a_redirect_from_the_previous_sites_address(superuser_client):
    assert superuser_client.get(ADD).status_code == 200
    response = superuser_client.post(ADD, form("https://www.we-gov.org/eng/sub03_01.php?idx=7", "/offices/"))
    assert response.status_code == 302
    redirect = Redirect.objects.get()
    assert redirect.old_path == "/eng/sub03_01.php?idx=7"
    assert (redirect.origin, redirect.is_permanent, redirect.created_by.is_superuser) == (Origin.MANUAL, True, True)
    assert superuser_client.get(f"/admin/redirects/redirect/{redirect.pk}/change/").status_code == 200
    visitor = superuser_client.get("/eng/sub03_01.php?idx=7")
    assert visitor.status_code == 301
    assert visitor["Location"] == "/offices/"


@pytest.mark.parametrize("old_path", ["/offices/", "/ko/programmes/", "/robots.txt"])
def test_a_live_page_cannot_be_redirected(superuser_client, old_path):
    response = superuser_client.post(ADD, form(old_path, "/testimonials/"))
    assert f"{old_path} is a page of the site: visitors who ask for it get the page, never a redirect." in errors_in(
        response
    )
    assert not Redirect.objects.exists()


def test_an_address_that_answers_404_may_be_redirected_even_if_it_looks_like_a_page(superuser_client):
    response = superuser_client.post(ADD, form("/offices/closed-office/", "/offices/"))
    assert response.status_code == 302
    assert Redirect.objects.get().old_path == "/offices/closed-office/"


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "http://evil.example/", "javascript:alert(1)"])
def test_an_off_site_target_is_refused_in_the_form(superuser_client, target):
    errors = errors_in(superuser_client.post(ADD, form("/eng/sub03_01.php", target)))
    assert "this site" in errors or "backslash" in errors
    assert not Redirect.objects.exists()


def test_a_loop_is_refused_in_the_form(superuser_client):
    Redirect.objects.create(old_path="/eng/b.php", new_path="/eng/a.php")
    errors = errors_in(superuser_client.post(ADD, form("/eng/a.php", "/eng/b.php")))
    assert "This redirect would lead back to where it starts (/eng/a.php → /eng/b.php → /eng/a.php)." in errors
    assert Redirect.objects.count() == 1


def test_a_chain_is_flattened_both_ways(superuser_client):
    Redirect.objects.create(old_path="/eng/b.php", new_path="/offices/")
    Redirect.objects.create(old_path="/eng/z.php", new_path="/eng/a.php")
    response = superuser_client.post(ADD, form("/eng/a.php", "/eng/b.php"), follow=True)
    assert "/eng/b.php already redirects to /offices/, so this redirect leads straight there." in texts(
        response.content.decode(), "li"
    )
    stored = dict(Redirect.objects.values_list("old_path", "new_path"))
    assert stored == {"/eng/a.php": "/offices/", "/eng/b.php": "/offices/", "/eng/z.php": "/offices/"}


def test_changing_a_redirect_repoints_those_that_led_to_it(superuser_client):
    first = Redirect.objects.create(old_path="/eng/a.php", new_path="/offices/")
    Redirect.objects.create(old_path="/eng/z.php", new_path="/eng/b.php")
    response = superuser_client.post(
        f"/admin/redirects/redirect/{first.pk}/change/", form("/eng/b.php", "/testimonials/")
    )
    assert response.status_code == 302
    assert Redirect.objects.get(old_path="/eng/z.php").new_path == "/testimonials/"


@pytest.mark.parametrize("role", [EDITORS, SECRETARIAT_ADMINS])
def test_editors_and_secretariat_admins_manage_redirects(role, editor_client, secretariat_admin_client, redirects):
    client = editor_client if role == EDITORS else secretariat_admin_client
    assert client.get(CHANGELIST).status_code == 200
    assert client.post(ADD, form("/eng/sub04.php", "/testimonials/")).status_code == 302
    automatic, hand_made = redirects
    assert client.get(f"/admin/redirects/redirect/{automatic.pk}/change/").status_code == 200
    assert client.get(f"/admin/redirects/redirect/{automatic.pk}/history/").status_code == 200
    assert client.post(f"/admin/redirects/redirect/{hand_made.pk}/delete/", {"post": "yes"}).status_code == 302
    assert set(Redirect.objects.values_list("old_path", flat=True)) == {"/offices/old-name/", "/eng/sub04.php"}


def test_the_admin_index_lists_redirects(superuser_client):
    html = superuser_client.get("/admin/").content.decode()
    assert "Redirects" in texts(html, "caption")
    assert CHANGELIST in html


def test_every_page_of_the_sitemap_counts_as_live(sitemap_pages, rf, caplog):
    from redirects.live import answers

    request = rf.get("/admin/redirects/redirect/add/")
    assert len(sitemap_pages) > 20
    for path in sitemap_pages:
        assert answers(path, request), path
    assert not answers("/offices/no-such-office/", request)
    assert not answers("/ko/programmes/no-such-programme/2017/", request)
    assert not answers("/eng/sub03_01.php", request)
    assert "Could not tell" not in caplog.text
