"""Search and filters over a directory table: every word typed must appear
somewhere in the row, and each chosen filter must match."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from tafdesk.ui.directory.roles import SEARCH_ROLE, SORT_ROLE


class DirectoryFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._required: dict[int, Any] = {}
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def search(self) -> str:
        return " ".join(self._words)

    def set_required(self, role: int, value: Any) -> None:
        """Keep only rows whose `role` data equals value; None removes the filter."""
        if self._required.get(role) == value:
            return
        self.beginFilterChange()
        if value is None:
            self._required.pop(role, None)
        else:
            self._required[role] = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def required(self, role: int) -> Any:
        return self._required.get(role)

    def clear_filters(self) -> None:
        self.beginFilterChange()
        self._words = ()
        self._required.clear()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if self._required:
            index = model.index(source_row, 0, source_parent)
            for role, value in self._required.items():
                if index.data(role) != value:
                    return False
        if self._words:
            # Record models hand over their search text directly: a filter pass
            # over a thousand rows then makes no round trips through Qt.
            search_key = getattr(model, "search_key", None)
            haystack = (
                search_key(source_row)
                if search_key
                else model.index(source_row, 0, source_parent).data(SEARCH_ROLE) or ""
            )
            return all(word in haystack for word in self._words)
        return True
