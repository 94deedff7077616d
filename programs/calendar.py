"""Sessions as iCalendar (RFC 5545), built with the icalendar library.

Sessions are all-day events: DTSTART and DTEND are dates (VALUE=DATE) and DTEND is the day after
the last day, as the RFC wants. A session's UID never changes, so calendars that subscribed to the
feed update the event instead of adding a copy.

Text goes in as typed values (``vText``), never as plain strings: icalendar writes an unknown
property such as X-WR-CALNAME verbatim, so a line break in a session's title would end the line and
start a property of its own. ``vText`` escapes line breaks, commas and semicolons; ``multi_line``
first turns the other kinds of line break into ones it escapes and drops the other control
characters, which iCalendar text may not contain.
"""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vText

from core.text import multi_line, one_line

from .models import SessionStatus

UID_DOMAIN = "we-gov.org"
PRODUCT_ID = "-//WeGO//Programmes and sessions//EN"
ICAL_STATUS = {
    SessionStatus.PLANNED: "TENTATIVE",
    SessionStatus.CONFIRMED: "CONFIRMED",
    SessionStatus.CANCELLED: "CANCELLED",
}


def session_uid(session):
    return f"session-{session.pk}@{UID_DOMAIN}"


def _text(value):
    return vText(multi_line(value))


def session_event(session, request, stamp):
    url = request.build_absolute_uri(session.get_absolute_url())
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.start_date)
    event.add("dtend", session.end_date + timedelta(days=1))
    event.add("summary", _text(session.title))
    event.add("description", _text(f"{session.programme.name}\n{url}"))
    event.add("url", url)
    event.add("status", ICAL_STATUS[session.status])
    event.add("transp", "TRANSPARENT")
    if session.place:
        event.add("location", _text(session.place))
    return event


def build_calendar(sessions, request, name):
    """The iCalendar bytes for ``sessions`` (which must all have dates, with their programme loaded)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(one_line(name)))  # a name in a list of calendars
    stamp = timezone.now().replace(microsecond=0)
    for session in sessions:
        calendar.add_component(session_event(session, request, stamp))
    return calendar.to_ical()
