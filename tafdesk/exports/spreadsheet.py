"""Tables as spreadsheets: XLSX (XlsxWriter) and CSV, for reports and returns.

One way for every report to write its tables:
- a header row in bold, frozen, with a filter;
- dates as real date cells shown dd/mm/yyyy (what the Annex A specification
  and councils' analysts expect), numbers as numbers;
- text always as text, never a formula: a value starting with = + - @ (or a
  tab or carriage return) is written as a string in XLSX and prefixed with an
  apostrophe in CSV, so that a name typed as "=HYPERLINK(...)" cannot run
  when an analyst opens the file (CSV injection);
- whole or not at all: written to a temporary file in the same folder and
  renamed into place (exports/files.write_atomically)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tafdesk.exports.files import write_atomically
from tafdesk.exports.safe_text import safe_text

DATE_FORMAT = "dd/mm/yyyy"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60  # characters: wider columns wrap in the analyst's own view


@dataclass(frozen=True)
class Sheet:
    """One table: its sheet name (at most 31 characters, as Excel allows),
    column headings and rows of str, int, float, date, datetime or None."""

    name: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not 0 < len(self.name) <= 31 or any(c in self.name for c in "[]:*?/\\"):
            raise ValueError(f"“{self.name}” cannot name a worksheet")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(f"row {number} of “{self.name}” has {len(row)} values for {len(self.columns)} columns")


def neutralised(text: str) -> str:
    """Text a spreadsheet will show, never evaluate (for CSV)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True})
    dates = book.add_format({"num_format": DATE_FORMAT})
    stamps = book.add_format({"num_format": f"{DATE_FORMAT} hh:mm"})
    for sheet in sheets:
        page = book.add_worksheet(sheet.name)
        widths = [len(c) for c in sheet.columns]
        for col, heading in enumerate(sheet.columns):
            page.write_string(0, col, heading, bold)
        for r, row in enumerate(sheet.rows, start=1):
            for col, value in enumerate(row):
                widths[col] = max(widths[col], _write(page, r, col, value, dates, stamps))
        for col, width in enumerate(widths):
            page.set_column(col, col, min(width + 2, MAX_WIDTH))
        page.freeze_panes(1, 0)
        if sheet.columns:
            page.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.columns) - 1)
    book.close()
    return out.getvalue()


def _write(page, row: int, col: int, value: Any, dates, stamps) -> int:
    """Write one cell as its own type; returns the width it needs."""
    if value is None:
        page.write_blank(row, col, None)
        return 0
    if isinstance(value, bool):
        page.write_string(row, col, "Yes" if value else "No")
        return 3
    if isinstance(value, int | float):
        page.write_number(row, col, value)
        return len(f"{value:g}")
    if isinstance(value, dt.datetime):
        page.write_datetime(row, col, value.replace(tzinfo=None), stamps)
        return 16
    if isinstance(value, dt.date):
        page.write_datetime(row, col, dt.datetime.combine(value, dt.time()), dates)
        return 10
    text = safe_text(value)
    page.write_string(row, col, text)  # always a string: never a formula, whatever it starts with
    return len(text)


def csv_bytes(sheet: Sheet) -> bytes:
    """UTF-8 with a byte order mark (Excel then reads the accents right), dates dd/mm/yyyy."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralised(safe_text(c)) for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return neutralised(safe_text(value))


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> str:
    """Returns the SHA-256 of the file written."""
    return write_atomically(path, xlsx_bytes(sheets))


def write_csv(path: Path, sheet: Sheet) -> str:
    return write_atomically(path, csv_bytes(sheet))
