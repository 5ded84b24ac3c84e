"""Front-door decisions and family matches, made from the Intake page.

Each decision goes through the FrontDoorService for the profile shown in
the detail pane, as an Operation (ui/operation.py): why nothing happened is
said in the page's banner. Those that need a note ask for it in a
NoteDialog, opened window-modal without blocking. `done` carries a sentence
for the user and the case to show afterwards.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from tafdesk.services.front_door import FrontDoorService, MeetingSlot
from tafdesk.services.intake_queue import ProfileSummary
from tafdesk.services.meetings import MeetingService
from tafdesk.ui.banner import Banner
from tafdesk.ui.intake.labels import CONSENT_LABELS
from tafdesk.ui.intake.note_dialog import NoteDialog
from tafdesk.ui.operation import Operation
from tafdesk.ui.text import short_when
from tafdesk.ui.undo import GuardedCommand

log = logging.getLogger(__name__)

NOTE_REQUIRED = "Record what was decided and why."
REASON_REQUIRED = "Say why the family may go ahead without consent (at least a sentence)."


@dataclass(frozen=True)
class AgendaUndo:
    """What undoing "Add to next meeting" needs: the meetings, and the Intake area's undo history."""

    meetings: MeetingService
    stack: QUndoStack


class SendToMeetingCommand(GuardedCommand):
    """A family added to its locality's next meeting; undo takes it off the
    agenda and back to the queue, redo adds it again."""

    LOG = log
    WHAT = "meeting agenda change"

    def __init__(
        self,
        service: FrontDoorService,
        agenda: AgendaUndo,
        case_id: uuid.UUID,
        family: str,
        report: Callable[[str], None],
        after: Callable[[], None],
    ) -> None:
        super().__init__(f"Add the {family} family to the next meeting", report)
        self._service, self._agenda, self._case_id, self._after_each = service, agenda, case_id, after
        self.slot: MeetingSlot | None = None

    def _first(self) -> MeetingSlot:
        self._redo()
        assert self.slot is not None
        return self.slot

    def _redo(self) -> None:
        self.slot = self._service.send_to_meeting(self._case_id)

    def _undo(self) -> None:
        assert self.slot is not None and self.slot.item_id is not None  # done before undone; sent, it has its place
        self._agenda.meetings.take_off_agenda(self.slot.item_id)

    def _after(self) -> None:
        self._after_each()


class FrontDoorDecisions(QObject):
    done = Signal(str, object)  # what happened, the case id to show
    changed = Signal()  # an undo or redo changed the queue

    def __init__(
        self,
        service: FrontDoorService,
        current: Callable[[], ProfileSummary | None],
        window: QWidget,
        banner: Banner,
        agenda: AgendaUndo | None = None,
    ) -> None:
        super().__init__(window)
        self._agenda = agenda
        self._banner = banner
        self._service = service
        self._current = current
        self._window = window
        self.dialog: NoteDialog | None = None  # the one open (tests reach it here)

    # -- without a note -------------------------------------------------------

    def add_to_meeting(self) -> None:
        summary = self._current()
        if summary is None:
            return
        failed, doing = "Not added to a meeting.", "adding a case to a meeting"
        if self._agenda is not None:
            command = SendToMeetingCommand(
                self._service, self._agenda, summary.case_id, summary.family_name, self._problem, self.changed.emit
            )
            operation = Operation.undoable(self._banner, command, self._agenda.stack, failed=failed, doing=doing)
        else:
            operation = Operation(
                self._banner, lambda: self._service.send_to_meeting(summary.case_id), failed=failed, doing=doing
            )
        operation.done(lambda slot: self._added(summary, slot)).run()

    def _added(self, summary: ProfileSummary, slot: MeetingSlot) -> None:
        planned = " (a new meeting has been planned)" if slot.created else ""
        undo = " Ctrl+Z takes it off again." if self._agenda is not None else ""
        self.done.emit(
            f"Added the {summary.family_name} family to {summary.locality}'s meeting on {short_when(slot.starts_at)}"
            f"{planned}.{undo}",
            summary.case_id,
        )

    def _problem(self, text: str) -> None:
        """An undo or redo that could not be taken."""
        self._banner.say(text, error=True)

    def confirm_match(self) -> None:
        summary = self._current()
        if summary is None or summary.suggestion is None:
            return
        known, suggestion_id = summary.suggestion.known_family, summary.suggestion.id
        self._simple(
            lambda: self._service.confirm_match(suggestion_id),
            f"Linked the {summary.family_name} profile to the family already known, {known}: a repeat referral.",
            "The match was not confirmed.",
            summary.case_id,
        )

    def reject_match(self) -> None:
        summary = self._current()
        if summary is None or summary.suggestion is None:
            return
        known, suggestion_id = summary.suggestion.known_family, summary.suggestion.id
        self._simple(
            lambda: self._service.reject_match(suggestion_id),
            f"Kept the {summary.family_name} family apart from {known}.",
            "The match was not rejected.",
            summary.case_id,
        )

    def _simple(self, call: Callable[[], None], success: str, failure: str, case_id: uuid.UUID) -> None:
        Operation(self._banner, call, failed=failure, doing="a match decision").done(
            lambda _result: self.done.emit(success, case_id)
        ).run()

    # -- with a note -----------------------------------------------------------

    def give_advice(self) -> None:
        self._ask(
            "Information, advice and guidance",
            "The referrer is given information, advice and guidance, and the case closes. Say what was advised.",
            "Advice given",
            lambda s, note: self._service.give_advice(s.case_id, note),
            "Closed the {family} case with information, advice and guidance to the referrer.",
        )

    def step_up(self) -> None:
        self._ask(
            "Step up to social care",
            "The family is referred to statutory social care, and the case leaves early help. Say why.",
            "Step up",
            lambda s, note: self._service.step_up(s.case_id, note),
            "Stepped the {family} family up to social care.",
        )

    def step_down(self) -> None:
        self._ask(
            "Step down to universal services",
            "The family is signposted to universal services, and the case closes. Say to which, and why.",
            "Step down",
            lambda s, note: self._service.step_down(s.case_id, note),
            "Stepped the {family} family down to universal services.",
        )

    def override_consent(self) -> None:
        summary = self._current()
        if summary is None:
            return
        consent = CONSENT_LABELS[summary.consent].lower()
        self._ask(
            "Record consent override",
            f"Consent was {consent}. Record why the {summary.family_name} family may go to a meeting for allocation "
            "without it (for example, the risk to the children outweighs the refusal). The reason is kept in the audit trail.",
            "Record override",
            lambda s, note: self._service.override_consent(s.case_id, note),
            "Recorded why the {family} family may go ahead without consent; it can now go to a meeting.",
            label="&Reason for going ahead",
            required=REASON_REQUIRED,
        )

    def _ask(
        self,
        title: str,
        explanation: str,
        submit_text: str,
        submit: Callable[[ProfileSummary, str], object],
        success: str,
        *,
        label: str = "&Note",
        required: str = NOTE_REQUIRED,
    ) -> None:
        summary = self._current()
        if summary is None:
            return
        dialog = NoteDialog(
            title=f"{title}: {summary.family_name} family",
            explanation=explanation,
            label=label,
            submit_text=submit_text,
            submit=lambda note: submit(summary, note),
            required_message=required,
            parent=self._window,
        )
        dialog.accepted.connect(lambda: self.done.emit(success.format(family=summary.family_name), summary.case_id))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: NoteDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
