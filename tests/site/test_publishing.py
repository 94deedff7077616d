"""One publishing rule everywhere: drafts and scheduled items stay hidden until due; staff preview them."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.publishing import PublicationStatus
from offices.models import Office
from wego_site.sitemaps import collect_sitemaps

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=datetime.UTC)


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
