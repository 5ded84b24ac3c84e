"""A date typed as text and read day first (tafdesk.plans.dates), with a
calendar on Alt+Down or F4. A note beneath says what the text is read as
("Friday 8 January 2027") or, once the user tries to leave it, why it is not
a date. The note floats over the widget's host (the table, for a cell
editor), as a cell has no room beneath it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QWidget

from tafdesk.plans.dates import EXAMPLES, DateProblem, long_day, read_date
from tafdesk.ui.field_errors import highlight
from tafdesk.ui.icons import icon
from tafdesk.ui.qt_dates import to_date
from tafdesk.ui.text import day

NOTE_CHARS = 34  # the note's width at least, in average characters


class CalendarPopup(QCalendarWidget):
    """The calendar under a date field: Enter or a click chooses, Escape leaves it."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)  # the owner's child: focus here is not the field's leaving
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setAccessibleName("Calendar")
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class DateLineEdit(QLineEdit):
    def __init__(self, today: dt.date, parent: QWidget | None = None, *, note_host: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._typed = False  # the text is the user's, not the value shown: say what it is read as
        self._insisted = False  # the user tried to leave a text that is not a date: say why
        self.setAccessibleName("Date")
        self.setPlaceholderText("8 Jan 2027")
        self.setToolTip(f"Type a date, day first: {EXAMPLES}. Alt+Down or F4 opens a calendar.")
        self.calendar_action = self.addAction(icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip("Choose from a calendar (Alt+Down or F4)")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.calendar: CalendarPopup | None = None
        self.note = QLabel(note_host or self, objectName="dateNote", wordWrap=True)
        self.note.setAccessibleDescription("What the date is read as")
        self.note.hide()
        self.destroyed.connect(self.note.deleteLater)
        self.textEdited.connect(self._edited)

    # -- the value -----------------------------------------------------------------

    def set_date(self, value: dt.date | None) -> None:
        self.setText(day(value))
        self._typed = self._insisted = False
        self._show_reading()

    def reading(self) -> tuple[dt.date | None, str | None]:
        """The date the text stands for (None: no date), or why it is not one."""
        try:
            return read_date(self.text(), self._today), None
        except DateProblem as problem:
            return None, str(problem)

    def insist(self) -> None:
        """The user tried to leave a text that is not a date: say why, at the field."""
        self._insisted = True
        self._show_reading()

    # -- the note beneath --------------------------------------------------------------

    def _edited(self, _text: str) -> None:
        self._typed = True
        self._show_reading()

    def _show_reading(self) -> None:
        value, problem = self.reading()
        if problem is not None:
            text = problem if self._insisted else f"A date, day first: {EXAMPLES}"
        else:
            text = long_day(value) if value is not None and self._typed else ""
        bad = problem is not None and self._insisted
        highlight(self, bad)
        self.setAccessibleDescription(text)
        self.note.setText(text)
        self.note.setProperty("error", bad)
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)
        self.note.setVisible(bool(text) and self.isVisible())
        self._place_note()

    def _place_note(self) -> None:
        if not self.note.isVisible():
            return
        host = self.note.parentWidget()
        if host is None:  # (made with one: the note host, or the field)
            return
        width = max(self.width(), NOTE_CHARS * self.fontMetrics().averageCharWidth())
        self.note.setFixedWidth(min(width, host.width()))
        self.note.adjustSize()
        below = self.mapTo(host, QPoint(0, self.height() + 1)) if host is not self else QPoint(0, self.height())
        if below.y() + self.note.height() > host.height() and host is not self:
            below = self.mapTo(host, QPoint(0, -self.note.height() - 1))  # no room beneath: above it
        below.setX(max(0, min(below.x(), host.width() - self.note.width())))
        self.note.move(below)
        self.note.raise_()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._place_note()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_note()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._show_reading()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.note.hide()

    # -- the calendar ------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = CalendarPopup(self)
            self.calendar.activated.connect(self._picked)
            self.calendar.clicked.connect(self._picked)
        value, _problem = self.reading()
        shown = value or self._today
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, date: QDate) -> None:
        self.setText(day(to_date(date)))
        self._edited(self.text())
        if self.calendar is not None:
            self.calendar.close()
        self.setFocus()
