"""Agreeing and closing a plan: small dialogs that ask who, when and why,
and show a refusal at the field it is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models.enums import ClosureReason
from tafdesk.ui.field_errors import error_label, highlight
from tafdesk.ui.plans.labels import CLOSURE_LABELS
from tafdesk.ui.qt_dates import to_date

Errors = dict[str, str]


def date_edit(value: dt.date, latest: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), calendarPopup=True, displayFormat="d MMM yyyy")
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00 Sept 0000") + 48)
    if latest is not None:
        edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    return edit


class AgreeDialog(QDialog):
    """Who agreed the plan, and when. `attempt(agreed_by, agreed_on)` returns
    None when the plan was agreed, or the refusal's fields: those about this
    dialog show here; for the rest the dialog closes (`refused` holds them)
    so that the editor can show them at their cells."""

    def __init__(
        self,
        attempt: Callable[[str, dt.date], Errors | None],
        today: dt.date,
        suggested_by: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agree the plan")
        self.setMinimumWidth(560)
        self._attempt = attempt
        self.refused: Errors = {}
        self.agreed_by = QLineEdit(suggested_by)
        self.agreed_by.setAccessibleName("Agreed by")
        self.agreed_by.setPlaceholderText("The family and the Team Around the Family, by name")
        self.agreed_on = date_edit(today, today)
        self.agreed_on.setAccessibleName("Agreed on")
        self.by_error, self.on_error = error_label(), error_label()
        intro = QLabel(
            "Agreeing freezes this draft as the plan's numbered version and sets the first review date. "
            "Everyone who agreed it should have a copy.",
            wordWrap=True,
        )
        form = QFormLayout()
        form.addRow("Agreed by:", self.agreed_by)
        form.addRow("", self.by_error)
        form.addRow("Agreed on:", self.agreed_on)
        form.addRow("", self.on_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.agree_button = self.buttons.addButton("Agree plan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.agree_button.setObjectName("primaryButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        fields: tuple[tuple[QLabel, QWidget], ...] = ((self.by_error, self.agreed_by), (self.on_error, self.agreed_on))
        for label, edit in fields:
            label.hide()
            highlight(edit, False)
        by = self.agreed_by.text().strip()
        errors: dict[str, str] | None
        if not by:
            errors = {"agreed_by": "Say who agreed the plan."}
        else:
            errors = self._attempt(by, to_date(self.agreed_on.date()))
        if errors is None:
            self.accept()
            return
        here = {"agreed_by": fields[0], "agreed_on": fields[1]}
        mine = {name: message for name, message in errors.items() if name in here}
        if not mine:
            self.refused = errors
            self.reject()
            return
        for name, message in mine.items():
            label, edit = here[name]
            label.setText(message)
            label.show()
            highlight(edit, True)
            edit.setFocus()


class CloseDialog(QDialog):
    """Why the plan is closing, and when."""

    def __init__(self, family: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Close the plan")
        self.setMinimumWidth(520)
        self.group = QButtonGroup(self)
        self.closed_on = date_edit(today, today)
        self.closed_on.setAccessibleName("Closed on")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>Why is the {family} family's plan closing?</b>"))
        for number, (reason, label) in enumerate(CLOSURE_LABELS.items()):
            button = QRadioButton(label)
            self.group.addButton(button, number)
            button.setProperty("reason", reason.value)
            layout.addWidget(button)
        form = QFormLayout()
        form.addRow("Closed on:", self.closed_on)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                "Closing the plan also closes the case, or records the step up or down. "
                "The plan's versions stay readable.",
                objectName="hint",
                wordWrap=True,
            )
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton("Close plan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.group.idToggled.connect(lambda *_: self.close_button.setEnabled(self.reason() is not None))
        layout.addWidget(self.buttons)

    def reason(self) -> ClosureReason | None:
        button = self.group.checkedButton()
        return ClosureReason(button.property("reason")) if button else None

    def choose(self, reason: ClosureReason) -> None:
        for button in self.group.buttons():
            if button.property("reason") == reason.value:
                button.setChecked(True)
