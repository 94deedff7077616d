"""The staff bar: signed-in staff see on each public page a link to its record in the back office;
visitors never do, and no cache keeps a page that has it."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.template import Context, RequestContext, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from offices.models import Office
from pages.models import Page
from programs.models import Programme, Session
from tests.support.admin import change_url
from tests.support.checker import validate_html
from tests.support.html import elements, html_of, texts
from tests.support.page_cache import body, stored_pages

pytestmark = pytest.mark.django_db

BAR = re.compile(r'<nav class="staff-bar".*?</nav>', re.DOTALL)


def bar_of(response):
    """The staff bar's HTML, or None when the page has none."""
    found = BAR.search(html_of(response))
    return found.group() if found else None


def links(bar):
    """{link text: href} of the bar."""
    hrefs = [link["href"] for link in elements(bar, "a")]
    return dict(zip(texts(bar, "a"), hrefs, strict=True))


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


# (path, the model and lookup of the record it shows, the link's text, the list link's text)
SESSION = {"programme__slug": "seoul-program", "slug": "2011"}
PAGES = [
    ("/offices/asia-chengdu/", Office, {"slug": "asia-chengdu"}, "Edit this Regional Office", "All Regional Offices"),
    ("/programmes/seoul-program/", Programme, {"slug": "seoul-program"}, "Edit this programme", "All programmes"),
    ("/programmes/seoul-program/2011/", Session, SESSION, "Edit this session", "All sessions"),
    ("/testimonials/", Page, {"key": Page.Key.TESTIMONIALS}, "Edit this page", "All section pages"),
    ("/offices/", Page, {"key": Page.Key.OFFICES}, "Edit this page", "All section pages"),
    ("/contact/", Page, {"key": Page.Key.CONTACT}, "Edit this page", "All section pages"),
    ("/", Page, {"key": Page.Key.HOME}, "Edit this page", "All section pages"),
]


@pytest.mark.parametrize(("path", "model", "lookup", "edit", "everything"), PAGES)
def test_staff_see_a_link_to_the_record_of_the_page(superuser_client, client, path, model, lookup, edit, everything):
    record = model.objects.get(**lookup)
    response = superuser_client.get(path)
    bar = bar_of(response)
    assert bar is not None, path
    assert links(bar) == {edit: change_url(record), everything: changelist_url(model)}
    assert "This page is in English." in texts(bar, "p")
    assert elements(bar, "nav", **{"aria-label": "Staff"})
    # Its stylesheet comes with it, and only with it.
    assert elements(html_of(response), "link", rel="stylesheet", href="/static/css/staff-bar.css")
    assert superuser_client.get(links(bar)[edit]).status_code == 200

    visitor = client.get(path)
    assert bar_of(visitor) is None
    assert "staff-bar" not in html_of(visitor)


