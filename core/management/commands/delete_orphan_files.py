"""Remove stored content files (and renditions) that no row and no saved revision refers to."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from core import files


def _walk(directory):
    try:
        subdirectories, names = default_storage.listdir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in names:
        yield f"{directory}/{name}"
    for subdirectory in subdirectories:
        yield from _walk(f"{directory}/{subdirectory}")


class Command(BaseCommand):
    help = "Delete stored content files and renditions that no row and no revision refers to."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted; delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        stored = [name for directory in files.upload_directories() for name in _walk(directory)]
        # All at once: a query per stored file would scan the revisions as many times.
        referenced = files.referenced_names({files.source_of(name) for name in stored})
        orphans = [name for name in stored if files.source_of(name) not in referenced]
        for name in orphans:
            if not dry_run:
                default_storage.delete(name)
            self.stdout.write(name)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(orphans)} orphan file(s)."))
