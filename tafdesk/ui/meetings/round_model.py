"""The agency round as a table: one row per agency at the table."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from tafdesk.ui.colours import current
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.meetings.agency_round import RoundRow
from tafdesk.ui.meetings.roles import RATIO_ROLE, STATE_ROLE
from tafdesk.ui.meetings.table_model import RowsTableModel
from tafdesk.ui.text import and_list, number, plural

COL_AGENCY = 0
COL_INVOLVEMENT = 1
COL_SKILLS = 2
COL_HEADROOM = 3
COL_BEST = 4

INVOLVEMENT_WORDS = {"current": "Working with them now", "historic": "Known before"}


class AgencyRoundModel(RowsTableModel[RoundRow]):
    HEADERS = ("Agency", "Involved", "Skills", "Headroom", "Best placed")
    HEADER_TIPS = {
        COL_INVOLVEMENT: "The agency's involvement, from the 360° profile",
        COL_SKILLS: "The family's need areas that the agency's professionals here specialise in",
        COL_HEADROOM: "The agency's professionals in this locality together: caseload as a share of capacity",
        COL_BEST: "Its best-placed professional within capacity, with the suitability score; "
        "“None free” when everyone would go over capacity",
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.team: set[uuid.UUID] = set()  # agencies ticked as TAF members
        self.ranked = True  # False for a family already decided: nobody is ranked for it

    def display(self, row: RoundRow, column: int) -> str:
        if column == COL_AGENCY:
            mark = "✓ " if row.agency_id in self.team else ""
            return f"{mark}{row.agency}" + ("" if row.at_table else " (not here)")
        if column == COL_INVOLVEMENT:
            if row.involvement is None:
                return "—"
            who = f": {and_list(list(row.involved_with))}" if row.involved_with else ""
            return INVOLVEMENT_WORDS[row.involvement] + who + (" · Restricted" if row.restricted else "")
        if column == COL_SKILLS:
            if not row.needs:
                return "—"
            areas = ", ".join(NEED_AREA_SHORT[a].lower() for a in row.matched)
            return f"{len(row.matched)} of {row.needs}" + (f": {areas}" if areas else "")
        if column == COL_HEADROOM:
            if not row.professionals:
                return "No one here"
            return f"{number(round(max(row.headroom, 0), 1))} pts"
        if column == COL_BEST:
            if not self.ranked:
                return "—"
            return f"{row.best.candidate.name} · {row.best.score:.0f}" if row.best else "None free"
        return ""

    def sort_key(self, row: RoundRow, column: int) -> Any:
        if column == COL_HEADROOM:
            return row.headroom
        if column == COL_BEST:
            return row.best.score if row.best else -1.0
        if column == COL_SKILLS:
            return len(row.matched)
        return super().sort_key(row, column)

    def tooltip(self, row: RoundRow, column: int) -> str | None:
        if column == COL_AGENCY:
            return f"{row.agency} ({'core' if row.core else 'associate'} member). {row.attendance}."
        if column == COL_HEADROOM and row.professionals:
            return (
                f"{plural(row.professionals, 'professional')} here: {number(row.load)} of "
                f"{number(row.capacity)} points used; {number(row.headroom)} free"
            )
        if column == COL_INVOLVEMENT and row.restricted:
            return "Restricted information: for the Case Management Group only, never in letters or circulated minutes"
        return self.display(row, column)

    def extra(self, row: RoundRow, column: int, role: int) -> Any:
        if role == RATIO_ROLE and column == COL_HEADROOM and row.professionals:
            return row.utilisation
        if role == STATE_ROLE:
            return "team" if row.agency_id in self.team else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_INVOLVEMENT and row.restricted:
                return QColor(current().restricted.ink)
            if not row.at_table:
                return QColor(current().muted)
        if role == Qt.ItemDataRole.FontRole and (
            (column == COL_INVOLVEMENT and row.involvement == "current")
            or (column == COL_AGENCY and row.agency_id in self.team)
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None
