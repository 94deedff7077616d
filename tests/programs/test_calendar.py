"""The iCalendar feed and files parse back with the same dates, as all-day events with stable UIDs."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from core.publishing import PublicationStatus
from programs.models import Programme, Session, SessionStatus

from .factories import make_programme, make_session

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return calendar.walk("VEVENT")


def test_feed_has_every_published_dated_session_as_an_all_day_event(client):
    events = parse(client.get(reverse("programs:calendar")))
    dated = Session.objects.published().dated()
    assert len(events) == dated.count() == 9  # eight Seoul Program sessions and the 2017 Joint Workshop
    by_uid = {str(event["UID"]): event for event in events}
    for session in dated:
        event = by_uid[f"session-{session.pk}@we-gov.org"]
        assert event.decoded("DTSTART") == session.start_date
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event["DTEND"].params["VALUE"] == "DATE"
        # The end is exclusive: the day after the last day.
        assert event.decoded("DTEND") == session.end_date + timedelta(days=1)
        assert str(event["SUMMARY"]) == session.title
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert str(event["URL"]) == f"http://testserver{session.get_absolute_url()}"


def test_seed_dates_survive_the_round_trip(client):
    events = {str(e["SUMMARY"]): e for e in parse(client.get(reverse("programs:calendar")))}
    workshop = events["Joint Workshop 2017, Seoul"]
    assert (workshop.decoded("DTSTART"), workshop.decoded("DTEND")) == (date(2017, 11, 20), date(2017, 11, 24))
    assert str(workshop["LOCATION"]) == "Seoul, Korea"
    first = events["Seoul Program 2011"]
    assert (first.decoded("DTSTART"), first.decoded("DTEND")) == (date(2011, 9, 5), date(2011, 9, 10))
    assert "Joint Workshop 2018, Jeju" not in events  # no dates yet


def test_uids_are_stable_between_requests(client):
    first = [str(e["UID"]) for e in parse(client.get(reverse("programs:calendar")))]
    second = [str(e["UID"]) for e in parse(client.get(reverse("programs:calendar")))]
    assert first == second
    assert len(set(first)) == len(first)


def test_feed_leaves_out_drafts_and_marks_cancelled_and_tentative_sessions(client):
    programme = make_programme()
    draft = make_session(programme, date(2030, 1, 1), publication_status=PublicationStatus.DRAFT)
    cancelled = make_session(programme, date(2030, 2, 1), status=SessionStatus.CANCELLED)
    tentative = make_session(programme, date(2030, 3, 1), status=SessionStatus.PLANNED)
    events = {str(e["UID"]): e for e in parse(client.get(reverse("programs:calendar")))}
    assert f"session-{draft.pk}@we-gov.org" not in events
    assert str(events[f"session-{cancelled.pk}@we-gov.org"]["STATUS"]) == "CANCELLED"
    assert str(events[f"session-{tentative.pk}@we-gov.org"]["STATUS"]) == "TENTATIVE"
    Programme.objects.filter(pk=programme.pk).update(publication_status=PublicationStatus.DRAFT)
    events = {str(e["UID"]) for e in parse(client.get(reverse("programs:calendar")))}
    assert f"session-{cancelled.pk}@we-gov.org" not in events


def test_one_session_file(client):
    session = Session.objects.get(programme__slug="seoul-program", slug="2012-may-june")
    events = parse(client.get(session.get_calendar_url()))
    assert len(events) == 1
    assert str(events[0]["UID"]) == f"session-{session.pk}@we-gov.org"
    assert events[0].decoded("DTSTART") == date(2012, 5, 29)
    assert events[0].decoded("DTEND") == date(2012, 6, 7)


def test_a_session_without_dates_has_no_calendar_file(client):
    assert client.get("/programmes/joint-workshop/2018-jeju/calendar.ics").status_code == 404
    assert client.get("/programmes/seoul-program/no-such/calendar.ics").status_code == 404


def test_calendar_answers_only_reads(client):
    assert client.post(reverse("programs:calendar")).status_code == 405
    assert client.head(reverse("programs:calendar")).status_code == 200


@time_machine.travel("2025-06-01 12:00 +0900", tick=False)
@pytest.mark.parametrize("prefix", ["/ko", "/ru", "/es", "/zh-hans"])
def test_the_feeds_do_not_change_with_the_language(client, prefix):
    session = Session.objects.get(programme__slug="seoul-program", slug="2013")
    Session.objects.filter(pk=session.pk).update(title_ko="서울 프로그램 2013", place_ko="대한민국 서울")
    feed, one_session = reverse("programs:calendar"), session.get_calendar_url()
    for path in [feed, one_session]:
        english = client.get(path)
        other = client.get(prefix + path)
        assert other.status_code == 200
        assert other.content == english.content
        assert other["Content-Disposition"] == english["Content-Disposition"]
    events = {str(e["UID"]): e for e in parse(client.get(prefix + feed))}
    event = events[f"session-{session.pk}@we-gov.org"]
    assert str(event["SUMMARY"]) == "Seoul Program 2013"
    assert str(event["URL"]) == "http://testserver/programmes/seoul-program/2013/"
