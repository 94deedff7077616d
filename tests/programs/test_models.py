"""Sessions: the rules the database keeps, and where a session stands relative to today."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from modeltranslation.translator import translator

from core.publishing import PublicationStatus
from programs.models import City, PartnerOrganisation, Programme, Session, SessionStatus
from tests.support.dates import on
from tests.support.files import upload

from .factories import make_programme, make_session

pytestmark = pytest.mark.django_db


# The database keeps the dates consistent ------------------------------------------------------------


def test_database_rejects_an_end_before_the_start():
    programme = make_programme()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            programme=programme,
            title="Backwards",
            slug="backwards",
            start_date=date(2020, 5, 9),
            end_date=date(2020, 5, 5),
        )


def test_database_rejects_an_end_without_a_start():
    programme = make_programme()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            programme=programme, title="Half", slug="half", end_date=date(2020, 5, 5), status=SessionStatus.PLANNED
        )


def test_database_rejects_a_confirmed_session_without_dates():
    programme = make_programme()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(programme=programme, title="When?", slug="when", status=SessionStatus.CONFIRMED)


def test_database_rejects_two_sessions_with_one_slug_in_a_programme():
    programme = make_programme()
    make_session(programme, date(2020, 1, 1), slug="2020")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_session(programme, date(2021, 1, 1), slug="2020")
    make_session(make_programme(), date(2021, 1, 1), slug="2020")  # another programme may use it


def test_clean_explains_an_end_before_the_start_in_words():
    session = Session(
        programme=make_programme(), title="Backwards", slug="b", start_date=date(2020, 5, 9), end_date=date(2020, 5, 5)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["end_date"] == [
        "The session cannot end (2020-05-05) before it starts (2020-05-09)."
    ]


def test_clean_asks_for_dates_or_the_planned_status():
    session = Session(programme=make_programme(), title="When?", slug="w", status=SessionStatus.CONFIRMED)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "Planned (tentative)" in error.value.message_dict["start_date"][0]


def test_a_one_day_session_ends_on_its_start():
    session = Session(programme=make_programme(), title="One day", slug="one-day", start_date=date(2020, 5, 9))
    session.full_clean()
    assert session.end_date == date(2020, 5, 9)


def test_a_planned_session_may_have_no_dates():
    session = Session(programme=make_programme(), title="Later", slug="later", status=SessionStatus.PLANNED)
    session.full_clean()
    session.save()
    assert session.date_range == ""


# Where sessions stand, from today's date ----------------------------------------------------------------


@pytest.fixture
def timeline():
    programme = make_programme()
    return {
        "past": make_session(programme, date(2024, 3, 1), days=5),  # 1-5 March
        "ongoing": make_session(programme, date(2024, 3, 10), days=5),  # 10-14 March
        "upcoming": make_session(programme, date(2024, 4, 1), days=2),
        "tentative": make_session(programme, None),
        "cancelled": make_session(programme, date(2024, 5, 1), status=SessionStatus.CANCELLED),
        "programme": programme,
    }


def titles(queryset):
    return [session.title for session in queryset]


def test_upcoming_ongoing_and_past_around_today(timeline):
    sessions = Session.objects.filter(programme=timeline["programme"])
    with on(date(2024, 3, 12)):
        assert titles(sessions.past()) == [timeline["past"].title]
        assert titles(sessions.ongoing()) == [timeline["ongoing"].title]
        assert titles(sessions.upcoming()) == [timeline["upcoming"].title, timeline["tentative"].title]
        assert titles(sessions.current_and_upcoming()) == titles(
            [timeline["ongoing"], timeline["upcoming"], timeline["tentative"]]
        )
        assert timeline["ongoing"].is_ongoing
        assert not timeline["upcoming"].is_ongoing


def test_the_first_and_last_days_count_as_ongoing(timeline):
    sessions = Session.objects.filter(programme=timeline["programme"])
    with on(date(2024, 3, 10)):
        assert timeline["ongoing"] in sessions.ongoing()
    with on(date(2024, 3, 14)):
        assert timeline["ongoing"] in sessions.ongoing()
    with on(date(2024, 3, 15)):
        assert timeline["ongoing"] in sessions.past()
        assert timeline["ongoing"] not in sessions.ongoing()


def test_the_day_before_the_start_is_upcoming(timeline):
    sessions = Session.objects.filter(programme=timeline["programme"])
    with on(date(2024, 3, 9)):
        assert timeline["ongoing"] in sessions.upcoming()
    assert timeline["ongoing"] in sessions.upcoming(today=date(2024, 3, 9))
    assert timeline["ongoing"] in sessions.past(today=date(2025, 1, 1))


def test_a_tentative_session_without_dates_stays_upcoming(timeline):
    sessions = Session.objects.filter(programme=timeline["programme"])
    for today in [date(2000, 1, 1), date(2099, 1, 1)]:
        assert timeline["tentative"] in sessions.upcoming(today=today)
        assert timeline["tentative"] not in sessions.past(today=today)


def test_cancelled_sessions_are_neither_upcoming_nor_past(timeline):
    sessions = Session.objects.filter(programme=timeline["programme"])
    for today in [date(2024, 1, 1), date(2024, 5, 1), date(2025, 1, 1)]:
        for verb in (sessions.upcoming, sessions.ongoing, sessions.past):
            assert timeline["cancelled"] not in verb(today=today)
    assert list(sessions.cancelled()) == [timeline["cancelled"]]


def test_published_needs_the_programme_published_too(timeline):
    assert timeline["past"] in Session.objects.published()
    Programme.objects.filter(pk=timeline["programme"].pk).update(publication_status=PublicationStatus.DRAFT)
    assert timeline["past"] not in Session.objects.published()
    Programme.objects.filter(pk=timeline["programme"].pk).update(publication_status=PublicationStatus.PUBLISHED)
    Session.objects.filter(pk=timeline["past"].pk).update(publication_status=PublicationStatus.DRAFT)
    assert timeline["past"] not in Session.objects.published()


# The seed content ----------------------------------------------------------------------------------------


def test_the_eight_seoul_program_sessions_with_their_exact_dates():
    sessions = Session.objects.filter(programme__slug="seoul-program").order_by("start_date")
    assert [(s.start_date, s.end_date) for s in sessions] == [
        (date(2011, 9, 5), date(2011, 9, 9)),
        (date(2012, 5, 29), date(2012, 6, 6)),
        (date(2012, 7, 1), date(2012, 7, 7)),
        (date(2013, 6, 23), date(2013, 6, 30)),
        (date(2014, 4, 6), date(2014, 4, 13)),
        (date(2015, 5, 18), date(2015, 5, 22)),
        (date(2016, 5, 22), date(2016, 5, 29)),
        (date(2017, 3, 27), date(2017, 3, 31)),
    ]
    assert {s.place for s in sessions} == {"Seoul, Korea"}


def test_the_2017_joint_workshop():
    session = Session.objects.get(programme__slug="joint-workshop", slug="2017-seoul")
    assert (session.start_date, session.end_date) == (date(2017, 11, 20), date(2017, 11, 23))
    assert session.participant_count == 21
    assert [t.name for t in session.topics.all()] == [
        "Smart City Vision & Strategy Formulation",
        "Smart City as an Open Innovation Platform",
        "Building ICT Infrastructure for Smart Cities",
        "Emerging Technologies and Trends in Smart City and e-Government",
        "Smart Sustainable Cities Best Practices",
        "Building Smart City Ecosystems",
    ]
    assert [t.name for t in session.technical_tours.all()] == [
        "TOPIS center (transportation)",
        "S-Plex Center",
        "Seoul Metropolitan Government Big Data Campus",
        "Bukcheon IoT Village (Living Lab)",
    ]
    assert sorted(str(city) for city in session.cities.all()) == sorted(
        [
            "Bangkok (Thailand)",
            "Dhulikhel (Nepal)",
            "Gimpo (Korea)",
            "Goyang (Korea)",
            "Haiphong (Vietnam)",
            "Kampala (Uganda)",
            "Mexico City (Mexico)",
            "Penang (Malaysia)",
            "Pokhara (Nepal)",
            "Ramgram (Nepal)",
            "Sejong (Korea)",
            "Tshwane (South Africa)",
            "Ulaanbaatar (Mongolia)",
            "Vladivostok (Russia)",
            "Yakutsk (Russia)",
        ]
    )
    assert not session.document


def test_the_2018_jeju_workshop_is_planned_without_dates():
    session = Session.objects.get(programme__slug="joint-workshop", slug="2018-jeju")
    assert session.status == SessionStatus.PLANNED
    assert session.start_date is None and session.end_date is None
    assert session.place == "Jeju Island, Korea"
    assert session.application_period == "early-mid 2018"
    assert [(c.full_name, c.email) for c in session.contacts.all()] == [
        ("Mr. Andrew Lim", ""),
        ("Ms. Alexandra Sidorova", ""),
    ]
    assert session in Session.objects.upcoming(today=date(2099, 1, 1))


def test_programmes_and_their_partners():
    programmes = {p.slug: p for p in Programme.objects.prefetch_related("partners")}
    assert programmes["seoul-program"].running_since == 2011
    assert [p.name for p in programmes["seoul-program"].partners.all()] == ["Seoul Human Resource Development Center"]
    assert {str(p) for p in programmes["joint-workshop"].partners.all()} == {
        "National Information Society Agency (NIA)",
        "World Bank",
    }
    assert programmes["regional-offices-programs"].running_since == 2014
    assert sorted(office.slug for office in programmes["regional-offices-programs"].offices.all()) == [
        "asia-chengdu",
        "europe-ulyanovsk-region",
    ]
    assert [p.name for p in programmes["world-bank-institute-smart-cities-webinars"].partners.all()] == [
        "World Bank Institute"
    ]
    assert not PartnerOrganisation.objects.exclude(website="").exists(), "no website was invented"


def test_participating_cities_are_unique_by_name_and_country():
    with pytest.raises(IntegrityError), transaction.atomic():
        City.objects.create(name="Sejong", country="Korea")


# The fixture round trip ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["programs", "testimonials"])
def test_the_database_holds_exactly_what_the_fixture_says(name):
    fixture = json.loads((Path(settings.BASE_DIR) / "fixtures" / f"{name}.json").read_text(encoding="utf-8"))
    assert fixture
    for row in fixture:
        model = apps.get_model(row["model"])
        stored = model.objects.get(pk=row["pk"])
        dumped = json.loads(serializers.serialize("json", [stored]))[0]["fields"]
        # Links kept by a model of their own (ProgrammeOffice, ...) are not serialised with the row.
        dumped |= {f.name: list(getattr(stored, f.name).values_list("pk", flat=True)) for f in model._meta.many_to_many}
        translated = (
            translator.get_options_for_model(model).fields if model in translator.get_registered_models() else ()
        )
        # The seeds are English: each translated field's English column holds them, the others wait for staff.
        for field in translated:
            assert dumped.pop(f"{field}_en") == row["fields"][field], (row["model"], row["pk"], field)
            for code in ("ko", "ru", "es", "zh_hans"):
                assert dumped.pop(f"{field}_{code}") is None, (row["model"], row["pk"], field, code)
        # A field added after the seeds were written (publish_until, ...) is not in them: it keeps its default.
        for name in dumped.keys() - row["fields"].keys():
            assert dumped.pop(name) == model._meta.get_field(name).get_default(), (row["model"], row["pk"], name)
        # Many-to-many rows come back in the related model's order; the set is what matters.
        assert _sorted_lists(dumped) == _sorted_lists(row["fields"]), (row["model"], row["pk"])


def _sorted_lists(fields):
    return {key: sorted(value) if isinstance(value, list) else value for key, value in fields.items()}


def test_loading_the_seed_content_again_adds_nothing():
    counts = {model: model.objects.count() for model in (Programme, Session, City, PartnerOrganisation)}
    call_command("load_site_content", verbosity=0)
    assert counts == {model: model.objects.count() for model in counts}


# Logos, visibility and the cities list -------------------------------------------------------------------


def test_a_session_is_public_only_with_its_programme():
    session = Session.objects.select_related("programme").get(programme__slug="seoul-program", slug="2013")
    assert session.is_public
    Programme.objects.filter(pk=session.programme_id).update(publication_status=PublicationStatus.DRAFT)
    session = Session.objects.select_related("programme").get(pk=session.pk)
    assert not session.is_public
    assert session.publication_status == PublicationStatus.PUBLISHED
    assert session not in Session.objects.published()


def test_cities_by_country_sorts_what_the_visitor_reads():
    from django.utils import translation

    session = Session.objects.get(programme__slug="joint-workshop", slug="2017-seoul")
    assert [str(city) for city in session.cities_by_country][:4] == [
        "Gimpo (Korea)",
        "Goyang (Korea)",
        "Sejong (Korea)",
        "Penang (Malaysia)",
    ]
    City.objects.filter(name="Sejong").update(name_ko="세종", country_ko="대한민국")
    City.objects.filter(name="Gimpo").update(name_ko="김포", country_ko="대한민국")
    with translation.override("ko"):
        names = [city.name for city in Session.objects.get(pk=session.pk).cities_by_country]
    # Translated countries sort with what is displayed; the untranslated Goyang stays under “Korea”.
    assert names[-2:] == ["김포", "세종"]
    assert names.index("Goyang") < names.index("Penang")


def test_a_session_document_must_be_a_pdf_or_office_document():
    from django.core.exceptions import ValidationError

    session = Session.objects.get(programme__slug="seoul-program", slug="2013")
    session.document = upload(b"MZ\x90\x00" + b"\x00" * 100, "programme.exe")
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert "“.exe” files are not accepted" in str(refused.value.message_dict["document"])
    session.document = upload(b"<html>not a PDF</html>", "programme.pdf")
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert "document" in refused.value.message_dict
