"""The needs and outcomes table: one row per need the plan addresses, in one
of the ten headline areas, with the outcome the family wants. Edits become
undoable commands, as in the actions table."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from tafdesk.models.enums import NEED_AREA_ORDER, NeedArea
from tafdesk.ui.colours import current
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.plans import edits
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.plans.roles import ID_ROLE, SORT_ROLE

COL_AREA = 0
COL_NEED = 1
COL_WANTED = 2
COL_ACTIONS = 3

COLUMN_FIELD = {COL_AREA: "area", COL_NEED: "need", COL_WANTED: "outcome_wanted"}

Index = QModelIndex | QPersistentModelIndex
Edit = Callable[[uuid.UUID, dict[str, Any], str], None]


class OutcomesModel(QAbstractTableModel):
    HEADERS = ("Area", "The need", "The outcome the family wants", "Actions")
    EMPTY = {COL_NEED: "Describe the need", COL_WANTED: "Say what the family wants to be different"}

    def __init__(self, document: PlanDocument, edit: Edit, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._edit = edit
        document.outcomes_changed.connect(self._reset)
        document.outcome_changed.connect(self._row_changed)
        document.actions_reset.connect(self._counts_changed)
        document.action_changed.connect(lambda _row: self._counts_changed())
        document.replaced.connect(self._reset)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._document.content.outcomes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < self.rowCount() else None
        return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self._document.editable and index.column() in COLUMN_FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        outcome = self._document.outcome(index.row())
        column = index.column()
        empty = column in self.EMPTY and not getattr(outcome, COLUMN_FIELD[column]).strip()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_AREA:
                return NEED_AREA_SHORT[outcome.area]
            if column == COL_ACTIONS:
                return str(self._action_count(outcome.id))
            return self.EMPTY[column] if empty and self._document.editable else getattr(outcome, COLUMN_FIELD[column])
        if role == Qt.ItemDataRole.EditRole:
            return getattr(outcome, COLUMN_FIELD[column]) if column in COLUMN_FIELD else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_AREA:
                return outcome.area.label
            if column in (COL_NEED, COL_WANTED) and not empty:
                return getattr(outcome, COLUMN_FIELD[column])
            return None
        if role == Qt.ItemDataRole.ForegroundRole and empty:
            return QColor(current().muted)
        if role == Qt.ItemDataRole.FontRole and empty:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ACTIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            if column == COL_AREA:
                return NEED_AREA_ORDER[outcome.area]
            if column == COL_ACTIONS:
                return self._action_count(outcome.id)
            return getattr(outcome, COLUMN_FIELD[column]).casefold()
        if role == ID_ROLE:
            return outcome.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in COLUMN_FIELD:
            return False
        if not self._document.editable:
            return False
        outcome = self._document.outcome(index.row())
        name = COLUMN_FIELD[index.column()]
        new = NeedArea(value) if name == "area" else edits.cell_text(name, str(value or ""))
        if getattr(outcome, name) == new:
            return False
        self._edit(
            outcome.id, {name: new}, f"Change “{self.HEADERS[index.column()].lower()}” of outcome {index.row() + 1}"
        )
        return True

    def _action_count(self, outcome_id: uuid.UUID) -> int:
        return sum(1 for a in self._document.content.actions if a.outcome_id == outcome_id)

    def _counts_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, COL_ACTIONS), self.index(self.rowCount() - 1, COL_ACTIONS))

    def _row_changed(self, row: int) -> None:
        if 0 <= row < self.rowCount():
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()
