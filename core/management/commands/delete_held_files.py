"""Delete the files held for forms shown again (core.held_files) that nobody took back in time."""

from django.core.management.base import BaseCommand

from core import held_files


class Command(BaseCommand):
    help = "Delete held uploads older than HELD_UPLOAD_MINUTES: files chosen in a form that was never sent again."

    def handle(self, *args, **options):
        deleted = held_files.delete_expired()
        for name in deleted:
            self.stdout.write(name)
        self.stdout.write(self.style.SUCCESS(f"Deleted {len(deleted)} held file(s)."))
