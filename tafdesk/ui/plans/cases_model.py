"""The cases table: a lead professional's own cases (or a locality's, for
managers), most urgent first, with red and amber cues that also say in
words what is late. Read-only; a proxy searches and sorts it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from tafdesk.models.enums import PlanStatus
from tafdesk.services.my_cases import MyCase
from tafdesk.ui.colours import Tone, current
from tafdesk.ui.plans.labels import plan_state
from tafdesk.ui.plans.roles import ID_ROLE, SEARCH_ROLE, SORT_ROLE, URGENCY_ROLE
from tafdesk.ui.table_model import Index, ReadOnlyTableModel
from tafdesk.ui.text import day, plural

COL_FAMILY = 0
COL_REFERENCE = 1
COL_ROLE = 2
COL_PLAN = 3
COL_NEXT_REVIEW = 4
COL_REVIEW = 5
COL_OVERDUE = 6
COL_OPEN = 7
COL_PROMISES = 8

SOON_DAYS = 7


def tone(late: bool) -> Tone:
    """A late review or plan in the error tone; one due soon in the warning tone."""
    return current().error if late else current().warn


def urgency_colour(kind: str) -> QColor | None:
    """The bar at the start of a row that needs attention ("late", "soon")."""
    colours = current()
    return {"late": QColor(colours.load_over), "soon": QColor(colours.load_near)}.get(kind)


def review_text(row: MyCase, today: dt.date) -> str:
    if row.review_overdue_days > 0:
        return f"{plural(row.review_overdue_days, 'day')} overdue"
    if row.next_review_on is None:
        return "Not agreed yet" if row.plan_status is PlanStatus.DRAFT else ""
    days = (row.next_review_on - today).days
    return "Due today" if days == 0 else f"Due in {plural(days, 'day')}"


def urgency(row: MyCase, today: dt.date) -> str:
    """ "late" (a review or an action overdue), "soon" (no plan, or a review within a week) or ""."""
    if row.review_overdue_days > 0 or row.overdue_actions > 0:
        return "late"
    if row.plan_status is None or (row.next_review_on and (row.next_review_on - today).days <= SOON_DAYS):
        return "soon"
    return ""


class CasesModel(ReadOnlyTableModel[MyCase]):
    HEADERS = (
        "Family",
        "Case",
        "Your role",
        "Plan",
        "Next review",
        "Review",
        "Actions late",
        "Open",
        "Contact and plan",
    )
    HEADER_TIPS = {
        COL_OVERDUE: "Open actions past their due date",
        COL_OPEN: "Open actions",
        COL_REVIEW: "When the next TAF review is due, or how late it is",
        COL_PROMISES: "The allocation letter's promises: contact within 5 working days, a plan within 20",
    }
    NUMERIC_COLUMNS = frozenset({COL_OVERDUE, COL_OPEN})

    def __init__(self, today: dt.date, *, show_lead: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.show_lead = show_lead

    def set_rows(self, rows: Sequence[MyCase], *, show_lead: bool | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if show_lead is not None:
            self.show_lead = show_lead
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_ROLE, COL_ROLE)

    def row_of(self, case_id: uuid.UUID) -> int:
        return next((n for n, r in enumerate(self._rows) if r.case_id == case_id), -1)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == COL_ROLE and role == Qt.ItemDataRole.DisplayRole:
            return "Lead professional" if self.show_lead else self.HEADERS[section]
        return super().headerData(section, orientation, role)

    def extra(self, row: MyCase, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return self._cue(row, column, role)
        if role == URGENCY_ROLE:
            return urgency(row, self._today)
        if role == ID_ROLE:
            return row.case_id
        if role == SEARCH_ROLE:
            return f"{row.family_name}\n{row.case_reference}\n{getattr(row, 'lead_name', '')}".casefold()
        return None

    def display(self, row: MyCase, column: int) -> str:
        if column == COL_FAMILY:
            return row.family_name
        if column == COL_REFERENCE:
            return row.case_reference
        if column == COL_ROLE:
            return (getattr(row, "lead_name", "") or "Nobody yet") if self.show_lead else row.role
        if column == COL_PLAN:
            return plan_state(row.plan_status, row.plan_version, short=True)
        if column == COL_NEXT_REVIEW:
            return day(row.next_review_on)
        if column == COL_REVIEW:
            return review_text(row, self._today)
        if column == COL_OVERDUE:
            return str(row.overdue_actions) if row.overdue_actions else "–"
        if column == COL_OPEN:
            return str(row.open_actions)
        if column == COL_PROMISES:
            return row.promise_summary or "—"
        return ""

    def sort_key(self, row: MyCase, column: int) -> Any:
        if column == COL_NEXT_REVIEW:
            return (row.next_review_on or dt.date.max).toordinal()
        if column == COL_REVIEW:
            return (row.next_review_on or dt.date.max).toordinal() - row.review_overdue_days * 1_000_000
        if column == COL_OVERDUE:
            return row.overdue_actions
        if column == COL_OPEN:
            return row.open_actions
        return self.display(row, column).casefold()

    def _cue(self, row: MyCase, column: int, role: int) -> Any:
        late = (
            (column == COL_REVIEW and row.review_overdue_days > 0)
            or (column == COL_OVERDUE and row.overdue_actions > 0)
            or (column == COL_PROMISES and row.promise_summary.startswith("Overdue"))
        )
        review_soon = row.next_review_on is not None and 0 <= (row.next_review_on - self._today).days <= SOON_DAYS
        soon = (column == COL_PLAN and row.plan_status is None) or (column == COL_REVIEW and not late and review_soon)
        if not (late or soon):
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(tone(late).tint)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(tone(late).ink)
        font = QFont()
        font.setBold(True)
        return font

    def tooltip(self, row: MyCase, column: int) -> str | None:
        if column in (COL_FAMILY, COL_ROLE):
            return self.display(row, column) or None
        if column == COL_OVERDUE and row.overdue_actions:
            return f"{plural(row.overdue_actions, 'open action')} past the due date"
        if column == COL_REVIEW and row.review_overdue_days:
            return f"The review was due on {day(row.next_review_on)}"
        if column == COL_PROMISES and row.promises:
            return "\n".join(p.words for p in row.promises)
        if column == COL_PLAN:
            return (
                "Start the family's plan" if row.plan_status is None else plan_state(row.plan_status, row.plan_version)
            )
        return None


class CasesProxy(QSortFilterProxyModel):
    """Every word typed must appear in the family's name, case reference or
    lead; optionally only the cases needing attention."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._attention = False
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = tuple(text.casefold().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_attention_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._attention = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._attention and not index.data(URGENCY_ROLE):
            return False
        haystack = index.data(SEARCH_ROLE) or ""
        return all(word in haystack for word in self._words)
