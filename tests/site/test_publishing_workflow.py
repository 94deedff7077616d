"""Publishing on purpose in the admin: drafts first, drafts of live items, preview, status, bulk actions."""

import datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from core.models import Draft
from core.publishing import PublicationStatus
from offices.models import Office
from tests.support.admin import change_form_data
from tests.support.html import texts

pytestmark = pytest.mark.django_db

SLUG = "europe-ulyanovsk-region"


def office_form(client, office):
    url = reverse("admin:offices_office_change", args=[office.pk])
    return url, change_form_data(client.get(url))


def test_the_form_has_no_status_field_but_buttons_and_a_status_bar(superuser_client):
    office = Office.objects.get(slug=SLUG)
    html = superuser_client.get(reverse("admin:offices_office_change", args=[office.pk])).content.decode()
    assert 'name="publication_status"' not in html
    for button in ("_save_draft", "_publish", "_unpublish"):
        assert f'name="{button}"' in html
    assert "Live" in " ".join(texts(html, "strong"))
    add = superuser_client.get(reverse("admin:offices_office_add")).content.decode()
    assert "New: not on the site until you publish it." in add
    assert 'name="_unpublish"' not in add


def test_a_new_item_saved_as_a_draft_is_not_on_the_site(superuser_client, client):
    data = change_form_data(superuser_client.get(reverse("admin:offices_office_add")))
    data.update(name_en="Test Office", slug="test-office", region_en="Testland", _save_draft="Save draft")
    response = superuser_client.post(reverse("admin:offices_office_add"), data, follow=True)
    office = Office.objects.get(slug="test-office")
    assert office.publication_status == PublicationStatus.DRAFT
    assert "Saved as a draft: not visible on the site." in response.content.decode()
    assert client.get(office.get_absolute_url()).status_code == 404


def test_publish_and_unpublish_are_buttons_and_are_logged(superuser_client, client):
    office = Office.objects.get(slug=SLUG)
    url, data = office_form(superuser_client, office)
    response = superuser_client.post(url, {**data, "_unpublish": "Unpublish"}, follow=True)
    assert "Unpublished: no longer visible on the site." in response.content.decode()
    assert client.get(office.get_absolute_url()).status_code == 404
    response = superuser_client.post(url, {**data, "_publish": "Publish"}, follow=True)
    assert "Published: visible on the site now." in response.content.decode()
    office.refresh_from_db()
    assert office.publication_status == PublicationStatus.PUBLISHED
    assert office.last_published_at is not None
    assert client.get(office.get_absolute_url()).status_code == 200
    messages = list(LogEntry.objects.filter(object_id=str(office.pk)).values_list("change_message", flat=True))
    assert "Unpublished." in messages and "Published." in messages


def test_changes_to_a_live_item_wait_as_a_draft_until_published(superuser_client, client):
    office = Office.objects.get(slug=SLUG)
    old_summary = office.summary_en
    url, data = office_form(superuser_client, office)
    data["summary_en"] = "A summary still being written."
    response = superuser_client.post(url, {**data, "_save_draft": "Save"}, follow=True)
    assert "visitors still see the published version" in response.content.decode()
    office.refresh_from_db()
    assert office.summary_en == old_summary  # the live row is untouched
    assert Draft.of(office).exists()
    assert "A summary still being written." not in client.get(office.get_absolute_url()).content.decode()

    # The editor who opens the form gets the draft back, and the list says changes wait.
    form = superuser_client.get(url)
    assert form.context["adminform"].form["summary_en"].value() == "A summary still being written."
    assert "With unpublished changes" in form.content.decode()
    listing = superuser_client.get(reverse("admin:offices_office_changelist") + "?visibility=changes").content.decode()
    assert "unpublished changes" in listing and office.name in listing

    # Publishing saves it and drops the draft.
    superuser_client.post(url, {**change_form_data(form), "_publish": "Publish"})
    office.refresh_from_db()
    assert office.summary_en == "A summary still being written."
    assert not Draft.of(office).exists()
    assert "A summary still being written." in client.get(office.get_absolute_url()).content.decode()


