"""Taking attendance by agency from the keyboard, as in a roll call: choose
the agency in the list, Alt+P present, Alt+A apologies, Alt+D deputy, Alt+O
not recorded; typing in the list types the name (who came, who sent
apologies, or the deputy), and Enter records it and moves to the next agency.
A late comer's arrival time goes with Alt+L. Letters typed in the list never
change an agency's attendance: they are the start of a name.

`record(row, change)` gives the step to take: applied as an Operation
(ui/operation.py), then on the undo history it names. A broken rule is shown
at the names; anything else in the banner (the page's, or one of the
editor's own in a dialog). Rows read again (attendance recorded on another
computer) leave a form being filled in as it is."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from tafdesk import clock
from tafdesk.models.enums import AttendanceStatus, at_table
from tafdesk.services.meetings import AttendanceRow
from tafdesk.ui.banner import Banner
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.meetings import attendance_model as am
from tafdesk.ui.meetings.commands import AttendanceStep
from tafdesk.ui.meetings.roles import KEY_ROLE
from tafdesk.ui.meetings.session import AttendanceChange
from tafdesk.ui.operation import Operation
from tafdesk.ui.qt_dates import to_time
from tafdesk.ui.table_fit import keep_rows_in_view

Record = Callable[[AttendanceRow, AttendanceChange], AttendanceStep | None]


class AttendanceEditor(QWidget):
    recorded = Signal(str)  # what was recorded, in words

    def __init__(self, record: Record, parent: QWidget | None = None, *, banner: Banner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceEditor")
        self.setAccessibleName("Attendance")
        self._record = record
        self._own_banner = banner is None
        self.banner = banner or Banner()
        self._editable = True
        self._advance_to: uuid.UUID | None = None
        self._shown: AttendanceChange | None = None  # what the form said when it showed the current agency
        self._keeping = False  # rows being refilled under a form with unsaved changes
        self.model = am.AttendanceModel(self)
        self.table = QTableView(objectName="attendanceTable")
        self.heading = QLabel(objectName="sectionTitle", wordWrap=True)
        self.statuses = QButtonGroup(self)
        self.present = QRadioButton("&Present")
        self.apologies = QRadioButton("&Apologies")
        self.deputy = QRadioButton("&Deputy")
        self.not_recorded = QRadioButton("N&ot recorded")
        self.attendee = QLineEdit(placeholderText="Name of the manager attending")
        self.attendee_label = QLabel("&Who came")
        self.deputy_name = QLineEdit(placeholderText="Name of the deputy")
        self.late = QCheckBox("Arrived &late at")
        self.arrived = QTimeEdit(displayFormat="HH:mm")
        self.error = QLabel(objectName="attendanceError", wordWrap=True)
        self.record_button = QPushButton("Record", objectName="primaryButton")
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setAccessibleName("Agencies' attendance")
        t.setAccessibleDescription(
            "Alt+P present, Alt+A apologies, Alt+D deputy, Alt+O not recorded; type a name, Enter records it"
        )
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
        keep_rows_in_view(t)

        for number, (button, status) in enumerate(
            (
                (self.present, AttendanceStatus.PRESENT),
                (self.apologies, AttendanceStatus.APOLOGIES),
                (self.deputy, AttendanceStatus.DEPUTY),
                (self.not_recorded, None),
            )
        ):
            self.statuses.addButton(button, number)
            button.setProperty("status", status.value if status else "")
            button.setAccessibleName(f"Attendance: {button.text().replace('&', '')}")
        self.present.setChecked(True)
        self.attendee.setAccessibleName("Who came")
        self.deputy_name.setAccessibleName("Deputy's name")
        self.arrived.setAccessibleName("Arrival time")
        self.late.setAccessibleDescription("Arrived late")
        self.error.setProperty("fieldError", True)
        self.error.hide()

        # Compact rows under the list, wrapping in a narrow window (large text): the
        # attendance, then the names (each beside its label), then a late arrival.
        first = FlowLayout()
        for button in (self.present, self.apologies, self.deputy, self.not_recorded):
            first.addWidget(button)
        self.attendee_label.setBuddy(self.attendee)
        deputy = QLabel("Deputy's &name")
        deputy.setBuddy(self.deputy_name)
        second = FlowLayout()
        second.addWidget(_labelled(self.attendee_label, self.attendee))
        second.addWidget(_labelled(deputy, self.deputy_name))
        third = FlowLayout()
        third.addWidget(_labelled(self.late, self.arrived, grows=False))
        third.addStretch()
        third.addWidget(self.record_button)
        self.record_button.setToolTip("Record this agency's attendance (Enter)")
        self.record_button.setAutoDefault(False)  # in a dialog, Enter in a name field records once, not twice

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        if self._own_banner:
            layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.heading)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addLayout(third)
        layout.addWidget(self.error)
        self.setTabOrder(self.table, self.present)
        self.setTabOrder(self.not_recorded, self.attendee)
        self.setTabOrder(self.attendee, self.deputy_name)
        self.setTabOrder(self.deputy_name, self.late)
        self.setTabOrder(self.late, self.arrived)
        self.setTabOrder(self.arrived, self.record_button)
        self._show_current()

    def _connect_signals(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.record_button.clicked.connect(self.submit)
        self.attendee.returnPressed.connect(self.submit)
        self.deputy_name.returnPressed.connect(self.submit)
        self.deputy_name.textEdited.connect(lambda text: self.deputy.setChecked(True) if text else None)
        self.statuses.idToggled.connect(lambda *_: self._follow_status())
        self.late.toggled.connect(lambda *_: self._follow_status())

    # -- rows -----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[AttendanceRow]) -> None:
        typed = self.unsaved()
        keep = self._advance_to or self.current_agency()
        self._advance_to = None
        self._keeping = typed is not None
        try:
            self.model.set_rows(rows)
            row = self.model.row_of(keep) if keep else 0
            self.table.selectRow(max(row, 0))
        finally:
            self._keeping = False
        if typed is None or self.current_agency() != typed.agency_id:
            self._show_current()

    def unsaved(self) -> AttendanceChange | None:
        """What the form says for the chosen agency, if changed since it was shown and not yet recorded."""
        current = self.current_agency()
        if self._shown is None or current != self._shown.agency_id or self._advance_to is not None:
            return None
        typed = self.change(current)
        return typed if typed != self._shown else None

    def set_editable(self, editable: bool, why_not: str = "") -> None:
        self._editable = editable
        for widget in (
            self.present,
            self.apologies,
            self.deputy,
            self.not_recorded,
            self.attendee,
            self.deputy_name,
            self.late,
            self.arrived,
            self.record_button,
        ):
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
        if self._keeping:
            return
        row = self._current_row()
        self._set_error(None)
        self._shown = None
        if row is None:
            self.heading.setText("Choose an agency")
            return
        self.heading.setText(f"{row.agency}{' (core)' if row.core else ''}")
        self.heading.setToolTip(f"{row.agency}: {'core' if row.core else 'associate'} member")
        buttons: dict[AttendanceStatus | None, QRadioButton] = {
            AttendanceStatus.APOLOGIES: self.apologies,
            AttendanceStatus.DEPUTY: self.deputy,
        }
        button = buttons.get(row.status, self.present)
        button.setChecked(True)
        self.attendee.setText(row.attendee_name or "")
        self.deputy_name.setText(row.deputy_name or "")
        self.late.setChecked(row.arrived_at is not None)
        arrived = row.arrived_at or clock.local_now().time()
        self.arrived.setTime(QTime(arrived.hour, arrived.minute, arrived.second))
        self._follow_status()
        self._shown = self.change(row.agency_id)

    def _follow_status(self) -> None:
        apologies, unrecorded = self.apologies.isChecked(), self.not_recorded.isChecked()
        self.attendee_label.setText("Apologies &from" if apologies else "&Who came")
        self.attendee.setPlaceholderText("Who sent apologies" if apologies else "Name of the manager attending")
        self.attendee.setAccessibleName("Apologies from" if apologies else "Who came")
        self.deputy_name.setEnabled(self._editable and self.deputy.isChecked())
        self.attendee.setEnabled(self._editable and not unrecorded)
        self.late.setEnabled(self._editable and not (apologies or unrecorded))
        self.arrived.setEnabled(self.late.isEnabled() and self.late.isChecked())

    def status(self) -> AttendanceStatus | None:
        checked = self.statuses.checkedButton()
        value = checked.property("status") if checked is not None else None
        return AttendanceStatus(value) if value else None

    def change(self, agency_id: uuid.UUID) -> AttendanceChange:
        """What the form says for the chosen agency."""
        status = self.status()
        here = at_table(status)
        return AttendanceChange(
            agency_id,
            status,
            self.attendee.text().strip() or None if status else None,
            self.deputy_name.text().strip() or None if status is AttendanceStatus.DEPUTY else None,
            to_time(self.arrived.time()) if here and self.late.isChecked() else None,
        )

    # -- recording ------------------------------------------------------------------

    def submit(self) -> bool:
        row = self._current_row()
        if row is None or not self._editable:
            return False
        change = self.change(row.agency_id)
        step = self._record(row, change)
        if step is None:
            return False
        next_row = self.table.currentIndex().row() + 1
        self._advance_to = self.model.row(next_row).agency_id if next_row < self.model.rowCount() else row.agency_id

        def at_names(fields: dict[str, str]) -> None:
            self._set_error(" ".join(fields.values()))
            (self.deputy_name if "deputy_name" in fields else self.attendee).setFocus()

        def refused(_error: Exception) -> None:
            self._advance_to = None

        def recorded(_done: object) -> None:
            self.recorded.emit(f"{row.agency}: {change.status.value if change.status else 'not recorded'}")
            self.table.setFocus()

        return (
            Operation.undoable(
                self.banner,
                step.command,
                step.stack,
                failed=f"Not recorded for {row.agency}.",
                doing="recording attendance",
            )
            .at_fields(at_names)
            .refused(refused)
            .done(recorded)
            .run()
        )

    def _set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.table or not isinstance(event, QKeyEvent) or not self._editable:
            return super().eventFilter(watched, event)
        status = self._quick_status(event)
        if event.type() == QEvent.Type.ShortcutOverride and status is not None:
            event.accept()  # Alt+P and the rest act on the list here, not through the buttons' mnemonics
            return True
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if status is not None:
            status.setChecked(True)
            if status is self.deputy:
                self.deputy_name.setFocus()
                self.deputy_name.selectAll()
            else:
                self.submit()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._name_field().setFocus()
            self._name_field().selectAll()
            return True
        if _starts_a_name(event):  # the first letter of a name, never a status
            field = self._name_field()
            if field.isEnabled():
                field.setFocus()
                field.setText(event.text())
            return True
        return super().eventFilter(watched, event)

    def _quick_status(self, event: QKeyEvent) -> QRadioButton | None:
        """Alt+P, Alt+A, Alt+D, Alt+O in the list: the status to record."""
        if event.modifiers() != Qt.KeyboardModifier.AltModifier:
            return None
        return {
            Qt.Key.Key_P: self.present,
            Qt.Key.Key_A: self.apologies,
            Qt.Key.Key_D: self.deputy,
            Qt.Key.Key_O: self.not_recorded,
        }.get(event.keyCombination().key())

    def _name_field(self) -> QLineEdit:
        return self.deputy_name if self.deputy.isChecked() else self.attendee


def _starts_a_name(event: QKeyEvent) -> bool:
    plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
    return plain and event.text().isalpha()


def _labelled(label: QWidget, field: QWidget, *, grows: bool = True) -> QWidget:
    """A label and its field kept on one row, wherever the row wraps; a
    field that `grows` takes the room its row has spare."""
    pair = QWidget()
    if grows:
        pair.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(field, 1)
    return pair
