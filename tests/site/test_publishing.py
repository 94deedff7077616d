"""One publishing rule everywhere: new items start as drafts; drafts, scheduled and expired items stay hidden;
staff preview them."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.publishing import PublicationStatus, Publishable
from offices.models import Office, StaffContact
from tests.offices.factories import make_contact, make_office
from tests.support.admin import change_form_data
from tests.support.html import elements
from wego_site.sitemaps import collect_sitemaps

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=datetime.UTC)
PUBLISHABLE_MODELS = sorted(
    (model for model in apps.get_models() if issubclass(model, Publishable)), key=lambda model: model._meta.label
)


def in_sitemap(client, path):
    return path in client.get("/sitemap.xml").content.decode()


@time_machine.travel(NOW, tick=False)
def test_an_office_scheduled_for_later_is_hidden_until_due(client):
    office = Office.objects.get(slug="east-asia")
    office.publish_from = NOW + datetime.timedelta(days=2)
    office.save()
    url = office.get_absolute_url()
    assert client.get(url).status_code == 404
    assert "East Asia Regional Office" not in client.get(reverse("offices:list")).content.decode()
    assert not in_sitemap(client, url)
    assert Office.objects.scheduled().filter(pk=office.pk).exists()

    with time_machine.travel(NOW + datetime.timedelta(days=2, minutes=1), tick=False):
        assert client.get(url).status_code == 200
        assert "East Asia Regional Office" in client.get(reverse("offices:list")).content.decode()
        assert in_sitemap(client, url)


def test_a_draft_is_a_404_for_visitors_and_a_preview_for_staff(client, staff_client_factory):
    office = Office.objects.get(slug="east-asia")
    office.publication_status = PublicationStatus.DRAFT
    office.save()
    assert client.get(office.get_absolute_url()).status_code == 404
    response = staff_client_factory().get(office.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview: visitors cannot see this content yet." in response.content.decode()
    assert Office.objects.drafts().filter(pk=office.pk).exists()


def test_every_sitemap_lists_only_published_items():
    for name, sitemap in collect_sitemaps().items():
        items = list(sitemap().items())
        for item in items:
            if hasattr(item, "is_public"):
                assert item.is_public, (name, item)


def test_a_draft_offices_contacts_and_milestones_are_not_public_either(admin_client):
    from offices.models import Milestone, StaffContact

    office = Office.objects.get(slug="europe-ulyanovsk-region")
    contacts, milestones = list(office.contacts.all()), list(office.milestones.all())
    assert contacts and milestones and all(row.is_public for row in [*contacts, *milestones])
    Office.objects.filter(pk=office.pk).update(publication_status=PublicationStatus.DRAFT)
    assert not StaffContact.objects.published().filter(office=office).exists()
    assert not Milestone.objects.published().filter(office=office).exists()
    assert not any(row.is_public for row in StaffContact.objects.filter(office=office))
    listed = admin_client.get(reverse("admin:offices_staffcontact_changelist"), {"visibility": "visible"})
    assert "Svetlana Openysheva" not in listed.content.decode()


# Drafts first, an end date, and when an item went live ------------------------------------------------


def test_a_new_item_is_a_draft_until_someone_publishes_it(client):
    office = Office.objects.create(name="Unannounced Office", slug="unannounced", region="Nowhere")
    assert office.publication_status == PublicationStatus.DRAFT
    assert not office.is_public
    assert client.get(office.get_absolute_url()).status_code == 404
    assert "Unannounced Office" not in client.get(reverse("offices:list")).content.decode()


def test_an_office_added_in_the_admin_without_touching_its_status_is_not_on_the_site(superuser_client, client):
    add = reverse("admin:offices_office_add")
    data = change_form_data(superuser_client.get(add))
    data.update(name_en="Quiet Office", slug="quiet-office", region_en="Testland", _save="Save")
    assert superuser_client.post(add, data).status_code == 302
    office = Office.objects.get(slug="quiet-office")
    assert office.publication_status == PublicationStatus.DRAFT
    assert office.last_published_at is None
    assert client.get(office.get_absolute_url()).status_code == 404
    assert "Quiet Office" not in client.get(reverse("offices:list")).content.decode()


@time_machine.travel(NOW, tick=False)
def test_an_item_is_shown_until_its_publish_until_date_and_then_leaves_everywhere(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows the commit
        office = make_office(name="Fading Office", country="Quuxland", publish_until=NOW + datetime.timedelta(days=2))
    url = office.get_absolute_url()

    def search_links():
        return elements(client.get("/search/", {"q": "Quuxland"}).content.decode(), "a", href=url)

    assert client.get(url).status_code == 200
    assert "Fading Office" in client.get(reverse("offices:list")).content.decode()
    assert search_links()
    assert in_sitemap(client, url)

    with time_machine.travel(NOW + datetime.timedelta(days=2, minutes=1), tick=False):
        assert client.get(url).status_code == 404
        assert "Fading Office" not in client.get(reverse("offices:list")).content.decode()
        assert not search_links()
        assert not in_sitemap(client, url)
        assert Office.objects.expired().filter(pk=office.pk).exists()
        assert not Office.objects.get(pk=office.pk).is_public


@time_machine.travel(NOW, tick=False)
def test_an_expired_item_takes_its_contacts_with_it(client):
    office = make_office(publish_until=NOW - datetime.timedelta(minutes=1))
    contact = make_contact(office, name="Ms. Gone Away")
    assert client.get(office.get_absolute_url()).status_code == 404
    assert not StaffContact.objects.published().filter(pk=contact.pk).exists()
    assert not contact.is_public


def test_the_admin_refuses_an_end_of_publication_before_its_start(superuser_client):
    office = Office.objects.get(slug="east-asia")
    url = reverse("admin:offices_office_change", args=[office.pk])
    data = change_form_data(superuser_client.get(url))
    data.update(
        publish_from_0="2030-03-10", publish_from_1="09:00", publish_until_0="2030-03-01", publish_until_1="09:00"
    )
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "The end of publication must come after its start." in response.content.decode()
    office.refresh_from_db()
    assert (office.publish_from, office.publish_until) == (None, None)


@pytest.mark.parametrize("model", PUBLISHABLE_MODELS, ids=lambda model: model._meta.label)
@pytest.mark.parametrize("length", [datetime.timedelta(hours=-1), datetime.timedelta(0)], ids=["before", "at"])
def test_every_publishable_model_refuses_an_end_of_publication_not_after_its_start(model, length):
    item = model(publish_from=NOW, publish_until=NOW + length)
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert error.value.message_dict["publish_until"] == ["The end of publication must come after its start."]


def test_last_published_is_set_when_a_draft_goes_live_and_kept_while_it_stays_live():
    with time_machine.travel(NOW, tick=False):
        office = make_office(publication_status=PublicationStatus.DRAFT)
        assert office.last_published_at is None
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        office.publication_status = PublicationStatus.PUBLISHED
        office.save()
    live_since = NOW + datetime.timedelta(hours=1)
    assert Office.objects.get(pk=office.pk).last_published_at == live_since

    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        office.summary = "Edited while live."
        office.save()
        again = Office.objects.get(pk=office.pk)  # as the admin loads it
        again.region = "Elsewhere"
        again.save()
    assert Office.objects.get(pk=office.pk).last_published_at == live_since

    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        again.publication_status = PublicationStatus.DRAFT
        again.save()
    assert Office.objects.get(pk=office.pk).last_published_at == live_since, "unpublishing keeps the date"
    with time_machine.travel(NOW + datetime.timedelta(days=3), tick=False):
        draft = Office.objects.get(pk=office.pk)
        draft.publication_status = PublicationStatus.PUBLISHED
        draft.save(update_fields=["publication_status"])
    assert Office.objects.get(pk=office.pk).last_published_at == NOW + datetime.timedelta(days=3)


def test_an_item_created_published_is_live_since_its_creation():
    with time_machine.travel(NOW, tick=False):
        office = make_office()
    assert Office.objects.get(pk=office.pk).last_published_at == NOW


def test_a_save_of_a_partly_loaded_live_item_keeps_its_last_published_date():
    with time_machine.travel(NOW, tick=False):
        office = make_office()
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        partly = Office.objects.only("pk", "name").get(pk=office.pk)
        partly.name = "Renamed Office"
        partly.save()
    assert Office.objects.get(pk=office.pk).last_published_at == NOW


def test_publishing_an_item_refreshed_after_it_was_unpublished_sets_its_last_published_date():
    with time_machine.travel(NOW, tick=False):
        office = make_office()
    Office.objects.filter(pk=office.pk).update(publication_status=PublicationStatus.DRAFT)  # elsewhere
    office.refresh_from_db()
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        office.publication_status = PublicationStatus.PUBLISHED
        office.save()
    assert Office.objects.get(pk=office.pk).last_published_at == NOW + datetime.timedelta(days=1)
