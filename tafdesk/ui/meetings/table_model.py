"""The meeting screens' read-only tables: the shared ReadOnlyTableModel with
each row's id answering KEY_ROLE, as the Directory's tables answer ID_ROLE."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tafdesk.ui.meetings.roles import KEY_ROLE
from tafdesk.ui.table_model import Index, R, ReadOnlyTableModel

__all__ = ["Index", "RowsTableModel"]


class RowsTableModel(ReadOnlyTableModel[R]):
    def key(self, row: R) -> object:
        return getattr(row, "id", None)

    def row_of(self, key: object) -> int:
        return next((n for n, row in enumerate(self._rows) if self.key(row) == key), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == KEY_ROLE:
            row = self.row_at(index)
            return None if row is None else self.key(row)
        return super().data(index, role)
