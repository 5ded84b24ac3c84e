"""Actions due, followed up one by one: the matters arising of a meeting
(reviewed by its chair or minute-taker: done, not done or carried forward)
and a professional's own actions on My cases (marked done or not done).
A list (model/view) with its buttons; marking asks for the note in a small
dialog, and the service call goes through an Operation."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk import clock
from tafdesk.models.enums import FollowUpState
from tafdesk.services.errors import ConflictError
from tafdesk.services.follow_up import ActionRow, FollowUpService
from tafdesk.ui.banner import Banner
from tafdesk.ui.colours import current
from tafdesk.ui.operation import Operation
from tafdesk.ui.table_fit import heading_width, set_row_height
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.text import day, plural

COL_CASE, COL_ACTION, COL_OWNER, COL_DUE, COL_STATE = range(5)
STATE_WORDS = {
    FollowUpState.DONE: "Mark done",
    FollowUpState.NOT_DONE: "Mark not done",
    FollowUpState.CARRIED_FORWARD: "Carry forward",
}
NOTE_LABELS = {
    FollowUpState.DONE: "What was done",
    FollowUpState.NOT_DONE: "Why it was not done",
    FollowUpState.CARRIED_FORWARD: "Why it is carried forward",
}


class ActionsDueModel(ReadOnlyTableModel[ActionRow]):
    HEADERS = ("Case", "Action", "Owner", "Due", "Follow-up")
    HEADER_TIPS = {COL_STATE: "What was recorded of it: at this meeting, or its newest marking"}

    def __init__(self, today: dt.date, *, at_meeting: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._at_meeting = at_meeting

    def state_text(self, row: ActionRow) -> str:
        if self._at_meeting:
            if row.reviewed_here:
                return f"{row.reviewed_here.words}: {row.reviewed_here.note}"
            return "To review"
        if row.last:
            return f"{row.last.words} ({day(row.last.marked_on)}): {row.last.note}"
        return "Done" if row.done else "Open"

    def display(self, row: ActionRow, column: int) -> str:
        if column == COL_CASE:
            return f"{row.case_reference} {row.family_name}"
        if column == COL_ACTION:
            return row.description
        if column == COL_OWNER:
            return row.owner
        if column == COL_DUE:
            late = row.overdue_days(self._today)
            return f"{day(row.due_on)} ({plural(late, 'day')} late)" if late else day(row.due_on)
        if column == COL_STATE:
            return self.state_text(row)
        return ""

    def tooltip(self, row: ActionRow, column: int) -> str | None:
        if column == COL_ACTION:
            return f"{row.description}\nAgreed: {row.agreed_at}"
        return self.display(row, column) or None

    def extra(self, row: ActionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_DUE and row.overdue_days(self._today):
            return QColor(current().error.ink)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.display(row, column)
        return None


class MarkDialog(QDialog):
    """The note (and for carrying forward, the new date) of one marking."""

    def __init__(self, row: ActionRow, state: FollowUpState, after: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{STATE_WORDS[state]}: {row.case_reference}")
        self.state = state
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(NOTE_LABELS[state])
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(self.fontMetrics().height() * 4)
        self.carried_to = QDateEdit(calendarPopup=True, displayFormat="d MMM yyyy")
        self.carried_to.setAccessibleName("Carried forward to")
        later = after + dt.timedelta(days=7)
        self.carried_to.setDate(QDate(later.year, later.month, later.day))
        self.error = QLabel(objectName="fieldError", wordWrap=True)
        self.error.setStyleSheet(f"color: {current().error.ink}")
        self.error.hide()
        what = QLabel(f"<b>{_escape(row.description)}</b><br>{_escape(row.owner)} · due {day(row.due_on)}")
        what.setWordWrap(True)
        form = QFormLayout()
        form.addRow(what)
        form.addRow(NOTE_LABELS[state], self.note)
        if state is FollowUpState.CARRIED_FORWARD:
            form.addRow("Carried forward to", self.carried_to)
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(STATE_WORDS[state])
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(min(560, self.sizeHint().width() + 200), self.sizeHint().height())

    def values(self) -> tuple[str, dt.date | None]:
        date = self.carried_to.date()
        carried = dt.date(date.year(), date.month(), date.day())
        return self.note.toPlainText(), carried if self.state is FollowUpState.CARRIED_FORWARD else None

    def show_errors(self, fields: dict[str, str]) -> None:
        self.error.setText(" ".join(fields.values()))
        self.error.show()
        (self.carried_to if "carried_to" in fields and "note" not in fields else self.note).setFocus()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ActionsDuePanel(QWidget):
    """The list and its buttons. `at_meeting`: the matters arising of a
    meeting (with Carry forward); else a professional's own actions."""

    def __init__(
        self,
        service: FollowUpService,
        *,
        at_meeting: bool,
        title: str,
        banner: Banner | None = None,
        case_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """With `case_id`, every action of that case (its case page's Actions)."""
        super().__init__(parent)
        self._service = service
        self._at_meeting = at_meeting
        self._case_id = case_id
        self._meeting_id: uuid.UUID | None = None
        self._editable = True
        self._dialog: MarkDialog | None = None
        self.setAccessibleName(title)
        self.title = QLabel(title, objectName="sectionTitle")
        self.summary = QLabel(objectName="hint", wordWrap=True)
        self.banner = banner or Banner()
        self.model = ActionsDueModel(clock.today(), at_meeting=at_meeting, parent=self)
        self.table = QTableView()
        self.table.setAccessibleName(title)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        set_row_height(self.table)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_STATE, QHeaderView.ResizeMode.Stretch)
        # No heading is cut short when the room is tight (a laptop, large type): the table scrolls sideways first.
        header.setMinimumSectionSize(
            max(heading_width(self.table, c, sortable=False) for c in range(len(ActionsDueModel.HEADERS)))
        )
        self.buttons: dict[FollowUpState, QPushButton] = {}
        states = list(FollowUpState) if at_meeting else [FollowUpState.DONE, FollowUpState.NOT_DONE]
        keys = {
            FollowUpState.DONE: "&Done…",
            FollowUpState.NOT_DONE: "&Not done…",
            FollowUpState.CARRIED_FORWARD: "&Carry forward…",
        }
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        for state in states:
            button = QPushButton(keys[state])
            button.setAccessibleName(STATE_WORDS[state])
            button.setToolTip(f"{STATE_WORDS[state]}, with a note")
            button.clicked.connect(lambda _=False, s=state: self.mark_current(s))
            self.buttons[state] = button
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        if banner is None:
            layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, lambda: self.mark_current(FollowUpState.DONE))
        self._enable()

    # -- contents -----------------------------------------------------------------

    def show_meeting(self, meeting_id: uuid.UUID | None, *, editable: bool) -> None:
        """The matters arising of this meeting (editable while it is open);
        read again only when the meeting or whether it may be edited changes."""
        if (meeting_id, editable) == (self._meeting_id, self._editable) and self.model.rowCount():
            return
        self._meeting_id, self._editable = meeting_id, editable
        if meeting_id is None:
            self.set_rows([])
            return
        self.reload()

    def reload(self) -> None:
        read: Callable[[], list[ActionRow]]
        if self._at_meeting:
            meeting_id = self._meeting_id
            if meeting_id is None:
                return
            read = lambda: self._service.matters_arising(meeting_id)  # noqa: E731
        elif self._case_id is not None:
            case_id = self._case_id
            read = lambda: self._service.case_actions(case_id)  # noqa: E731
        else:
            read = self._service.my_actions
        Operation(self.banner, read, failed="The actions could not be read.", doing="reading actions due").done(
            self.set_rows
        ).run()

    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        keep = self.current()
        self.model._today = clock.today()
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        for column in (COL_CASE, COL_OWNER, COL_DUE):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), self.fontMetrics().averageCharWidth() * 30))
        at = next((n for n, r in enumerate(rows) if keep and r.action_id == keep.action_id), 0)
        if rows:
            self.table.selectRow(at)
        if self._at_meeting:
            waiting = sum(1 for r in rows if r.reviewed_here is None)
            self.summary.setText(
                "No actions agreed earlier are due by this meeting."
                if not rows
                else f"{plural(len(rows), 'action')} due by this meeting; {waiting} still to review."
            )
        elif self._case_id is not None:
            late = sum(1 for r in rows if r.overdue_days(clock.today()))
            still = sum(1 for r in rows if not r.done)
            self.summary.setText(
                "No actions have been agreed for this case."
                if not rows
                else f"{plural(len(rows), 'action')}: {still} open, {late} overdue."
            )
        else:
            late = sum(1 for r in rows if r.overdue_days(clock.today()))
            self.summary.setText(
                "You have no open actions." if not rows else f"{plural(len(rows), 'open action')}, {late} overdue."
            )
        self._enable()

    def current(self) -> ActionRow | None:
        return self.model.row_at(self.table.currentIndex())

    def _enable(self) -> None:
        has = self.current() is not None
        for button in self.buttons.values():
            button.setEnabled(has and self._editable)

    # -- marking ------------------------------------------------------------------

    def mark_current(self, state: FollowUpState) -> None:
        row = self.current()
        if row is None or not self._editable or state not in self.buttons:
            return
        dialog = MarkDialog(row, state, row.due_on or clock.today(), self)
        self._dialog = dialog

        def attempt() -> None:
            note, carried_to = dialog.values()
            Operation(
                self.banner,
                lambda: self._service.mark(
                    row.kind,
                    row.action_id,
                    row.version,
                    state,
                    note,
                    meeting_id=self._meeting_id if self._at_meeting else None,
                    carried_to=carried_to,
                ),
                failed="Not marked.",
                doing="following an action up",
            ).at_fields(dialog.show_errors).handle(ConflictError, lambda e: self._conflict(dialog, e)).done(
                lambda _v: self._marked(dialog, row, state)
            ).run()

        dialog.buttons.accepted.disconnect()
        dialog.buttons.accepted.connect(attempt)
        dialog.open()

    def _conflict(self, dialog: MarkDialog, error: ConflictError) -> None:
        dialog.reject()
        self.banner.say(str(error), error=True)
        self.reload()

    def _marked(self, dialog: MarkDialog, row: ActionRow, state: FollowUpState) -> None:
        dialog.accept()
        self.banner.say(f"{STATE_WORDS[state].replace('Mark ', 'Marked ')}: {row.description}")
        self.reload()
