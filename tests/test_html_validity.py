"""Every page the site shows is valid HTML by the W3C Nu checker.

The checker is a Java program that takes seconds to start, so this one test gathers every document
that needs checking (the sitemap's pages, the 404 page, and the pages the sitemap does not list:
odd filters, a cancelled session, search results, every answer of the message desk) and runs it once.
A test elsewhere that adds a kind of page adds its documents here.
"""

from datetime import date

import pytest
from django.test import Client, override_settings

from contact.models import HostCity
from programs.models import SessionStatus
from tests.programs.factories import make_programme, make_session
from tests.support.checker import validate_html
from tests.support.contact import contact_form, started_seconds_ago
from tests.support.html import html_of

# The W3C checker is a Java process: `make check` leaves it to `make test`.
pytestmark = [pytest.mark.django_db, pytest.mark.htmlcheck]

BROKEN = "<!DOCTYPE html><html lang=en><head><title>x</title></head><body><p><div></p>"
# The pages with the most JSON-LD: their scripts must not break the markup around them.
WITH_JSON_LD = ["/", "/offices/asia-chengdu/", "/programmes/seoul-program/", "/programmes/seoul-program/2011/"]


def search_results(client):
    def page(**params):
        return html_of(client.get("/search/", params))

    return {
        "search: results": page(q="seoul"),
        "search: one kind": page(q="chengdu", kind="person"),
        "search: none": page(q="qwertyuiopasdf"),
        "search: empty": page(),
        "search: odd": page(q='"><img src=x> 成都 -'),
    }


def message_desk(client, django_capture_on_commit_callbacks):
    """Every answer of the contact form, and the host city page with its video and link set."""
    HostCity.objects.filter(pk=1).update(
        sharing_video_url="https://youtu.be/dQw4w9WgXcQ", solution_url="https://solution.example.org/"
    )
    documents = {
        "contact": client.get("/contact/?purpose=hosting").content.decode(),
        "host city with video and link": client.get("/host-city/").content.decode(),
        "form with errors": client.post("/contact/", contact_form(email="x", purpose="hosting")).content.decode(),
        "too fast": client.post("/contact/", contact_form(started=started_seconds_ago(0))).content.decode(),
        "honeypot": client.post("/contact/", contact_form(website="x")).content.decode(),
        "sent, nothing to confirm": client.get("/contact/sent/").content.decode(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        documents["sent"] = client.post("/contact/", contact_form(send_copy="on"), follow=True).content.decode()
    with override_settings(CONTACT_RATE_LIMIT=0):
        documents["rate limited"] = client.post("/contact/", contact_form()).content.decode()
    expired = Client(enforce_csrf_checks=True).post("/contact/", contact_form())
    documents["form expired (CSRF)"] = expired.content.decode()
    documents["programme preselected"] = client.get(
        "/contact/?purpose=programme&programme=seoul-program"
    ).content.decode()
    return documents


def programme_pages_outside_the_sitemap(client):
    cancelled = make_session(make_programme(), date(2030, 1, 1), status=SessionStatus.CANCELLED)
    paths = [cancelled.get_absolute_url(), "/testimonials/?year=abc&programme=x", "/testimonials/?year=2013"]
    return {path: html_of(client.get(path)) for path in paths}


def test_every_page_is_valid_html_and_the_checker_finds_errors(
    client, sitemap_pages, django_capture_on_commit_callbacks
):
    documents = {path: html for path, (_status, html) in sitemap_pages.items()}
    assert len(documents) >= 7
    assert set(WITH_JSON_LD) <= set(documents)
    documents["404"] = client.get("/no-such-page/").content.decode()
    # Each group changes rows the ones before it must not see.
    documents |= search_results(client)
    documents |= message_desk(client, django_capture_on_commit_callbacks)
    documents |= programme_pages_outside_the_sitemap(client)
    documents["broken"] = BROKEN

    errors = validate_html(documents)

    assert [error for error in errors if error.startswith("broken:")], "the checker finds errors"
    assert [error for error in errors if not error.startswith("broken:")] == []
