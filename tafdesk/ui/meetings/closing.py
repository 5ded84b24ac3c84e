"""Closing and reopening a meeting, asked the same way from the Meetings
page and from meeting mode."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from tafdesk.models import AgendaStatus
from tafdesk.services.errors import ServiceError, ValidationError
from tafdesk.ui.meetings.reason_dialog import ReasonDialog
from tafdesk.ui.meetings.session import MeetingSession
from tafdesk.ui.text import and_list, plural


def close_session(session: MeetingSession, undo_stack: QUndoStack) -> str | None:
    """Close the meeting; None if closed, else why not. Its decisions can no
    longer be undone, so the Meetings area's undo history goes (`undo_stack`
    is that area's own: other areas keep theirs)."""
    try:
        session.close()
    except ServiceError as exc:
        return str(exc)
    undo_stack.clear()
    return None


def confirm_close(parent: QWidget, session: MeetingSession, undo_stack: QUndoStack, tell) -> QMessageBox:
    """Ask, then close the meeting; `tell(text, error=…)` says how it went.
    Families still waiting are named first, with the offer to defer them all."""
    waiting = [row.family_name for row in session.rows() if row.status is AgendaStatus.PENDING]
    defer_all = None

    def answered(_result: int) -> None:
        clicked = box.clickedButton()
        if clicked is defer_all:
            try:
                deferred, following = session.defer_remaining()
            except ServiceError as exc:
                tell(str(exc), error=True)
                return
            tell(f"{plural(deferred, 'family', 'families')} deferred to the meeting of {following.day} {following:%B}.")
        elif clicked is not box.button(QMessageBox.StandardButton.Yes):
            return
        problem = close_session(session, undo_stack)
        tell(
            problem or "The meeting is closed: its decisions are final unless it is reopened with a reason.",
            error=bool(problem),
        )

    final = "Its decisions become final and can no longer be undone; reopening it needs a reason."
    if waiting:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Close the meeting",
            f"{plural(len(waiting), 'family', 'families')} still waiting for a decision: "
            f"{and_list([f'the {name} family' for name in waiting])}. Defer them all to the next meeting and close? {final}",
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        defer_all = box.addButton("Defer all remaining and close", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    else:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Close the meeting",
            f"Close the meeting? {final}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.finished.connect(answered)
    box.open()
    return box


def ask_reopen(parent: QWidget, session: MeetingSession, done) -> ReasonDialog:
    def submit(reason: str) -> str | None:
        try:
            session.reopen(reason)
        except ValidationError as exc:
            return " ".join(exc.fields.values())
        except ServiceError as exc:
            return str(exc)
        done()
        return None

    dialog = ReasonDialog(
        parent,
        title="Reopen the meeting",
        submit=submit,
        accept_label="Reopen",
        prompt="A closed meeting's decisions are final. Say why it must change: the reason is "
        "recorded in the audit trail.",
        placeholder="e.g. The Smith family's lead was recorded against the wrong agency",
    )
    dialog.open()
    return dialog
