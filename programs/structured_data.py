"""What programme and session pages tell search engines: a programme as an
EducationalOccupationalProgram, a session as an Event, each with its breadcrumbs."""

from django.utils.translation import gettext

from core.meta import SCHEMA, PageMeta, plain, section, share_image, trail, wego

from .models import ProgrammeKind, SessionStatus


def _partner(partner):
    data = {"@type": "Organization", "name": partner.name}
    if partner.website:
        data["url"] = partner.website
    return data


def educational_program(request, programme, description=""):
    """A programme as an EducationalOccupationalProgram, provided by WeGO and its partners."""
    data = {
        "@context": SCHEMA,
        "@type": "EducationalOccupationalProgram",
        "name": programme.name,
        "url": request.build_absolute_uri(programme.get_absolute_url()),
        "programType": str(ProgrammeKind(programme.kind).label),
        "provider": [wego(request), *(_partner(partner) for partner in programme.partners.all())],
    }
    if description:
        data["description"] = plain(description)
    return data


def event(request, session, description=""):
    """A session as a schema.org Event: dates, place or online, organiser, status."""
    programme = session.programme
    url = request.build_absolute_uri(session.get_absolute_url())
    online = programme.kind == ProgrammeKind.WEBINAR_SERIES
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": session.title,
        "url": url,
        "eventStatus": f"{SCHEMA}/EventCancelled"
        if session.status == SessionStatus.CANCELLED
        else f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/{'Online' if online else 'Offline'}EventAttendanceMode",
        "organizer": [wego(request), *(_partner(partner) for partner in programme.partners.all())],
        "superEvent": {"@type": "EventSeries", "name": programme.name},
    }
    if session.start_date:
        data["startDate"] = session.start_date.isoformat()
        data["endDate"] = (session.end_date or session.start_date).isoformat()
    if online:
        data["location"] = {"@type": "VirtualLocation", "url": url}
    elif session.place:
        data["location"] = {"@type": "Place", "name": session.place, "address": session.place}
    if description:
        data["description"] = plain(description)
    return data


def programme_meta(request, programme):
    description = programme.summary or programme.name
    return PageMeta(
        request,
        title=programme.name,
        description=description,
        breadcrumbs=trail(section("programs:list"), (programme.name, programme.get_absolute_url())),
        data=[educational_program(request, programme, description)],
    )


def session_meta(request, session):
    programme = session.programme
    description = gettext("%(title)s, a session of the %(programme)s: %(dates)s.") % {
        "title": session.title,
        "programme": programme.name,
        "dates": session.date_range or gettext("dates to be announced"),
    }
    if session.place:
        description = f"{description} {session.place}."
    return PageMeta(
        request,
        title=session.title,
        description=description,
        image=share_image(request, session.image, getattr(session.image, "alt", "")),
        breadcrumbs=trail(
            section("programs:list"),
            (programme.name, programme.get_absolute_url()),
            (session.title, session.get_absolute_url()),
        ),
        data=[event(request, session, session.description or description)],
    )
