"""The back office index reads like the site: grouped by section, not by Django app."""

import re
from html import unescape

import pytest
from django.urls import reverse

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
        "Image library",
        "Pages",
        "Translations",
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


def test_in_each_section_the_main_item_comes_first(staff_client_factory):
    app_list = staff_client_factory().get("/admin/").context["app_list"]
    order = {group["app_label"]: [model["model"]._meta.label for model in group["models"]] for group in app_list}
    assert order["offices"][0] == "offices.Office"
    assert order["bids"][:2] == ["bids.Call", "bids.Bid"]
    assert order["programmes"][:2] == ["programs.Programme", "programs.Session"]
    assert order["messages"] == ["contact.ContactMessage"]
    assert order["people"][:2] == ["auth.User", "auth.Group"]
    # The section pages first; the Secretariat's bus types right after the Secretariat.
    assert order["pages"] == ["pages.Page", "contact.Secretariat", "contact.BusType", "contact.HostCity"]


def test_models_a_section_does_not_name_follow_by_name(staff_client_factory):
    app_list = staff_client_factory().get("/admin/").context["app_list"]
    [programmes] = [group for group in app_list if group["app_label"] == "programmes"]
    rest = [str(model["name"]) for model in programmes["models"][2:]]
    assert rest == sorted(rest) and rest


def test_the_index_shows_the_main_item_first_on_the_page(staff_client_factory):
    html = staff_client_factory().get("/admin/").content.decode()
    rows = re.findall(r'<th scope="row" id="pages-(\w+)">', html)
    assert rows == ["page", "secretariat", "bustype", "hostcity"]


def test_each_section_has_a_page_under_its_index_name(staff_client_factory):
    client = staff_client_factory()
    app_list = client.get("/admin/").context["app_list"]
    for group in app_list:
        assert group["app_url"] == reverse("admin:section", args=[group["app_label"]])
    response = client.get(reverse("admin:section", args=["pages"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h1") == ["Pages administration"]
    assert [caption.strip() for caption in texts(html, "caption")] == ["Pages"]
    assert "Messages" not in texts(html, "a"), "the message desk is a section of its own"
    assert client.get(reverse("admin:section", args=["nowhere"])).status_code == 404


def test_a_section_page_lists_only_what_the_member_of_staff_may_see(editor_client):
    assert editor_client.get(reverse("admin:section", args=["people"])).status_code == 404
    assert editor_client.get(reverse("admin:section", args=["pages"])).status_code == 200


def crumbs(html):
    [trail] = re.findall(r'<div class="breadcrumbs">(.*?)</div>', html, re.DOTALL)
    return [" ".join(part.split()) for part in unescape(re.sub(r"<[^>]+>", "", trail)).split("›")]


def crumb_links(html):
    [trail] = re.findall(r'<div class="breadcrumbs">(.*?)</div>', html, re.DOTALL)
    return re.findall(r'<a href="([^"]*)">', trail)


@pytest.mark.parametrize(
    ("model", "section"),
    [
        ("contact.Secretariat", "Pages"),
        ("contact.BusType", "Pages"),
        ("contact.ContactMessage", "Messages"),
        ("bids.Call", "Calls for bids and bids"),
        ("offices.StaffContact", "Regional Offices"),
        ("auth.User", "Staff accounts and roles"),
    ],
)
def test_breadcrumbs_name_the_section_as_the_index_does(superuser_client, model, section):
    from django.apps import apps

    from contact.models import ContactMessage

    ContactMessage.objects.create(name="Ana", email="ana@example.org", message="Hello", consent=True)
    model = apps.get_model(model)
    opts = model._meta
    obj = model._default_manager.order_by("pk").first()
    section_url = reverse("admin:section", args=[section_key(superuser_client, section)])
    pages = {
        "changelist": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        "change": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        "history": reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]),
        "delete": reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk]),
    }
    for page, url in pages.items():
        response = superuser_client.get(url)
        assert response.status_code == 200, (page, url)
        html = response.content.decode()
        trail = crumbs(html)
        assert trail[:2] == ["Home", section], (page, trail)
        assert crumb_links(html)[1] == section_url, page
        if page != "changelist":
            assert trail[2] == str(opts.verbose_name_plural).capitalize() or trail[2] == str(
                opts.verbose_name_plural
            ), (page, trail)


def section_key(client, name):
    return next(group["app_label"] for group in client.get("/admin/").context["app_list"] if group["name"] == name)


def test_the_add_form_and_the_deleted_items_have_the_section_crumb_too(superuser_client):
    html = superuser_client.get(reverse("admin:contact_bustype_add")).content.decode()
    assert crumbs(html)[:2] == ["Home", "Pages"]
    html = superuser_client.get(reverse("admin:contact_bustype_recoverlist")).content.decode()
    assert crumbs(html)[:2] == ["Home", "Pages"]


def test_pages_of_no_model_keep_djangos_crumbs(superuser_client):
    html = superuser_client.get("/admin/contact/").content.decode()
    assert crumbs(html) == ["Home", "Contact and messages"]


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
