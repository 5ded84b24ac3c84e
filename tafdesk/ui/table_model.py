"""The read-only table models tafdesk's screens share.

`ReadOnlyTableModel` holds a list of rows and answers Qt's table questions
(row and column counts, selectable-but-not-editable flags, header text, tips
and alignment). Subclasses name the columns in HEADERS and say what a cell
shows through small hooks: `display` (DisplayRole), `sort_key` (SORT_ROLE,
the display text casefolded unless told otherwise), `tooltip` (ToolTipRole)
and `extra` (any other role). HEADER_TIPS gives header tooltips and
NUMERIC_COLUMNS the right-aligned columns; set ALIGNED = False to leave
TextAlignmentRole to the view.

`RecordTableModel` adds lookups by id, the search text and the greyed-out
inactive rows of the directory's records (frozen dataclasses with `id` and
`active`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from tafdesk.ui.colours import current
from tafdesk.ui.directory.roles import ACTIVE_ROLE, ID_ROLE, SEARCH_ROLE, SORT_ROLE

R = TypeVar("R")


class Record(Protocol):
    """What a RecordTableModel's rows have."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def active(self) -> bool: ...


Rec = TypeVar("Rec", bound=Record)
Index = QModelIndex | QPersistentModelIndex

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def inactive_text() -> QColor:
    """The ink of a row that is no longer active."""
    return QColor(current().muted)


class ReadOnlyTableModel(QAbstractTableModel, Generic[R]):
    HEADERS: ClassVar[tuple[str, ...]] = ()
    HEADER_TIPS: ClassVar[dict[int, str]] = {}
    NUMERIC_COLUMNS: ClassVar[frozenset[int]] = frozenset()
    ALIGNED: ClassVar[bool] = True  # answer TextAlignmentRole (left, or right for NUMERIC_COLUMNS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    # -- contents ---------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row(self, number: int) -> R:
        return self._rows[number]

    def row_at(self, index: Index) -> R | None:
        """The row an index points at, or None if it points at none."""
        return self._rows[index.row()] if index.isValid() and 0 <= index.row() < len(self._rows) else None

    def refresh_all(self) -> None:
        """Every cell may show something else (marks kept outside the rows changed)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    # -- what subclasses say ----------------------------------------------

    def display(self, row: R, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, row: R, column: int) -> Any:
        return self.display(row, column).casefold()

    def tooltip(self, row: R, column: int) -> str | None:
        return None

    def extra(self, row: R, column: int, role: int) -> Any:
        return None

    def _alignment(self, column: int) -> int | None:
        if not self.ALIGNED:
            return None
        return RIGHT if column in self.NUMERIC_COLUMNS else LEFT

    # -- QAbstractTableModel ----------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.ALIGNED:
            return self._alignment(column)
        return self.extra(row, column, role)  # noqa: S610 (our hook, not Django's)


class RecordTableModel(ReadOnlyTableModel[Rec]):
    """Directory records: rows found by id, a casefolded SEARCH_ROLE text and
    inactive records greyed out."""

    NOUN: ClassVar[tuple[str, str]] = ("record", "records")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: dict[uuid.UUID, int] = {}
        self._search: list[str] = []

    def set_records(self, records: Sequence[Rec]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self._ids = {record.id: row for row, record in enumerate(self._rows)}
        self._search = [self.search_text(record).casefold() for record in self._rows]
        self.endResetModel()

    def records(self) -> list[Rec]:
        return self.rows()

    def record(self, row: int) -> Rec:
        return self._rows[row]

    def row_of(self, record_id: uuid.UUID) -> int:
        return self._ids.get(record_id, -1)

    def record_by_id(self, record_id: uuid.UUID) -> Rec | None:
        row = self.row_of(record_id)
        return self._rows[row] if row >= 0 else None

    def search_text(self, record: Rec) -> str:
        raise NotImplementedError

    def search_key(self, row: int) -> str:
        """The casefolded search text of a row, for filters to read directly."""
        return self._search[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.row_at(index)
        if record is not None:
            if role == Qt.ItemDataRole.ForegroundRole:
                return None if record.active else inactive_text()
            if role == ID_ROLE:
                return record.id
            if role == ACTIVE_ROLE:
                return record.active
            if role == SEARCH_ROLE:
                return self._search[index.row()]
        return super().data(index, role)
