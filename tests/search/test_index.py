"""The index holds every public object once per language, and follows every change to the content."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.publishing import PublicationStatus
from offices.models import HostingDocument, Office, StaffContact
from pages.models import Page
from programs.models import City, PartnerOrganisation, Programme, Session
from search import index
from search.models import SearchEntry
from testimonials import models as testimonials
from tests.offices.factories import make_contact, make_document, make_office
from tests.programs.factories import make_programme, make_session
from tests.support.content import PUBLISHED

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
DRAFT = PublicationStatus.DRAFT


def visible_ids(kind, language="en"):
    return set(
        SearchEntry.objects.visible().in_language(language).filter(kind=kind).values_list("object_id", flat=True)
    )


def test_the_seed_content_is_indexed_in_every_language():
    for kind in index.sources():
        counts = {language: len(visible_ids(kind, language)) for language in LANGUAGES}
        assert counts["en"] > 0, kind
        assert set(counts.values()) == {counts["en"]}, (kind, counts)


def test_the_index_agrees_with_what_the_pages_publish(indexed):
    with indexed():
        office = make_office(name="Draft office", publication_status=DRAFT)
        make_contact(office, name="Contact of a draft office")
        programme = make_programme(publication_status=DRAFT)
        session = make_session(programme, datetime.date(2030, 5, 1))
        testimonials.Testimonial.objects.create(person="Someone", quote="Fine.", session=session, **PUBLISHED)
        make_document(title="Draft document", publication_status=DRAFT)
        Page.objects.filter(key=Page.Key.TESTIMONIALS).update(publication_status=DRAFT)
    call_command("rebuild_search_index", verbosity=0)
    for kind, source in index.sources().items():
        assert visible_ids(kind) == set(source.public().values_list("pk", flat=True)), kind


def test_rebuild_writes_one_entry_per_public_object_and_language(capsys):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    public = sum(source.public().count() for source in index.sources().values())
    assert SearchEntry.objects.count() == public * len(LANGUAGES)
    assert f"Indexed {public * len(LANGUAGES)} search entries." in capsys.readouterr().out


def test_an_entry_keeps_the_object_its_kind_and_its_address():
    office = Office.objects.get(slug="asia-chengdu")
    entry = SearchEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Office), object_id=office.pk, language="ko"
    )
    assert entry.kind == "office"
    assert entry.url == "/ko/offices/asia-chengdu/"
    assert entry.title == office.name
    assert " chengdu " in entry.title_terms


def test_a_new_office_is_found_once_saved(indexed, titles):
    assert titles("Quuxland") == []
    with indexed():
        make_office(name="Harbour office", country="Quuxland")
    assert titles("Quuxland") == ["Harbour office"]


def test_an_edit_replaces_the_words(indexed, titles):
    with indexed():
        office = make_office(name="Edited office", summary="Opened in Wordonetown.")
    assert titles("wordonetown") == ["Edited office"]
    with indexed():
        office.summary = "Moved to Wordtwoville."
        office.save()
    assert titles("wordtwoville") == ["Edited office"]
    assert titles("wordonetown") == []


def test_a_deleted_object_leaves_the_index(indexed, titles):
    with indexed():
        office = make_office(name="Short-lived office", country="Quuxland")
        make_contact(office, name="Ms. Plugh Xyzzy")
    assert titles("xyzzy") == ["Ms. Plugh Xyzzy"]
    with indexed():
        office.delete()
    assert titles("Quuxland") == []
    assert titles("xyzzy") == []
    assert not SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(StaffContact), title="Ms. Plugh Xyzzy"
    ).exists()


def test_unpublishing_hides_the_object_and_what_depends_on_it(indexed):
    session = testimonials.Testimonial.objects.published().exclude(session=None).first().session
    programme = session.programme
    quotes = set(testimonials.Testimonial.objects.published().filter(session=session).values_list("pk", flat=True))
    sessions = set(programme.sessions.values_list("pk", flat=True))
    assert quotes <= visible_ids("testimonial")
    assert sessions <= visible_ids("session")
    with indexed():
        programme.publication_status = DRAFT
        programme.save()
    assert programme.pk not in visible_ids("programme")
    assert not sessions & visible_ids("session")
    assert not quotes & visible_ids("testimonial")
    with indexed():
        programme.publication_status = PublicationStatus.PUBLISHED
        programme.save()
    assert sessions <= visible_ids("session")
    assert quotes <= visible_ids("testimonial")


def test_a_draft_is_not_indexed_until_published(indexed, titles):
    with indexed():
        document = make_document(title="Wibblefrotz guide", publication_status=DRAFT)
    assert titles("wibblefrotz") == []
    assert not SearchEntry.objects.filter(title="Wibblefrotz guide").exists()
    with indexed():
        document.publication_status = PublicationStatus.PUBLISHED
        document.save()
    assert titles("wibblefrotz") == ["Wibblefrotz guide"]


def test_a_scheduled_object_is_found_from_its_publish_date(indexed, titles):
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC), tick=False):
        with indexed():
            make_office(
                name="Future office", country="Quuxland", publish_from=timezone.now() + datetime.timedelta(days=2)
            )
        assert titles("Quuxland") == []
        assert SearchEntry.objects.filter(title="Future office").count() == len(LANGUAGES)
    with time_machine.travel(datetime.datetime(2030, 1, 3, 1, tzinfo=datetime.UTC), tick=False):
        assert titles("Quuxland") == ["Future office"]


def test_a_session_waits_for_its_programme_publish_date(indexed, titles):
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC), tick=False):
        with indexed():
            programme = make_programme(publish_from=timezone.now() + datetime.timedelta(days=10))
            make_session(programme, datetime.date(2030, 6, 1), title="Gribble session")
        assert titles("gribble") == []
    with time_machine.travel(datetime.datetime(2030, 1, 12, tzinfo=datetime.UTC), tick=False):
        assert titles("gribble") == ["Gribble session"]


def test_an_expiring_object_is_found_until_its_publish_until_date(indexed, titles):
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC), tick=False):
        with indexed():
            make_office(
                name="Fading office", country="Quuxland", publish_until=timezone.now() + datetime.timedelta(days=2)
            )
        assert titles("Quuxland") == ["Fading office"]
    with time_machine.travel(datetime.datetime(2030, 1, 3, 1, tzinfo=datetime.UTC), tick=False):
        assert titles("Quuxland") == []
        assert SearchEntry.objects.filter(title="Fading office").count() == len(LANGUAGES), "kept, only not shown"


def test_a_session_leaves_with_its_programme_when_the_programme_expires_first(indexed, titles):
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC), tick=False):
        ends = timezone.now() + datetime.timedelta(days=10)
        with indexed():
            programme = make_programme(publish_until=ends)
            make_session(
                programme,
                datetime.date(2030, 6, 1),
                title="Gribble session",
                publish_until=ends + datetime.timedelta(1),
            )
        assert titles("gribble") == ["Gribble session"]
        assert set(SearchEntry.objects.filter(title="Gribble session").values_list("visible_until", flat=True)) == {
            ends
        }
    with time_machine.travel(datetime.datetime(2030, 1, 12, tzinfo=datetime.UTC), tick=False):
        assert titles("gribble") == []


def test_topics_cities_contacts_and_partners_reach_the_session(indexed, titles):
    session = Session.objects.published().get(slug="2017-seoul")
    with indexed():
        session.topics.create(name="Gribblewidgets")
        session.cities.add(City.objects.create(name="Zorgcity", country="Quuxland"))
        session.contacts.create(name="Frobozz Magic")
    for word in ["gribblewidgets", "zorgcity", "quuxland", "frobozz"]:
        assert titles(word) == [session.title], word
    with indexed():
        City.objects.filter(name="Zorgcity").delete()
    assert titles("zorgcity") == []


def test_adding_and_removing_a_partner_updates_the_programme(indexed, titles):
    programme = make_programme(name="Partnerless programme")
    with indexed():
        partner = PartnerOrganisation.objects.create(name="Fooble Foundation")
        programme.partners.add(partner)
    assert titles("fooble") == ["Partnerless programme"]
    with indexed():
        partner.programmes.remove(programme)
    assert titles("fooble") == []
    with indexed():
        programme.partners.add(partner)
        partner.name = "Barble Foundation"
        partner.save()
    assert titles("barble") == ["Partnerless programme"]


def test_the_host_city_page_carries_the_host_city_text(indexed, titles):
    from contact.models import HostCity

    host_city_page = Page.objects.get(key=Page.Key.HOST_CITY)
    with indexed():
        city = HostCity.objects.get()
        city.record = f"{city.record} Snorkelwise."
        city.save()
    assert titles("snorkelwise") == [host_city_page.title]


def test_deleting_in_the_admin_updates_the_index(indexed, titles, staff_client_factory):
    staff = staff_client_factory()
    testimonial = testimonials.Testimonial.objects.published().first()
    with indexed():
        testimonial.quote = "A Blorfquote to find."
        testimonial.save()
    assert titles("blorfquote") == [testimonial.full_name]
    with indexed():
        response = staff.post(reverse("admin:testimonials_testimonial_delete", args=[testimonial.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert titles("blorfquote") == []


def test_each_language_gets_its_translation_and_english_where_there_is_none(indexed, titles):
    office = Office.objects.get(slug="asia-chengdu")
    with indexed():
        office.name_ko = "WeGO 아시아 지역사무소 청두"
        office.name_ru = "Региональный офис WeGO в Чэнду"
        office.name_zh_hans = "WeGO亚洲区域办事处成都"
        office.save()
    # The office first; its staff contact and programmes name it too.
    assert titles("청두", "ko")[0] == "WeGO 아시아 지역사무소 청두"
    assert titles("Чэнду", "ru")[0] == "Региональный офис WeGO в Чэнду"
    assert titles("成都", "zh-hans")[0] == "WeGO亚洲区域办事处成都"
    assert titles("청두", "en") == []
    # Spanish has no translation: the English name stands in, and is found in Spanish.
    assert titles("chengdu", "es")[0] == "WeGO Asia Regional Office, Chengdu"


def test_only_models_the_search_knows_trigger_work(indexed):
    before = SearchEntry.objects.count()
    with indexed():
        HostingDocument.objects.none()
        City.objects.create(name="Unused", country="Nowhere")
    assert SearchEntry.objects.count() == before
    assert Programme.objects.exists()


@pytest.mark.django_db
def test_the_index_and_the_message_desk_are_deleted_in_bulk_without_loading_rows():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from contact.models import ContactMessage
    from search.models import SearchEntry

    assert SearchEntry.objects.count() > 100
    with CaptureQueriesContext(connection) as captured:
        SearchEntry.objects.filter(language="en").delete()
        ContactMessage.objects.all().delete()
    assert [query["sql"].split()[0] for query in captured] == ["DELETE", "DELETE"]
