"""schema.org JSON-LD where it fits, valid and built from data."""

import datetime

import pytest

from programs.models import Programme, ProgrammeKind, Session, SessionStatus
from tests.support.content import PUBLISHED
from tests.support.html import JSON_LD, elements, json_ld, of_type

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


def test_json_ld_on_every_public_page_parses(sitemap_pages):
    for path, (_status, html) in sitemap_pages.items():
        for payload in JSON_LD.findall(html):
            assert payload.strip().startswith("{"), path
        for item in json_ld(html):
            assert item["@context"] == "https://schema.org", path


def test_the_home_page_describes_wego_and_its_search(client):
    html = client.get("/").content.decode()
    (organization,) = of_type(html, "Organization")
    assert organization["name"] == "WeGO"
    assert organization["url"] == SITE + "/"
    assert organization["address"]["addressLocality"] == "Seoul"
    assert organization["logo"].startswith(SITE)
    (website,) = of_type(html, "WebSite")
    assert website["potentialAction"]["target"]["urlTemplate"] == SITE + "/search/?q={search_term_string}"


def test_staff_contacts_are_people_with_their_job_title(client):
    html = client.get("/offices/asia-chengdu/").content.decode()
    people = of_type(html, "Person")
    assert people
    wang = next(person for person in people if "Guangliang" in person["name"])
    assert wang["jobTitle"] == "Secretary General"
    assert wang["worksFor"]["name"] == "WeGO Asia Regional Office, Chengdu"
    assert wang["url"].startswith(SITE + "/offices/asia-chengdu/#contact-")


def test_programmes_are_educational_programmes(client):
    for programme in Programme.objects.published():
        html = client.get(programme.get_absolute_url()).content.decode()
        (data,) = of_type(html, "EducationalOccupationalProgram")
        assert data["name"] == programme.name
        assert data["url"] == SITE + programme.get_absolute_url()
        assert data["provider"][0]["name"] == "WeGO"
        assert {partner["name"] for partner in data["provider"][1:]} == {p.name for p in programme.partners.all()}


def test_every_session_is_an_event_with_dates_place_organiser_mode_and_status(client):
    sessions = Session.objects.published().select_related("programme")
    assert sessions.count() >= 5
    for session in sessions:
        html = client.get(session.get_absolute_url()).content.decode()
        (event,) = of_type(html, "Event")
        assert event["name"] == session.title
        assert event["url"] == SITE + session.get_absolute_url()
        if session.start_date:
            assert datetime.date.fromisoformat(event["startDate"]) == session.start_date
            assert datetime.date.fromisoformat(event["endDate"]) == session.end_date
        assert event["organizer"][0]["name"] == "WeGO"
        assert event["eventAttendanceMode"].startswith("https://schema.org/")
        assert event["eventStatus"] in ("https://schema.org/EventScheduled", "https://schema.org/EventCancelled")
        if session.place and session.programme.kind != ProgrammeKind.WEBINAR_SERIES:
            assert event["location"] == {"@type": "Place", "name": session.place, "address": session.place}


def test_descriptions_are_plain_text_with_entities_decoded_and_scripts_dropped(client):
    programme = Programme.objects.published().first()
    Programme.objects.filter(pk=programme.pk).update(summary="<p>Smart R&amp;D&nbsp;lab</p><script>track()</script>")
    html = client.get(programme.get_absolute_url()).content.decode()
    (described,) = of_type(html, "EducationalOccupationalProgram")
    assert described["description"] == "Smart R&D lab"
    [og] = elements(html, "meta", property="og:description")
    assert og["content"] == "Smart R&D lab"


def test_a_joint_workshop_session_lists_its_partners_as_organisers(client):
    session = Session.objects.get(slug="2017-seoul")
    (event,) = of_type(client.get(session.get_absolute_url()).content.decode(), "Event")
    organisers = [organiser["name"] for organiser in event["organizer"]]
    assert "World Bank" in organisers
    assert event["startDate"] == "2017-11-20" and event["endDate"] == "2017-11-23"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_cancelled_and_online_sessions_say_so(client):
    programme = Programme.objects.create(
        name="Webinars", slug="test-webinars", kind=ProgrammeKind.WEBINAR_SERIES, **PUBLISHED
    )
    session = Session.objects.create(
        programme=programme,
        title="Cancelled webinar",
        slug="cancelled",
        start_date=datetime.date(2030, 3, 1),
        end_date=datetime.date(2030, 3, 1),
        status=SessionStatus.CANCELLED,
        **PUBLISHED,
    )
    (event,) = of_type(client.get(session.get_absolute_url()).content.decode(), "Event")
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": SITE + session.get_absolute_url()}


def test_json_ld_cannot_break_out_of_its_script(client):
    name = "</script><script>alert('x')</script> & <!--"
    programme = Programme.objects.create(name=name, slug="escaping", summary="A < B & C > D", **PUBLISHED)
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    (data,) = of_type(html, "EducationalOccupationalProgram")
    assert data["name"] == name
    assert data["description"] == "A < B & C > D"
