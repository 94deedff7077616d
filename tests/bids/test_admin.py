"""The Secretariat's back office for bids: calls, the review page, the comparison, the exports and
the Regional Office made from a selected bid."""

import csv
import io
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bids.models import (
    Answer,
    Bid,
    BidAccess,
    BidEvent,
    BidStatus,
    Criterion,
    DocumentAccess,
    InternalNote,
    Score,
)
from core.publishing import PublicationStatus
from offices.models import Office, OfficeStatus
from tests.support.admin import change_form_data
from tests.support.bids import PDF_BYTES, add_checklist, add_document, add_questions, make_access, make_bid, make_call
from tests.support.html import texts
from tests.support.queries import count_queries
from tests.support.tasks import queued_task_names

pytestmark = pytest.mark.django_db

BIDS = reverse("admin:bids_bid_changelist")
CALLS = reverse("admin:bids_call_changelist")


def bid_url(bid):
    return reverse("admin:bids_bid_change", args=[bid.pk])


def comparison_url(call):
    return reverse("admin:bids_call_comparison", args=[call.pk])


def export_url(call, file_format):
    return reverse("admin:bids_call_export", args=[call.pk, file_format])


# ------------------------------------------------------------------------------------- who sees what


@pytest.mark.parametrize("client_name", ["superuser_client", "secretariat_admin_client", "editor_client"])
def test_calls_bids_and_comparison_open_for_the_staff_roles(request, client_name):
    client = request.getfixturevalue(client_name)
    call, bid = reviewed_call()
    for url in [
        CALLS,
        reverse("admin:bids_call_add"),
        reverse("admin:bids_call_change", args=[call.pk]),
        BIDS,
        bid_url(bid),
        comparison_url(call),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (client_name, url)
    assert "Kigali" in client.get(BIDS).content.decode()


@pytest.mark.parametrize("client_name", ["superuser_client", "secretariat_admin_client", "editor_client"])
def test_bids_are_never_added_or_deleted_in_the_admin(request, client_name):
    client = request.getfixturevalue(client_name)
    _call, bid = reviewed_call()
    assert client.get(reverse("admin:bids_bid_add")).status_code == 403
    assert client.get(reverse("admin:bids_bid_delete", args=[bid.pk])).status_code == 403
    assert client.post(reverse("admin:bids_bid_delete", args=[bid.pk]), {"post": "yes"}).status_code == 403
    assert Bid.objects.filter(pk=bid.pk).exists()
    assert reverse("admin:bids_bid_add") not in client.get(BIDS).content.decode()


def test_staff_without_the_permission_to_view_bids_see_no_review(staff_client_factory):
    call, bid = reviewed_call()
    client = staff_client_factory(is_superuser=False)
    assert client.get(bid_url(bid)).status_code == 403
    assert client.get(comparison_url(call)).status_code == 403
    assert client.get(export_url(call, "csv")).status_code == 403
    assert Client().get(comparison_url(call)).status_code == 302  # to the login page


# ------------------------------------------------------------------------------------------- calls


def test_call_list_shows_kind_deadlines_in_seoul_time_the_number_of_bids_and_the_review_links(superuser_client):
    call, _bid = reviewed_call()
    make_bid(call, city="Accra", country="Ghana")
    call.bid_deadline = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
    call.save()
    html = superuser_client.get(CALLS).content.decode()
    assert "Regional Office" in html
    assert "1 March 2030, 18:00 (Seoul time)" in html
    headers = texts(html, "th")
    assert any("Bids" in header for header in headers)
    assert '<td class="field-bid_count">2</td>' in html
    assert f"?call__id__exact={call.pk}" in html
    assert comparison_url(call) in html


def test_call_change_form_has_language_tabs_publishing_buttons_and_ordered_inlines(superuser_client):
    call, _bid = reviewed_call()
    html = superuser_client.get(reverse("admin:bids_call_change", args=[call.pk])).content.decode()
    for name in [
        "title_en",
        "title_ko",
        "terms_es",
        "checklist-0-title_en",
        "questions-0-text_en",
        "criteria-0-weight",
    ]:
        assert f'name="{name}"' in html, name
    assert 'name="checklist-0-order"' in html
    assert 'name="_publish"' in html and 'name="_save_draft"' in html
    assert 'name="documents"' in html


def test_a_checklist_item_a_bid_has_answered_cannot_be_deleted(superuser_client):
    call, _bid = reviewed_call()
    url = reverse("admin:bids_call_change", args=[call.pk])
    data = change_form_data(superuser_client.get(url))
    data["checklist-0-DELETE"] = "on"
    data["_save_draft"] = "Save draft"
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert call.checklist.count() == 2


# ------------------------------------------------------------------------------------ the bid list


def test_bid_list_shows_completeness_without_a_query_per_bid(superuser_client):
    call, complete = reviewed_call()
    incomplete = make_bid(call, city="Accra", country="Ghana")
    html = superuser_client.get(BIDS, {"call__id__exact": call.pk}).content.decode()
    assert "Complete" in html
    assert "2 documents, 2 answers missing" in html
    assert "Accra" in html and "Ghana" in html and complete.call.title in html
    Answer.objects.create(bid=incomplete, question=call.questions.first(), text="Yes")
    assert "2 documents, 1 answer missing" in superuser_client.get(BIDS).content.decode()

    few = count_queries(superuser_client, BIDS)
    for number in range(12):
        make_bid(call, city=f"Town {number}")
    assert count_queries(superuser_client, BIDS) == few


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"q": "Accra"}, "Accra", "Kigali"),
        ({"q": "Kofi"}, "Accra", "Kigali"),
        ({"status__exact": BidStatus.SUBMITTED}, "Kigali", "Accra"),
    ],
)
def test_bid_list_searches_and_filters(superuser_client, query, shown, hidden):
    call, _bid = reviewed_call()
    make_bid(call, city="Accra", country="Ghana", contact_name="Kofi")
    html = superuser_client.get(BIDS, query).content.decode()
    assert f">{shown}</a>" in html
    assert f">{hidden}</a>" not in html


