"""Translations in the tests: an item's state in one language, and exported files read back."""

import csv
import io

from django.contrib.contenttypes.models import ContentType
from openpyxl import load_workbook

from core.models import TranslationStatus


def status(obj, language):
    """``obj``'s ``TranslationStatus`` row in ``language`` (None when none is kept)."""
    return TranslationStatus.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), language=language
    ).first()


def csv_rows(response):
    """The rows of an exported CSV, header first."""
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [["" if cell is None else str(cell) for cell in row] for row in book.active.iter_rows(values_only=True)]


def csv_file(rows, name="translations.csv"):
    """An upload of ``rows`` as a CSV file, as a spreadsheet program saves it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    output = io.StringIO()
    csv.writer(output).writerows(rows)
    return SimpleUploadedFile(name, output.getvalue().encode("utf-8-sig"), content_type="text/csv")
