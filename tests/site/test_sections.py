"""The site's sections come from one registry that the apps fill: navigation, breadcrumbs, page keys."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import resolve, reverse

from core import sections
from core.sections import Section
from pages.models import Page
from tests.support.html import elements, texts

pytestmark = pytest.mark.django_db


def test_the_sections_in_order_with_home_first():
    assert [section.key for section in sections.all_sections()] == [
        "home",
        "offices",
        "hosting",
        "programmes",
        "testimonials",
        "host-city",
        "contact",
        "bids",
    ]


def test_each_app_declares_its_own_sections():
    declared = {config.label: [s.key for s in getattr(config, "sections", [])] for config in apps.get_app_configs()}
    assert declared["offices"] == ["offices", "hosting"]
    assert declared["programs"] == ["programmes"]
    assert declared["contact"] == ["host-city", "contact"]
    assert declared["bids"] == ["bids"]
    assert declared["core"] == [], "Home is the registry's own root, not an app's"


def test_every_section_has_a_page_and_a_url():
    keys = set(Page.objects.values_list("key", flat=True))
    for section in sections.all_sections():
        assert section.key in keys, section.key
        assert Page.objects.get(key=section.key).get_absolute_url() == reverse(section.url_name)


def test_the_main_navigation_in_order():
    assert [(s.url_name, str(s.label)) for s in sections.navigation()] == [
        ("offices:list", "Regional Offices"),
        ("programs:list", "Programmes"),
        ("testimonials:list", "Testimonials"),
        ("contact:host-city", "Host City"),
        ("contact:contact", "Contact"),
    ]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/offices/", "offices"),
        ("/offices/host/", "offices"),  # hosting is not in the navigation: its namespace is the offices'
        ("/offices/seoul/", "offices"),
        ("/programmes/", "programmes"),
        ("/host-city/", "host-city"),  # its own page, though contact's namespace holds it too
        ("/contact/", "contact"),
        ("/contact/sent/", "contact"),
        ("/", None),
        ("/search/", None),
    ],
)
def test_the_current_section_is_found_from_the_resolved_url(path, current):
    found = sections.current(resolve(path))
    assert (found.key if found else None) == current


def test_no_resolved_url_has_no_current_section():
    assert sections.current(None) is None


def test_the_page_marks_the_current_section_once(client):
    html = client.get("/offices/host/").content.decode()
    main_nav = [a for a in elements(html, "a") if a.get("aria-current") == "page"]
    assert [a["href"] for a in main_nav] == ["/offices/"]


def test_a_section_under_another_has_it_in_its_breadcrumbs(client):
    assert [s.key for s in sections.get("hosting").ancestors()] == ["offices"]
    assert sections.get("offices").ancestors() == []
    response = client.get(reverse("offices:host"))
    title = Page.objects.get(key="hosting").title
    crumbs = [(crumb.name, crumb.url) for crumb in response.context["page_meta"].breadcrumbs]
    assert crumbs == [("Home", "/"), ("Regional Offices", "/offices/"), (title, "/offices/host/")]
    assert texts(response.content.decode(), "h1") == [title]


def test_a_top_section_has_home_above_it_and_the_home_page_no_trail(client):
    response = client.get(reverse("programs:list"))
    title = Page.objects.get(key="programmes").title
    assert [(crumb.name, crumb.url) for crumb in response.context["page_meta"].breadcrumbs] == [
        ("Home", "/"),
        (title, "/programmes/"),
    ]
    assert client.get("/").context["page_meta"].breadcrumbs == []


def test_page_keys_are_the_section_keys():
    assert Page.Key.HOST_CITY == "host-city"
    assert Page.Key.HOSTING.label == "Host a Regional Office"
    assert Page._meta.get_field("key").choices == [(s.key, s.label) for s in sections.all_sections()]


def test_the_key_choices_are_recorded_as_the_function_not_the_list():
    """Migrations hold the function: a section added by an app needs no migration."""
    _name, _path, _args, kwargs = Page._meta.get_field("key").deconstruct()
    assert kwargs["choices"] is sections.key_choices


@pytest.fixture
def sections_read_again():
    """The sections are read once per process: a test that changes an app's must read them anew."""
    sections.all_sections.cache_clear()
    yield
    sections.all_sections.cache_clear()


@pytest.mark.usefixtures("sections_read_again")
def test_an_app_adds_a_section_without_touching_a_shared_file(monkeypatch):
    config = apps.get_app_config("testimonials")
    news = Section("news", "News", "testimonials:list", in_navigation=True, parent="testimonials")
    monkeypatch.setattr(config, "sections", [*config.sections, news])
    assert sections.get("news") == news
    assert ("news", "News") in Page._meta.get_field("key").choices
    assert news in sections.navigation()
    assert [s.key for s in news.ancestors()] == ["testimonials"]


@pytest.mark.usefixtures("sections_read_again")
def test_two_sections_with_one_key_are_refused(monkeypatch):
    config = apps.get_app_config("testimonials")
    monkeypatch.setattr(config, "sections", [*config.sections, Section("offices", "Again", "home")])
    with pytest.raises(ImproperlyConfigured, match="offices"):
        sections.all_sections()


def test_an_unknown_key_or_url_name_is_an_error():
    with pytest.raises(LookupError):
        sections.get("no-such-section")
    with pytest.raises(LookupError):
        sections.by_url_name("offices:detail")
