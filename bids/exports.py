"""The bids of a call side by side: for the comparison page in the admin and for the Executive
Committee's spreadsheet (XLSX or CSV), one source for both so they always agree.

Only bids submitted at least once are compared: a bid the Secretariat reopened stays in, one still
being prepared is not there yet. Whatever a city typed may start with ``=``; neither file lets a
spreadsheet run it (``core.spreadsheets.safe_cell`` for CSV, a text cell for XLSX).
"""

import csv
import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.editing import zone_name
from core.spreadsheets import safe_cell

from .models import Answer, Bid, Score, weighted_mean

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def completeness(bid):
    """What a bid annotated by ``BidQuerySet.with_progress()`` still lacks, as a sentence: "Complete",
    or e.g. "2 documents, 1 answer missing"."""
    parts = []
    if bid.documents_missing:
        parts.append(
            ngettext("%(count)d document", "%(count)d documents", bid.documents_missing)
            % {"count": bid.documents_missing}
        )
    if bid.answers_missing:
        parts.append(
            ngettext("%(count)d answer", "%(count)d answers", bid.answers_missing) % {"count": bid.answers_missing}
        )
    if not parts:
        return _("Complete")
    return _("%(what)s missing") % {"what": ", ".join(parts)}


@dataclass
class Column:
    """One bid of the comparison."""

    bid: Bid
    scores: dict = field(default_factory=dict)  # criterion pk: Score
    answers: dict = field(default_factory=dict)  # question pk: text
    total: float | None = None

    @property
    def completeness(self):
        return completeness(self.bid)

    def score_of(self, criterion):
        score = self.scores.get(criterion.pk)
        return score.score if score else None

    def answer_to(self, question):
        return self.answers.get(question.pk, "")


@dataclass
class Comparison:
    call: object
    criteria: list
    questions: list
    columns: list


def compared_bids(call):
    return Bid.objects.filter(call=call, submitted_at__isnull=False).with_progress().order_by("submitted_at", "pk")


def comparison(call):
    """The call's submitted bids with their scores, weighted totals, completeness and answers, in a
    fixed number of queries however many bids there are."""
    columns = [Column(bid) for bid in compared_bids(call)]
    by_bid = {column.bid.pk: column for column in columns}
    for score in Score.objects.filter(bid__in=by_bid).select_related("criterion"):
        by_bid[score.bid_id].scores[score.criterion_id] = score
    for answer in Answer.objects.filter(bid__in=by_bid).only("bid_id", "question_id", "text"):
        by_bid[answer.bid_id].answers[answer.question_id] = answer.text
    for column in columns:
        column.total = weighted_mean(list(column.scores.values()))
    return Comparison(call, list(call.criteria.all()), list(call.questions.all()), columns)


def table(call):
    """The export's heading and rows: one row per bid, values as they are (numbers stay numbers)."""
    compared = comparison(call)
    heading = [
        _("City"),
        _("Country"),
        _("Contact person"),
        _("Role"),
        _("E-mail"),
        _("Status"),
        _("Submitted (%(zone)s)") % {"zone": zone_name()},
        *(
            _("%(criterion)s (weight %(weight)d)") % {"criterion": c.name, "weight": c.weight}
            for c in compared.criteria
        ),
        _("Weighted total"),
        _("Completeness"),
        *(question.text for question in compared.questions),
    ]
    rows = []
    for column in compared.columns:
        bid = column.bid
        submitted = timezone.localtime(bid.submitted_at).strftime("%Y-%m-%d %H:%M") if bid.submitted_at else ""
        rows.append(
            [
                bid.city,
                bid.country,
                bid.contact_name,
                bid.contact_role,
                bid.email,
                bid.get_status_display(),
                submitted,
                *(column.score_of(criterion) for criterion in compared.criteria),
                column.total,
                column.completeness,
                *(column.answer_to(question) for question in compared.questions),
            ]
        )
    return heading, rows


def _filename(call, extension):
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"wego-bids-{slugify(call.slug)[:50]}-{stamp}.{extension}"


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def as_csv(call):
    heading, rows = table(call)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheets read the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(value) for value in heading])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return _attachment(buffer.getvalue(), "text/csv; charset=utf-8", _filename(call, "csv"))


def as_xlsx(call):
    heading, rows = table(call)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Bids")[:31]
    for row_number, row in enumerate([heading, *rows], start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            if isinstance(value, int | float) or value is None:
                cell.value = value
            else:
                cell.value = str(value)
                # openpyxl would store text starting with "=" as a formula: keep it text.
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(buffer.getvalue(), XLSX_TYPE, _filename(call, "xlsx"))
