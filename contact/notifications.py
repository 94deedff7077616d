"""E-mails about a message: the notification to the Secretariat, and the sender's copy.

Both are sent only after the message is committed to the database, and neither may undo it: a
failure is logged and recorded on the message, and ``manage.py send_pending_notifications`` tries again.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ContactMessage

logger = logging.getLogger(__name__)


def _subject(text):
    # Header values are one line; the form already refuses line breaks, this is the second lock.
    return " ".join(str(text).split())[:200]


def notify_secretariat(message, base_url=""):
    """E-mail the Secretariat about ``message``; record the outcome on it. Returns True when sent."""
    # In the site's language, whichever language the sender wrote from.
    with translation.override(settings.LANGUAGE_CODE):
        return _notify_secretariat(message, base_url)


def _notify_secretariat(message, base_url):
    recipients = list(settings.SECRETARIAT_NOTIFY_EMAILS)
    if not recipients:
        logger.warning("Message %s not announced: SECRETARIAT_NOTIFY_EMAILS is empty.", message.pk)
        _record_failure(message, "SECRETARIAT_NOTIFY_EMAILS is empty")
        return False
    admin_path = reverse("admin:contact_contactmessage_change", args=[message.pk])
    body = render_to_string(
        "contact/email/notification.txt",
        {"message": message, "admin_url": base_url.rstrip("/") + admin_path if base_url else ""},
    )
    email = EmailMessage(
        subject=_subject(
            _("[WeGO website] %(purpose)s from %(name)s (message %(number)s)")
            % {"purpose": message.get_purpose_display(), "name": message.name, "number": message.pk}
        ),
        body=body,
        to=recipients,
        reply_to=[message.email],
    )
    try:
        email.send(fail_silently=False)
    except Exception as error:  # whatever the mail backend raises, the message must survive
        logger.exception("Could not notify the Secretariat of message %s.", message.pk)
        _record_failure(message, f"{type(error).__name__}: {error}")
        return False
    message.notified_at = timezone.now()
    message.notification_attempts += 1
    message.notification_error = ""
    ContactMessage.objects.filter(pk=message.pk).update(
        notified_at=message.notified_at,
        notification_attempts=message.notification_attempts,
        notification_error="",
    )
    return True


def _record_failure(message, error):
    message.notification_attempts += 1
    message.notification_error = error[:300]
    ContactMessage.objects.filter(pk=message.pk).update(
        notification_attempts=message.notification_attempts, notification_error=message.notification_error
    )


def send_copy_to_sender(message):
    """The sender's own copy, when they asked for one. Best effort: a failure is logged, nothing more."""
    if not message.send_copy:
        return False
    email = EmailMessage(
        subject=_subject(_("Your message to the WeGO Secretariat")),
        body=render_to_string("contact/email/copy.txt", {"message": message}),
        to=[message.email],
    )
    try:
        email.send(fail_silently=False)
    except Exception:  # a lost copy must not break the confirmation
        logger.exception("Could not send the sender's copy of message %s.", message.pk)
        return False
    return True


def deliver(message_pk, base_url=""):
    """What happens after a new message is committed: notify the Secretariat, then send the copy."""
    message = ContactMessage.objects.select_related("programme").filter(pk=message_pk).first()
    if message is None:
        return
    notify_secretariat(message, base_url)
    send_copy_to_sender(message)
