"""The bids' e-mails and reminders, run by the task queue (core.tasks), never inside a request.

Links in these e-mails start with ``SITE_URL``: a task has no request to take the host from, and a
forged Host header must never decide where a private link points.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core.tasks import retry_on_failure

from .models import DECIDED_STATUSES, EDITABLE_STATUSES, Bid, BidAccess, BidEvent, Call, Reminder

logger = logging.getLogger(__name__)


def _absolute(path):
    return settings.SITE_URL + path


def _send(subject, template, context, to, language, reply_to=None):
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {**context, "site_url": settings.SITE_URL, "new_link_url": _absolute(reverse("bids:ask-link"))}
        EmailMessage(
            subject=" ".join(str(subject).split())[:200],
            body=render_to_string(template, context),
            to=to,
            reply_to=reply_to,
        ).send(fail_silently=False)


@task()
def send_access_link(access_pk, reason="new", attempt=1):
    """E-mail a person their private link to the bid space, with a new secret (``BidAccess.issue``).

    ``reason``: "new" (after an expression of interest), "renewal" (they asked again) or "invitation"
    (a colleague invited them). A revoked access gets nothing."""
    access = BidAccess.objects.select_related("bid__call", "invited_by").filter(pk=access_pk).first()
    if access is None or access.is_revoked:
        return
    with retry_on_failure(send_access_link, access_pk, reason, attempt=attempt), transaction.atomic():
        secret = access.issue()
        with translation.override(access.bid.language):
            # The link opens the space in the language the city wrote in.
            space_url = _absolute(BidAccess.space_url(secret))
            subjects = {
                "new": translation.gettext("Your bid space for “%(call)s”"),
                "renewal": translation.gettext("A new link to your bid space for “%(call)s”"),
                "invitation": translation.gettext("You are invited to prepare a bid for “%(call)s”"),
            }
            subject = subjects.get(reason, subjects["new"]) % {"call": access.bid.call.title}
        _send(
            subject,
            "bids/email/access_link.txt",
            {
                "access": access,
                "bid": access.bid,
                "reason": reason,
                "space_url": space_url,
                "expires_at": access.expires_at,
            },
            [access.email],
            access.bid.language,
        )


@task()
def notify_secretariat(bid_pk, what, attempt=1):
    """Tell the Secretariat that a city expressed interest ("interest") or submitted its bid ("submitted")."""
    recipients = list(settings.SECRETARIAT_NOTIFY_EMAILS)
    bid = Bid.objects.select_related("call").filter(pk=bid_pk).first()
    if bid is None or not recipients:
        if not recipients:
            logger.warning("Bid %s: the Secretariat was not told (SECRETARIAT_NOTIFY_EMAILS is empty).", bid_pk)
        return
    with retry_on_failure(notify_secretariat, bid_pk, what, attempt=attempt):
        with translation.override(settings.LANGUAGE_CODE):
            if what == "submitted":
                subject = translation.gettext("[WeGO bids] %(city)s submitted its bid to “%(call)s”")
            else:
                subject = translation.gettext("[WeGO bids] %(city)s expressed interest in “%(call)s”")
            subject = subject % {"city": bid.city, "call": bid.call.title}
        _send(
            subject,
            "bids/email/secretariat.txt",
            {"bid": bid, "what": what, "admin_url": _absolute(reverse("admin:bids_bid_change", args=[bid.pk]))},
            recipients,
            settings.LANGUAGE_CODE,
            reply_to=[bid.email],
        )


@task()
def notify_city(event_pk, attempt=1):
    """Tell every person with a link to the bid about a new timeline entry (a status, a message)."""
    event = BidEvent.objects.select_related("bid__call").filter(pk=event_pk).first()
    if event is None:
        return
    bid = event.bid
    recipients = bid.recipients()
    with retry_on_failure(notify_city, event_pk, attempt=attempt):
        with translation.override(bid.language):
            subject = translation.gettext("Your bid to “%(call)s”: %(status)s") % {
                "call": bid.call.title,
                "status": event.get_status_display() or translation.gettext("a message from the Secretariat"),
            }
        _send(subject, "bids/email/status.txt", {"bid": bid, "event": event}, recipients, bid.language)


@task()
def send_reminders(call_pk, days_before, attempt=1):
    """Remind the cities whose bid to this call is incomplete that its deadline is ``days_before`` days away.

    Enqueued to run at that moment (``signals.schedule_reminders``) each time the deadline is set. It
    does nothing if the deadline has moved since (the new one has reminders of its own), and each bid
    gets each reminder once: the ``Reminder`` row is written before its e-mail, under a unique constraint.
    """
    call = Call.objects.filter(pk=call_pk).first()
    now = timezone.now()
    if call is None or call.bid_deadline is None or not call.is_open(now):
        return
    if call.bid_deadline - timedelta(days=days_before) > now + timedelta(minutes=5):
        return  # the deadline moved later: the reminder scheduled for the new one will go
    bids = Bid.objects.filter(call=call, status__in=EDITABLE_STATUSES, reopened_until__isnull=True).incomplete()
    for bid in bids:
        try:
            with transaction.atomic():
                Reminder.objects.create(bid=bid, deadline=call.bid_deadline, days_before=days_before)
        except IntegrityError:
            continue  # already reminded
        send_reminder.enqueue(bid.pk, days_before)


@task()
def send_reminder(bid_pk, days_before, attempt=1):
    bid = Bid.objects.select_related("call").filter(pk=bid_pk).first()
    if bid is None or bid.status not in EDITABLE_STATUSES:
        return
    items, questions = bid.missing()
    recipients = bid.recipients()
    with retry_on_failure(send_reminder, bid_pk, days_before, attempt=attempt):
        with translation.override(bid.language):
            subject = translation.gettext("Reminder: your bid to “%(call)s” is due in %(days)s days") % {
                "call": bid.call.title,
                "days": days_before,
            }
        _send(
            subject,
            "bids/email/reminder.txt",
            {"bid": bid, "items": items, "questions": questions, "deadline": bid.call.bid_deadline},
            recipients,
            bid.language,
        )


@task()
def forget_bid(bid_pk, attempt=1):
    """Delete a decided bid, its documents' files and its people's details, ``BID_RETENTION_YEARS``
    after the decision (queued at the decision by ``workflow.change_status``). A bid reopened since, or
    decided again later, is left for the later task."""
    bid = Bid.objects.filter(pk=bid_pk, status__in=DECIDED_STATUSES).first()
    if bid is None:
        return
    decided = bid.events.filter(status__in=DECIDED_STATUSES).order_by("-created_at").first()
    if decided is None or decided.created_at > timezone.now() - retention():
        return
    with retry_on_failure(forget_bid, bid_pk, attempt=attempt):
        files = [document.file.name for document in bid.documents.all()]
        bid.delete()
        transaction.on_commit(lambda: [default_storage.delete(name) for name in files])


def retention():
    return timedelta(days=365 * settings.BID_RETENTION_YEARS)
