"""Closing and reopening a meeting, asked the same way from the Meetings
page and from meeting mode. Each is an Operation (ui/operation.py): how it
went, or why it was not done, is said in the banner of the screen that
asked (the page's, or meeting mode's at the foot of the window)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from tafdesk.models import AgendaStatus
from tafdesk.ui.banner import Banner
from tafdesk.ui.meetings.reason_dialog import ReasonDialog
from tafdesk.ui.meetings.session import MeetingSession
from tafdesk.ui.operation import Operation
from tafdesk.ui.text import and_list, plural

CLOSED = "The meeting is closed: its decisions are final unless it is reopened with a reason."


def close_session(session: MeetingSession, undo_stack: QUndoStack, banner: Banner, before: str = "") -> bool:
    """Close the meeting; True if closed. Its decisions can no longer be
    undone, so the Meetings area's undo history goes (`undo_stack` is that
    area's own: other areas keep theirs). `before`: what was done first."""

    def closed(_done: object) -> None:
        undo_stack.clear()
        banner.say(f"{before} {CLOSED}".strip())

    return (
        Operation(banner, session.close, failed="The meeting is still open.", doing="closing a meeting")
        .done(closed)
        .run()
    )


def confirm_close(parent: QWidget, session: MeetingSession, undo_stack: QUndoStack, banner: Banner) -> QMessageBox:
    """Ask, then close the meeting, saying how it went in `banner`. Families
    still waiting are named first, with the offer to defer them all."""
    waiting = [row.family_name for row in session.rows() if row.status is AgendaStatus.PENDING]
    defer_all = None

    def answered(_result: int) -> None:
        clicked = box.clickedButton()
        if clicked is defer_all:

            def deferred(done: tuple) -> None:
                count, following = done
                close_session(
                    session,
                    undo_stack,
                    banner,
                    f"{plural(count, 'family', 'families')} deferred to the meeting of {following.day} {following:%B}.",
                )

            Operation(
                banner,
                session.defer_remaining,
                failed="Nothing was deferred and the meeting is still open.",
                doing="deferring the remaining families",
            ).done(deferred).run()
        elif clicked is box.button(QMessageBox.StandardButton.Yes):
            close_session(session, undo_stack, banner)

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


def ask_reopen(parent: QWidget, session: MeetingSession, done: Callable[[], None]) -> ReasonDialog:
    """Ask why, then reopen the meeting; `done` once it is open again."""
    dialog = ReasonDialog(
        parent,
        title="Reopen the meeting",
        submit=session.reopen,
        accept_label="Reopen",
        prompt="A closed meeting's decisions are final. Say why it must change: the reason is "
        "recorded in the audit trail.",
        placeholder="e.g. The Smith family's lead was recorded against the wrong agency",
        failed="The meeting is still closed.",
        doing="reopening a meeting",
    )
    dialog.accepted.connect(done)
    dialog.open()
    return dialog
