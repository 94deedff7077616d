"""When a call's bid deadline is set or moved, its reminders are put on the task queue to run then.

Each reminder runs at ``deadline - N days`` for every N of ``BID_REMINDER_DAYS`` still ahead, so
nobody runs a command for them; ``tasks.send_reminders`` checks on running that the deadline it was
scheduled for still holds and that each bid is reminded once.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Call
from .tasks import send_reminders


def schedule_reminders(call):
    if call.bid_deadline is None:
        return
    now = timezone.now()
    for days in settings.BID_REMINDER_DAYS:
        run_at = call.bid_deadline - timedelta(days=days)
        if run_at > now:
            send_reminders.using(run_after=run_at).enqueue(call.pk, days)


@receiver(post_save, sender=Call, dispatch_uid="bids.schedule_reminders")
def _call_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return  # loading fixtures
    if instance.bid_deadline != getattr(instance, "_scheduled_deadline", None):
        schedule_reminders(instance)
        instance._scheduled_deadline = instance.bid_deadline
