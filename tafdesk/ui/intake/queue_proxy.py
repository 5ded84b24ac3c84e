"""Search and filters over the intake queue.

The directory's proxy gives the search box (every word must match the
family name, profile reference or case reference) and the filters that
keep rows equal to a value (status, consent, highest risk, repeat). This
adds the locality, a range of received dates, a least number of working
days waiting and a need area, and counts the rows per locality that every
filter but the locality's keeps, so the locality chips can say how many
each would show.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Signal

from tafdesk.models.enums import NeedArea
from tafdesk.ui.directory.filter_proxy import DirectoryFilterProxy
from tafdesk.ui.intake.queue_model import QueueTableModel

Index = QModelIndex | QPersistentModelIndex


class QueueFilterProxy(DirectoryFilterProxy):
    filter_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locality: str | None = None
        self._received: tuple[dt.date | None, dt.date | None] = (None, None)
        self._more_than_days: int | None = None
        self._need_area: NeedArea | None = None

    # -- the filters this adds --------------------------------------------------

    def set_locality(self, name: str | None) -> None:
        self._change("_locality", name or None)

    def locality(self) -> str | None:
        return self._locality

    def set_received_between(self, first: dt.date | None, last: dt.date | None) -> None:
        """Received on or after first and on or before last; None leaves that end open."""
        self._change("_received", (first, last))

    def set_waiting_more_than(self, days: int | None) -> None:
        """Waiting more than this many working days; None or 0 shows every row."""
        self._change("_more_than_days", days or None)

    def set_need_area(self, area: NeedArea | None) -> None:
        self._change("_need_area", area)

    def _change(self, name: str, value: Any) -> None:
        if getattr(self, name) == value:
            return
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filter_changed.emit()

    # -- the directory's filters, announced -----------------------------------

    def set_search(self, text: str) -> None:
        before = self.search()
        super().set_search(text)
        if self.search() != before:
            self.filter_changed.emit()

    def set_required(self, role: int, value: Any) -> None:
        before = self.required(role)
        super().set_required(role, value)
        if self.required(role) != before:
            self.filter_changed.emit()

    def clear_filters(self) -> None:
        self.beginFilterChange()
        self._locality = None
        self._received = (None, None)
        self._more_than_days = None
        self._need_area = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        super().clear_filters()
        self.filter_changed.emit()

    # -- filtering ------------------------------------------------------------

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._accepts_ignoring_locality(source_row, source_parent):
            return False
        return self._locality is None or self._queue().record(source_row).locality == self._locality

    def _accepts_ignoring_locality(self, source_row: int, source_parent: Index) -> bool:
        row = self._queue().record(source_row)
        first, last = self._received
        if first is not None and row.received_on < first:
            return False
        if last is not None and row.received_on > last:
            return False
        if self._more_than_days is not None and row.working_days_waiting <= self._more_than_days:
            return False
        if self._need_area is not None and self._need_area not in row.need_areas:
            return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Index, right: Index) -> bool:
        # The model's sort keys compared in Python: much quicker than through QVariants.
        model = self._queue()
        column = left.column()
        return model.sort_value(left.row(), column) < model.sort_value(right.row(), column)

    def locality_counts(self) -> Counter[str]:
        """Rows per locality that every filter except the locality keeps."""
        model = self._queue()
        counts: Counter[str] = Counter()
        for source_row in range(model.rowCount()):
            if self._accepts_ignoring_locality(source_row, QModelIndex()):
                counts[model.record(source_row).locality] += 1
        return counts

    def _queue(self) -> QueueTableModel:
        model = self.sourceModel()
        assert isinstance(model, QueueTableModel)
        return model
