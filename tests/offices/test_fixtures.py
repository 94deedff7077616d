"""The seed content: loaded twice without duplicates, true to the sources, with real documents."""

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command

from core.uploads import validate_document_file
from offices.models import HostingDocument, HostingProgramme, Milestone, Office, OfficeFunction, StaffContact
from tests.support.files import upload
from tools import seed_documents

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MODELS = [Office, Milestone, StaffContact, HostingProgramme, OfficeFunction, HostingDocument]


def test_loading_the_seed_content_twice_adds_nothing():
    before = {model: model.objects.count() for model in MODELS}
    call_command("load_site_content", verbosity=0)
    call_command("load_site_content", verbosity=0)
    assert {model: model.objects.count() for model in MODELS} == before
    assert before[Office] == 9
    assert before[StaffContact] == 5


def test_every_office_of_both_sources_is_there():
    names = set(Office.objects.values_list("name", flat=True))
    assert {
        "East Asia Regional Office",
        "Eurasia Regional Office",
        "Mediterranean Regional Office",
        "Latin America Regional Office",
        "WeGO Asia Regional Office, Chengdu",
        "WeGO Europe Regional Office, Ulyanovsk Region",
    } <= names


def test_no_host_city_is_invented():
    for slug in ["east-asia", "eurasia", "mediterranean", "latin-america", "africa", "europe", "southeast-asia"]:
        office = Office.objects.get(slug=slug)
        assert (office.host_city, office.country, office.website) == ("", "", ""), slug
        assert office.approved_on is None and office.launched_on is None, slug


def test_staff_contacts_as_the_seeds_give_them():
    rows = list(
        StaffContact.objects.order_by("office__order", "order").values_list(
            "name", "position", "affiliation", "phone", "fax", "email"
        )
    )
    assert rows == [
        (
            "Mr. Wang “Charlie” Guangliang",
            "Secretary General",
            "Deputy Division Chief, Chengdu Foreign Affairs Office",
            "+86 (28) 61888454",
            "",
            "",
        ),
        (
            "Svetlana Openysheva",
            "Secretary General",
            "First Deputy Chairman of the Government of the Ulyanovsk Region",
            "+7 (8422) 41-33-59",
            "+7 (8422) 41-28-94",
            "",
        ),
        ("Vladimir Garanin", "Deputy Secretary General", "", "+7 (8422) 58-91-59", "+7 (8422) 58-91-63", ""),
        ("Kseniya Yarkova", "Communication Coordinator", "", "+7 (8422) 58-91-64", "", ""),
        ("Alexandr Riabushko", "Open Data Consultant", "", "", "", ""),
    ]


def test_the_truncated_e_mail_address_is_nowhere_in_the_fixture():
    assert "mail.r" not in (FIXTURES / "offices.json").read_text(encoding="utf-8")


def test_every_seed_row_passes_model_validation():
    for model in MODELS:
        for row in model.objects.all():
            row.full_clean()


def test_the_fixture_records_each_document_file_truly():
    rows = json.loads((FIXTURES / "offices.json").read_text(encoding="utf-8"))
    documents = [row["fields"] for row in rows if row["model"] == "offices.hostingdocument"]
    assert {d["file"] for d in documents} == {seed_documents.GUIDE_PATH, seed_documents.FORM_PATH}
    for fields in documents:
        content = (FIXTURES / "media" / fields["file"]).read_bytes()
        assert fields["file_size"] == len(content)
        assert fields["file_sha256"] == hashlib.sha256(content).hexdigest()
        assert default_storage.exists(fields["file"])


def test_the_guide_is_a_well_formed_pdf():
    pdf = seed_documents.guide_pdf()
    assert pdf.startswith(b"%PDF-1.4")
    assert pdf.rstrip().endswith(b"%%EOF")
    startxref = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
    assert pdf[startxref:].startswith(b"xref")
    table = pdf[startxref:].split(b"trailer")[0].split(b"\n")[3:]
    offsets = [int(line.split()[0]) for line in table if line.strip()]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj" % number), number
    shown = b" ".join(re.findall(rb"\(((?:[^\\)]|\\.)*)\) Tj", pdf)).decode("cp1252")
    for fact in ["selected by the Executive Committee through a bidding process", "WeGO’s expansion", "2934~7"]:
        assert fact in shown


def test_the_form_is_a_word_document_with_fields_to_fill_in():
    package = zipfile.ZipFile(io.BytesIO(seed_documents.interest_form_docx()))
    for name in package.namelist():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(package.read(name))
    document = package.read("word/document.xml").decode()
    assert "Name of the city or local government" in document
    assert document.count("<w:tbl>") == len(seed_documents.FORM_SECTIONS)
    assert "Seoul Global Center 7th Floor" in document


def test_the_seed_documents_pass_the_upload_check():
    for path, content in seed_documents.build().items():
        validate_document_file(upload(content, Path(path).name))
