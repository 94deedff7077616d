"""Calls, bids and private links as the bid tests need them, and documents that pass (or fail) the upload checks."""

import io
import itertools
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from bids.models import Bid, BidAccess, BidDocument, Call, CallKind, ChecklistItem, Question
from core.publishing import PublicationStatus

_numbers = itertools.count(1)

# The smallest bytes the upload checks take for a PDF.
PDF_BYTES = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
# A Windows executable's first bytes: refused whatever its name says.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def docx_bytes():
    """A Word package the upload checks accept: [Content_Types].xml and word/document.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def make_call(**fields):
    """A published call for a Regional Office, taking bids for 30 more days unless told otherwise."""
    number = next(_numbers)
    fields = {
        "title": f"Regional Office call {number}",
        "slug": f"call-{number}",
        "kind": CallKind.REGIONAL_OFFICE,
        "region": "Africa",
        "publication_status": PublicationStatus.PUBLISHED,
        "bid_deadline": timezone.now() + timedelta(days=30),
        **fields,
    }
    return Call.objects.create(**fields)


def add_checklist(call, *titles, required=True):
    """Checklist items for ``call``, in the order given."""
    start = call.checklist.count()
    return [
        ChecklistItem.objects.create(call=call, title=title, required=required, order=start + index)
        for index, title in enumerate(titles)
    ]


def add_questions(call, *texts, required=True):
    start = call.questions.count()
    return [
        Question.objects.create(call=call, text=text, required=required, order=start + index)
        for index, text in enumerate(texts)
    ]


def make_bid(call, **fields):
    """A bid to ``call`` as an expression of interest leaves it (no access yet: see ``make_access``)."""
    number = next(_numbers)
    fields = {
        "city": f"City {number}",
        "country": "Rwanda",
        "contact_name": f"Contact {number}",
        "contact_role": "Director of international relations",
        "email": f"city{number}@example.org",
        "language": "en",
        **fields,
    }
    return Bid.objects.create(call=call, **fields)


def make_access(bid, name=None, email=None):
    """A private link to ``bid``: ``(access, secret)``, the secret as its e-mail would carry it."""
    access = BidAccess.objects.create(bid=bid, name=name or bid.contact_name, email=email or bid.email)
    return access, access.issue()


def add_document(bid, item, content=PDF_BYTES, name="letter.pdf", **fields):
    """A document already uploaded for ``item`` (as the bid space stores one)."""
    return BidDocument.objects.create(bid=bid, item=item, file=ContentFile(content, name=name), **fields)
