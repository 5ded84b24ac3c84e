"""A read-only table of directory records (frozen dataclasses with `id` and
`active`). Subclasses name the columns and say what each cell shows."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from tafdesk.ui.directory.roles import ACTIVE_ROLE, ID_ROLE, SEARCH_ROLE, SORT_ROLE

R = TypeVar("R")

INACTIVE_TEXT = QColor("#6b7785")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel, Generic[R]):
    HEADERS: ClassVar[tuple[str, ...]] = ()
    HEADER_TIPS: ClassVar[dict[int, str]] = {}
    NUMERIC_COLUMNS: ClassVar[frozenset[int]] = frozenset()
    NOUN: ClassVar[tuple[str, str]] = ("record", "records")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._records: list[R] = []
        self._rows: dict[uuid.UUID, int] = {}
        self._search: list[str] = []

    # -- contents ---------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._rows = {record.id: row for row, record in enumerate(self._records)}
        self._search = [self.search_text(record).casefold() for record in self._records]
        self.endResetModel()

    def records(self) -> list[R]:
        return list(self._records)

    def record(self, row: int) -> R:
        return self._records[row]

    def row_of(self, record_id: uuid.UUID) -> int:
        return self._rows.get(record_id, -1)

    def record_by_id(self, record_id: uuid.UUID) -> R | None:
        row = self.row_of(record_id)
        return self._records[row] if row >= 0 else None

    # -- what subclasses say ----------------------------------------------

    def display(self, record: R, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, record: R, column: int) -> Any:
        return self.display(record, column).casefold()

    def tooltip(self, record: R, column: int) -> str | None:
        return None

    def extra(self, record: R, column: int, role: int) -> Any:
        return None

    def search_text(self, record: R) -> str:
        raise NotImplementedError

    # -- QAbstractTableModel ----------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in self.NUMERIC_COLUMNS else _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(record, column)
        if role == SORT_ROLE:
            return self.sort_key(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.NUMERIC_COLUMNS else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if record.active else INACTIVE_TEXT
        if role == ID_ROLE:
            return record.id
        if role == ACTIVE_ROLE:
            return record.active
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        return self.extra(record, column, role)
