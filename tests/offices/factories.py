"""Rows for the offices tests, built one way throughout: published unless told otherwise."""

import datetime
import itertools

from django.core.files.base import ContentFile

from offices.dates import DatePrecision
from offices.models import HostingDocument, Milestone, Office, OfficeStatus, StaffContact
from tests.support.content import PUBLISHED
from tools.seed_documents import guide_pdf

_numbers = itertools.count(1)


def make_office(**fields):
    number = next(_numbers)
    values = {
        "name": f"Test Regional Office {number}",
        "slug": f"test-office-{number}",
        "region": f"Region {number}",
        "host_city": f"City {number}",
        "status": OfficeStatus.ACTIVE,
        "order": 100 + number,
        **PUBLISHED,
    }
    values.update(fields)
    return Office.objects.create(**values)


def make_contact(office, **fields):
    number = next(_numbers)
    values = {
        "name": f"Person {number}",
        "position": "Secretary General",
        "phone": "+7 (8422) 41-33-59",
        "email": f"person{number}@example.org",
        "order": number,
        **PUBLISHED,
    }
    values.update(fields)
    return StaffContact.objects.create(office=office, **values)


def make_milestone(office, **fields):
    values = {"date": datetime.date(2014, 3, 11), "date_precision": DatePrecision.DAY, "title": "Launched", **PUBLISHED}
    values.update(fields)
    return Milestone.objects.create(office=office, **values)


def make_document(content=None, name="guide.pdf", **fields):
    values = {"title": "Guide to hosting", "order": 50, **PUBLISHED}
    values.update(fields)
    document = HostingDocument(**values)
    document.file = ContentFile(content if content is not None else guide_pdf(), name=name)
    document.save()
    return document
