"""Agreeing and closing a plan: small dialogs that ask who, when and why,
and show a refusal at the field it is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui.field_errors import error_label, highlight
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
