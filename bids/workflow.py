"""What happens to a bid, step by step, for the views and the admin alike.

Each step writes its rows and puts its e-mails on the task queue in one transaction: the rows are
stored before anything is sent, and an e-mail is never sent about a step that was rolled back.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tasks
from .dates import seoul_time
from .models import DECIDED_STATUSES, Bid, BidAccess, BidEvent, BidStatus


class StepRefused(Exception):
    """A step the bid's state does not allow; ``str(error)`` is the sentence to show."""


@transaction.atomic
def express_interest(bid):
    """Store a new bid (unsaved ``Bid`` from the form) and its contact's access; send them their link."""
    bid.save()
    access = BidAccess.objects.create(bid=bid, name=bid.contact_name, email=bid.email)
    BidEvent.objects.create(bid=bid, status=BidStatus.RECEIVED, created_at=bid.created_at)
    tasks.send_access_link.enqueue(access.pk, "new")
    tasks.notify_secretariat.enqueue(bid.pk, "interest")
    return access


def renew_links(email):
    """Send a new link to every access of ``email`` to a bid not yet decided, unless revoked.

    Returns nothing: the page that asked must say the same whether the address has a bid or not."""
    accesses = BidAccess.objects.filter(
        email__iexact=email.strip(), revoked_at__isnull=True, bid__call__outcome_announced=False
    ).exclude(bid__status__in=DECIDED_STATUSES)
    with transaction.atomic():
        for access in accesses:
            tasks.send_access_link.enqueue(access.pk, "renewal")


def opened(access):
    """The city opened its space: note the use; a bid just expressed moves to "in preparation"."""
    now = timezone.now()
    BidAccess.objects.filter(pk=access.pk).update(last_used_at=now)
    bid = access.bid
    if bid.status == BidStatus.RECEIVED:
        with transaction.atomic():
            updated = Bid.objects.filter(pk=bid.pk, status=BidStatus.RECEIVED).update(
                status=BidStatus.PREPARING, last_activity_at=now
            )
            if updated:
                BidEvent.objects.create(bid=bid, status=BidStatus.PREPARING, created_at=now)
        bid.status = BidStatus.PREPARING


def check_editable(bid, now=None):
    """Raise ``StepRefused`` with the reason when the city may no longer change ``bid``."""
    now = now or timezone.now()
    if bid.status not in (BidStatus.RECEIVED, BidStatus.PREPARING) or bid.call.outcome_announced:
        raise StepRefused(_("This bid was submitted: it can no longer be changed unless the Secretariat reopens it."))
    if bid.is_past_deadline(now):
        raise StepRefused(
            _("The deadline for bids passed on %(date)s: the bid can no longer be changed or submitted.")
            % {"date": seoul_time(bid.deadline)}
        )


# People with a link to one bid, at most: the site must not become a way to e-mail anyone at will.
MAX_PEOPLE = 10


@transaction.atomic
def invite(access, name, email):
    """Give a colleague a link of their own to the same bid."""
    check_editable(access.bid)
    if access.bid.accesses.count() >= MAX_PEOPLE:
        raise StepRefused(
            _("A bid can have at most %(count)d people with a link. Ask the Secretariat if you need more.")
            % {"count": MAX_PEOPLE}
        )
    colleague = BidAccess.objects.create(bid=access.bid, name=name, email=email, invited_by=access)
    access.bid.touch()
    tasks.send_access_link.enqueue(colleague.pk, "invitation")
    return colleague


@transaction.atomic
def submit(access):
    """Submit the bid, or refuse with the reason: past the deadline, already submitted, or incomplete."""
    bid = Bid.objects.select_for_update().select_related("call").get(pk=access.bid_id)
    check_editable(bid)
    items, questions = bid.missing()
    if items or questions:
        missing = [item.title for item in items] + [question.text for question in questions]
        raise StepRefused(
            _("The bid cannot be submitted yet: still missing %(missing)s.") % {"missing": "; ".join(missing)}
        )
    now = timezone.now()
    bid.status = BidStatus.SUBMITTED
    bid.submitted_at = bid.last_activity_at = now
    bid.reopened_until = None
    bid.save(update_fields=["status", "submitted_at", "last_activity_at", "reopened_until"])
    BidEvent.objects.create(bid=bid, status=BidStatus.SUBMITTED, created_at=now)
    tasks.notify_secretariat.enqueue(bid.pk, "submitted")
    return bid


@transaction.atomic
def change_status(bid, status, message="", author=None):
    """The Secretariat moves the bid on (or sends a message with the status unchanged); the city is told."""
    status = status or ""
    if status and status != bid.status:
        bid.status = status
        bid.last_activity_at = timezone.now()
        bid.save(update_fields=["status", "last_activity_at"])
    elif not message:
        return None
    else:
        status = ""
    event = BidEvent.objects.create(bid=bid, status=status, message=message, author=author)
    tasks.notify_city.enqueue(event.pk)
    if status in DECIDED_STATUSES:
        # What the site keeps about the city's people and documents, it keeps for a stated time.
        tasks.forget_bid.using(run_after=event.created_at + tasks.retention()).enqueue(bid.pk)
    return event


@transaction.atomic
def reopen(bid, until, message="", author=None):
    """Let the city change and submit its bid again until ``until``."""
    bid.reopened_until = until
    bid.status = BidStatus.PREPARING
    bid.last_activity_at = timezone.now()
    bid.save(update_fields=["reopened_until", "status", "last_activity_at"])
    event = BidEvent.objects.create(bid=bid, status=BidStatus.PREPARING, message=message, author=author)
    tasks.notify_city.enqueue(event.pk)
    return event


def revoke(access):
    BidAccess.objects.filter(pk=access.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