# ---------------------------------------------------------------------------------- the review page


def test_review_page_shows_the_city_documents_with_previous_versions_answers_and_timeline(superuser_client):
    call, bid = reviewed_call()
    letter = bid.documents.get(original_name="letter.pdf")
    newer = add_document(bid, letter.item, name="letter-signed.pdf", original_name="letter-signed.pdf")
    html = superuser_client.get(bid_url(bid)).content.decode()
    for text in ["Kigali", "Rwanda", "Ana Mukamana", "Mayor’s letter of intent", "1 previous version"]:
        assert text in html, text
    assert reverse("admin:bids_bid_document", args=[newer.pk]) in html
    assert reverse("admin:bids_bid_document", args=[letter.pk]) in html
    assert "We have premises downtown." in html
    assert "Submitted" in html
    # The city's own fields are read-only: no input carries them.
    assert 'name="city"' not in html and 'name="status"' not in html
    assert comparison_url(call) in html


def test_moving_the_status_writes_the_timeline_and_queues_the_citys_e_mail(superuser_client):
    _call, bid = reviewed_call()
    data = change_form_data(superuser_client.get(bid_url(bid)))
    data.update({"move_to": BidStatus.SHORTLISTED, "message_to_city": "Congratulations: you are on the shortlist."})
    response = superuser_client.post(bid_url(bid), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    bid.refresh_from_db()
    assert bid.status == BidStatus.SHORTLISTED
    event = bid.events.latest("pk")
    assert (event.status, event.message) == (BidStatus.SHORTLISTED, "Congratulations: you are on the shortlist.")
    assert event.author.is_superuser
    assert queued_task_names().count("bids.tasks.notify_city") == 1


def test_a_message_alone_is_sent_with_the_status_unchanged(superuser_client):
    _call, bid = reviewed_call()
    data = change_form_data(superuser_client.get(bid_url(bid)))
    data["message_to_city"] = "Please send the budget in euros."
    superuser_client.post(bid_url(bid), data)
    bid.refresh_from_db()
    assert bid.status == BidStatus.SUBMITTED
    assert bid.events.latest("pk").message == "Please send the budget in euros."
    assert "bids.tasks.notify_city" in queued_task_names()


def test_saving_without_a_decision_tells_the_city_nothing(superuser_client):
    _call, bid = reviewed_call()
    events = bid.events.count()
    response = superuser_client.post(bid_url(bid), change_form_data(superuser_client.get(bid_url(bid))))
    assert response.status_code == 302
    assert bid.events.count() == events
    assert "bids.tasks.notify_city" not in queued_task_names()


def test_reopening_sets_the_date_and_puts_the_bid_back_in_preparation(superuser_client):
    _call, bid = reviewed_call()
    data = change_form_data(superuser_client.get(bid_url(bid)))
    data.update({"reopen_until_0": "2099-01-15", "reopen_until_1": "18:00", "message_to_city": "Add the budget."})
    assert superuser_client.post(bid_url(bid), data).status_code == 302
    bid.refresh_from_db()
    assert bid.status == BidStatus.PREPARING
    assert timezone.localtime(bid.reopened_until).strftime("%Y-%m-%d %H:%M") == "2099-01-15 18:00"
    assert bid.events.latest("pk").status == BidStatus.PREPARING
    assert "bids.tasks.notify_city" in queued_task_names()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"move_to": "review", "reopen_until_0": "2099-01-15", "reopen_until_1": "18:00"}, "not both at once"),
        ({"reopen_until_0": "2001-01-15", "reopen_until_1": "18:00"}, "a date still ahead"),
        ({"move_to": BidStatus.PREPARING}, "Select a valid choice"),
    ],
)
def test_a_decision_that_makes_no_sense_is_refused(superuser_client, changes, error):
    _call, bid = reviewed_call()
    data = {**change_form_data(superuser_client.get(bid_url(bid))), **changes}
    response = superuser_client.post(bid_url(bid), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    bid.refresh_from_db()
    assert bid.status == BidStatus.SUBMITTED
    assert queued_task_names().count("bids.tasks.notify_city") == 0


def test_scores_are_saved_one_per_criterion_and_the_weighted_total_shown(superuser_client):
    call, bid = reviewed_call()
    other_call = make_call()
    foreign = Criterion.objects.create(call=other_call, name="Not of this call")
    response = superuser_client.get(bid_url(bid))
    html = response.content.decode()
    assert "Not of this call" not in html
    data = change_form_data(response)
    premises, budget = call.criteria.all()
    assert {str(data["scores-0-criterion"]), str(data["scores-1-criterion"])} == {str(premises.pk), str(budget.pk)}
    data.update({"scores-0-score": "8", "scores-0-comment": "Central, ready.", "scores-1-score": "5"})
    assert superuser_client.post(bid_url(bid), data).status_code == 302
    scores = {score.criterion.name: score for score in Score.objects.filter(bid=bid)}
    assert scores["Premises"].score == 8 and scores["Premises"].comment == "Central, ready."
    assert scores["Budget"].score == 5
    assert scores["Premises"].scored_by.is_superuser
    # Weights 1 and 3: (8 * 1 + 5 * 3) / 4
    assert bid.weighted_score() == 5.75
    assert "5.75 out of 10" in superuser_client.get(bid_url(bid)).content.decode()

    # Out of range, or a criterion of another call: refused.
    data = change_form_data(superuser_client.get(bid_url(bid)))
    data["scores-0-score"] = "11"
    response = superuser_client.post(bid_url(bid), data)
    assert response.status_code == 200
    data["scores-0-score"] = "7"
    data["scores-0-criterion"] = str(foreign.pk)
    assert superuser_client.post(bid_url(bid), data).status_code == 200
    assert Score.objects.get(bid=bid, criterion=premises).score == 8


def test_secretariat_admins_and_editors_may_score_and_note(secretariat_admin_client, editor_client):
    call, bid = reviewed_call()
    for client, score in [(secretariat_admin_client, "6"), (editor_client, "9")]:
        data = change_form_data(client.get(bid_url(bid)))
        premises = call.criteria.get(name="Premises")
        index = next(
            key for key, value in data.items() if key.endswith("-criterion") and str(value) == str(premises.pk)
        )
        data[index.replace("criterion", "score")] = score
        data[f"notes-{data['notes-INITIAL_FORMS']}-text"] = f"Scored {score}."
        assert client.post(bid_url(bid), data).status_code == 302
        assert Score.objects.get(bid=bid, criterion__name="Premises").score == int(score)
    assert list(bid.notes.values_list("text", "author__username")) == [
        ("Scored 6.", "role-secretariat-admin"),
        ("Scored 9.", "role-editor"),
    ]


def test_an_internal_note_is_signed_by_its_author_and_never_rewritten(superuser_client):
    _call, bid = reviewed_call()
    data = change_form_data(superuser_client.get(bid_url(bid)))
    data["notes-0-text"] = "The mayor called: the budget letter follows."
    assert superuser_client.post(bid_url(bid), data).status_code == 302
    note = InternalNote.objects.get(bid=bid)
    assert note.author.is_superuser
    html = superuser_client.get(bid_url(bid)).content.decode()
    assert "The mayor called" in html
    assert 'name="notes-0-text"' not in html  # the saved note is shown, not offered for editing
    assert 'name="notes-1-text"' in html


def test_a_private_link_is_revoked_from_the_review_page(superuser_client):
    _call, bid = reviewed_call()
    access, _secret = make_access(bid)
    kept, _other = make_access(bid, name="Colleague", email="colleague@example.org")
    data = change_form_data(superuser_client.get(bid_url(bid)))
    index = next(key for key, value in data.items() if key.startswith("accesses-") and str(value) == str(access.pk))
    data[index.replace("-id", "-revoke")] = "on"
    assert superuser_client.post(bid_url(bid), data).status_code == 302
    access.refresh_from_db()
    kept.refresh_from_db()
    assert access.revoked_at is not None
    assert kept.revoked_at is None
    assert BidAccess.objects.for_secret(_secret) is None


def test_a_document_is_served_to_staff_and_each_opening_recorded(
    superuser_client, staff_client_factory, django_user_model
):
    _call, bid = reviewed_call()
    document = bid.documents.first()
    url = reverse("admin:bids_bid_document", args=[document.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    superuser_client.get(url)
    assert DocumentAccess.objects.filter(document=document).count() == 2
    assert DocumentAccess.objects.filter(document=document, user__is_superuser=True).count() == 2

    no_permission = staff_client_factory(is_superuser=False)
    assert no_permission.get(url).status_code == 403
    assert Client().get(url).status_code == 302
    assert DocumentAccess.objects.filter(document=document).count() == 2

    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(content_type__app_label="bids", codename="view_bid"))
    viewer_client = Client()
    viewer_client.force_login(viewer)
    assert viewer_client.get(url).status_code == 200
    assert DocumentAccess.objects.filter(document=document, user=viewer).count() == 1


@pytest.mark.parametrize("action", ["move_to_shortlisted", "move_to_review", "move_to_not_selected"])
def test_bulk_status_actions_tell_each_city_and_leave_unsubmitted_bids(superuser_client, action):
    call, bid = reviewed_call()
    second = make_bid(call, city="Accra", status=BidStatus.SUBMITTED, submitted_at=timezone.now())
    preparing = make_bid(call, city="Lagos", status=BidStatus.PREPARING)
    response = superuser_client.post(
        BIDS, {"action": action, "_selected_action": [bid.pk, second.pk, preparing.pk]}, follow=True
    )
    assert "Not submitted yet, left as they were: Lagos" in response.content.decode()
    status = action.removeprefix("move_to_")
    assert set(Bid.objects.filter(pk__in=[bid.pk, second.pk]).values_list("status", flat=True)) == {status}
    assert Bid.objects.get(pk=preparing.pk).status == BidStatus.PREPARING
    assert queued_task_names().count("bids.tasks.notify_city") == 2
    assert BidEvent.objects.filter(bid__in=[bid, second], status=status).count() == 2


# --------------------------------------------------------------------------------- the comparison


def test_comparison_puts_the_submitted_bids_side_by_side(superuser_client):
    call, bid = reviewed_call()
    premises, budget = call.criteria.all()
    Score.objects.create(bid=bid, criterion=premises, score=8)
    Score.objects.create(bid=bid, criterion=budget, score=4)
    long_answer = "A long answer. " * 30
    second = make_bid(call, city="Accra", country="Ghana", status=BidStatus.REVIEW, submitted_at=timezone.now())
    Answer.objects.create(bid=second, question=call.questions.first(), text=long_answer)
    make_bid(call, city="Lagos", status=BidStatus.PREPARING)  # not submitted: not compared

    response = superuser_client.get(comparison_url(call))
    html = response.content.decode()
    assert texts(html, "h1") == ["Compare the bids to “Regional Office for Africa”"]
    headers = texts(html[html.index('id="bids-comparison"') :], "th")
    assert headers[0].startswith("Kigali, Rwanda") and headers[1].startswith("Accra, Ghana")
    assert "Lagos" not in html
    assert any(header.startswith("Premises") for header in headers)
    assert "<strong>5.0</strong>" in html  # (8 * 1 + 4 * 3) / 4
    assert bid.weighted_score() == 5.0
    assert "Complete" in html and "2 documents, 1 answer missing" in html
    assert "We have premises downtown." in html
    assert "<details>" in html and long_answer.strip() in html
    assert export_url(call, "xlsx") in html and export_url(call, "csv") in html
    assert "WeGO website: back office" in html  # the admin's own frame


def test_comparison_costs_the_same_queries_for_many_bids(superuser_client):
    call, _bid = reviewed_call()
    few = count_queries(superuser_client, comparison_url(call))
    premises = call.criteria.first()
    for number in range(12):
        other = make_bid(call, city=f"Town {number}", status=BidStatus.SUBMITTED, submitted_at=timezone.now())
        Score.objects.create(bid=other, criterion=premises, score=number % 10)
        Answer.objects.create(bid=other, question=call.questions.first(), text="Yes")
    assert count_queries(superuser_client, comparison_url(call)) == few


# --------------------------------------------------------------------------------------- the exports


def test_xlsx_export_has_one_row_per_bid_with_scores_total_and_answers(superuser_client):
    call, bid = reviewed_call()
    premises, budget = call.criteria.all()
    Score.objects.create(bid=bid, criterion=premises, score=8)
    Score.objects.create(bid=bid, criterion=budget, score=6)
    make_bid(call, city='=HYPERLINK("http://evil.example")', status=BidStatus.REVIEW, submitted_at=timezone.now())

    response = superuser_client.get(export_url(call, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="wego-bids-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    heading = rows[0]
    assert heading[:6] == ["City", "Country", "Contact person", "Role", "E-mail", "Status"]
    assert heading[7:10] == ["Premises (weight 1)", "Budget (weight 3)", "Weighted total"]
    assert heading[-2:] == ["Do you have premises?", "How many staff?"]
    kigali = rows[1]
    assert kigali[:3] == ["Kigali", "Rwanda", "Ana Mukamana"]
    assert kigali[5] == "Submitted"
    assert kigali[7:10] == [8, 6, 6.5]
    assert kigali[10] == "Complete"
    assert kigali[-2:] == ["We have premises downtown.", "Five"]
    # A city's text is never a formula in the spreadsheet.
    assert rows[2][0] == '=HYPERLINK("http://evil.example")'
    assert sheet.cell(row=3, column=1).data_type == "s"
    assert len(rows) == 3


def test_csv_export_neutralises_formulas(superuser_client):
    call, _bid = reviewed_call()
    make_bid(
        call,
        city="=cmd|' /C calc'!A0",
        country="+Somewhere",
        contact_name="-Minus",
        contact_role="@Role",
        status=BidStatus.REVIEW,
        submitted_at=timezone.now(),
    )
    response = superuser_client.get(export_url(call, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "City"
    assert rows[1][:3] == ["Kigali", "Rwanda", "Ana Mukamana"]
    assert rows[2][:4] == ["'=cmd|' /C calc'!A0", "'+Somewhere", "'-Minus", "'@Role"]
    assert len(rows) == 3
    assert superuser_client.get(export_url(call, "pdf")).status_code == 404


# ------------------------------------------------------------------------- the Regional Office


def test_a_selected_bid_becomes_the_draft_of_its_regional_office(superuser_client):
    _call, bid = reviewed_call()
    Office.objects.create(name_en="Taken", slug="kigali", region_en="Africa")
    Bid.objects.filter(pk=bid.pk).update(status=BidStatus.SELECTED)
    response = superuser_client.post(BIDS, {"action": "create_office_action", "_selected_action": [bid.pk]})
    bid.refresh_from_db()
    office = bid.office
    assert office is not None
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:offices_office_change", args=[office.pk])
    assert office.publication_status == PublicationStatus.DRAFT
    assert office.status == OfficeStatus.PLANNED
    assert (office.host_city_en, office.country_en, office.region_en) == ("Kigali", "Rwanda", "Africa")
    assert office.name_en == "WeGO Africa Regional Office, Kigali"
    assert office.slug == "kigali-2"
    assert not office.is_public
    assert superuser_client.get(response["Location"]).status_code == 200

    # Once is enough.
    response = superuser_client.post(
        BIDS, {"action": "create_office_action", "_selected_action": [bid.pk]}, follow=True
    )
    assert "has its Regional Office already" in response.content.decode()
    assert Office.objects.filter(bids=bid).count() == 1


def test_only_a_selected_bid_becomes_an_office(superuser_client):
    _call, bid = reviewed_call()
    offices = Office.objects.count()
    response = superuser_client.post(
        BIDS, {"action": "create_office_action", "_selected_action": [bid.pk]}, follow=True
    )
    assert "only a selected bid becomes a Regional Office" in response.content.decode()
    assert Office.objects.count() == offices
    bid.refresh_from_db()
    assert bid.office is None


def test_selecting_and_creating_the_office_from_the_review_page(superuser_client):
    _call, bid = reviewed_call()
    assert "_create_office" not in superuser_client.get(bid_url(bid)).content.decode()
    data = change_form_data(superuser_client.get(bid_url(bid)))
    data["move_to"] = BidStatus.SELECTED
    assert superuser_client.post(bid_url(bid), data).status_code == 302
    assert "bids.tasks.notify_city" in queued_task_names()
    response = superuser_client.get(bid_url(bid))
    assert 'name="_create_office"' in response.content.decode()
    data = {**change_form_data(response), "_create_office": "Save and create the draft Regional Office"}
    response = superuser_client.post(bid_url(bid), data)
    bid.refresh_from_db()
    assert bid.office is not None
    assert response["Location"] == reverse("admin:offices_office_change", args=[bid.office.pk])
    assert "WeGO Africa Regional Office" in superuser_client.get(bid_url(bid)).content.decode()


# --------------------------------------------------------------------------------------- test data


def reviewed_call():
    """A call for Africa with two required checklist items, two required questions and two weighted
    criteria, and Kigali's complete, submitted bid."""
    call = make_call(title="Regional Office for Africa", region="Africa")
    letter, premises_plan = add_checklist(call, "Mayor’s letter of intent", "Plan of the premises")
    premises_question, staff_question = add_questions(call, "Do you have premises?", "How many staff?")
    Criterion.objects.create(call=call, name="Premises", weight=1, order=0)
    Criterion.objects.create(call=call, name="Budget", weight=3, order=1)
    bid = make_bid(
        call,
        city="Kigali",
        country="Rwanda",
        contact_name="Ana Mukamana",
        status=BidStatus.SUBMITTED,
        submitted_at=timezone.now() - timedelta(days=1),
    )
    BidEvent.objects.create(bid=bid, status=BidStatus.SUBMITTED)
    add_document(bid, letter, original_name="letter.pdf")
    add_document(bid, premises_plan, name="plan.pdf", original_name="plan.pdf")
    Answer.objects.create(bid=bid, question=premises_question, text="We have premises downtown.")
    Answer.objects.create(bid=bid, question=staff_question, text="Five")
    return call, bid
