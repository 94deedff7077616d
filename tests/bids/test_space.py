"""The city's private bid space: one link opens one bid, nothing typed or uploaded is lost, and
nothing of it is kept by a cache, a search engine or another site."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bids import workflow
from bids.models import Answer, BidAccess, BidDocument, BidEvent, BidStatus, InternalNote
from tests.support.bids import (
    EXE_BYTES,
    PDF_BYTES,
    add_checklist,
    add_document,
    add_questions,
    docx_bytes,
    make_access,
    make_bid,
    make_call,
)
from tests.support.files import upload
from tests.support.html import elements, texts
from tests.support.page_cache import stored_pages
from tests.support.tasks import queued_task_names

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
DEADLINE = datetime(2031, 3, 31, 18, 0, tzinfo=SEOUL)


def space_url(secret, name="space", **kwargs):
    return reverse(f"bids:{name}", kwargs={"secret": secret, **kwargs})


@pytest.fixture
def city():
    """A bid with a link, to a call asking for two documents (one optional) and two questions."""
    # The clock stands 20 days before the deadline, the link just sent (it works for 30 days): tests
    # move the clock where they need it.
    with time_machine.travel(DEADLINE - timedelta(days=20), tick=False):
        call = make_call(title="Regional Office for Africa", bid_deadline=DEADLINE)
        letter, premises = add_checklist(call, "Letter of intent", "Proposed premises")
        (budget,) = add_checklist(call, "Budget commitment", required=False)
        staffing, vision = add_questions(call, "How will you staff the office?", "What is your vision?")
        bid = make_bid(call, city="Kigali")
        access, secret = make_access(bid)
        yield {
            "call": call,
            "bid": bid,
            "access": access,
            "secret": secret,
            "items": [letter, premises, budget],
            "questions": [staffing, vision],
        }


@pytest.fixture
def other_city(city):
    """Another city's bid to another call, with a document and an answer of its own (at ``city``'s time)."""
    call = make_call(title="General Assembly 2032", kind="assembly")
    (item,) = add_checklist(call, "Venue")
    (question,) = add_questions(call, "Which venue?")
    bid = make_bid(call, city="Lisbon")
    _access, secret = make_access(bid)
    document = add_document(bid, item, name="venue.pdf")
    Answer.objects.create(bid=bid, question=question, text="The congress centre.")
    return {"bid": bid, "item": item, "question": question, "document": document, "secret": secret}


def answers_data(city, *texts):
    return {f"question-{question.pk}": text for question, text in zip(city["questions"], texts, strict=True)}


def upload_data(item, content=PDF_BYTES, name="letter.pdf"):
    return {f"item-{item.pk}-file": upload(content, name=name, content_type="application/pdf")}


def complete(city):
    for item in city["items"][:2]:
        add_document(city["bid"], item)
    for question, text in zip(city["questions"], ["Five people.", "Smart, sustainable cities."], strict=True):
        Answer.objects.create(bid=city["bid"], question=question, text=text)


def assert_private(response):
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


# ------------------------------------------------------------------------------------------ the page


def test_the_space_shows_the_bid_and_notes_that_the_city_opened_it(client, city):
    bid = city["bid"]
    add_document(bid, city["items"][0], name="letter-v1.pdf")
    add_document(bid, city["items"][0], name="letter-v2.pdf")
    Answer.objects.create(bid=bid, question=city["questions"][0], text="Five people, two seconded.")
    BidEvent.objects.create(bid=bid, status=BidStatus.RECEIVED, created_at=bid.created_at)
    BidEvent.objects.create(bid=bid, message="Please add the floor plan to the premises.")
    InternalNote.objects.create(bid=bid, text="The budget looks thin.")
    make_access(bid, name="Jean Colleague", email="jean@example.org")

    response = client.get(space_url(city["secret"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h1") == ["Regional Office for Africa"]
    [deadline] = elements(html, "time", datetime="2031-03-31T18:00:00+09:00")
    assert deadline["data-local-time"] == "— your time: {time}"
    assert '<time datetime="2031-03-31T18:00:00+09:00"' in html
    assert ">31 March 2031, 18:00 (Seoul time, KST)</time>" in html
    bid.refresh_from_db()
    assert bid.status == BidStatus.PREPARING
    assert list(bid.events.values_list("status", flat=True)) == ["received", "", "preparing"]
    assert "In preparation" in html and "Please add the floor plan to the premises." in html
    assert "The budget looks thin." not in html
    # The current version, and the earlier one as a previous version; each item with its own form.
    letter = texts(html, "article")[0]
    assert "Current document: letter-v2.pdf" in letter and "1 previous version" in letter and "letter-v1.pdf" in letter
    assert "(required)" in letter
    assert "(optional)" in texts(html, "article")[2]
    assert len(elements(html, "input", type="file")) == 3
    assert elements(html, "textarea", name=f"question-{city['questions'][0].pk}")
    assert "Five people, two seconded." in html
    # What is missing: the premises and the second answer; not the optional budget, nor what is given.
    [missing] = [text for text in texts(html, "section") if text.startswith("Still missing")]
    assert "Document: Proposed premises" in missing and "Answer: What is your vision?" in missing
    assert "Letter of intent" not in missing and "Budget" not in missing and "staff" not in missing
    [people] = [text for text in texts(html, "section") if text.startswith("People with a link")]
    assert bid.contact_name in people and "Jean Colleague" in people
    assert bid.email not in html and "jean@example.org" not in html
    assert "Submitting sends your bid" in html
    assert BidAccess.objects.get(pk=city["access"].pk).last_used_at == timezone.now()


def test_the_space_is_private_and_never_stored_by_the_page_cache(client, city, settings):
    settings.PAGE_CACHE_SECONDS = 300

    first = client.get(space_url(city["secret"]))
    second = client.get(space_url(city["secret"]))

    assert first.status_code == second.status_code == 200
    assert_private(first)
    assert second.get("X-Page-Cache") != "hit"
    assert stored_pages() == []
    assert '<meta name="robots" content="noindex">' in first.content.decode()


@pytest.mark.parametrize("how", ["unknown", "expired", "revoked"])
def test_a_link_that_is_not_valid_gets_a_calm_page_that_says_nothing_more(client, city, how):
    secret = city["secret"]
    if how == "unknown":
        secret = "x" + secret[1:]
    elif how == "revoked":
        workflow.revoke(city["access"])

    traveller = time_machine.travel(DEADLINE + timedelta(days=60), tick=False) if how == "expired" else None
    if traveller:
        traveller.start()
    try:
        responses = [
            client.get(space_url(secret)),
            client.post(space_url(secret, "space-answers"), answers_data(city, "A", "B")),
            client.post(space_url(secret, "space-upload", item=city["items"][0].pk), upload_data(city["items"][0])),
            client.post(space_url(secret, "space-invite"), {"invite-name": "X", "invite-email": "x@example.org"}),
            client.post(space_url(secret, "space-submit")),
        ]
    finally:
        if traveller:
            traveller.stop()

    for response in responses:
        assert response.status_code == 404
        html = response.content.decode()
        assert texts(html, "h1") == ["This link is not valid or has expired"]
        assert reverse("bids:ask-link") in html
        assert secret not in html and secret[:20] not in html
        for word in ("revoked", "expired on", "unknown"):
            assert word not in html
        assert_private(response)
    # The same page, word for word, whatever the reason.
    assert responses[0].content == client.get(space_url("no-such-secret")).content
    assert not Answer.objects.exists() and not BidDocument.objects.exists()
    assert city["bid"].accesses.count() == 1
    city["bid"].refresh_from_db()
    assert city["bid"].status == BidStatus.RECEIVED


def test_an_expired_link_is_refused_on_the_day_it_expires(client, settings):
    bid = make_bid(make_call())
    access, secret = make_access(bid)

    with time_machine.travel(access.expires_at - timedelta(minutes=1), tick=False):
        assert client.get(space_url(secret)).status_code == 200
    with time_machine.travel(access.expires_at + timedelta(minutes=1), tick=False):
        assert client.get(space_url(secret)).status_code == 404


# -------------------------------------------------------------------------------- one city, one bid


def test_one_citys_link_never_reaches_another_citys_bid_or_documents(client, city, other_city):
    secret = city["secret"]
    other = other_city

    page = client.get(space_url(secret)).content.decode()
    assert "Kigali" in page and "Lisbon" not in page and "venue.pdf" not in page

    document = client.get(space_url(secret, "space-document", pk=other["document"].pk))
    upload_response = client.post(
        space_url(secret, "space-upload", item=other["item"].pk), upload_data(other["item"], name="mine.pdf")
    )
    answers = client.post(
        space_url(secret, "space-answers"),
        {f"question-{other['question'].pk}": "Overwritten", **answers_data(city, "", "")},
    )

    assert document.status_code == 404 and document.get("Content-Disposition") is None
    assert upload_response.status_code == 404
    assert BidDocument.objects.filter(original_name="mine.pdf").count() == 0
    assert list(other["bid"].documents.values_list("original_name", flat=True)) == ["venue.pdf"]
    assert answers.status_code == 302  # its own answers saved, nothing of the other bid's
    assert other["bid"].answers.get().text == "The congress centre."
    assert not Answer.objects.filter(bid=city["bid"], question=other["question"]).exists()
    # And the other way round: the other city's link does not open Kigali's documents.
    mine = add_document(city["bid"], city["items"][0], name="kigali.pdf")
    assert client.get(space_url(other["secret"], "space-document", pk=mine.pk)).status_code == 404


def test_a_second_bid_to_the_same_call_stays_apart(client, city):
    neighbour = make_bid(city["call"], city="Nairobi")
    _access, neighbour_secret = make_access(neighbour)
    theirs = add_document(neighbour, city["items"][0], name="nairobi-letter.pdf")

    page = client.get(space_url(city["secret"])).content.decode()

    assert "nairobi-letter.pdf" not in page and "Nairobi" not in page
    assert client.get(space_url(city["secret"], "space-document", pk=theirs.pk)).status_code == 404
    assert client.get(space_url(neighbour_secret, "space-document", pk=theirs.pk)).status_code == 200


# -------------------------------------------------------------------------------------------- uploads


def test_a_good_upload_is_stored_and_a_second_keeps_the_first_as_a_previous_version(client, city):
    letter = city["items"][0]
    url = space_url(city["secret"], "space-upload", item=letter.pk)

    first = client.post(url, upload_data(letter, name="Letter of intent.pdf"))
    second = client.post(url, upload_data(letter, content=docx_bytes(), name="Letter signed.docx"))

    assert first.status_code == second.status_code == 302
    assert first["Location"] == space_url(city["secret"]) + f"#item-{letter.pk}"
    assert_private(first)
    current, previous = BidDocument.objects.filter(bid=city["bid"], item=letter).order_by("-uploaded_at", "-pk")
    assert current.original_name == "Letter signed.docx" and previous.original_name == "Letter of intent.pdf"
    assert current.uploaded_by == city["access"] and current.file_size == len(docx_bytes())
    assert previous.file.read() == PDF_BYTES
    page = client.get(first["Location"]).content.decode()
    assert "“Letter signed.docx” is uploaded for “Letter of intent”." in page
    assert "Current document: Letter signed.docx" in texts(page, "article")[0]
    assert "Letter of intent.pdf" in texts(page, "article")[0]
    city["bid"].refresh_from_db()
    assert city["bid"].last_activity_at == timezone.now()


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (EXE_BYTES, "letter.pdf", "The content of this file does not match its extension .pdf (PDF)."),
        (EXE_BYTES, "setup.exe", "“.exe” files are not accepted."),
        (PDF_BYTES + b"0" * (1024 * 1024), "big.pdf", "documents may be at most 1.0 MB"),
    ],
    ids=["exe-renamed-pdf", "exe", "too-large"],
)
def test_a_refused_upload_says_why_next_to_its_item_and_keeps_the_rest(client, city, settings, content, name, reason):
    settings.DOCUMENT_UPLOAD_MAX_MB = 1
    letter, premises = city["items"][:2]
    add_document(city["bid"], premises, name="premises.pdf")
    Answer.objects.create(bid=city["bid"], question=city["questions"][0], text="Five people.")

    url = space_url(city["secret"], "space-upload", item=letter.pk)

    response = client.post(url, upload_data(letter, content, name))

    assert response.status_code == 400
    assert_private(response)
    html = response.content.decode()
    assert reason in texts(html, "article")[0]
    assert reason not in texts(html, "article")[1]
    assert "premises.pdf" in html and "Five people." in html
    assert not BidDocument.objects.filter(item=letter).exists()


def test_an_upload_for_an_item_of_another_call_is_not_found(client, city, other_city):
    response = client.post(
        space_url(city["secret"], "space-upload", item=other_city["item"].pk), upload_data(other_city["item"])
    )

    assert response.status_code == 404
    assert not BidDocument.objects.filter(bid=city["bid"]).exists()


def test_an_upload_after_the_deadline_is_refused_with_the_reason(client, city):
    letter = city["items"][0]
    with time_machine.travel(DEADLINE + timedelta(minutes=1), tick=False):
        response = client.post(space_url(city["secret"], "space-upload", item=letter.pk), upload_data(letter))

    assert response.status_code == 400
    assert "The deadline for bids passed on 31 March 2031, 18:00 (Seoul time, KST)" in response.content.decode()
    assert not BidDocument.objects.exists()


# -------------------------------------------------------------------------------------------- answers


def test_the_answers_are_saved_together(client, city):
    Answer.objects.create(bid=city["bid"], question=city["questions"][0], text="Old")

    response = client.post(space_url(city["secret"], "space-answers"), answers_data(city, "Five people.", "  Bold.  "))

    assert response.status_code == 302 and response["Location"].endswith("#questions")
    assert dict(city["bid"].answers.values_list("question__text", "text")) == {
        "How will you staff the office?": "Five people.",
        "What is your vision?": "Bold.",
    }
    assert "Your answers are saved." in client.get(response["Location"]).content.decode()


def test_answers_refused_after_the_deadline_come_back_as_typed(client, city):
    Answer.objects.create(bid=city["bid"], question=city["questions"][0], text="Stored before")

    with time_machine.travel(DEADLINE + timedelta(hours=1), tick=False):
        response = client.post(space_url(city["secret"], "space-answers"), answers_data(city, "Typed late", "Also"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "The deadline for bids passed on 31 March 2031, 18:00 (Seoul time, KST)" in html
    [first, second] = elements(html, "textarea")
    assert "readonly" in first and "readonly" in second
    assert ">\nTyped late</textarea>" in html and ">\nAlso</textarea>" in html
    assert city["bid"].answers.get().text == "Stored before"
    assert not elements(html, "input", type="file") and "Save all answers" not in html


# ------------------------------------------------------------------------------------------- invite


def test_a_colleague_is_invited_with_a_link_of_their_own(client, city):
    response = client.post(
        space_url(city["secret"], "space-invite"), {"invite-name": "Jean Mugabo", "invite-email": "jean@example.org"}
    )

    assert response.status_code == 302 and response["Location"].endswith("#people")
    colleague = city["bid"].accesses.get(email="jean@example.org")
    assert colleague.name == "Jean Mugabo" and colleague.invited_by == city["access"]
    assert queued_task_names().count("bids.tasks.send_access_link") == 1
    page = client.get(response["Location"]).content.decode()
    assert "Jean Mugabo will receive a link of their own" in page


def test_an_invitation_with_mistakes_keeps_what_was_typed(client, city):
    response = client.post(
        space_url(city["secret"], "space-invite"), {"invite-name": "Jean Mugabo", "invite-email": "jean@"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter an e-mail address like name@example.org." in html
    assert elements(html, "input", name="invite-name", value="Jean Mugabo")
    assert elements(html, "input", name="invite-email", value="jean@")
    assert city["bid"].accesses.count() == 1
    assert "bids.tasks.send_access_link" not in queued_task_names()


# -------------------------------------------------------------------------------------------- submit


def test_an_incomplete_bid_is_refused_with_what_is_missing(client, city):
    add_document(city["bid"], city["items"][0])

    response = client.post(space_url(city["secret"], "space-submit"))

    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "The bid cannot be submitted yet: still missing Proposed premises; How will you staff the office?; "
        "What is your vision?." in html
    )
    city["bid"].refresh_from_db()
    assert city["bid"].status == BidStatus.RECEIVED and city["bid"].submitted_at is None
    assert city["bid"].documents.count() == 1


def test_a_late_submission_is_refused_and_nothing_is_lost(client, city):
    complete(city)

    with time_machine.travel(DEADLINE + timedelta(seconds=1), tick=False):
        response = client.post(space_url(city["secret"], "space-submit"))
        page = client.get(space_url(city["secret"])).content.decode()

    assert response.status_code == 400
    assert "The deadline for bids passed on 31 March 2031, 18:00 (Seoul time, KST)" in response.content.decode()
    city["bid"].refresh_from_db()
    assert city["bid"].status != BidStatus.SUBMITTED
    assert city["bid"].answers.count() == 2 and city["bid"].documents.count() == 2
    assert "Smart, sustainable cities." in page and "Submit the bid" not in page
    assert "bids.tasks.notify_secretariat" not in queued_task_names()


def test_a_complete_bid_is_submitted_before_the_deadline_and_is_read_only_after(client, city):
    complete(city)

    with time_machine.travel(DEADLINE - timedelta(minutes=1), tick=False):
        response = client.post(space_url(city["secret"], "space-submit"))

        assert response.status_code == 302 and response["Location"].endswith("#status")
        bid = city["bid"]
        bid.refresh_from_db()
        assert bid.status == BidStatus.SUBMITTED and bid.submitted_at == timezone.now()
        assert bid.events.filter(status=BidStatus.SUBMITTED).count() == 1
        assert "bids.tasks.notify_secretariat" in queued_task_names()

        page = client.get(response["Location"])
        html = page.content.decode()
        assert "Your bid is submitted." in html
        assert "This bid was submitted: it can no longer be changed" in html
        assert not elements(html, "form", method="post")
        assert "Smart, sustainable cities." in html
        letter = city["items"][0]
        again = client.post(space_url(city["secret"], "space-upload", item=letter.pk), upload_data(letter))
        answers = client.post(space_url(city["secret"], "space-answers"), answers_data(city, "Changed", "Changed"))
        resubmit = client.post(space_url(city["secret"], "space-submit"))

    assert again.status_code == answers.status_code == resubmit.status_code == 400
    assert bid.documents.count() == 2
    assert set(bid.answers.values_list("text", flat=True)) == {"Five people.", "Smart, sustainable cities."}
    assert bid.events.filter(status=BidStatus.SUBMITTED).count() == 1


# ------------------------------------------------------------------------------------------ documents


def test_a_document_is_served_as_a_private_attachment(client, city):
    document = add_document(city["bid"], city["items"][0], content=docx_bytes(), name="Premises plan.docx")

    response = client.get(space_url(city["secret"], "space-document", pk=document.pk))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == docx_bytes()
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Premises plan.docx" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert_private(response)


def test_posts_need_the_csrf_token(city):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(space_url(city["secret"], "space-answers"), answers_data(city, "A", "B"))

    assert response.status_code == 403
    assert not Answer.objects.exists()


# ------------------------------------------------------------------------------------------- queries


def test_the_space_costs_the_same_queries_whatever_it_holds(client, city):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(space_url(city["secret"])).status_code == 200
        return len(captured)

    client.get(space_url(city["secret"]))  # the first visit also moves the bid to "in preparation"
    small = count()
    call, bid = city["call"], city["bid"]
    items = add_checklist(call, *(f"Annex {n}" for n in range(10)))
    questions = add_questions(call, *(f"Question {n}" for n in range(10)))
    for item in items:
        for version in range(3):
            add_document(bid, item, name=f"annex-{version}.pdf")
    for question in questions:
        Answer.objects.create(bid=bid, question=question, text="An answer.")
    for n in range(10):
        BidEvent.objects.create(bid=bid, message=f"Message {n}")
        make_access(bid, name=f"Colleague {n}", email=f"colleague{n}@example.org")

    assert count() == small
