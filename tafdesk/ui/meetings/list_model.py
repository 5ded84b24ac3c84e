"""The list of meetings: when, where, how far each has got; filtered by
locality and by upcoming or recent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from tafdesk import clock
from tafdesk.models.enums import MeetingStatus
from tafdesk.services.meetings import MeetingSummary
from tafdesk.ui.colours import current
from tafdesk.ui.meetings.labels import MEETING_STATUS_LABELS
from tafdesk.ui.meetings.roles import LOCALITY_ROLE, SORT_ROLE, UPCOMING_ROLE
from tafdesk.ui.meetings.table_model import RowsTableModel
from tafdesk.ui.text import short_when

COL_WHEN = 0
COL_LOCALITY = 1
COL_STATUS = 2  # the meeting's state and how many families are decided: "Planned · 0 of 9"

OPEN_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS)


class MeetingListModel(RowsTableModel[MeetingSummary]):
    HEADERS = ("When", "Locality", "Status")
    HEADER_TIPS = {COL_STATUS: "Planned, in progress or closed, and the families decided of all on the agenda"}
    STATUS_ORDER = {
        MeetingStatus.IN_PROGRESS: 0,
        MeetingStatus.PLANNED: 1,
        MeetingStatus.CLOSED: 2,
        MeetingStatus.CANCELLED: 3,
    }

    def __init__(self, parent: Any = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def today(self) -> dt.date:
        return self._today or clock.today()

    def display(self, row: MeetingSummary, column: int) -> str:
        if column == COL_WHEN:
            return short_when(row.starts_at)
        if column == COL_LOCALITY:
            return row.locality
        if column == COL_STATUS:
            return f"{MEETING_STATUS_LABELS[row.status]} · {row.decided} of {row.items}"
        return ""

    def sort_key(self, row: MeetingSummary, column: int) -> Any:
        if column == COL_WHEN:
            return row.starts_at.timestamp()
        if column == COL_STATUS:
            return (self.STATUS_ORDER[row.status], row.decided - row.items)
        return super().sort_key(row, column)

    def tooltip(self, row: MeetingSummary, column: int) -> str | None:
        if column == COL_STATUS:
            left = row.items - row.decided
            return f"{MEETING_STATUS_LABELS[row.status]}: " + (
                f"{left} still to decide" if left else "every family decided"
            )
        if column == COL_LOCALITY and row.venue:
            return f"{row.locality}: {row.venue}"
        return self.display(row, column) or None

    def upcoming(self, row: MeetingSummary) -> bool:
        return row.status in OPEN_STATUSES or row.starts_at.date() >= self.today()

    def extra(self, row: MeetingSummary, column: int, role: int) -> Any:
        if role == LOCALITY_ROLE:
            return row.locality
        if role == UPCOMING_ROLE:
            return self.upcoming(row)
        if role == Qt.ItemDataRole.ForegroundRole and row.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED):
            return QColor(current().muted)
        if role == Qt.ItemDataRole.FontRole and row.status is MeetingStatus.IN_PROGRESS:
            font = QFont()
            font.setBold(True)
            return font
        return None


class MeetingListProxy(QSortFilterProxyModel):
    """One locality (or all), and upcoming, recent or every meeting."""

    ALL, UPCOMING, RECENT = "all", "upcoming", "recent"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locality: str | None = None
        self._when = self.ALL
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_locality(self, locality: str | None) -> None:
        if locality != self._locality:
            self.beginFilterChange()
            self._locality = locality
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_when(self, when: str) -> None:
        if when != self._when:
            self.beginFilterChange()
            self._when = when
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._locality is not None and index.data(LOCALITY_ROLE) != self._locality:
            return False
        if self._when == self.ALL:
            return True
        return bool(index.data(UPCOMING_ROLE)) == (self._when == self.UPCOMING)
