"""Write the seed hosting documents into fixtures/media/ and record their size and fingerprint.

Run it after changing the text in ``offices.seed_documents``; the fixture rows of the documents
are updated only when a file's bytes change.
"""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand
from django.utils import timezone

from offices.seed_documents import build

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "Regenerate the seed hosting documents (PDF guide, expression-of-interest form) from their text."

    def handle(self, *args, **options):
        fixture_path = FIXTURES / "offices.json"
        rows = json.loads(fixture_path.read_text(encoding="utf-8"))
        documents = {row["fields"]["file"]: row["fields"] for row in rows if row["model"] == "offices.hostingdocument"}
        for name, content in build().items():
            target = FIXTURES / "media" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            fields = documents.get(name)
            if fields is None:
                self.stderr.write(f"No document in offices.json points at {name}.")
                continue
            digest = hashlib.sha256(content).hexdigest()
            if fields.get("file_sha256") != digest:
                fields.update(
                    file_sha256=digest,
                    file_size=len(content),
                    file_updated_at=timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
                )
            self.stdout.write(f"{name}: {len(content)} bytes")
        fixture_path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
