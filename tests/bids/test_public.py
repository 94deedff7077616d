"""The public side of the calls for bids: the list, a call, its deadlines, the expression of interest and
asking for a new link, as visitors and search engines see them."""

import re
from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from bids.models import Bid, BidAccess, BidStatus, Call, ChecklistItem, Question
from offices.models import HostingDocument
from tests.support.contact import page_tokens, started_seconds_ago
from tests.support.content import PUBLISHED
from tests.support.dates import SEOUL
from tests.support.html import elements, json_ld, of_type, texts
from tests.support.queries import count_queries
from tests.support.sitemap import sitemap_paths
from tests.support.tasks import queued_task_names, run_queued_tasks

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
SEED_CALL = "/bids/regional-offices/"
# Every test with deadlines runs on this day, so "open" and "past" never depend on when the suite runs.
TODAY = datetime(2027, 1, 10, 12, 0, tzinfo=SEOUL)
INTEREST = datetime(2027, 2, 1, 18, 0, tzinfo=SEOUL)
BIDS = datetime(2027, 3, 15, 18, 0, tzinfo=SEOUL)
DECISION = datetime(2027, 6, 30, 10, 0, tzinfo=SEOUL)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def queued_mail():
    """The e-mails waiting on the task queue (a dated call also queues its reminders, for later)."""
    return sorted(name for name in queued_task_names() if name != "bids.tasks.send_reminders")


def make_call(slug="africa", **fields):
    values = {
        "title": f"Regional Office for {slug.title()}",
        "slug": slug,
        "kind": "office",
        "region": slug.title(),
        "interest_deadline": INTEREST,
        "bid_deadline": BIDS,
        "decision_expected": DECISION,
        **PUBLISHED,
        **fields,
    }
    return Call.objects.create(**values)


def interest_form(**overrides):
    """The POST data of a filled-in expression of interest, shown a minute ago."""
    data = {
        "csrfmiddlewaretoken": "test-csrf-token",
        "city": "Kigali",
        "country": "Rwanda",
        "contact_name": "Ana Uwase",
        "contact_role": "Director of International Relations",
        "email": "ana@kigali.example.org",
        "phone": "+250 788 000 000",
        "is_member": "yes",
        "message": "Kigali would like to host the office.",
        "website": "",
        "started": started_seconds_ago(60),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def ask_link_form(email):
    return {
        "csrfmiddlewaretoken": "test-csrf-token",
        "email": email,
        "website": "",
        "started": started_seconds_ago(60),
    }


# -- the seed call -----------------------------------------------------------------------------------------


def test_the_list_shows_the_standing_call_for_regional_offices(client):
    response = client.get("/bids/")
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h1") == ["Calls for bids"]
    assert "New WeGO Regional Offices" in texts(html, "a")
    assert "Africa, Europe, and Southeast Asia, as well as other regions" in html
    assert "No deadline: this is a standing call, open until it is decided." in html
    crumbs = texts(html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0], "li")
    assert crumbs == ["Home", "Regional Offices", "Calls for bids"]
    (item_list,) = of_type(html, "ItemList")
    assert item_list["itemListElement"][0]["url"] == SITE + SEED_CALL


def test_the_standing_call_page_has_its_terms_documents_and_no_event(client):
    response = client.get(SEED_CALL)
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h1") == ["New WeGO Regional Offices"]
    assert "is hosted by a WeGO member city in the applicable region." in html
    assert "selected by the Executive Committee through a bidding process." in html
    assert "No deadline: this is a standing call, open until it is decided." in html
    for document in HostingDocument.objects.published():
        assert elements(html, "a", href=reverse("offices:document", kwargs={"pk": document.pk}))
    assert not of_type(html, "Event"), "no date, no Event"
    (page,) = of_type(html, "WebPage")
    assert page["name"] == "New WeGO Regional Offices"
    assert page["url"] == SITE + SEED_CALL
    (crumbs,) = of_type(html, "BreadcrumbList")
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["Home", "Regional Offices", "Calls for bids", "New WeGO Regional Offices"]
    assert elements(html, "a", href=reverse("bids:interest", kwargs={"slug": "regional-offices"}))


def test_a_draft_document_is_not_shown_to_visitors(client):
    HostingDocument.objects.filter(pk=2).update(publication_status="draft")
    html = client.get(SEED_CALL).content.decode()
    assert elements(html, "a", href=reverse("offices:document", kwargs={"pk": 1}))
    assert not elements(html, "a", href=reverse("offices:document", kwargs={"pk": 2}))


