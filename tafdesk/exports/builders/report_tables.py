"""A report as a plain document of tables (`tafdesk report … --out FILE.pdf`):
a title, what the report covers, then each table under its name, the same
tables the spreadsheets hold (tafdesk/exports/spreadsheet.Sheet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from tafdesk.exports.document import Document, DocumentBuilder, Metadata
from tafdesk.exports.spreadsheet import Sheet

WIDE = 6  # columns: a document with a wider table is printed landscape


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return f"{value.day} {value:%b %Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%b %Y}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def widths(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[float, ...]:
    """Wider columns for longer text: a name or a reason more than a count."""

    def longest(n: int) -> int:
        return max(len(text) for text in (columns[n], *(row[n] for row in rows)))

    return tuple(min(4.0, max(1.0, longest(n) / 9)) for n in range(len(columns)))


def build_report_tables(
    title: str,
    facts: Sequence[tuple[str, str]],
    sheets: Sequence[Sheet],
    *,
    author: str,
    notes: Mapping[str, str] | None = None,
) -> Document:
    """`notes`: a sentence to print under a table's name (by sheet name), saying what it counts."""
    doc = DocumentBuilder()
    doc.heading(title, 1)
    doc.labels(facts)
    for sheet in sheets:
        doc.heading(sheet.name, 2)
        doc.para((notes or {}).get(sheet.name, f"{len(sheet.rows)} rows."), "small")
        if sheet.rows:
            rows = [[cell(v) for v in row] for row in sheet.rows]
            doc.table(sheet.columns, rows, widths(sheet.columns, rows))
        else:
            doc.para("Nothing to show for this period.", "small")
    meta = Metadata(title=title, author=author, subject="Report", keywords=("report", title))
    wide = any(len(sheet.columns) > WIDE for sheet in sheets)
    return doc.build(meta, marking="OFFICIAL-SENSITIVE", landscape=wide)
