"""The section pages hold the site's structure up: Editors write them but cannot take one off the site;
superusers and Secretariat admins can, after a confirmation naming the addresses that stop answering;
the menu never links to a section visitors cannot see."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import sections
from core.publishing import PublicationStatus
from pages.models import Page
from tests.support.admin import change_form_data
from tests.support.html import elements

pytestmark = pytest.mark.django_db

OFFICES_ADDRESSES = ["/offices/", "/ko/offices/", "/ru/offices/", "/es/offices/", "/zh-hans/offices/"]


def change_url(page):
    return reverse("admin:pages_page_change", args=[page.pk])


def offices_page():
    return Page.objects.get(key=Page.Key.OFFICES)


def menu_links(html):
    """The links of the main navigation, then the footer's."""
    menus = re.findall(r'<nav class="site-nav".*?</nav>|<nav aria-label="Footer">.*?</nav>', html, re.DOTALL)
    assert len(menus) == 2
    return [a["href"] for menu in menus for a in elements(menu, "a")]


def leaving(html):
    """The addresses a confirmation says will stop answering."""
    [listed] = re.findall(r'<ul id="addresses-leaving">.*?</ul>', html, re.DOTALL)
    return [a["href"] for a in elements(listed, "a")]


# -- Editors -----------------------------------------------------------------------------------------


def test_an_editor_cannot_delete_a_section_page(editor_client):
    page = offices_page()
    delete_url = reverse("admin:pages_page_delete", args=[page.pk])
    form = editor_client.get(change_url(page)).content.decode()
    assert 'class="deletelink"' not in form and delete_url not in form
    # Nor does the image picker offer to delete the chosen image (library.admin.ChoosesImages), which
    # would take it from every other item that shows it; choosing and uploading stay offered.
    assert 'id="add_id_image"' in form
    assert "delete-related" not in form
    assert editor_client.get(reverse("admin:pages_page_delete", args=[page.pk])).status_code == 403
    assert editor_client.post(reverse("admin:pages_page_delete", args=[page.pk]), {"post": "yes"}).status_code == 403
    assert Page.objects.filter(pk=page.pk).exists()


def test_an_editor_is_offered_no_unpublish_and_is_refused_one(editor_client, client):
    page = offices_page()
    response = editor_client.get(change_url(page))
    html = response.content.decode()
    assert 'name="_unpublish"' not in html
    assert 'name="_publish"' in html  # writing and publishing the text stays theirs
    data = change_form_data(response)
    assert editor_client.post(change_url(page), {**data, "_unpublish": "Unpublish"}).status_code == 403
    page.refresh_from_db()
    assert page.publication_status == PublicationStatus.PUBLISHED
    assert client.get("/offices/").status_code == 200


