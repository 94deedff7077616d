import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.uploads import OLE_MAGIC, max_upload_bytes, validate_document_file
from tests.support.files import upload
from tools.seed_documents import guide_pdf, interest_form_docx


def odf(mimetype):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", mimetype)
        package.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", guide_pdf()),
        ("GUIDE.PDF", guide_pdf()),
        ("form.docx", interest_form_docx()),
        ("form.odt", odf("application/vnd.oasis.opendocument.text")),
        ("old-form.doc", OLE_MAGIC + b"\0" * 100),
        ("note.rtf", b"{\\rtf1\\ansi Hello}"),
    ],
)
def test_pdf_and_office_documents_are_accepted(name, content):
    validate_document_file(upload(content, name))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("tool.exe", b"MZ\x90\x00", "document_extension"),
        ("page.html", b"<html><script>alert(1)</script>", "document_extension"),
        ("noextension", guide_pdf(), "document_extension"),
        ("fake.pdf", b"MZ\x90\x00 this is an executable", "document_content"),
        ("fake.pdf", b"<html>not a pdf</html>", "document_content"),
        ("fake.docx", guide_pdf(), "document_content"),
        ("other.docx", odf("application/vnd.oasis.opendocument.text"), "document_content"),
        ("sheet.odt", odf("application/vnd.oasis.opendocument.spreadsheet"), "document_content"),
        ("broken.docx", b"PK\x03\x04 truncated", "document_content"),
        ("empty.pdf", b"", "document_content"),
    ],
)
def test_anything_else_is_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_document_file(upload(content, name))
    assert error.value.code == code
    assert str(error.value.messages[0])


def test_the_size_limit_comes_from_the_setting(settings):
    settings.DOCUMENT_UPLOAD_MAX_MB = 1
    assert max_upload_bytes() == 1024 * 1024
    big = guide_pdf() + b"\0" * (1024 * 1024)
    with pytest.raises(ValidationError) as error, translation.override("en"):
        validate_document_file(upload(big, "big.pdf"))
    assert error.value.code == "document_size"
    assert "at most 1.0\xa0MB" in error.value.messages[0]


def test_the_default_limit_is_20_mb(settings):
    if hasattr(settings, "DOCUMENT_UPLOAD_MAX_MB"):
        del settings.DOCUMENT_UPLOAD_MAX_MB
    assert max_upload_bytes() == 20 * 1024 * 1024
