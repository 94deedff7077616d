"""The seed documents committed under fixtures/media/ are what ``python -m tools.seed_documents`` writes now."""

import hashlib
import json
import shutil
import zipfile

import time_machine

from tools import seed_documents
from tools.seed_documents import FIXTURES, FORM_PATH, GUIDE_PATH


def parts(path):
    """A zip's members in order, with their dates and contents: what a DOCX is, whatever zlib compressed it."""
    with zipfile.ZipFile(path) as package:
        return [(info.filename, info.date_time, package.read(info)) for info in package.infolist()]


def hosting_documents(rows):
    return {row["fields"]["file"]: row["fields"] for row in rows if row["model"] == "offices.hostingdocument"}


def test_the_committed_seed_documents_are_what_the_writer_makes_now(tmp_path):
    """A change to the documents' text or to a writer fails here until the tool is run again."""
    shutil.copy(FIXTURES / "offices.json", tmp_path / "offices.json")
    sizes = seed_documents.write(tmp_path)
    assert set(sizes) == {GUIDE_PATH, FORM_PATH}
    assert (tmp_path / "media" / GUIDE_PATH).read_bytes() == (FIXTURES / "media" / GUIDE_PATH).read_bytes()
    # Deflated bytes may differ between zlib builds; the parts of the document must not.
    assert parts(tmp_path / "media" / FORM_PATH) == parts(FIXTURES / "media" / FORM_PATH)


def test_the_writer_records_a_changed_file_in_the_fixture_and_leaves_the_rest_alone(tmp_path):
    rows = json.loads((FIXTURES / "offices.json").read_text(encoding="utf-8"))
    hosting_documents(rows)[FORM_PATH].update(file_sha256="0" * 64, file_size=1, file_updated_at="2000-01-01T00:00:00Z")
    (tmp_path / "offices.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    with time_machine.travel("2031-05-06 07:08:09.5Z", tick=False):
        seed_documents.write(tmp_path)

    written = json.loads((tmp_path / "offices.json").read_text(encoding="utf-8"))
    form = (tmp_path / "media" / FORM_PATH).read_bytes()
    assert hosting_documents(written)[FORM_PATH] == {
        **hosting_documents(rows)[FORM_PATH],
        "file_sha256": hashlib.sha256(form).hexdigest(),
        "file_size": len(form),
        "file_updated_at": "2031-05-06T07:08:09Z",
    }
    # The guide's bytes did not change, so neither did its row, nor any other row.
    assert [row for row in written if row["fields"].get("file") != FORM_PATH] == [
        row for row in rows if row["fields"].get("file") != FORM_PATH
    ]
