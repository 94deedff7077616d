"""The bids' e-mails and reminders: queued with the rows, sent by the worker, each reminder once."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bids import workflow
from bids.models import Answer, Bid, BidAccess, BidStatus, Call, ChecklistItem, Question, Reminder
from tests.support.tasks import queued_task_names, run_queued_tasks

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/bids/space/(?P<secret>[^/\s]+)/")


def _call(**fields):
    fields = {"title": "Regional Office for Africa", "slug": "africa", "kind": "office", **fields}
    return Call.objects.create(publication_status="published", **fields)


def _bid(call, city="Kigali", email="kigali@example.org"):
    bid = Bid(
        call=call,
        city=city,
        country="Rwanda",
        contact_name="Ana",
        contact_role="Director",
        email=email,
        language="en",
    )
    workflow.express_interest(bid)
    return bid


def _secret_in(message):
    return LINK.search(message.body)["secret"]


def test_an_expression_of_interest_is_stored_and_queued_before_any_mail(settings):
    bid = _bid(_call())

    assert mail.outbox == []
    assert sorted(queued_task_names()) == ["bids.tasks.notify_secretariat", "bids.tasks.send_access_link"]
    assert bid.accesses.get().token_hash is None, "no secret exists before its e-mail is sent"

    run_queued_tasks()

    link, notification = sorted(mail.outbox, key=lambda message: message.to != ["kigali@example.org"])
    assert link.to == ["kigali@example.org"]
    assert "Regional Office for Africa" in link.subject
    assert notification.to == settings.SECRETARIAT_NOTIFY_EMAILS
    assert "Kigali" in notification.body and f"/admin/bids/bid/{bid.pk}/change/" in notification.body
    secret = _secret_in(link)
    assert link.body.count(settings.SITE_URL + "/bids/space/") == 1
    assert BidAccess.objects.for_secret(secret).bid == bid


def test_the_secret_is_kept_nowhere_but_in_the_email():
    _bid(_call())
    run_queued_tasks()
    secret = _secret_in(mail.outbox[0])

    access = BidAccess.objects.get()
    assert secret not in access.token_hash and len(access.token_hash) == 64
    assert not any(secret in str(row.args_kwargs) for row in DBTaskResult.objects.all())
    assert not any(secret in str(row.return_value) for row in DBTaskResult.objects.all())


def test_asking_again_replaces_the_link_and_a_revoked_link_gets_no_new_one():
    bid = _bid(_call())
    run_queued_tasks()
    first = _secret_in(mail.outbox[0])
    mail.outbox.clear()

    workflow.renew_links("KIGALI@example.org ")
    run_queued_tasks()
    [renewal] = mail.outbox
    second = _secret_in(renewal)
    assert "new link" in renewal.subject
    assert BidAccess.objects.for_secret(first) is None
    assert BidAccess.objects.for_secret(second).bid == bid

    workflow.revoke(bid.accesses.get())
    mail.outbox.clear()
    workflow.renew_links("kigali@example.org")
    run_queued_tasks()
    assert mail.outbox == []
    assert BidAccess.objects.for_secret(second) is None


def test_a_link_expires(settings):
    settings.BID_LINK_DAYS = 2
    _bid(_call())
    run_queued_tasks()
    secret = _secret_in(mail.outbox[0])
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        assert BidAccess.objects.for_secret(secret) is None


def test_a_colleague_gets_a_link_of_their_own_without_the_citys_words():
    bid = _bid(_call())
    bid.city = "Visit http://spam.example"
    bid.save()
    run_queued_tasks()
    mail.outbox.clear()

    workflow.invite(bid.accesses.get(), "Bo", "bo@example.org")
    run_queued_tasks()

    [invitation] = mail.outbox
    assert invitation.to == ["bo@example.org"]
    assert "spam.example" not in invitation.body + invitation.subject
    assert BidAccess.objects.for_secret(_secret_in(invitation)).name == "Bo"


def test_submitting_tells_the_secretariat(settings):
    call = _call()
    bid = _bid(call)
    run_queued_tasks()
    mail.outbox.clear()

    workflow.submit(bid.accesses.get())
    run_queued_tasks()

    [notification] = mail.outbox
    assert notification.to == settings.SECRETARIAT_NOTIFY_EMAILS
    assert "submitted" in notification.subject and "Kigali" in notification.subject


def test_a_status_change_tells_everyone_with_a_link():
    bid = _bid(_call())
    workflow.invite(bid.accesses.get(), "Bo", "bo@example.org")
    run_queued_tasks()
    mail.outbox.clear()

    workflow.change_status(bid, BidStatus.SHORTLISTED, "Congratulations: a visit is planned in May.")
    run_queued_tasks()

    [update] = mail.outbox
    assert sorted(update.to) == ["bo@example.org", "kigali@example.org"]
    assert "Shortlisted" in update.subject
    assert "a visit is planned in May" in update.body


class TestReminders:
    def _incomplete_and_complete(self, deadline):
        call = _call(bid_deadline=deadline)
        item = ChecklistItem.objects.create(call=call, title="Letter of intent from the mayor")
        question = Question.objects.create(call=call, text="Which premises do you propose?")
        incomplete = _bid(call, "Kigali", "kigali@example.org")
        complete = _bid(call, "Lyon", "lyon@example.org")
        Answer.objects.create(bid=complete, question=question, text="The city hall annex.")
        complete.documents.create(item=item, file="bids/documents/x/letter.pdf", original_name="letter.pdf")
        Answer.objects.create(bid=incomplete, question=question, text="")
        run_queued_tasks()  # the links
        mail.outbox.clear()
        return call, incomplete

    def test_a_deadline_puts_its_reminders_on_the_queue(self, settings):
        settings.BID_REMINDER_DAYS = [14, 3]
        deadline = timezone.now() + timedelta(days=20)
        _call(bid_deadline=deadline)

        scheduled = DBTaskResult.objects.filter(task_path="bids.tasks.send_reminders").order_by("run_after")
        assert [row.run_after for row in scheduled] == [deadline - timedelta(days=14), deadline - timedelta(days=3)]

    def test_incomplete_bids_are_reminded_once_each(self, settings):
        settings.BID_REMINDER_DAYS = [14, 3]
        deadline = timezone.now() + timedelta(days=20)
        call, incomplete = self._incomplete_and_complete(deadline)

        run_queued_tasks()
        assert mail.outbox == [], "nothing before its time"

        with time_machine.travel(deadline - timedelta(days=14) + timedelta(minutes=1)):
            run_queued_tasks()
            [reminder] = mail.outbox
            assert reminder.to == ["kigali@example.org"]
            assert "Letter of intent from the mayor" in reminder.body
            assert "Which premises do you propose?" in reminder.body
            # The same reminder again (a second save of the call, a retry): nobody hears twice.
            from bids.tasks import send_reminders

            send_reminders.enqueue(call.pk, 14)
            run_queued_tasks()
            assert len(mail.outbox) == 1

        with time_machine.travel(deadline - timedelta(days=3) + timedelta(minutes=1)):
            run_queued_tasks()
            assert len(mail.outbox) == 2
        assert Reminder.objects.filter(bid=incomplete).count() == 2

    def test_a_moved_deadline_sends_reminders_for_the_new_one_only(self, settings):
        settings.BID_REMINDER_DAYS = [3]
        deadline = timezone.now() + timedelta(days=10)
        call, _incomplete = self._incomplete_and_complete(deadline)
        call.bid_deadline = deadline + timedelta(days=30)
        call.save()

        with time_machine.travel(deadline - timedelta(days=3) + timedelta(minutes=1)):
            run_queued_tasks()
            assert mail.outbox == []
        with time_machine.travel(call.bid_deadline - timedelta(days=3) + timedelta(minutes=1)):
            run_queued_tasks()
            assert len(mail.outbox) == 1

    def test_submitted_and_reopened_bids_are_not_reminded(self, settings):
        settings.BID_REMINDER_DAYS = [3]
        deadline = timezone.now() + timedelta(days=10)
        _the_call, incomplete = self._incomplete_and_complete(deadline)
        Bid.objects.filter(pk=incomplete.pk).update(status=BidStatus.SUBMITTED)

        with time_machine.travel(deadline - timedelta(days=3) + timedelta(minutes=1)):
            run_queued_tasks()
        assert mail.outbox == []


def test_a_decided_bid_is_forgotten_after_the_retention_time(settings, django_capture_on_commit_callbacks):
    settings.BID_RETENTION_YEARS = 2
    call = _call()
    kept = _bid(call, "Lyon", "lyon@example.org")
    bid = _bid(call)
    item = ChecklistItem.objects.create(call=call, title="Letter")
    document = bid.documents.create(item=item, file=ContentFile(b"%PDF-1.4", name="letter.pdf"))
    workflow.change_status(bid, BidStatus.NOT_SELECTED, "Thank you.")
    run_queued_tasks()

    with time_machine.travel(timezone.now() + timedelta(days=365 * 2 - 1)):
        run_queued_tasks()
    assert Bid.objects.filter(pk=bid.pk).exists(), "kept until the retention time is over"

    assert default_storage.exists(document.file.name)

    later = timezone.now() + timedelta(days=365 * 2, hours=1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    assert not Bid.objects.filter(pk=bid.pk).exists()
    assert not BidAccess.objects.filter(bid_id=bid.pk).exists()
    assert not default_storage.exists(document.file.name), "its files go with it"
    assert Bid.objects.filter(pk=kept.pk).exists(), "undecided bids stay"
