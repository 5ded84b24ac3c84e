"""Table models for a case's notes and its family's chronology."""

from __future__ import annotations

import datetime as dt

from tafdesk.services.case_notes import NoteView
from tafdesk.services.chronology import Entry
from tafdesk.ui.table_model import ReadOnlyTableModel


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


class NotesModel(ReadOnlyTableModel[NoteView]):
    HEADERS = ("Date", "Type", "Children seen", "Summary", "Restricted", "Written by")

    def display(self, row: NoteView, column: int) -> str:
        if column == 0:
            return _day(row.contact_on)
        if column == 1:
            return row.type_words + (" (corrected)" if row.is_correction else "")
        if column == 2:
            return "; ".join(c.words for c in row.children) or "—"
        if column == 3:
            return row.summary.replace("\n", " ")
        if column == 4:
            return "Restricted" if row.restricted else ""
        if column == 5:
            return row.written_by
        return ""

    def sort_key(self, row: NoteView, column: int):
        return row.contact_on.toordinal() if column == 0 else super().sort_key(row, column)

    def tooltip(self, row: NoteView, column: int) -> str | None:
        parts = [row.summary]
        if row.follow_ups:
            parts.append(f"Follow-ups: {row.follow_ups}")
        if row.correction_reason:
            parts.append(f"Corrected: {row.correction_reason}")
        return "\n\n".join(parts)


class ChronologyModel(ReadOnlyTableModel[Entry]):
    HEADERS = ("Date", "Type", "What happened", "Restricted")

    def display(self, row: Entry, column: int) -> str:
        if column == 0:
            return _day(row.on)
        if column == 1:
            return row.type.value
        if column == 2:
            return row.summary.replace("\n", " ")
        if column == 3:
            return "Restricted" if row.restricted else ""
        return ""

    def sort_key(self, row: Entry, column: int):
        return row.on.toordinal() if column == 0 else super().sort_key(row, column)

    def tooltip(self, row: Entry, column: int) -> str | None:
        return row.summary if column == 2 else None
