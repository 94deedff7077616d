"""The back office index reads like the site: grouped by section, not by Django app."""

import pytest

from tests.html import texts

pytestmark = pytest.mark.django_db


def test_admin_index_is_grouped_by_section(staff_client_factory):
    response = staff_client_factory().get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    captions = texts(html, "caption")
    assert captions[0].startswith("Regional Offices")
    assert any(caption.startswith("Pages") for caption in captions)
    assert any(caption.startswith("Staff accounts and roles") for caption in captions)
    assert "WeGO website: back office" in html


def test_every_model_is_registered_in_a_section(staff_client_factory):
    from django.contrib import admin

    from core.admin_site import _section_for

    assert admin.site.__class__.__name__ == "WegoAdminSite"
    for model in admin.site._registry:
        assert _section_for(model._meta.app_label, model._meta.model_name)
    assert any(m._meta.label == "pages.Page" for m in admin.site._registry)
    assert any(m._meta.label == "offices.Office" for m in admin.site._registry)


def test_section_pages_are_found_by_any_translation_and_show_their_visibility(admin_client):
    from django.urls import reverse

    from pages.models import Page
    from tests.html import texts

    page = Page.objects.get(key=Page.Key.PROGRAMMES)
    Page.objects.filter(pk=page.pk).update(title_ko="교육 프로그램 안내문")
    url = reverse("admin:pages_page_changelist")
    html = admin_client.get(url, {"q": "안내문"}).content.decode()
    assert html.count('class="action-select"') == 1  # one row: the programmes page, by its Korean title
    assert admin_client.get(url, {"visibility": "draft"}).status_code == 200
    assert "Visible on the site" in texts(admin_client.get(url).content.decode(), "th")
