"""The Atom feed of sessions: valid XML, newest first, published sessions only."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from core.publishing import PublicationStatus
from programs.models import Session
from tests.programs.factories import make_programme, make_session

pytestmark = pytest.mark.django_db
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def feed(client, path="/feeds/sessions.atom"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(root):
    return [
        (
            entry.find("atom:title", ATOM).text,
            entry.find("atom:link", ATOM).get("href"),
            datetime.datetime.fromisoformat(entry.find("atom:updated", ATOM).text),
        )
        for entry in root.findall("atom:entry", ATOM)
    ]


def test_the_feed_lists_every_dated_published_session_newest_first(client):
    root = feed(client)
    assert root.find("atom:title", ATOM).text == "WeGO programme sessions"
    found = entries(root)
    expected = Session.objects.published().dated().select_related("programme").order_by("-start_date", "-pk")
    assert [title for title, _link, _updated in found] == [session.title for session in expected]
    assert [link for _title, link, _updated in found] == [
        f"http://testserver{session.get_absolute_url()}" for session in expected
    ]
    dates = [updated for _title, _link, updated in found]
    assert dates == sorted(dates, reverse=True)
    assert [updated.date() for updated in dates] == [session.start_date for session in expected]


def test_drafts_and_undated_sessions_stay_out(client):
    programme = make_programme()
    make_session(
        programme, datetime.date(2031, 1, 1), title="Draft session", publication_status=PublicationStatus.DRAFT
    )
    make_session(programme, None, title="Undated session")
    make_session(programme, datetime.date(2031, 2, 1), title="Newest session")
    titles = [title for title, _link, _updated in entries(feed(client))]
    assert titles[0] == "Newest session"
    assert "Draft session" not in titles and "Undated session" not in titles


def test_the_feed_follows_the_language_of_its_address(client):
    root = feed(client, "/ko/feeds/sessions.atom")
    links = [link for _title, link, _updated in entries(root)]
    assert links and all(link.startswith("http://testserver/ko/programmes/") for link in links)
