"""Work outside the request: a failed task is recorded, tried again later, and given up in the end."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contact.models import ContactMessage
from contact.tasks import deliver_message
from core.tasks import RETRY_MINUTES, retry_delay
from tests.support.html import texts
from tests.support.tasks import queued_task_names, run_queued_tasks

pytestmark = pytest.mark.django_db

SECRETARIAT_DOWN = "tests.core.test_tasks.SecretariatDownBackend"
TASK = "contact.tasks.deliver_message"


class SecretariatDownBackend(EmailBackend):
    """Mail to the Secretariat fails (its server is down); anything else is delivered to the outbox."""

    def send_messages(self, messages):
        from django.conf import settings

        if any(message.to == settings.SECRETARIAT_NOTIFY_EMAILS for message in messages):
            raise ConnectionRefusedError("the Secretariat's mail server is down")
        return super().send_messages(messages)


@pytest.fixture
def clock():
    """A frozen clock the test moves on by hand, so "one minute later" is exact."""
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False) as traveller:
        yield traveller


def new_message():
    """A message stored with its task, as the contact form stores it."""
    message = ContactMessage.objects.create(
        name="Ana Lima", email="ana@example.org", message="Hello", consent=True, send_copy=True
    )
    deliver_message.enqueue(message.pk, "https://www.example.org/", "en")
    return message


def secretariat_mail():
    return [email for email in mail.outbox if email.to == ["secretariat@example.org"]]


def acknowledgements():
    return [email for email in mail.outbox if email.to == ["ana@example.org"]]


def test_the_delay_grows_with_each_attempt_and_then_stays():
    assert [retry_delay(attempt) for attempt in range(1, 8)] == [
        datetime.timedelta(minutes=minutes) for minutes in [*RETRY_MINUTES, RETRY_MINUTES[-1], RETRY_MINUTES[-1]]
    ]


def test_a_failed_notification_is_recorded_tried_again_later_and_sent_once_the_server_is_back(settings, clock):
    settings.EMAIL_BACKEND = SECRETARIAT_DOWN
    message = new_message()

    [first] = run_queued_tasks()
    assert first.status == "FAILED"
    assert first.exception_class_path == "contact.tasks.NotificationFailed"
    assert "ConnectionRefusedError" in first.traceback
    assert DBTaskResult.objects.failed().get() == first
    assert len(acknowledgements()) == 1, "the sender's acknowledgement went out on the first attempt"
    assert secretariat_mail() == []

    # The next attempt waits in the queue, one minute later, its number passed on.
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.task_path == TASK
    assert retry.run_after == timezone.now() + datetime.timedelta(minutes=1)
    assert retry.args_kwargs == {"args": [message.pk, "https://www.example.org/", "en"], "kwargs": {"attempt": 2}}
    assert run_queued_tasks() == [], "not before its time"
    clock.shift(datetime.timedelta(seconds=59))
    assert run_queued_tasks() == []

    # The mail server is back when the minute is up.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.shift(datetime.timedelta(seconds=1))
    [second] = run_queued_tasks()
    assert second.pk == retry.pk
    assert second.status == "SUCCESSFUL"
    [notification] = secretariat_mail()
    assert f"https://www.example.org/admin/contact/contactmessage/{message.pk}/change/" in notification.body
    assert len(acknowledgements()) == 1, "the acknowledgement is not sent twice"
    message.refresh_from_db()
    assert message.notified_at == timezone.now()
    assert (message.notification_attempts, message.notification_error) == (2, "")
    assert queued_task_names() == [], "nothing more to do"
    clock.shift(datetime.timedelta(days=1))
    assert run_queued_tasks() == []
    assert len(mail.outbox) == 2


def test_after_the_last_attempt_nothing_more_is_enqueued(settings, clock):
    settings.EMAIL_BACKEND = SECRETARIAT_DOWN
    settings.TASK_ATTEMPTS = 3
    message = new_message()
    waits = []
    for attempt in range(1, 4):
        [result] = run_queued_tasks()
        assert result.status == "FAILED"
        assert result.args_kwargs["kwargs"] == ({"attempt": attempt} if attempt > 1 else {})
        retry = DBTaskResult.objects.filter(status="READY").first()
        if retry is not None:
            waits.append(retry.run_after - timezone.now())
            clock.shift(retry.run_after - timezone.now())
    assert waits == [datetime.timedelta(minutes=1), datetime.timedelta(minutes=5)]
    assert queued_task_names() == [], "the third failure is the last: the task stays failed"
    assert DBTaskResult.objects.failed().count() == 3
    clock.shift(datetime.timedelta(days=2))
    assert run_queued_tasks() == []
    message.refresh_from_db()
    assert message.notified_at is None
    assert message.notification_attempts == 3
    assert message.notification_error == "unreachable"  # the cause, for staff; the traceback is in the log
    assert len(acknowledgements()) == 1
    assert secretariat_mail() == []


FAILED_RESULTS = "/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED"


def test_the_admin_lists_failed_task_results_in_a_group_of_their_own(superuser_client, settings):
    settings.EMAIL_BACKEND = SECRETARIAT_DOWN
    new_message()
    ContactMessage.objects.update(send_copy=False)
    run_queued_tasks()  # fails, and enqueues its next attempt
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "READY"]

    response = superuser_client.get(FAILED_RESULTS)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["cl"].result_count == 1, "the failed run only, not its waiting retry"
    start = html.index('id="result_list"')
    table = html[start : html.index("</table>", start)]
    head, rows = table.split("</thead>")
    assert texts(head, "th") == ["Task", "Status", "Enqueued at", "Run after", "Finished at", "Attempt"]
    assert texts(rows, "a") == [TASK]
    assert texts(rows, "td")[0] == "Failed"
    assert "Add task result" not in html, "read-only: the worker writes these rows"

    everything = superuser_client.get("/admin/django_tasks_database/dbtaskresult/")
    assert everything.context["cl"].result_count == 2
    index = superuser_client.get("/admin/").context["app_list"]
    [group] = [group for group in index if group["app_label"] == "tasks"]
    assert group["name"] == "Background tasks"
    assert [model["object_name"] for model in group["models"]] == ["DBTaskResult"]
    assert [group["app_label"] for group in index][-2:] == ["tasks", "people"], "just before staff accounts"

    result = DBTaskResult.objects.failed().get()
    detail = superuser_client.get(f"/admin/django_tasks_database/dbtaskresult/{result.pk}/change/")
    assert detail.status_code == 200
    assert "NotificationFailed" in detail.content.decode()
    assert superuser_client.post(f"/admin/django_tasks_database/dbtaskresult/{result.pk}/delete/").status_code == 403


@pytest.mark.django_db
def test_secretariat_admins_see_the_task_results_and_editors_do_not(secretariat_admin_client, editor_client):
    url = "/admin/django_tasks_database/dbtaskresult/"
    assert secretariat_admin_client.get(url).status_code == 200
    assert editor_client.get(url).status_code == 403