# -- dates -------------------------------------------------------------------------------------------------


def test_dates_are_in_seoul_time_with_the_zone_named_and_a_machine_readable_moment(client, today):
    make_call()
    html = client.get("/bids/africa/").content.decode()
    assert "15 March 2027, 18:00 (Seoul time, KST)" in html
    assert "1 February 2027, 18:00 (Seoul time, KST)" in html
    assert "30 June 2027, 10:00 (Seoul time, KST)" in html
    moments = [time["datetime"] for time in elements(html, "time") if "data-local-time" in time]
    assert moments == ["2027-02-01T18:00:00+09:00", "2027-03-15T18:00:00+09:00", "2027-06-30T10:00:00+09:00"]
    assert all("{time}" in time["data-local-time"] for time in elements(html, "time") if "data-local-time" in time)
    # The visitor's own time comes from a static file; the page reads fully without it.
    assert [s["src"] for s in elements(html, "script") if "src" in s] == ["/static/js/local-time.js"]
    assert not [s for s in elements(html, "script") if "src" not in s and s.get("type") != "application/ld+json"]
    assert "standing call" not in html


def test_a_dated_call_is_an_event_on_its_bid_deadline(client, today):
    call = make_call(summary="Host WeGO in Africa.")
    html = client.get(call.get_absolute_url()).content.decode()
    (event,) = of_type(html, "Event")
    assert event["name"] == "Regional Office for Africa"
    assert datetime.fromisoformat(event["startDate"]) == BIDS
    assert event["url"] == SITE + call.get_absolute_url()
    assert event["organizer"]["name"] == "WeGO"
    assert event["description"] == "Host WeGO in Africa."
    assert not of_type(html, "WebPage")
    for item in json_ld(html):
        assert item["@context"] == "https://schema.org"


def test_the_list_groups_open_awaiting_and_decided_calls(client, today):
    make_call("africa")
    make_call("europe", interest_deadline=None, bid_deadline=datetime(2027, 1, 5, tzinfo=SEOUL), decision_expected=None)
    make_call(
        "asia",
        interest_deadline=None,
        bid_deadline=datetime(2026, 6, 1, tzinfo=SEOUL),
        decision_expected=None,
        outcome_announced=True,
        outcome="Penang was selected.",
    )
    html = client.get("/bids/").content.decode()
    assert texts(html, "h2")[:3] == ["Open calls", "Closed, awaiting the decision", "Decided"]
    open_part, rest = html.split('id="closed-heading"', 1)
    closed_part, decided_part = rest.split('id="decided-heading"', 1)
    assert "Regional Office for Africa" in open_part and "New WeGO Regional Offices" in open_part
    assert "Regional Office for Europe" in closed_part
    assert "Regional Office for Asia" in decided_part and "Penang was selected." in decided_part
    assert "Penang" not in open_part + closed_part
    html = client.get("/bids/asia/").content.decode()
    assert "Outcome" in texts(html, "h2")
    assert "Penang was selected." in html


# -- drafts ------------------------------------------------------------------------------------------------


def test_drafts_are_hidden_from_visitors_and_previewed_for_staff(client, staff_client_factory, today):
    make_call("draft-call", publication_status="draft")
    assert client.get("/bids/draft-call/").status_code == 404
    assert client.get("/bids/draft-call/interest/").status_code == 404
    assert "Regional Office for Draft-Call" not in client.get("/bids/").content.decode()
    assert "/bids/draft-call/" not in sitemap_paths(client)

    staff = staff_client_factory()
    response = staff.get("/bids/draft-call/")
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()
    html = staff.get("/bids/").content.decode()
    assert "Regional Office for Draft-Call" in html
    assert "Draft preview" in html
    assert "Draft preview" not in client.get("/bids/").content.decode()


# -- the expression of interest ----------------------------------------------------------------------------


