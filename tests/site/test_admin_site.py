"""The back office index reads like the site: grouped by section, not by Django app."""

import pytest

from tests.support.html import texts

pytestmark = pytest.mark.django_db


def test_admin_index_is_grouped_by_section(staff_client_factory):
    response = staff_client_factory().get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert [caption.strip() for caption in texts(html, "caption")] == [
        "Regional Offices",
        "Calls for bids and bids",
        "Programmes",
        "Testimonials",
        "Messages",
        "Pages",
        "Redirects",
        "Background tasks",
        "Staff accounts and roles",
    ]
    assert "WeGO website: back office" in html


def test_each_model_is_listed_where_its_app_or_its_admin_says(staff_client_factory):
    app_list = staff_client_factory().get("/admin/").context["app_list"]
    groups = {group["app_label"]: {model["object_name"] for model in group["models"]} for group in app_list}
    assert groups["messages"] == {"ContactMessage"}, "the message desk's admin places it on its own"
    assert groups["pages"] == {"Page", "Secretariat", "HostCity", "BusType"}, "the contact app's page text"
    # Django's own apps and the login throttle's declare nothing: they come last.
    assert groups["people"] == {"User", "Group", "AccessAttempt", "AccessLog"}
    assert {"Office", "StaffContact", "Milestone", "HostingProgramme", "HostingDocument"} == groups["offices"]


def test_every_model_is_registered_in_a_declared_section():
    from django.contrib import admin

    from core.admin_site import STAFF, section_of

    assert admin.site.__class__.__name__ == "WegoAdminSite"
    for model, model_admin in admin.site._registry.items():
        placed = section_of(model_admin)
        assert (placed is STAFF) == (model._meta.app_label in {"auth", "axes"}), model._meta.label
    assert any(m._meta.label == "pages.Page" for m in admin.site._registry)
    assert any(m._meta.label == "offices.Office" for m in admin.site._registry)


def test_an_app_index_keeps_djangos_own_grouping(staff_client_factory):
    response = staff_client_factory().get("/admin/contact/")
    assert response.status_code == 200
    assert [group["app_label"] for group in response.context["app_list"]] == ["contact"]


def test_section_pages_are_found_by_any_translation_and_show_their_visibility(admin_client):
    from django.urls import reverse

    from pages.models import Page
    from tests.support.html import texts

    page = Page.objects.get(key=Page.Key.PROGRAMMES)
    Page.objects.filter(pk=page.pk).update(title_ko="교육 프로그램 안내문")
    url = reverse("admin:pages_page_changelist")
    html = admin_client.get(url, {"q": "안내문"}).content.decode()
    assert html.count('class="action-select"') == 1  # one row: the programmes page, by its Korean title
    assert admin_client.get(url, {"visibility": "draft"}).status_code == 200
    assert "Status" in texts(admin_client.get(url).content.decode(), "a")