def test_an_editor_cannot_schedule_a_section_page_off_the_site(editor_client):
    page = offices_page()
    response = editor_client.get(change_url(page))
    form = response.context["adminform"].form
    assert "publish_until" not in form.fields and "publish_from" not in form.fields
    data = change_form_data(response)
    data.update(publish_until_0="2020-01-01", publish_until_1="00:00:00", _publish="Publish")
    assert editor_client.post(change_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.publish_until is None and page.is_public


def test_an_editor_edits_and_publishes_the_text(editor_client, client):
    page = offices_page()
    data = change_form_data(editor_client.get(change_url(page)))
    data.update(title_en="Our Regional Offices worldwide", _publish="Publish")
    assert editor_client.post(change_url(page), data).status_code == 302
    assert "Our Regional Offices worldwide" in client.get("/offices/").content.decode()


def test_the_bulk_actions_leave_section_pages_alone(superuser_client, editor_client):
    for staff in (superuser_client, editor_client):
        actions = staff.get(reverse("admin:pages_page_changelist")).context["action_form"].fields["action"].choices
        names = [name for name, _label in actions]
        assert "delete_selected" not in names and "unpublish_selected" not in names
        assert "publish_selected" in names


def test_an_editor_of_a_draft_section_page_saves_it_as_a_draft(editor_client):
    page = offices_page()
    Page.objects.filter(pk=page.pk).update(publication_status=PublicationStatus.DRAFT)
    data = change_form_data(editor_client.get(change_url(page)))
    response = editor_client.post(change_url(page), {**data, "_save_draft": "Save draft"})
    assert response.status_code == 302


def test_an_editor_cannot_draft_a_live_section_page_by_sending_a_file_with_save_draft(editor_client, client):
    # Changes sent with a file cannot wait in a draft (core.editing): the form comes back, unsaved.
    page = offices_page()
    data = change_form_data(editor_client.get(change_url(page)))
    attached = SimpleUploadedFile("note.txt", b"text")
    data["title_en"] = "Typed, not saved"
    response = editor_client.post(change_url(page), {**data, "_save_draft": "Save draft", "note": attached})
    assert response.status_code == 200
    assert "A new file cannot wait in a draft" in response.content.decode()
    assert response.context["adminform"].form["title_en"].value() == "Typed, not saved"
    page.refresh_from_db()
    assert page.title_en != "Typed, not saved"
    assert page.publication_status == PublicationStatus.PUBLISHED
    assert client.get("/offices/").status_code == 200


# -- Superusers and Secretariat admins ----------------------------------------------------------------


@pytest.mark.parametrize("staff", ["superuser_client", "secretariat_admin_client"])
def test_unpublishing_a_section_page_first_names_the_addresses_that_stop_answering(staff, request, client):
    staff = request.getfixturevalue(staff)
    page = offices_page()
    response = staff.get(change_url(page))
    assert 'name="_unpublish"' in response.content.decode()
    data = change_form_data(response)
    data["title_en"] = "Regional Offices, renamed"
    confirmation = staff.post(change_url(page), {**data, "_unpublish": "Unpublish"})
    assert confirmation.status_code == 200
    html = confirmation.content.decode()
    assert leaving(html) == OFFICES_ADDRESSES
    assert "the menu no longer links to the section" in html
    page.refresh_from_db()
    assert page.publication_status == PublicationStatus.PUBLISHED  # nothing happened yet
    assert client.get("/offices/").status_code == 200

    # The confirmation sends the form back as it was, with the answer.
    hidden = {
        i["name"]: i.get("value", "")
        for i in elements(html, "input")
        if i.get("type") in {"hidden", "submit"} and i.get("name") != "csrfmiddlewaretoken"
    }
    assert hidden["title_en"] == "Regional Offices, renamed" and "_unpublish" in hidden
    assert staff.post(change_url(page), hidden).status_code == 302
    page.refresh_from_db()
    assert page.publication_status == PublicationStatus.DRAFT
    assert page.title_en == "Regional Offices, renamed"
    assert client.get("/offices/").status_code == 404


def test_deleting_a_section_page_names_the_addresses_that_stop_answering(superuser_client):
    page = offices_page()
    html = superuser_client.get(reverse("admin:pages_page_delete", args=[page.pk])).content.decode()
    assert leaving(html) == OFFICES_ADDRESSES
    assert superuser_client.post(reverse("admin:pages_page_delete", args=[page.pk]), {"post": "yes"}).status_code == 302
    assert not Page.objects.filter(key=Page.Key.OFFICES).exists()


def test_the_home_page_names_each_languages_home(superuser_client):
    page = Page.objects.get(key=Page.Key.HOME)
    html = superuser_client.get(reverse("admin:pages_page_delete", args=[page.pk])).content.decode()
    assert leaving(html) == ["/", "/ko/", "/ru/", "/es/", "/zh-hans/"]


# -- Adding -----------------------------------------------------------------------------------------


def test_add_is_not_offered_while_every_section_has_its_page(superuser_client):
    changelist = superuser_client.get(reverse("admin:pages_page_changelist")).content.decode()
    assert reverse("admin:pages_page_add") not in changelist
    assert superuser_client.get(reverse("admin:pages_page_add")).status_code == 403


def test_a_missing_section_page_can_be_added_and_only_its_key_is_offered(superuser_client):
    Page.objects.filter(key=Page.Key.TESTIMONIALS).delete()
    response = superuser_client.get(reverse("admin:pages_page_add"))
    assert response.status_code == 200
    choices = [key for key, _label in response.context["adminform"].form.fields["key"].choices if key]
    assert choices == ["testimonials"]


def test_a_section_pages_key_is_set_once(superuser_client):
    form = superuser_client.get(change_url(offices_page())).context["adminform"].form
    assert "key" not in form.fields


# -- The menu -------------------------------------------------------------------------------------------


def test_a_drafted_section_drops_out_of_the_menu_for_visitors(client, superuser_client):
    every = [reverse(section.url_name) for section in sections.navigation()]
    assert menu_links(client.get("/programmes/").content.decode()) == every * 2

    Page.objects.filter(key=Page.Key.OFFICES).update(publication_status=PublicationStatus.DRAFT)
    assert client.get("/offices/").status_code == 404
    html = client.get("/programmes/").content.decode()
    assert menu_links(html) == [link for link in every if link != "/offices/"] * 2

    # Staff, who see drafts as previews, keep it.
    assert "/offices/" in menu_links(superuser_client.get("/programmes/").content.decode())


def test_a_section_page_that_has_expired_or_is_missing_is_not_in_the_menu(client):
    Page.objects.filter(key=Page.Key.CONTACT).update(publish_until=timezone.now())
    Page.objects.filter(key=Page.Key.TESTIMONIALS).delete()
    links = menu_links(client.get("/programmes/").content.decode())
    assert "/contact/" not in links and "/testimonials/" not in links and "/programmes/" in links


def page_queries(client, path):
    """The SQL of the queries a GET of ``path`` makes on the section pages' table."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries if '"pages_page"' in query["sql"]]


def test_the_menu_reads_the_section_pages_its_view_fetched_or_their_keys_alone(client):
    [own] = page_queries(client, "/offices/")  # the section's page and the menu: one query
    assert '"pages_page"."body_en"' in own
    office = reverse("offices:detail", args=["europe-ulyanovsk-region"])
    [menu] = page_queries(client, office)  # a page of no section: the keys, not every page's text
    assert re.match(r'SELECT "pages_page"\."key"( AS "key")? FROM', menu), menu
