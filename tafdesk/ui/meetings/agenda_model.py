"""The agenda: one row per family, in the order the group takes them.
Rows can be dragged to a new place; the model does not move them itself but
asks (`move_requested`), so that the move is one undoable command that goes
through the service and comes back as a fresh agenda."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from tafdesk.models.enums import AgendaStatus
from tafdesk.services.meetings import AgendaRow
from tafdesk.ui.colours import current
from tafdesk.ui.meetings.labels import KIND_LABELS, OUTCOME_DONE
from tafdesk.ui.meetings.roles import DETAIL_ROLE, STATE_ROLE
from tafdesk.ui.meetings.table_model import Index, RowsTableModel

COL_POSITION = 0
COL_FAMILY = 1
COL_CASE = 2
COL_KIND = 3
COL_DECISION = 4
COL_REASON = 5

MIME_TYPE = "application/x-tafdesk-agenda-row"


def decision_text(row: AgendaRow) -> str:
    if row.status is AgendaStatus.DECIDED:
        return OUTCOME_DONE[row.outcome] if row.outcome else "Decided"
    return "To decide"


class AgendaModel(RowsTableModel[AgendaRow]):
    HEADERS = ("#", "Family", "Case", "Kind", "Decision", "Why it is here")
    HEADER_TIPS = {COL_POSITION: "Order on the agenda", COL_REASON: "Why a deferred or review item is on the agenda"}
    NUMERIC_COLUMNS = frozenset({COL_POSITION})

    move_requested = Signal(int, int)  # from row, to row (the row's place after the move)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.movable = True

    def display(self, row: AgendaRow, column: int) -> str:
        if column == COL_POSITION:
            return str(self._rows.index(row) + 1)
        if column == COL_FAMILY:
            return row.family_name
        if column == COL_CASE:
            return row.case_reference
        if column == COL_KIND:
            return KIND_LABELS[row.kind]
        if column == COL_DECISION:
            return decision_text(row)
        if column == COL_REASON:
            return row.reason or ""
        return ""

    def sort_key(self, row: AgendaRow, column: int) -> Any:
        if column == COL_POSITION:
            return self._rows.index(row)
        return super().sort_key(row, column)

    def tooltip(self, row: AgendaRow, column: int) -> str | None:
        if column == COL_REASON and row.reason:
            return row.reason
        if column == COL_FAMILY:
            decided = f"; {decision_text(row)}" if row.status is AgendaStatus.DECIDED else ""
            return f"The {row.family_name} family ({row.case_reference}): {KIND_LABELS[row.kind].lower()}{decided}"
        return None

    def extra(self, row: AgendaRow, column: int, role: int) -> Any:
        decided = row.status is AgendaStatus.DECIDED
        if role == STATE_ROLE:
            return "decided" if decided else "pending"
        if role == DETAIL_ROLE:
            return f"{row.case_reference} · {decision_text(row) if decided else KIND_LABELS[row.kind]}"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_DECISION and decided:
            return QColor(current().ok.ink)
        if role == Qt.ItemDataRole.FontRole and column == COL_DECISION and decided:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_FAMILY:
            return f"{row.family_name}, {decision_text(row)}"
        return None

    # -- dragging a row to a new place --------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.movable else flags
        return flags | Qt.ItemFlag.ItemIsDragEnabled if self.movable else flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(str(rows[0] if rows else -1).encode()))
        return data

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return self.movable and data.hasFormat(MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        source = int(bytes(data.data(MIME_TYPE).data()).decode() or -1)
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        if target > source:
            target -= 1  # the row's place once it has left its old one
        if 0 <= source < len(self._rows) and source != target:
            self.move_requested.emit(source, max(0, min(target, len(self._rows) - 1)))
        return False  # the new agenda comes back from the service; the view removes nothing


def moved(ids: list, source: int, target: int) -> list:
    """The ids with the one at source moved to target."""
    result = list(ids)
    result.insert(target, result.pop(source))
    return result
