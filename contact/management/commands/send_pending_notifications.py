"""Send the Secretariat the notifications that could not be sent when their messages arrived.

Meant for cron (e.g. every 15 minutes). Exits with an error when a notification still fails, so that
the scheduler reports it.
"""

from datetime import timedelta

from django.core.management import BaseCommand, CommandError

from contact.models import ContactMessage
from contact.notifications import notify_secretariat


class Command(BaseCommand):
    help = "E-mail the Secretariat about messages it has not been notified of yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age",
            type=int,
            default=5,
            help="Skip messages younger than this many minutes: their first attempt may still be under way.",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address (e.g. https://www.example.org), to put a link to the admin in the e-mail.",
        )

    def handle(self, *args, **options):
        pending = ContactMessage.objects.pending_notification(older_than=timedelta(minutes=options["min_age"]))
        pending = pending.select_related("programme")
        sent = failed = 0
        for message in pending.iterator():
            if notify_secretariat(message, options["base_url"]):
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"Sent {sent} pending notification(s); {failed} failed.")
        if failed:
            raise CommandError(f"{failed} notification(s) could not be sent; see the log and the admin.")
