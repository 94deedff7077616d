"""Work out again where every item's translations stand (core.translations.status)."""

from django.core.management.base import BaseCommand

from core.translations.status import rebuild


class Command(BaseCommand):
    help = (
        "Record where each translated item stands in each language; translations that exist count as up to "
        "date. Run once after deploying the translation status; safe to run again."
    )

    def handle(self, *args, **options):
        rebuild()
        self.stdout.write(self.style.SUCCESS("Translation status rebuilt."))
