"""The message desk's e-mails, run by the task queue after the message is stored (see core.tasks)."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from core.tasks import retry_delay, retry_on_failure

from .models import ContactMessage
from .notifications import acknowledge_sender, notify_secretariat


class NotificationFailed(Exception):
    """The Secretariat could not be told; the task is tried again later."""


@task()
def deliver_message(message_pk, base_url="", language=None, attempt=1):
    """Acknowledge a new message to its sender (once, best effort), then notify the Secretariat, again
    and again until it is sent or the attempts are spent (each failure is recorded on the message)."""
    message = ContactMessage.objects.select_related("programme").filter(pk=message_pk).first()
    if message is None:
        return
    if attempt == 1:
        acknowledge_sender(message, language)
    if message.is_notified:
        return
    with retry_on_failure(deliver_message, message_pk, base_url, language, attempt=attempt):
        try:
            sent = notify_secretariat(message, base_url, raise_errors=True)
        except Exception as error:
            _record_next_attempt(message_pk, attempt)
            # The task's result keeps the mail backend's error as the cause, for whoever reads the traceback.
            raise NotificationFailed(message.notification_error) from error
        if not sent:
            _record_next_attempt(message_pk, attempt)
            raise NotificationFailed(message.notification_error)


def _record_next_attempt(message_pk, attempt):
    """When the notification is tried again, so that staff read it beside the problem: the time
    retry_on_failure gives the next attempt, or none once the attempts are spent."""
    retry_at = timezone.now() + retry_delay(attempt) if attempt < settings.TASK_ATTEMPTS else None
    ContactMessage.objects.filter(pk=message_pk).update(notification_retry_at=retry_at)
