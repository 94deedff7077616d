"""The page cache never serves a page it cannot vouch for: not past a scheduled appearance or expiry,
and not after an edit whose invalidation the cache refused."""

import datetime
import time

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from core import cache as page_cache_module
from core.cache import PROBE_SECONDS, VERSION_KEY, VERSIONS, next_change_after
from offices.models import Office
from programs.models import Programme
from tests.programs.factories import make_session

pytestmark = pytest.mark.django_db

# Seoul, a weekday morning: the sessions below start weeks later, so they are upcoming throughout.
NINE_AM = datetime.datetime(2031, 3, 4, 0, 0, tzinfo=datetime.UTC)


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600  # longer than the waits below: only the schedule can end an entry
    return settings


def visit(path):
    response = Client().get(path)
    assert response.status_code == 200
    return response["X-Page-Cache"], response.content.decode()


# -- scheduled changes -----------------------------------------------------------------------------------


def test_a_session_scheduled_five_minutes_ahead_appears_on_its_programme_page_on_time(page_cache):
    programme = Programme.objects.get(slug="seoul-program")
    with time_machine.travel(NINE_AM, tick=False) as traveller:
        make_session(
            programme,
            start=datetime.date(2031, 5, 1),
            title="A session announced at 09:05",
            publish_from=timezone.now() + datetime.timedelta(minutes=5),
        )
        path = programme.get_absolute_url()
        assert visit(path)[0] == "miss"
        state, html = visit(path)
        assert state == "hit"
        assert "A session announced at 09:05" not in html

        traveller.shift(datetime.timedelta(minutes=4, seconds=59))
        state, html = visit(path)
        assert state == "hit"
        assert "A session announced at 09:05" not in html

        traveller.shift(datetime.timedelta(seconds=1))  # 09:05:00, the session's time
        state, html = visit(path)
        assert state == "miss"
        assert "A session announced at 09:05" in html
        assert visit(path) == ("hit", html)


def test_a_session_that_expires_leaves_its_programme_page_on_time(page_cache):
    programme = Programme.objects.get(slug="seoul-program")
    with time_machine.travel(NINE_AM, tick=False) as traveller:
        make_session(
            programme,
            start=datetime.date(2031, 5, 1),
            title="A session withdrawn at 09:05",
            publish_until=timezone.now() + datetime.timedelta(minutes=5),
        )
        path = programme.get_absolute_url()
        visit(path)
        state, html = visit(path)
        assert state == "hit"
        assert "A session withdrawn at 09:05" in html
        traveller.shift(datetime.timedelta(minutes=5, seconds=30))
        state, html = visit(path)
        assert state == "miss"
        assert "A session withdrawn at 09:05" not in html


def test_the_next_change_counts_from_when_the_version_began(page_cache):
    """A change between the version's start and the first request still ends that version's pages."""
    programme = Programme.objects.get(slug="seoul-program")
    with time_machine.travel(NINE_AM, tick=False) as traveller:
        soon = timezone.now() + datetime.timedelta(minutes=1)
        make_session(programme, start=datetime.date(2031, 5, 1), title="Due at 09:01", publish_from=soon)
        version = time.time_ns()
        assert next_change_after(version) == soon.timestamp()
        traveller.shift(datetime.timedelta(minutes=2))
        assert next_change_after(version) == soon.timestamp()  # passed, so that version is stale
        assert next_change_after(time.time_ns()) is None


def test_scheduled_fields_are_found_on_every_content_model_that_has_them():
    from core.cache import _scheduled_fields

    found = {model._meta.label: names for model, names in _scheduled_fields()}
    assert found["programs.Session"][0] == "publish_from"
    assert found["offices.Office"][0] == "publish_from"
    assert "contact.BusRoute" not in found  # no schedule of its own


# -- when the content version cannot be written ----------------------------------------------------------


def refuse(*args, **kwargs):
    raise ConnectionError("READONLY You can't write against a read only replica.")


@pytest.fixture
def office_page(page_cache):
    office = Office.objects.get(slug="east-asia")
    path = office.get_absolute_url()
    assert visit(path)[0] == "miss"
    assert visit(path)[0] == "hit"
    return office, path


def another_worker(monkeypatch, seconds_since_its_last_write=0.0):
    """Make this process behave as a second worker that has not seen what the first one saw."""
    worker = page_cache_module._Worker()
    worker.last_write = time.monotonic() - seconds_since_its_last_write
    monkeypatch.setattr(page_cache_module, "_worker", worker)
    return worker


def test_an_edit_whose_invalidation_fails_is_shown_and_no_stale_page_is_served(office_page, monkeypatch):
    office, path = office_page
    monkeypatch.setattr(caches[VERSIONS], "set", refuse)
    office.summary = "Saved while the cache refuses writes."
    office.save()
    for _ in range(3):
        response = Client().get(path)
        assert "Saved while the cache refuses writes." in response.content.decode()
        assert "X-Page-Cache" not in response


def test_out_of_memory_the_version_is_deleted_so_no_worker_serves_old_pages(office_page, monkeypatch):
    """Redis out of memory (noeviction) refuses SET but takes DEL: the version goes, and with it every match."""
    office, path = office_page
    versions = caches[VERSIONS]
    monkeypatch.setattr(versions, "set", refuse)
    monkeypatch.setattr(versions, "add", refuse)
    office.summary = "Saved while the cache is out of memory."
    office.save()
    assert versions.get(VERSION_KEY) is None
    another_worker(monkeypatch)  # wrote a moment ago, so it does not probe
    response = Client().get(path)
    assert "Saved while the cache is out of memory." in response.content.decode()
    assert "X-Page-Cache" not in response


def test_a_cache_that_refuses_every_write_stops_other_workers_within_the_probe_time(office_page, monkeypatch):
    office, path = office_page
    versions = caches[VERSIONS]
    with monkeypatch.context() as refusing:
        for method in ["set", "add", "delete", "incr", "touch"]:
            refusing.setattr(versions, method, refuse)
        office.summary = "Saved while the cache takes no writes at all."
        office.save()
        assert page_cache_module._worker.poisoned  # the worker that saved
        # Another worker whose last write is older than the probe time must prove it can write: it cannot.
        other = another_worker(monkeypatch, seconds_since_its_last_write=PROBE_SECONDS + 1)
        response = Client().get(path)
        assert "Saved while the cache takes no writes at all." in response.content.decode()
        assert "X-Page-Cache" not in response
        assert other.poisoned

    # The cache takes writes again: the first worker back writes a new version, so a third worker that
    # never saw any trouble does not serve the page stored before the edit either.
    state, html = visit(path)
    assert state == "miss"
    assert "Saved while the cache takes no writes at all." in html
    assert not other.poisoned
    another_worker(monkeypatch)
    state, html = visit(path)
    assert state == "hit"
    assert "Saved while the cache takes no writes at all." in html
