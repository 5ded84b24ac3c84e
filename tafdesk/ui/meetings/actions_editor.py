"""The actions agreed for a family: what, who and by when. Each action is a
row of fields; Alt+A adds one and puts the cursor in it. The owner is one of
the lead and team, or any name typed. Under a row whose action or owner
quotes the family's restricted information, a warning says so, with Mark
restricted."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk import clock
from tafdesk.ui.meetings.drafts import ActionDraft
from tafdesk.ui.restricted import FamilyWording, QuoteWarning, QuoteWatch
from tafdesk.ui.scrolling import reveal

Owner = tuple[str, uuid.UUID | None]  # what is shown, the professional if one


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class ActionRow(QWidget):
    def __init__(self, number: int, owners: Sequence[Owner], due: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.description = QLineEdit(placeholderText="What will be done")
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.due = QDateEdit(_qdate(due))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d MMM yyyy")
        self.remove = QToolButton(text="✕")
        for widget, name in (
            (self.description, "Action"),
            (self.owner, "Owner"),
            (self.due, "Due by"),
            (self.remove, "Remove this action"),
        ):
            widget.setAccessibleName(f"{name} {number}" if widget is not self.remove else f"Remove action {number}")
        self.remove.setToolTip("Remove this action")
        self.set_owners(owners)
        self.quote_warning = QuoteWarning()
        self.quotes = QuoteWatch(self.quote_warning, self)
        self.quotes.watch(self.description)
        self.quotes.watch(self.owner, "The owner")
        fields = QHBoxLayout()
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(self.description, 3)
        fields.addWidget(self.owner, 2)
        fields.addWidget(self.due)
        fields.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(fields)
        layout.addWidget(self.quote_warning)

    def set_owners(self, owners: Sequence[Owner]) -> None:
        text = self.owner.currentText()
        self.owner.blockSignals(True)
        self.owner.clear()
        for label, key in owners:
            self.owner.addItem(label, key)
        self.owner.setEditText(text)
        self.owner.blockSignals(False)

    def draft(self) -> ActionDraft:
        text = self.owner.currentText().strip()
        found = self.owner.findText(text, Qt.MatchFlag.MatchFixedString)
        professional = self.owner.itemData(found) if found >= 0 else None
        date = self.due.date()
        return ActionDraft(self.description.text(), text, professional, dt.date(date.year(), date.month(), date.day()))


class ActionsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Actions")
        self.rows: list[ActionRow] = []
        self._owners: list[Owner] = []
        self._due = clock.today() + dt.timedelta(days=14)
        self._wording: FamilyWording | None = None
        self.add_button = QPushButton("Add action")
        self.add_button.setToolTip("Add an action with its owner and date (Alt+A)")
        self.error = QLabel(objectName="actionsError", wordWrap=True)
        self.error.setProperty("fieldError", True)
        self.error.hide()
        self._list = QVBoxLayout()
        self._list.setSpacing(4)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("Actions", objectName="mmFieldLabel"))
        heading.addStretch(1)
        heading.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addLayout(self._list)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(lambda: self.add_action())

    def set_owners(self, owners: Sequence[Owner]) -> None:
        self._owners = list(owners)
        for row in self.rows:
            row.set_owners(self._owners)

    def set_wording(self, wording: FamilyWording | None) -> None:
        """The family whose restricted information each action and owner is checked against."""
        self._wording = wording
        for row in self.rows:
            row.quotes.set_wording(wording)

    def check_quotes(self) -> None:
        for row in self.rows:
            row.quotes.check()

    def load(self, actions: Sequence[ActionDraft], due: dt.date) -> None:
        self._due = due
        while self.rows:
            self._remove(self.rows[-1])
        for action in actions:
            row = self.add_action(focus=False)
            row.description.setText(action.description)
            row.owner.setEditText(action.owner)
            row.due.setDate(_qdate(action.due_on or due))

    def add_action(self, *, focus: bool = True) -> ActionRow:
        row = ActionRow(len(self.rows) + 1, self._owners, self._due, self)
        row.quotes.set_wording(self._wording)
        row.remove.clicked.connect(lambda: self._remove(row))
        self.rows.append(row)
        self._list.addWidget(row)
        row.show()  # now, not on the layout's later turn: it is to be laid out and scrolled to at once
        if focus:
            row.description.setFocus()
            reveal(row)  # Alt+A on a short screen: the new row may be below the panel's fold
        return row

    def _remove(self, row: ActionRow) -> None:
        self.rows.remove(row)
        self._list.removeWidget(row)
        row.hide()
        row.deleteLater()

    def drafts(self) -> list[ActionDraft]:
        return [row.draft() for row in self.rows]

    def set_enabled(self, enabled: bool) -> None:
        self.add_button.setEnabled(enabled)
        for row in self.rows:
            row.setEnabled(enabled)
