"""Periods of leave: rows of start date, end date and reason, added and
removed with buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk import clock
from tafdesk.services.directory import Leave
from tafdesk.ui.icons import icon
from tafdesk.ui.qt_dates import to_date

DATE_FORMAT = "d MMM yyyy"
DEFAULT_LENGTH = dt.timedelta(days=13)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class _LeaveRow(QFrame):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, period: Leave, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaveRow")
        self.starts = self._date_edit(period.starts_on, "Leave starts")
        self.ends = self._date_edit(period.ends_on, "Leave ends")
        self.reason = QLineEdit(period.reason or "", placeholderText="Reason (optional)")
        self.reason.setAccessibleName("Reason for leave")
        self.remove = QToolButton(icon=icon("remove"), toolTip="Remove this period of leave")
        self.remove.setAccessibleName("Remove this period of leave")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.starts, 0, 0)
        grid.addWidget(QLabel("to"), 0, 1)
        grid.addWidget(self.ends, 0, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.reason, 1, 0, 1, 4)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        self._connect_signals()

    @staticmethod
    def _date_edit(day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day), calendarPopup=True, displayFormat=DATE_FORMAT)
        edit.setAccessibleName(name)
        return edit

    def _connect_signals(self) -> None:
        self.starts.dateChanged.connect(self.changed)
        self.ends.dateChanged.connect(self.changed)
        self.reason.textChanged.connect(self.changed)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def period(self) -> Leave:
        reason = self.reason.text().strip() or None
        return Leave(to_date(self.starts.date()), to_date(self.ends.date()), reason)

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.starts, self.ends):
            edit.setReadOnly(read_only)
            edit.setCalendarPopup(not read_only)
        self.reason.setReadOnly(read_only)
        self.remove.setVisible(not read_only)


class LeaveEditor(QFrame):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Leave")
        self._rows: list[_LeaveRow] = []
        self._read_only = False
        self._none = QLabel("No leave recorded.", objectName="hint")
        self.add_button = QPushButton(icon("add"), "Add leave")
        self.add_button.setAccessibleName("Add a period of leave")
        self._list = QVBoxLayout()
        self._list.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._none)
        layout.addLayout(self._list)
        layout.addWidget(self.add_button)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_period)

    def set_periods(self, periods: Iterable[Leave]) -> None:
        for row in self._rows:
            self._discard(row)
        self._rows = []
        for period in periods:
            self._append(period)
        self._update_empty()

    def periods(self) -> tuple[Leave, ...]:
        return tuple(sorted((row.period() for row in self._rows), key=lambda lp: (lp.starts_on, lp.ends_on)))

    def add_period(self) -> None:
        today = clock.today()
        row = self._append(Leave(today, today + DEFAULT_LENGTH))
        self._update_empty()
        row.starts.setFocus()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setVisible(not read_only)
        for row in self._rows:
            row.set_read_only(read_only)

    def _append(self, period: Leave) -> _LeaveRow:
        row = _LeaveRow(period, self)
        row.set_read_only(self._read_only)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self._remove)
        self._rows.append(row)
        self._list.addWidget(row)
        return row

    def _remove(self, row: _LeaveRow) -> None:
        self._rows.remove(row)
        self._discard(row)
        self._update_empty()
        self.add_button.setFocus()
        self.changed.emit()

    def _discard(self, row: _LeaveRow) -> None:
        self._list.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _update_empty(self) -> None:
        self._none.setVisible(not self._rows)
