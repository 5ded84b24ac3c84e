"""The chosen agency's professionals for this family, best placed first:
each one's caseload before and after taking the family, suitability score
and the reasons for it, and whether the chair has picked them as lead (★)
or as a member of the Team Around the Family (✓)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from tafdesk.allocation.candidates import Ranked
from tafdesk.ui.colours import current
from tafdesk.ui.meetings.roles import AFTER_ROLE, DETAIL_ROLE, RATIO_ROLE, STATE_ROLE
from tafdesk.ui.meetings.table_model import RowsTableModel

COL_ROLE = 0
COL_NAME = 1  # the name, and beneath it why they score as they do
COL_CAPACITY = 2
COL_SCORE = 3

BASE_REASON = "active, here on the day and within capacity"


def reasons_text(ranked: Ranked) -> str:
    """'+20 specialisms match education · +12 …', the blocking reason first."""
    parts = []
    if ranked.blocked:
        parts.append(f"Not available: {ranked.blocked}")
    elif ranked.over_capacity:
        parts.append("Over capacity: needs the chair's reason")
    for reason in ranked.reasons:
        if reason.text == BASE_REASON or round(reason.points) == 0:
            continue  # every eligible candidate has the first; the score includes it
        parts.append(f"{reason.points:+.0f} {reason.text}")
    return " · ".join(parts)


class CandidateModel(RowsTableModel[Ranked]):
    HEADERS = ("", "Professional, and why", "Caseload", "Score")
    HEADER_TIPS = {
        COL_ROLE: "★ lead professional, ✓ member of the Team Around the Family",
        COL_NAME: "The points each reason adds to the score",
        COL_CAPACITY: "Caseload as a share of capacity now → after leading this family; the mark is 100%",
        COL_SCORE: "Suitability: 40 for anyone available within capacity, plus the points in Why",
    }
    NUMERIC_COLUMNS = frozenset({COL_SCORE})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.weight = 0.0  # the family's weight in caseload points
        self.lead: uuid.UUID | None = None
        self.team: set[uuid.UUID] = set()

    def key(self, row: Ranked) -> object:
        return row.candidate.key

    def set_candidates(self, rows: list[Ranked], weight: float) -> None:
        self.weight = weight
        self.set_rows(rows)

    def set_marks(self, lead: uuid.UUID | None, team: set[uuid.UUID]) -> None:
        self.lead, self.team = lead, set(team)
        self.refresh_all()

    def mark(self, row: Ranked) -> str:
        if row.candidate.key == self.lead:
            return "★ Lead"
        return "✓ TAF" if row.candidate.key in self.team else ""

    def display(self, row: Ranked, column: int) -> str:
        if column == COL_ROLE:
            return self.mark(row)
        if column == COL_NAME:
            return row.candidate.name
        if column == COL_CAPACITY:
            load = row.candidate.load
            return f"{load.utilisation:.0%} → {load.plus(self.weight).utilisation:.0%}"
        if column == COL_SCORE:
            return f"{row.score:.0f}" if row.eligible else "—"
        return ""

    def sort_key(self, row: Ranked, column: int) -> Any:
        if column == COL_SCORE:
            return row.score if row.eligible else -1.0
        if column == COL_CAPACITY:
            return row.candidate.load.utilisation
        return super().sort_key(row, column)

    def tooltip(self, row: Ranked, column: int) -> str | None:
        if column == COL_CAPACITY:
            load = row.candidate.load
            return (
                f"{load.load:.1f} of {load.capacity:.1f} points now; this family adds {self.weight:.1f}, "
                f"leaving {load.plus(self.weight).headroom:.1f}"
            )
        if column == COL_NAME:
            return "\n".join(f"{r.points:+.1f}  {r.text}" for r in row.reasons) or None
        return self.display(row, column) or None

    def extra(self, row: Ranked, column: int, role: int) -> Any:
        load = row.candidate.load
        if column == COL_CAPACITY and role == RATIO_ROLE:
            return load.utilisation
        if column == COL_CAPACITY and role == AFTER_ROLE:
            return load.plus(self.weight).utilisation
        if role == DETAIL_ROLE and column == COL_NAME:
            return reasons_text(row)
        if role == STATE_ROLE:
            return "lead" if row.candidate.key == self.lead else ("team" if row.candidate.key in self.team else "")
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.eligible:
                return QColor(current().muted)
            if row.over_capacity:
                return QColor(current().load_over)
        if role == Qt.ItemDataRole.FontRole and (column == COL_ROLE or (column == COL_NAME and self.mark(row))):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_NAME:
            mark = self.mark(row)
            return f"{row.candidate.name}{', ' + mark if mark else ''}, score {row.score:.0f}"
        return None
