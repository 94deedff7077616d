"""Every page the site shows is valid HTML by the W3C Nu checker.

The checker is a Java program that takes seconds to start, so this one test gathers every document
that needs checking (the sitemap's pages, the 404 page, and the pages the sitemap does not list:
odd filters, a cancelled session, search results, every answer of the message desk) and runs it once.
A test elsewhere that adds a kind of page adds its documents here.
"""

from datetime import date, timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from bids.models import Answer, BidEvent, BidStatus
from contact.models import HostCity
from programs.models import SessionStatus
from tests.programs.factories import make_programme, make_session
from tests.support.bids import add_checklist, add_document, add_questions, make_access, make_bid, make_call
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


def bid_pages(client):
    """A call with its checklist and questions, the interest form with errors, and a city's bid space:
    in preparation (one document with a previous version, one missing, a message on its timeline), after
    a refused submission, and read only once submitted."""
    # A deadline as the admin stores one: to the minute (a datetime with microseconds is not valid HTML).
    deadline = (timezone.now() + timedelta(days=30)).replace(second=0, microsecond=0)
    call = make_call(summary="Host the Regional Office for Africa.", interest_deadline=None, bid_deadline=deadline)
    letter, premises = add_checklist(call, "Letter of intent", "Proposed premises")
    add_checklist(call, "Budget commitment", required=False)
    vision, staffing = add_questions(call, "What is your vision?", "How will you staff the office?")
    bid = make_bid(call, status=BidStatus.PREPARING)
    add_document(bid, letter, name="draft.pdf")
    add_document(bid, letter, name="signed.pdf")
    Answer.objects.create(bid=bid, question=vision, text="Smart, sustainable cities.")
    BidEvent.objects.create(bid=bid, status=BidStatus.RECEIVED)
    BidEvent.objects.create(bid=bid, message="Thank you.\n\nThe premises can follow.")
    _access, secret = make_access(bid)
    space = f"/bids/space/{secret}/"
    form = {"email": "x", "website": "", "started": started_seconds_ago(60)}
    invalid = client.post(f"/bids/{call.slug}/interest/", form)
    refused = client.post(f"{space}submit/")
    assert (invalid.status_code, refused.status_code) == (400, 400)
    assert 'id="form-errors"' in invalid.content.decode() and 'id="refusal"' in refused.content.decode()
    documents = {
        "bids: list": html_of(client.get("/bids/")),
        "bids: a call": html_of(client.get(call.get_absolute_url())),
        "bids: interest form with errors": invalid.content.decode(),
        "bids: space": html_of(client.get(space)),
        "bids: space, submission refused": refused.content.decode(),
    }
    submitted = make_bid(call, status=BidStatus.SUBMITTED)
    add_document(submitted, letter)
    add_document(submitted, premises)
    Answer.objects.create(bid=submitted, question=staffing, text="Five people.")
    _access, secret = make_access(submitted)
    documents["bids: space, read only"] = html_of(client.get(f"/bids/space/{secret}/"))
    return documents


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
    documents |= bid_pages(client)
    documents["broken"] = BROKEN

    errors = validate_html(documents)

    assert [error for error in errors if error.startswith("broken:")], "the checker finds errors"
    assert [error for error in errors if not error.startswith("broken:")] == []
