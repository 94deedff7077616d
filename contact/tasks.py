"""The message desk's e-mails, run by the task queue after the message is stored (see core.tasks)."""

from django_tasks import task

from core.tasks import retry_on_failure

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
        if not notify_secretariat(message, base_url):
            raise NotificationFailed(message.notification_error)