def test_the_interest_form_is_served_with_its_start_time_and_noindex(client, today):
    make_call()
    response = client.get("/bids/africa/interest/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(texts(html, "h1")) == 1
    assert page_tokens(html)["started"]
    assert elements(html, "meta", name="robots", content="noindex")
    assert elements(html, "input", name="website")


def test_an_invalid_expression_of_interest_keeps_what_was_typed(client, today):
    make_call()
    response = client.post("/bids/africa/interest/", interest_form(email="not-an-address", country=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert elements(html, "input", name="city", value="Kigali")
    assert elements(html, "input", name="email", value="not-an-address")
    assert [radio["value"] for radio in elements(html, "input", name="is_member") if "checked" in radio] == ["yes"]
    assert "Kigali would like to host the office." in texts(html, "textarea")
    assert "Enter your country." in html
    assert "Enter an e-mail address like name@example.org." in html
    assert page_tokens(html)["started"], "a fresh start time to send it again"
    assert not Bid.objects.exists()


def test_an_expression_of_interest_is_stored_and_queued_and_nothing_is_mailed_in_the_request(client, today):
    call = make_call()
    response = client.post("/bids/africa/interest/", interest_form())
    assert response.status_code == 302
    assert response["Location"] == "/bids/sent/"
    bid = Bid.objects.get()
    assert (bid.call, bid.city, bid.country, bid.email, bid.is_member) == (
        call,
        "Kigali",
        "Rwanda",
        "ana@kigali.example.org",
        True,
    )
    assert bid.status == BidStatus.RECEIVED
    assert bid.language == "en"
    access = BidAccess.objects.get(bid=bid)
    assert access.email == "ana@kigali.example.org"
    assert access.token_hash is None
    assert queued_mail() == ["bids.tasks.notify_secretariat", "bids.tasks.send_access_link"]
    assert mail.outbox == []

    run_queued_tasks()
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@kigali.example.org", "secretariat@example.org"]

    sent = client.get(response["Location"])
    assert sent.status_code == 200
    html = sent.content.decode()
    assert len(texts(html, "h1")) == 1
    assert "An e-mail with a private link to your city’s bid space is on its way" in html


def test_a_city_expressing_interest_in_korean_gets_its_mail_in_korean(client, today):
    make_call()
    response = client.post("/ko/bids/africa/interest/", interest_form(is_member="no"))
    assert response.status_code == 302
    assert response["Location"] == "/ko/bids/sent/"
    bid = Bid.objects.get()
    assert bid.language == "ko"
    assert bid.is_member is False


def test_the_honeypot_and_a_replayed_form_store_nothing(client, today):
    make_call()
    assert client.post("/bids/africa/interest/", interest_form(website="http://spam.example")).status_code == 400
    started = started_seconds_ago(60)
    assert client.post("/bids/africa/interest/", interest_form(started=started)).status_code == 302
    replay = client.post("/bids/africa/interest/", interest_form(started=started, email="b@example.org"))
    assert replay.status_code == 400
    assert "already been used" in replay.content.decode()
    assert Bid.objects.count() == 1


def test_too_many_forms_from_one_connection_are_refused_with_the_input_kept(client, settings, today):
    settings.CONTACT_RATE_LIMIT = 1
    make_call()
    assert client.post("/bids/africa/interest/", interest_form()).status_code == 302
    response = client.post("/bids/africa/interest/", interest_form(city="Nairobi"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert elements(html, "input", name="city", value="Nairobi")
    assert "only a few are accepted an hour from one connection" in html
    assert Bid.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        (
            {"interest_deadline": datetime(2027, 1, 5, 18, tzinfo=SEOUL)},
            "The deadline for expressions of interest in this call passed on 5 January 2027, 18:00 (Seoul time, KST).",
        ),
        (
            {"interest_deadline": None, "bid_deadline": datetime(2027, 1, 9, 12, tzinfo=SEOUL)},
            "The deadline for bids to this call passed on 9 January 2027, 12:00 (Seoul time, KST), so it no longer "
            "takes expressions of interest.",
        ),
        (
            {"outcome_announced": True, "outcome": "Kigali was selected."},
            "This call has been decided, so it no longer takes expressions of interest.",
        ),
    ],
)
def test_a_closed_call_refuses_interest_with_a_sentence_that_says_why(client, today, fields, sentence):
    make_call(**{"decision_expected": None, **fields})
    for response in (client.get("/bids/africa/interest/"), client.post("/bids/africa/interest/", interest_form())):
        assert response.status_code == 403
        html = response.content.decode()
        assert sentence in html
        assert len(texts(html, "h1")) == 1
        assert not elements(html, "input", name="city")
    assert not Bid.objects.exists()
    html = client.get("/bids/africa/").content.decode()
    assert sentence in html
    assert not elements(html, "a", href="/bids/africa/interest/")


# -- asking for a new link ---------------------------------------------------------------------------------


def test_asking_for_a_new_link_reveals_nothing_about_the_address(client, today):
    call = make_call()
    client.post(f"{call.get_absolute_url()}interest/", interest_form(email="known@example.org"))
    run_queued_tasks()
    mail.outbox.clear()

    form = client.get("/bids/link/")
    assert form.status_code == 200
    assert len(texts(form.content.decode(), "h1")) == 1

    known = client.post("/bids/link/", ask_link_form("known@example.org"))
    assert queued_mail() == ["bids.tasks.send_access_link"]
    unknown = client.post("/bids/link/", ask_link_form("nobody@example.org"))
    assert queued_mail() == ["bids.tasks.send_access_link"], "nothing is queued for an unknown address"

    assert known.status_code == unknown.status_code == 200
    assert CSRF.sub("", known.content.decode()) == CSRF.sub("", unknown.content.decode())
    assert known.content == unknown.content
    assert "If a bid in preparation has this e-mail address" in known.content.decode()

    assert mail.outbox == [], "nothing is sent inside the request"
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [["known@example.org"]]


def test_asking_for_a_link_with_an_invalid_address_shows_the_form_again(client):
    response = client.post("/bids/link/", ask_link_form("not-an-address"))
    assert response.status_code == 400
    html = response.content.decode()
    assert elements(html, "input", name="email", value="not-an-address")
    assert queued_mail() == []


# -- calendar, sitemap, search -----------------------------------------------------------------------------


def test_the_calendar_lists_the_dates_of_published_calls_not_yet_decided(client, today):
    call = make_call()
    make_call("draft-call", publication_status="draft")
    make_call("decided", outcome_announced=True, outcome="Done.")
    response = client.get("/bids/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "WeGO calls for bids: deadlines"
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        f"call-{call.pk}-interest@we-gov.org",
        f"call-{call.pk}-bids@we-gov.org",
        f"call-{call.pk}-decision@we-gov.org",
    }, "the standing call has no date; drafts and decided calls are left out"
    bids = events[f"call-{call.pk}-bids@we-gov.org"]
    assert bids.decoded("DTSTART") == BIDS
    assert str(bids["SUMMARY"]) == "Deadline for bids: Regional Office for Africa"
    assert SITE + call.get_absolute_url() in str(bids["URL"])
    assert all("DTSTAMP" in event for event in events.values())
    again = Calendar.from_ical(client.get("/bids/calendar.ics").content)
    assert {str(event["UID"]) for event in again.walk("VEVENT")} == set(events), "UIDs are stable"


def test_the_sitemap_lists_each_published_call_and_the_list(client):
    make_call("draft-call", publication_status="draft")
    paths = sitemap_paths(client)
    for prefix in ("", "/ko", "/ru", "/es", "/zh-hans"):
        assert f"{prefix}{SEED_CALL}" in paths
        assert f"{prefix}/bids/" in paths
    assert not [path for path in paths if "draft-call" in path]


def test_calls_are_found_by_the_site_search(client):
    from search import index

    index.reindex("call", [1])
    html = client.get("/search/", {"q": "Southeast Asia"}).content.decode()
    assert elements(html, "a", href=SEED_CALL)


# -- query counts ------------------------------------------------------------------------------------------


def _documents(number):
    return [
        HostingDocument.objects.create(title=f"Document {n}", file=f"offices/documents/d{n}.pdf", **PUBLISHED)
        for n in range(number)
    ]


def _detailed_call(slug, extras):
    call = make_call(slug)
    call.documents.set(_documents(extras))
    for n in range(extras):
        ChecklistItem.objects.create(call=call, title=f"Item {n}", order=n)
        Question.objects.create(call=call, text=f"Question {n}?", order=n)
    return call


def test_the_list_and_a_call_take_the_same_queries_with_ten_times_the_rows(client, today):
    make_call("one")
    few_list = count_queries(client, "/bids/")
    for n in range(10):
        make_call(f"more-{n}")
    assert count_queries(client, "/bids/") == few_list

    small = _detailed_call("small", 1)
    large = _detailed_call("large", 10)
    few_detail = count_queries(client, small.get_absolute_url())
    assert count_queries(client, large.get_absolute_url()) == few_detail
    assert few_detail <= 8


def test_a_call_shows_what_a_bid_will_need(client, today):
    call = make_call()
    ChecklistItem.objects.create(call=call, title="Letter of intent signed by the mayor", order=1)
    ChecklistItem.objects.create(call=call, title="Proposed premises", required=False, order=2)
    Question.objects.create(call=call, text="How will the office be staffed?", guidance="Name the posts.", order=1)
    html = client.get(call.get_absolute_url()).content.decode()
    assert "What your bid will need" in texts(html, "h2")
    assert "Letter of intent signed by the mayor" in texts(html, "strong")
    assert "How will the office be staffed?" in texts(html, "strong")
    assert "Name the posts." in html