def test_a_draft_of_changes_can_be_discarded(superuser_client):
    office = Office.objects.get(slug=SLUG)
    url, data = office_form(superuser_client, office)
    superuser_client.post(url, {**data, "summary_en": "Changed my mind.", "_save_draft": "Save"})
    superuser_client.post(url, {**data, "_discard_draft": "Discard"})
    assert not Draft.of(office).exists()
    office.refresh_from_db()
    assert office.summary_en != "Changed my mind."


def test_preview_renders_the_unsaved_form_in_the_public_template_and_saves_nothing(superuser_client):
    office = Office.objects.get(slug=SLUG)
    _url, data = office_form(superuser_client, office)
    preview = reverse("admin:offices_office_preview", args=[office.pk])
    response = superuser_client.post(preview, {**data, "summary_ko": "미리보기 요약", "_preview_language": "ko"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "미리보기 요약" in html
    assert '<html lang="ko"' in html
    assert html.count('class="preview-banner"') == 1  # marked as a preview, though the office is live
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    office.refresh_from_db()
    assert office.summary_ko != "미리보기 요약"
    assert superuser_client.get(preview).status_code == 405


def test_a_preview_of_a_form_with_errors_says_so(superuser_client):
    office = Office.objects.get(slug=SLUG)
    _url, data = office_form(superuser_client, office)
    preview = reverse("admin:offices_office_preview", args=[office.pk])
    response = superuser_client.post(preview, {**data, "name_en": ""})
    assert response.status_code == 200
    assert "nothing to preview yet" in response.content.decode()


def test_a_visitor_cannot_preview(client):
    office = Office.objects.get(slug=SLUG)
    response = client.post(reverse("admin:offices_office_preview", args=[office.pk]), {"name_en": "x"})
    assert response.status_code == 302  # to the login page
    assert "/login/" in response["Location"]


def test_the_status_bar_names_the_schedule_in_seoul_time(superuser_client):
    office = Office.objects.get(slug=SLUG)
    moment = timezone.now() + datetime.timedelta(days=30)
    Office.objects.filter(pk=office.pk).update(publish_from=moment)
    html = superuser_client.get(reverse("admin:offices_office_change", args=[office.pk])).content.decode()
    seoul = timezone.localtime(moment, datetime.timezone(datetime.timedelta(hours=9)))
    assert f"Scheduled for {seoul.day} {seoul:%B %Y, %H:%M} (Seoul time)." in html


def test_an_expired_item_says_so_and_leaves_the_site(superuser_client, client):
    office = Office.objects.get(slug=SLUG)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        Office.objects.filter(pk=office.pk).update(publish_until=timezone.now() + datetime.timedelta(days=1))
    html = superuser_client.get(reverse("admin:offices_office_change", args=[office.pk])).content.decode()
    assert "Expired on" in html
    assert client.get(office.get_absolute_url()).status_code == 404


def test_bulk_publish_and_unpublish(superuser_client):
    offices = list(Office.objects.order_by("pk")[:2])
    changelist = reverse("admin:offices_office_changelist")
    ids = [str(office.pk) for office in offices]
    superuser_client.post(changelist, {"action": "unpublish_selected", "_selected_action": ids})
    assert set(Office.objects.filter(pk__in=ids).values_list("publication_status", flat=True)) == {"draft"}
    superuser_client.post(changelist, {"action": "publish_selected", "_selected_action": ids})
    assert set(Office.objects.filter(pk__in=ids).values_list("publication_status", flat=True)) == {"published"}
    assert LogEntry.objects.filter(object_id__in=ids, change_message="Published.").count() == 2


def test_the_list_shows_the_status_beside_the_name(superuser_client):
    office = Office.objects.get(slug=SLUG)
    Office.objects.filter(pk=office.pk).update(publication_status=PublicationStatus.DRAFT)
    html = superuser_client.get(reverse("admin:offices_office_changelist")).content.decode()
    assert 'wego-list-status--draft">Draft</span>' in html
    assert 'wego-list-status--live">Live</span>' in html


def test_the_dashboard_shows_my_drafts_what_is_scheduled_and_colleagues_changes(superuser_client, editor_client):
    office = Office.objects.get(slug=SLUG)
    url, data = office_form(superuser_client, office)
    superuser_client.post(url, {**data, "_unpublish": "Unpublish"})
    programme_moment = timezone.now() + datetime.timedelta(days=3)
    other = Office.objects.exclude(pk=office.pk).first()
    Office.objects.filter(pk=other.pk).update(publish_from=programme_moment)
    mine = superuser_client.get(reverse("admin:index"))
    panels = mine.context["dashboard"]
    assert [row.name for row in panels["my_drafts"]] == [str(office)]
    assert str(other) in [row.name for row in panels["scheduled"]]
    html = mine.content.decode()
    assert "My drafts" in html and "Scheduled in the next 30 days" in html
    # The editor sees the superuser's change among colleagues' changes.
    theirs = editor_client.get(reverse("admin:index")).context["dashboard"]
    assert str(office) in [row.name for row in theirs["colleagues"]]
    assert theirs["my_drafts"] == []


def test_the_dashboard_makes_the_same_queries_for_2_or_12_drafts(admin_client, admin_user):
    from django.contrib.admin.models import CHANGE
    from django.contrib.contenttypes.models import ContentType

    from tests.offices.factories import make_office
    from tests.support.queries import count_queries

    def draft_offices(count):
        for _ in range(count):
            office = make_office(publication_status=PublicationStatus.DRAFT)
            LogEntry.objects.create(
                user=admin_user,
                content_type=ContentType.objects.get_for_model(Office),
                object_id=str(office.pk),
                object_repr=str(office),
                action_flag=CHANGE,
            )

    draft_offices(2)
    index = reverse("admin:index")
    assert len(admin_client.get(index).context["dashboard"]["my_drafts"]) == 2
    few = count_queries(admin_client, index)
    draft_offices(10)
    assert count_queries(admin_client, index) == few
    assert len(admin_client.get(index).context["dashboard"]["my_drafts"]) == 8  # as many as a panel shows


def test_a_draft_of_a_live_item_with_a_new_file_is_refused_and_nothing_is_saved(superuser_client, client):
    from tests.support.files import photo

    # An office's photo is now chosen from the image library, so its form has no file field; a file sent
    # with it all the same is refused, as for every item (core.editing).
    office = Office.objects.get(slug=SLUG)
    url, data = office_form(superuser_client, office)
    data.update(summary_en="Typed with a new photo.", upload=photo())
    response = superuser_client.post(url, {**data, "_save_draft": "Save"})
    assert response.status_code == 200
    assert "A new file cannot wait in a draft of a live item" in response.content.decode()
    assert response.context["adminform"].form["summary_en"].value() == "Typed with a new photo."
    office.refresh_from_db()
    assert office.publication_status == PublicationStatus.PUBLISHED
    assert office.summary_en != "Typed with a new photo."
    assert not Draft.of(office).exists()
    assert client.get(office.get_absolute_url()).status_code == 200


def test_a_library_image_chosen_in_a_draft_of_a_live_item_waits_with_the_draft(superuser_client):
    from tests.support.images import make_image

    # The image is already in the library (uploaded on its own form), so choosing it is a change like
    # any other: it waits in the draft, and the live office keeps the photo it had.
    office = Office.objects.get(slug=SLUG)
    photo_before = office.photo_id
    image = make_image(alt_en="The office, chosen in a draft")
    url, data = office_form(superuser_client, office)
    data["photo"] = str(image.pk)
    response = superuser_client.post(url, {**data, "_save_draft": "Save"}, follow=True)
    assert "visitors still see the published version" in response.content.decode()
    office.refresh_from_db()
    assert office.photo_id == photo_before
    assert Draft.of(office).get().data["photo"] == [str(image.pk)]
    form = superuser_client.get(url)
    assert form.context["adminform"].form["photo"].value() == str(image.pk)
