"""Load every piece of seed content: the fixtures and the files they point to.

Idempotent: fixtures carry their primary keys, so a second run updates rows instead of adding
them, and a seed file is copied into media storage only when it is not there yet.
"""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import BaseCommand, call_command

from core.translations.status import rebuild as rebuild_translation_status

FIXTURES = ["site", "offices", "bids", "programs", "testimonials", "contact"]
SEED_MEDIA = Path(settings.BASE_DIR) / "fixtures" / "media"


class Command(BaseCommand):
    help = "Load all seed content (fixtures and their files). Safe to run again."

    def handle(self, *args, **options):
        available = [name for name in FIXTURES if (Path(settings.BASE_DIR) / "fixtures" / f"{name}.json").exists()]
        # One call, so rows may point at rows of a later fixture.
        call_command("loaddata", *available, verbosity=options["verbosity"])
        # Seed translations count as up to date; what staff changed since keeps its state (safe to run again).
        rebuild_translation_status()
        copied = 0
        if SEED_MEDIA.is_dir():
            for source in sorted(p for p in SEED_MEDIA.rglob("*") if p.is_file()):
                name = source.relative_to(SEED_MEDIA).as_posix()
                if not default_storage.exists(name):
                    with source.open("rb") as handle:
                        default_storage.save(name, File(handle))
                    copied += 1
        if options["verbosity"]:
            self.stdout.write(f"Loaded {', '.join(available)}; copied {copied} seed file(s) into media storage.")
