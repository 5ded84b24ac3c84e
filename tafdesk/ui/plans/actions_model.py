"""The SMART actions table: one row per action of the plan being edited.

Edits do not change the plan here: `setData` hands the change to `edit`,
which makes it an undoable command on the document; the document's signals
bring the new values back. The SMART check runs on every change, and a cell
with a problem is tinted, outlined (by the delegate) and explains itself in
its tooltip and PROBLEM_ROLE.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from tafdesk.models.enums import ActionStatus
from tafdesk.plans.content import ActionItem, Owner
from tafdesk.plans.smart import SmartProblem
from tafdesk.ui.colours import current
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.plans import edits
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.plans.labels import ACTION_STATUS_LABELS
from tafdesk.ui.plans.roles import ID_ROLE, NOT_TAKEN_ROLE, PROBLEM_ROLE, SORT_ROLE
from tafdesk.ui.text import day

COL_WHAT = 0
COL_OUTCOME = 1
COL_OWNER = 2
COL_START = 3
COL_DUE = 4
COL_MEASURE = 5
COL_STATUS = 6

COLUMN_FIELD = {
    COL_WHAT: "description",
    COL_OUTCOME: "outcome_id",
    COL_OWNER: "owner",
    COL_START: "starts_on",
    COL_DUE: "due_on",
    COL_MEASURE: "measure",
    COL_STATUS: "status",
}
FIELD_COLUMN = {field: column for column, field in COLUMN_FIELD.items()} | {"dropped_reason": COL_STATUS}
CLEARABLE = frozenset({COL_OUTCOME, COL_OWNER, COL_START, COL_DUE, COL_MEASURE})

EMPTY_ASKS = {COL_WHAT: "What?", COL_OWNER: "Who?", COL_DUE: "By when?", COL_MEASURE: "How will we know?"}

Index = QModelIndex | QPersistentModelIndex
Edit = Callable[[uuid.UUID, dict[str, Any], str], None]  # action id, new values, the undo text


class ActionsModel(QAbstractTableModel):
    HEADERS = ("What will be done", "Outcome", "Who", "Starts", "Due", "How we will know", "Status")
    HEADER_TIPS = {
        COL_OUTCOME: "The need area and outcome this action works towards",
        COL_OWNER: "A professional, an agency or a family member",
        COL_MEASURE: "How we will know it is done: what we will see",
        COL_STATUS: "Open, done, or dropped (with the reason)",
    }
    problems_changed = Signal()

    def __init__(self, document: PlanDocument, today: dt.date, edit: Edit, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._today = today
        self._edit = edit
        self._problems: list[SmartProblem] = []
        self._cells: dict[tuple[int, str], str] = {}  # (row, field) -> message
        # What a refused agreement said, or why typed text was not taken, until the cell is edited.
        self._refused: dict[tuple[int, str], str] = {}
        document.action_changed.connect(self._row_changed)
        document.actions_reset.connect(self._reset)
        document.outcome_changed.connect(self._outcomes_changed)
        document.replaced.connect(self._reset)
        document.content_changed.connect(self.recheck)
        self.recheck()

    # -- the SMART check -------------------------------------------------------

    def recheck(self) -> None:
        problems = edits.before_agreeing(self._document.content, self._today)
        cells: dict[tuple[int, str], str] = {}
        for p in problems:
            if p.action_index is not None:
                key = (p.action_index, p.field)
                cells[key] = f"{cells[key]} {p.message}" if key in cells else p.message
        changed = cells != self._cells or problems != self._problems
        self._problems, self._cells = problems, cells
        if changed:
            if self.rowCount():
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(self.rowCount() - 1, len(self.HEADERS) - 1),
                    [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, PROBLEM_ROLE],
                )
            self.problems_changed.emit()

    def problems(self) -> list[SmartProblem]:
        return list(self._problems)

    def set_refused(self, errors: dict[tuple[int, str], str]) -> None:
        """Problems the service gave when it refused to agree the plan."""
        self._refused = dict(errors)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self.HEADERS) - 1))

    def problem(self, row: int, column: int) -> str | None:
        fields = [f for f, c in FIELD_COLUMN.items() if c == column]
        messages = [m for f in fields for m in (self._cells.get((row, f)), self._refused.get((row, f))) if m]
        return " ".join(dict.fromkeys(messages)) or None

    # -- QAbstractTableModel -------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._document.content.actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.rowCount():
                return str(section + 1)
            return None
        if not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsEditable if self._document.editable else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        action = self._document.action(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._display(action, column)
            return EMPTY_ASKS.get(column, "") if not text and self.problem(index.row(), column) else text
        if role == Qt.ItemDataRole.EditRole:
            return (
                (action.status, action.dropped_reason)
                if column == COL_STATUS
                else getattr(action, COLUMN_FIELD[column])
            )
        if role == PROBLEM_ROLE:
            return self.problem(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(action, index.row(), column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(current().error.tint) if self.problem(index.row(), column) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.problem(index.row(), column) and not self._display(action, column):
                return QColor(current().error.ink)
            return QColor(current().muted) if action.status is not ActionStatus.OPEN else None
        if role == SORT_ROLE:
            return self._sort_key(action, column)
        if role == ID_ROLE:
            return action.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self._document.editable:
            return False
        if role == NOT_TAKEN_ROLE:
            self._refused[(index.row(), COLUMN_FIELD[index.column()])] = str(value)
            self.dataChanged.emit(index, index)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        if self._refused.pop((index.row(), COLUMN_FIELD[index.column()]), None) is not None:
            self.dataChanged.emit(index, index)  # edited again: what was said before goes
        action = self._document.action(index.row())
        changes = self._changes(action, index.column(), value)
        changes = {name: v for name, v in changes.items() if getattr(action, name) != v}
        if not changes:
            return False
        for name in changes:
            self._refused.pop((index.row(), name), None)
        self._edit(action.id, changes, f"Change “{self.HEADERS[index.column()].lower()}” of action {index.row() + 1}")
        return True

    def clear(self, index: Index) -> bool:
        """Empty a cell that may be empty (Delete in the table)."""
        if index.column() not in CLEARABLE:
            return False
        return self.setData(index, "" if index.column() == COL_MEASURE else None)

    # -- cells -------------------------------------------------------------------------

    def _changes(self, action: ActionItem, column: int, value: Any) -> dict[str, Any]:
        if column in (COL_WHAT, COL_MEASURE):
            return {COLUMN_FIELD[column]: edits.cell_text(COLUMN_FIELD[column], str(value or ""))}
        if column == COL_STATUS:
            status, reason = value if isinstance(value, tuple) else (value, action.dropped_reason)
            return edits.status_change(ActionStatus(status), reason)
        if column == COL_OWNER:
            return {"owner": value if isinstance(value, Owner) else None}
        if column == COL_OUTCOME:
            return {"outcome_id": value if isinstance(value, uuid.UUID) else None}
        if column in (COL_START, COL_DUE):
            return {COLUMN_FIELD[column]: value if isinstance(value, dt.date) else None}
        return {}

    def _display(self, action: ActionItem, column: int) -> str:
        if column == COL_WHAT:
            return action.description
        if column == COL_OUTCOME:
            outcome = self._document.outcome_by_id(action.outcome_id)
            return NEED_AREA_SHORT[outcome.area] if outcome else ""
        if column == COL_OWNER:
            return action.owner.label if action.owner else ""
        if column == COL_START:
            return day(action.starts_on)
        if column == COL_DUE:
            return day(action.due_on)
        if column == COL_MEASURE:
            return action.measure or ""
        if column == COL_STATUS:
            return ACTION_STATUS_LABELS[action.status]
        return ""

    def _tooltip(self, action: ActionItem, row: int, column: int) -> str | None:
        problem = self.problem(row, column)
        if column == COL_STATUS and action.dropped_reason:
            text = f"Dropped: {action.dropped_reason}"
        elif column == COL_OUTCOME:
            outcome = self._document.outcome_by_id(action.outcome_id)
            text = (
                f"{outcome.area.label}: {outcome.outcome_wanted or outcome.need}"
                if outcome
                else "Not linked to an outcome"
            )
        else:
            text = self._display(action, column) if column in (COL_WHAT, COL_OWNER, COL_MEASURE) else ""
        if problem:
            return f"{problem}\n\n{text}".strip() if text else problem
        return text or None

    def _sort_key(self, action: ActionItem, column: int) -> Any:
        if column in (COL_START, COL_DUE):
            return getattr(action, COLUMN_FIELD[column]) or dt.date.max
        return self._display(action, column).casefold()

    # -- the document changed ---------------------------------------------------------

    def _row_changed(self, row: int) -> None:
        if 0 <= row < self.rowCount():
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    def _outcomes_changed(self, _row: int) -> None:
        """An outcome's area shows in its actions' rows."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, COL_OUTCOME), self.index(self.rowCount() - 1, COL_OUTCOME))

    def _reset(self) -> None:
        self.beginResetModel()
        self._refused.clear()
        self.endResetModel()
