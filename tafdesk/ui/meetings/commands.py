"""One undoable command per decision and per reordering of the agenda.

As in the Directory, the screen applies a command itself first (`apply()`),
so that a rule broken on confirming is shown at the field and never reaches
the undo stack; pushing it afterwards does not apply it again. Undo and redo
go through the services like any change: committed at once and audited.
A decision is recorded again under the same id, so that what refers to it
(the minutes, the audit trail) stays one story.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoStack

from tafdesk.models.enums import Verdict
from tafdesk.services.decisions import DecisionInput
from tafdesk.services.meetings import AttendanceRow
from tafdesk.ui.meetings.labels import OUTCOME_DONE
from tafdesk.ui.meetings.session import AttendanceChange, MeetingSession
from tafdesk.ui.undo import GuardedCommand, Report

log = logging.getLogger(__name__)

VERDICT_DONE = {Verdict.APPROVE: "Approved", Verdict.DECLINE: "Declined", Verdict.DEFER: "Deferred"}
Shown = Callable[["DecideCommand"], None]  # a decision undone or redone: show its family


class _MeetingCommand(GuardedCommand):
    LOG = log
    WHAT = "meeting change"

    def __init__(self, text: str, session: MeetingSession, report: Report) -> None:
        super().__init__(text, report)
        self.session = session

    def _after(self) -> None:
        try:
            self._show()
        except RuntimeError:  # the window that would show it has gone (meeting mode was left)
            log.debug("nothing left to show %s in", self.text())

    def _show(self) -> None:
        pass


class DecideCommand(_MeetingCommand):
    """Confirming the group's decision on one family: undo withdraws it (the
    case goes back exactly as it was), redo records it again."""

    def __init__(
        self,
        session: MeetingSession,
        item_id: uuid.UUID,
        family: str,
        choice: DecisionInput,
        report: Report,
        shown: Shown,
    ) -> None:
        super().__init__(f"{OUTCOME_DONE[choice.outcome]}: the {family} family", session, report)
        self.item_id = item_id
        self.choice = choice
        self.decision_id: uuid.UUID | None = None
        self._shown = shown

    def _redo(self) -> None:
        self.decision_id = self.session.decide(self.item_id, self.choice, self.decision_id)

    def _undo(self) -> None:
        if self.decision_id is not None:
            self.session.withdraw(self.decision_id)

    def _show(self) -> None:
        self._shown(self)


class RequestDecideCommand(_MeetingCommand):
    """The group's decision on a request put to it: undo withdraws it (the
    request waits for the group again), redo records it again."""

    def __init__(
        self,
        session: MeetingSession,
        item_id: uuid.UUID,
        family: str,
        verdict: Verdict,
        rationale: str,
        until: dt.date | None,
        report: Report,
        shown: Callable[[RequestDecideCommand], None],
    ) -> None:
        super().__init__(f"{VERDICT_DONE[verdict]}: the {family} family's request", session, report)
        self.item_id, self.verdict, self.rationale, self.until = item_id, verdict, rationale, until
        self._shown = shown

    def _redo(self) -> None:
        self.session.decide_request(self.item_id, self.verdict, self.rationale, self.until)

    def _undo(self) -> None:
        self.session.withdraw_request(self.item_id)

    def _show(self) -> None:
        self._shown(self)


class ReorderCommand(_MeetingCommand):
    """Moving a family to another place on the agenda."""

    def __init__(
        self, session: MeetingSession, before: list[uuid.UUID], after: list[uuid.UUID], family: str, report: Report
    ) -> None:
        super().__init__(f"Move the {family} family on the agenda", session, report)
        self.before, self.after = list(before), list(after)

    def _redo(self) -> None:
        self.session.reorder(self.after)

    def _undo(self) -> None:
        self.session.reorder(self.before)


class AttendanceCommand(_MeetingCommand):
    """One agency's attendance recorded, changed or taken back to "not recorded"."""

    def __init__(
        self, session: MeetingSession, before: AttendanceChange, after: AttendanceChange, agency: str, report: Report
    ) -> None:
        super().__init__(f"Attendance: {agency}, {_said(after)}", session, report)
        self.before, self.after = before, after

    def _redo(self) -> None:
        self.session.set_attendance(self.after)

    def _undo(self) -> None:
        self.session.set_attendance(self.before)


def _said(change: AttendanceChange) -> str:
    return change.status.value if change.status else "not recorded"


@dataclass(frozen=True)
class AttendanceStep:
    """One agency's attendance to record: the command, and the undo history it goes onto once done."""

    command: AttendanceCommand
    stack: QUndoStack


def attendance_recorder(
    session: MeetingSession, undo_stack: QUndoStack, report: Report
) -> Callable[[AttendanceRow, AttendanceChange], AttendanceStep]:
    """What the attendance editor asks for each change: the step it applies (an Operation), then undoable."""

    def record(row: AttendanceRow, change: AttendanceChange) -> AttendanceStep:
        return AttendanceStep(
            AttendanceCommand(session, AttendanceChange.of(row), change, row.agency, report), undo_stack
        )

    return record
