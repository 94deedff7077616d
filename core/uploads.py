"""Which files the secretariat may publish as documents: PDF and office formats, under a size limit.

A file is accepted only when its extension AND its first bytes agree on one of the formats below,
so a renamed executable or web page is refused. Zip-based formats (Office Open XML, OpenDocument)
are also opened to check that the package is what the extension says.

The limit is the ``DOCUMENT_UPLOAD_MAX_MB`` setting (20 MB when unset).

Every stored upload gets a name nobody can guess (``UnguessablePath``), so a file is reachable only
through a link the site gives out (see core.files).
"""

import hashlib
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DEFAULT_MAX_MB = 20

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and its siblings
RTF_MAGIC = b"{\\rtf"


@dataclass(frozen=True)
class DocumentType:
    label: str
    content_type: str
    magic: bytes
    # For zip packages: a member that must be there, or the ODF "mimetype" member's content.
    package_member: str = ""
    odf_mimetype: str = ""


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"

DOCUMENT_TYPES = {
    "pdf": DocumentType(_("PDF"), "application/pdf", PDF_MAGIC),
    "docx": DocumentType(
        _("Word document"), f"{_OOXML}.wordprocessingml.document", ZIP_MAGIC, package_member="word/document.xml"
    ),
    "doc": DocumentType(_("Word document"), "application/msword", OLE_MAGIC),
    "odt": DocumentType(_("OpenDocument text"), f"{_ODF}.text", ZIP_MAGIC, odf_mimetype=f"{_ODF}.text"),
    "rtf": DocumentType(_("Rich Text document"), "application/rtf", RTF_MAGIC),
    "xlsx": DocumentType(
        _("Excel workbook"), f"{_OOXML}.spreadsheetml.sheet", ZIP_MAGIC, package_member="xl/workbook.xml"
    ),
    "xls": DocumentType(_("Excel workbook"), "application/vnd.ms-excel", OLE_MAGIC),
    "ods": DocumentType(
        _("OpenDocument spreadsheet"), f"{_ODF}.spreadsheet", ZIP_MAGIC, odf_mimetype=f"{_ODF}.spreadsheet"
    ),
    "pptx": DocumentType(
        _("PowerPoint presentation"),
        f"{_OOXML}.presentationml.presentation",
        ZIP_MAGIC,
        package_member="ppt/presentation.xml",
    ),
    "ppt": DocumentType(_("PowerPoint presentation"), "application/vnd.ms-powerpoint", OLE_MAGIC),
    "odp": DocumentType(
        _("OpenDocument presentation"), f"{_ODF}.presentation", ZIP_MAGIC, odf_mimetype=f"{_ODF}.presentation"
    ),
}
ALLOWED_EXTENSIONS = sorted(DOCUMENT_TYPES)


@deconstructible
class UnguessablePath:
    """``upload_to`` for content files: "<directory>/<random token>/<slugified original name>".

    The token (128 random bits) makes the name impossible to guess, so a draft's file cannot be
    fetched by trying names; the original name stays readable at the end for staff."""

    def __init__(self, directory):
        self.directory = directory.strip("/")

    def __call__(self, instance, filename):
        path = PurePath(filename or "")
        stem = slugify(path.stem)[:80] or "file"
        suffix = get_valid_filename(path.suffix.lower())[:10] if path.suffix else ""
        return f"{self.directory}/{secrets.token_urlsafe(16)}/{stem}{suffix}"

    def __eq__(self, other):
        return isinstance(other, UnguessablePath) and other.directory == self.directory


def sha256_of(file):
    """The SHA-256 of an uploaded file, read in chunks: stored with its row, so that lists and downloads
    (ETags, exports) need not fetch the file back from storage."""
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def extension_of(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def document_type(name):
    return DOCUMENT_TYPES.get(extension_of(name))


def human_size(size):
    """For link text: "9 KB", "1.4 MB"; never "0 KB" for a small file."""
    if size < 1024:
        return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}
    if size < 1024 * 1024:
        return _("%(size)d KB") % {"size": round(size / 1024)}
    return _("%(size).1f MB") % {"size": size / (1024 * 1024)}


def max_upload_bytes():
    return getattr(settings, "DOCUMENT_UPLOAD_MAX_MB", DEFAULT_MAX_MB) * 1024 * 1024


def _is_expected_package(handle, kind):
    try:
        with zipfile.ZipFile(handle) as package:
            names = set(package.namelist())
            if kind.odf_mimetype:
                return "mimetype" in names and package.read("mimetype").strip() == kind.odf_mimetype.encode()
            return "[Content_Types].xml" in names and kind.package_member in names
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False


def validate_document_file(value):
    """Refuse, with a reason, anything that is not a PDF or office document under the size limit."""
    if getattr(value, "_committed", False):
        # Already stored (checked when it was uploaded): editing a document's title need not
        # fetch the file back from storage.
        return
    kind = document_type(value.name)
    if kind is None:
        raise ValidationError(
            _("“.%(extension)s” files are not accepted. Upload a PDF or an office document (%(allowed)s)."),
            code="document_extension",
            params={"extension": extension_of(value.name), "allowed": ", ".join(ALLOWED_EXTENSIONS)},
        )
    limit = max_upload_bytes()
    if value.size > limit:
        raise ValidationError(
            _("This file is %(size)s; documents may be at most %(limit)s."),
            code="document_size",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )
    handle = getattr(value, "file", value)
    handle.seek(0)
    head = handle.read(len(kind.magic))
    handle.seek(0)
    problem = head != kind.magic
    if not problem and kind.magic == ZIP_MAGIC:
        problem = not _is_expected_package(handle, kind)
        handle.seek(0)
    if problem:
        raise ValidationError(
            _("The content of this file does not match its extension .%(extension)s (%(type)s)."),
            code="document_content",
            params={"type": kind.label, "extension": extension_of(value.name)},
        )
