"""Cells of the spreadsheets staff export (messages, bids, translations) that a spreadsheet will not run.

A cell whose text starts with = + - @ (or a tab or carriage return, which some spreadsheets skip
before looking) would be read as a formula by whoever opens a CSV file: such text goes out behind a
quote. Control characters go first: the Excel format has no room for them, and a formula behind one
would otherwise start the cell once it is dropped. Line breaks and tabs inside the text are kept.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def safe_cell(value):
    """``value`` as text a spreadsheet keeps as text; "" for None."""
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    return "'" + text if text[:1] in FORMULA_STARTS else text


def unquoted(text):
    """Text read back from a file ``safe_cell`` wrote, without the quote it put before a formula."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text
