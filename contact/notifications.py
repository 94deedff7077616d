"""E-mails about a message: the notification to the Secretariat, and the sender's acknowledgement.

Both are sent only after the message is committed to the database, and neither may undo it: a
failure is logged and recorded on the message, and ``manage.py send_pending_notifications`` tries again.

The acknowledgement goes to an address nobody has verified, from the organisation's domain. So it
carries nothing the sender typed (no name, no subject, no text: otherwise the form relays anyone's
words, links included, to anyone) and each address gets only a few a day (contact.abuse).
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .abuse import acknowledgement_allowed
from .models import ContactMessage, NotificationProblem

logger = logging.getLogger(__name__)


def _subject(text):
    # Header values are one line; the form already refuses line breaks, this is the second lock.
    return " ".join(str(text).split())[:200]


def notify_secretariat(message, base_url="", raise_errors=False):
    """E-mail the Secretariat about ``message``; record the outcome on it. Returns True when sent.

    With ``raise_errors``, the mail backend's error is raised once recorded, so that the task queue
    keeps its technical detail (staff read the recorded problem, in words).
    """
    # In the site's language, whichever language the sender wrote from.
    with translation.override(settings.LANGUAGE_CODE):
        return _notify_secretariat(message, base_url, raise_errors)


def _notify_secretariat(message, base_url, raise_errors):
    recipients = list(settings.SECRETARIAT_NOTIFY_EMAILS)
    if not recipients:
        logger.warning("Message %s not announced: SECRETARIAT_NOTIFY_EMAILS is empty.", message.pk)
        _record_failure(message, NotificationProblem.NO_ADDRESS)
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
        _record_failure(message, problem_of(error))
        if raise_errors:
            raise
        return False
    message.notified_at = timezone.now()
    message.notification_attempts += 1
    message.notification_error = ""
    message.notification_retry_at = None
    ContactMessage.objects.filter(pk=message.pk).update(
        notified_at=message.notified_at,
        notification_attempts=message.notification_attempts,
        notification_error="",
        notification_retry_at=None,
    )
    return True


def problem_of(error):
    """The kind of failure staff are told about; the exception itself is in the log."""
    # smtplib's errors are OSErrors too: the server's refusals are told apart first.
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return NotificationProblem.UNREACHABLE
    if isinstance(error, smtplib.SMTPException):  # it answered, and said no (to the login, an address, TLS...)
        return NotificationProblem.REFUSED
    if isinstance(error, OSError):  # refused connections, time-outs, unknown host names
        return NotificationProblem.UNREACHABLE
    return NotificationProblem.FAILED


def _record_failure(message, problem):
    message.notification_attempts += 1
    message.notification_error = problem
    ContactMessage.objects.filter(pk=message.pk).update(
        notification_attempts=message.notification_attempts, notification_error=problem
    )


def acknowledge_sender(message, language=None):
    """A fixed note that the message arrived, when the sender asked for one, in ``language``.

    Best effort: a failure is logged, nothing more. Not sent once the address had its share for the day.
    """
    if not message.send_copy:
        return False
    if not acknowledgement_allowed(message.email):
        logger.warning("Acknowledgement of message %s not sent: its address had its share for the day.", message.pk)
        return False
    with translation.override(language or settings.LANGUAGE_CODE):
        email = EmailMessage(
            subject=_subject(_("Your message to the WeGO Secretariat has arrived")),
            body=render_to_string(
                "contact/email/acknowledgement.txt",
                {
                    "received": date_format(timezone.localtime(message.created_at), "DATE_FORMAT"),
                    "working_days": settings.CONTACT_ANSWER_WORKING_DAYS,
                },
            ),
            to=[message.email],
        )
    try:
        email.send(fail_silently=False)
    except Exception:  # a lost acknowledgement must not break the confirmation
        logger.exception("Could not send the acknowledgement of message %s.", message.pk)
        return False
    return True
