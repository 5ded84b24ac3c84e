"""Taking attendance by agency, quickly from the keyboard: in the list, P
records the agency as present, A as sending apologies, D as sending a deputy
(type the deputy's name, then Enter); Enter types who came. After each
agency the next one is chosen, as in a roll call.

`record(agency_id, status, attendee, deputy)` writes it; what it raises is
shown at the field."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models.enums import AttendanceStatus
from tafdesk.services.errors import ServiceError, ValidationError
from tafdesk.services.meetings import AttendanceRow
from tafdesk.ui.meetings import attendance_model as am
from tafdesk.ui.meetings.roles import KEY_ROLE

Record = Callable[[uuid.UUID, AttendanceStatus, str | None, str | None], None]
QUICK = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_A: AttendanceStatus.APOLOGIES,
    Qt.Key.Key_D: AttendanceStatus.DEPUTY,
}


class AttendanceEditor(QWidget):
    recorded = Signal(str)  # what was recorded, in words

    def __init__(self, record: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceEditor")
        self.setAccessibleName("Attendance")
        self._record = record
        self._editable = True
        self._advance_to: uuid.UUID | None = None
        self.model = am.AttendanceModel(self)
        self.table = QTableView(objectName="attendanceTable")
        self.heading = QLabel(objectName="sectionTitle", wordWrap=True)
        self.statuses = QButtonGroup(self)
        self.present = QRadioButton("&Present")
        self.apologies = QRadioButton("&Apologies")
        self.deputy = QRadioButton("&Deputy")
        self.attendee = QLineEdit(placeholderText="Name of the manager attending")
        self.deputy_name = QLineEdit(placeholderText="Name of the deputy")
        self.error = QLabel(objectName="attendanceError", wordWrap=True)
        self.record_button = QPushButton("Record", objectName="primaryButton")
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setAccessibleName("Agencies' attendance")
        t.setAccessibleDescription("P present, A apologies, D deputy, Enter to type who came")
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setTabKeyNavigation(False)
        t.verticalHeader().hide()
        t.setAlternatingRowColors(True)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        t.installEventFilter(self)

        for number, (button, status) in enumerate(((self.present, AttendanceStatus.PRESENT),
                                                   (self.apologies, AttendanceStatus.APOLOGIES),
                                                   (self.deputy, AttendanceStatus.DEPUTY))):  # fmt: skip
            self.statuses.addButton(button, number)
            button.setProperty("status", status.value)
            button.setAccessibleName(f"Attendance: {button.text().replace('&', '')}")
        self.present.setChecked(True)
        self.attendee.setAccessibleName("Who came")
        self.deputy_name.setAccessibleName("Deputy's name")
        self.error.setProperty("fieldError", True)
        self.error.hide()

        # Two compact rows under the list: the agency and its attendance, then the names.
        first = QHBoxLayout()
        first.addWidget(self.heading, 1)
        for button in (self.present, self.apologies, self.deputy):
            first.addWidget(button)
        who = QLabel("&Who came")
        who.setBuddy(self.attendee)
        deputy = QLabel("Deputy's &name")
        deputy.setBuddy(self.deputy_name)
        second = QHBoxLayout()
        second.addWidget(who)
        second.addWidget(self.attendee, 3)
        second.addSpacing(8)
        second.addWidget(deputy)
        second.addWidget(self.deputy_name, 2)
        second.addWidget(self.record_button)
        self.record_button.setToolTip("Record this agency's attendance (Enter)")
        self.record_button.setAutoDefault(False)  # in a dialog, Enter in a name field records once, not twice

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table, 1)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.error)
        self.setTabOrder(self.table, self.present)
        self.setTabOrder(self.deputy, self.attendee)
        self.setTabOrder(self.attendee, self.deputy_name)
        self.setTabOrder(self.deputy_name, self.record_button)
        self._show_current()

    def _connect_signals(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.record_button.clicked.connect(self.submit)
        self.attendee.returnPressed.connect(self.submit)
        self.deputy_name.returnPressed.connect(self.submit)
        self.deputy_name.textEdited.connect(lambda text: text and self.deputy.setChecked(True))
        self.statuses.idToggled.connect(lambda *_: self._follow_status())

    # -- rows -----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[AttendanceRow]) -> None:
        keep = self._advance_to or self.current_agency()
        self._advance_to = None
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else 0
        self.table.selectRow(max(row, 0))
        self._show_current()

    def set_editable(self, editable: bool, why_not: str = "") -> None:
        self._editable = editable
        for widget in (self.present, self.apologies, self.deputy, self.attendee, self.deputy_name, self.record_button):
            widget.setEnabled(editable)
            widget.setToolTip("" if editable else why_not)

    def current_agency(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def select_agency(self, agency_id: uuid.UUID) -> None:
        row = self.model.row_of(agency_id)
        if row >= 0:
            self.table.selectRow(row)

    def _current_row(self) -> AttendanceRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _show_current(self) -> None:
        row = self._current_row()
        self._set_error(None)
        if row is None:
            self.heading.setText("Choose an agency")
            return
        self.heading.setText(f"{row.agency}{' (core)' if row.core else ''}")
        self.heading.setToolTip(f"{row.agency}: {'core' if row.core else 'associate'} member")
        button = {AttendanceStatus.APOLOGIES: self.apologies, AttendanceStatus.DEPUTY: self.deputy}.get(
            row.status, self.present
        )
        button.setChecked(True)
        self.attendee.setText(row.attendee_name or "")
        self.deputy_name.setText(row.deputy_name or "")
        self._follow_status()

    def _follow_status(self) -> None:
        self.deputy_name.setEnabled(self._editable and self.deputy.isChecked())
        self.attendee.setEnabled(self._editable and not self.apologies.isChecked())

    def status(self) -> AttendanceStatus:
        return AttendanceStatus(self.statuses.checkedButton().property("status"))

    # -- recording ------------------------------------------------------------------

    def submit(self) -> bool:
        row = self._current_row()
        if row is None or not self._editable:
            return False
        status = self.status()
        next_row = self.table.currentIndex().row() + 1
        self._advance_to = self.model.row(next_row).agency_id if next_row < self.model.rowCount() else row.agency_id
        try:
            self._record(row.agency_id, status, self.attendee.text() if status is not AttendanceStatus.APOLOGIES else None,
                         self.deputy_name.text() if status is AttendanceStatus.DEPUTY else None)  # fmt: skip
        except ValidationError as exc:
            self._advance_to = None
            self._set_error(" ".join(exc.fields.values()))
            (self.deputy_name if "deputy_name" in exc.fields else self.attendee).setFocus()
            return False
        except ServiceError as exc:
            self._advance_to = None
            self._set_error(str(exc))
            return False
        self.recorded.emit(f"{row.agency}: {status.value}")
        self.table.setFocus()
        return True

    def _set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self._editable
        ):
            key, modifiers = event.key(), event.modifiers()
            if modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
                if key in QUICK:
                    {AttendanceStatus.PRESENT: self.present, AttendanceStatus.APOLOGIES: self.apologies,
                     AttendanceStatus.DEPUTY: self.deputy}[QUICK[key]].setChecked(True)  # fmt: skip
                    if QUICK[key] is AttendanceStatus.DEPUTY:
                        self.deputy_name.setFocus()
                        self.deputy_name.selectAll()
                    else:
                        self.submit()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    (self.attendee if not self.apologies.isChecked() else self.record_button).setFocus()
                    self.attendee.selectAll()
                    return True
        return super().eventFilter(watched, event)
