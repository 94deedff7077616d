"""The last notification error becomes a short code staff read as a sentence (contact.models.NotificationProblem),
instead of an exception's text or a setting's name; and the time of the next attempt is kept."""

from django.db import migrations, models

# Old texts, as contact.notifications wrote them ("<exception class>: <message>"), to the codes.
UNREACHABLE = (
    "ConnectionRefusedError",
    "ConnectionResetError",
    "ConnectionError",
    "TimeoutError",
    "timeout",
    "gaierror",
    "OSError",
    "SMTPServerDisconnected",
    "SMTPConnectError",
)
REFUSED = (
    "SMTPRecipientsRefused",
    "SMTPSenderRefused",
    "SMTPDataError",
    "SMTPAuthenticationError",
    "SMTPResponseException",
)


def problem_code(text):
    if not text:
        return ""
    if "SECRETARIAT_NOTIFY_EMAILS" in text:
        return "no_address"
    exception = text.split(":", 1)[0].strip()
    if exception in UNREACHABLE:
        return "unreachable"
    if exception in REFUSED:
        return "refused"
    return "failed"


def to_codes(apps, schema_editor):
    ContactMessage = apps.get_model("contact", "ContactMessage")
    texts = ContactMessage.objects.exclude(notification_error="").values_list("notification_error", flat=True)
    for text in set(texts):
        ContactMessage.objects.filter(notification_error=text).update(notification_error=problem_code(text))


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0007_publish_until_and_drafts_first"),
    ]

    operations = [
        # Before the column shrinks: every old text is longer than a code.
        migrations.RunPython(to_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contactmessage",
            name="notification_error",
            field=models.CharField(
                blank=True,
                choices=[
                    (
                        "no_address",
                        "No address is set for the Secretariat's notifications; ask the site's administrator "
                        "to set it.",
                    ),
                    ("unreachable", "The notification could not be sent: the mail server did not answer."),
                    ("refused", "The notification could not be sent: the mail server refused it."),
                    (
                        "failed",
                        "The notification could not be sent because of a technical problem; the site's administrator "
                        "will find the details in the log.",
                    ),
                ],
                max_length=20,
                verbose_name="last notification problem",
            ),
        ),
        migrations.AddField(
            model_name="contactmessage",
            name="notification_retry_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="next notification attempt"),
        ),
    ]
