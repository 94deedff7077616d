"""Small builders for programme test data, on top of the seed content every test starts from; published
unless told otherwise."""

import itertools
from datetime import date, timedelta

from programs.models import City, Programme, ProgrammeKind, Session, SessionStatus
from tests.support.content import PUBLISHED

_counter = itertools.count(1)


def make_programme(**fields):
    number = next(_counter)
    fields = {
        "name": f"Test programme {number}",
        "slug": f"test-programme-{number}",
        "kind": ProgrammeKind.WORKSHOP,
        **PUBLISHED,
    } | fields
    return Programme.objects.create(**fields)


def make_session(programme, start=None, days=3, **fields):
    number = next(_counter)
    end = start + timedelta(days=days - 1) if start else None
    fields = {
        "title": f"Test session {number}",
        "slug": f"test-session-{number}",
        "start_date": start,
        "end_date": end,
        "status": SessionStatus.CONFIRMED if start else SessionStatus.PLANNED,
        **PUBLISHED,
    } | fields
    return Session.objects.create(programme=programme, **fields)


def make_sessions(programme, count, first=date(2030, 1, 1), with_details=True):
    """``count`` sessions a month apart, each with a topic, a tour, a contact and a city."""
    sessions = []
    for index in range(count):
        session = make_session(programme, first + timedelta(days=30 * index), place=f"City {index}")
        if with_details:
            session.topics.create(name=f"Topic {index}")
            session.technical_tours.create(name=f"Tour {index}")
            session.contacts.create(name=f"Contact {index}")
            session.cities.add(City.objects.get_or_create(name=f"Town {index}", country=f"Country {index % 7}")[0])
        sessions.append(session)
    return sessions