@pytest.mark.parametrize("path", [path for path, *_rest in PAGES])
def test_a_page_rendered_for_staff_is_private_and_no_store(superuser_client, path):
    cache_control = {part.strip() for part in superuser_client.get(path)["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_the_bar_says_the_language_of_the_page_and_opens_the_form_at_its_tabs(superuser_client):
    office = Office.objects.get(slug="asia-chengdu")
    bar = bar_of(superuser_client.get("/ko/offices/asia-chengdu/"))
    with translation.override("ko"):
        korean = str(translation.get_language_info("ko")["name_translated"])
    assert any(korean in text for text in texts(bar, "p")), texts(bar, "p")
    assert change_url(office) + "#translate-ko" in links(bar).values()


def test_a_page_without_a_single_record_opens_the_back_office(superuser_client):
    bar = bar_of(superuser_client.get("/search/", {"q": "seoul"}))
    assert links(bar) == {"Open the back office": reverse("admin:index")}


def test_error_pages_have_no_bar(superuser_client):
    response = superuser_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "staff-bar" not in response.content.decode()


# -- who sees it -------------------------------------------------------------------------------------


def test_a_signed_in_user_who_is_not_staff_sees_no_bar(django_user_model):
    member = Client()
    member.force_login(django_user_model.objects.create_user("member", password="pw", is_staff=False))
    response = member.get("/offices/asia-chengdu/")
    assert bar_of(response) is None
    assert "no-store" in response["Cache-Control"]


def test_staff_without_permission_for_the_model_get_the_back_office_index(staff_client_factory):
    nobody = staff_client_factory(is_superuser=False)
    bar = bar_of(nobody.get("/offices/asia-chengdu/"))
    assert links(bar) == {"Open the back office": reverse("admin:index")}


def test_staff_who_may_only_view_the_model_get_a_link_to_view_it(staff_client_factory, django_user_model):
    reader = staff_client_factory(is_superuser=False)
    user = django_user_model.objects.latest("pk")
    user.user_permissions.add(Permission.objects.get(codename="view_office"))
    office = Office.objects.get(slug="asia-chengdu")
    bar = bar_of(reader.get("/offices/asia-chengdu/"))
    assert links(bar) == {
        "View this Regional Office": change_url(office),
        "All Regional Offices": changelist_url(Office),
    }


def test_staff_logged_out_see_no_bar(superuser_client):
    assert bar_of(superuser_client.get("/offices/")) is not None
    superuser_client.post(reverse("admin:logout"))
    assert bar_of(superuser_client.get("/offices/")) is None


# -- the page cache ----------------------------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    return settings


def test_a_page_rendered_for_staff_is_never_stored(page_cache, superuser_client):
    for _ in range(2):
        response = superuser_client.get("/offices/asia-chengdu/")
        assert bar_of(response) is not None
        assert "X-Page-Cache" not in response
    assert stored_pages() == []


def test_a_cached_page_shows_visitors_no_bar_after_staff_opened_it(page_cache, superuser_client):
    assert Client().get("/offices/asia-chengdu/")["X-Page-Cache"] == "miss"
    assert bar_of(superuser_client.get("/offices/asia-chengdu/")) is not None
    hit = Client().get("/offices/asia-chengdu/")
    assert hit["X-Page-Cache"] == "hit"
    assert bar_of(hit) is None
    [(_version, stored)] = stored_pages()
    assert "staff-bar" not in body(stored)


# -- the tag itself -----------------------------------------------------------------------------------

TAG = Template("{% load edit_bar %}{% edit_bar %}")


def test_for_a_request_without_a_session_the_tag_reads_nothing(django_assert_num_queries):
    # No user and no session on the request: reading either would raise.
    request = RequestFactory().get("/offices/asia-chengdu/")
    office = Office.objects.first()
    with django_assert_num_queries(0):
        assert TAG.render(RequestContext(request, {"object": office})) == ""
    assert TAG.render(Context({})) == ""


@pytest.fixture
def staff_request(settings, django_user_model):
    request = RequestFactory().get("/offices/asia-chengdu/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "signed-in"
    request.user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    return request


def test_edit_object_names_the_record_before_object_and_page(staff_request):
    office = Office.objects.get(slug="asia-chengdu")
    context = {"edit_object": office, "object": Programme.objects.first(), "page": Page.objects.get(key=Page.Key.HOME)}
    bar = TAG.render(RequestContext(staff_request, context))
    assert links(bar) == {
        "Edit this Regional Office": change_url(office),
        "All Regional Offices": changelist_url(Office),
    }


def test_edit_object_none_says_the_page_has_no_single_record(staff_request):
    context = {"edit_object": None, "object": Office.objects.first()}
    assert links(TAG.render(RequestContext(staff_request, context))) == {"Open the back office": reverse("admin:index")}


def test_a_record_the_admin_does_not_list_opens_the_back_office(staff_request):
    index = {"Open the back office": reverse("admin:index")}
    assert links(TAG.render(RequestContext(staff_request, {"object": Permission.objects.first()}))) == index
    # "page" names a record only when it holds one.
    assert links(TAG.render(RequestContext(staff_request, {"page": "2"}))) == index


# -- valid HTML -----------------------------------------------------------------------------------------


@pytest.mark.htmlcheck
def test_pages_with_the_bar_are_valid_html(superuser_client):
    paths = ["/", "/offices/asia-chengdu/", "/ko/programmes/seoul-program/", "/search/?q=seoul"]
    documents = {path: html_of(superuser_client.get(path)) for path in paths}
    assert all(BAR.search(html) for html in documents.values())
    assert validate_html(documents) == []
