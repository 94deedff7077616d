"""Rebuild the site search index from the content in the database.

Saving content keeps the index current by itself; this is for a fresh database, a restore, or after
changing what the search indexes.
"""

from django.core.management import BaseCommand

from search import index


class Command(BaseCommand):
    help = "Rebuild the site search index (every published item, in every language)."

    def handle(self, *args, **options):
        count = index.rebuild()
        if options["verbosity"]:
            self.stdout.write(f"Indexed {count} search entries.")
