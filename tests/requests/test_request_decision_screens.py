"""Deciding a request at the meeting: meeting mode shows the request in place
of the allocation decision, records approve / decline / defer with Ctrl+Enter,
and Ctrl+Z takes it back; the Meetings page says what the chosen request asks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from tafdesk.exports.quotes import WITHHELD
from tafdesk.models import AgendaKind, AgendaStatus, ProfileInvolvement, RequestKind, RequestState
from tafdesk.services.allocation import AllocationService
from tafdesk.services.decisions import DecisionService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.requests import RequestService
from tafdesk.services.restricted_text import RestrictedTextService
from tafdesk.ui.intake.summary_html import RESTRICTED_TAG
from tafdesk.ui.meetings.meeting_mode import MeetingMode
from tafdesk.ui.meetings.request_panel import NOT_HERE
from tafdesk.ui.meetings.rights import MeetingRights
from tafdesk.ui.meetings.session import MeetingSession
from tests.meetings.conftest import CHAIR
from tests.requests.conftest import AFTER, AT_NEXT, new_meeting
from tests.ui.meeting_helpers import activate

REASON = "Needs met at school; the family asks to step down."
SECRET = "Disclosed a MARAC referral after the October incident"  # the family's restricted police item


def _mode(qtbot, world, lead, size=(1366, 768), reason=REASON):
    RequestService(world.db, lead, now=AFTER).raise_request(world.case_id, RequestKind.STEP_DOWN, reason)
    meeting_id = new_meeting(world)
    MeetingService(world.db, CHAIR, now=AT_NEXT).build_agenda(meeting_id)
    session = MeetingSession(
        meeting_id,
        meetings=MeetingService(world.db, CHAIR, now=AT_NEXT),
        decisions=DecisionService(world.db, CHAIR, now=AT_NEXT),
        allocation=AllocationService(world.db, CHAIR),
        minutes=MinutesService(world.db, CHAIR),
        profiles=IntakeQueueService(world.db, CHAIR, today=AT_NEXT.date()),
        requests=RequestService(world.db, CHAIR, now=AT_NEXT),
        restricted=RestrictedTextService(world.db, CHAIR),  # the family's quote check, for the projector
    )
    session.read_now()
    stack = QUndoStack()
    mode = MeetingMode(session, stack, MeetingRights.of(CHAIR), MinutesService(world.db, CHAIR))
    qtbot.addWidget(mode)
    mode.resize(*size)
    mode.start(full_screen=False)
    mode.resize(*size)
    (item,) = [r for r in session.rows() if r.kind is AgendaKind.REQUEST]
    mode.show_item(item.id)
    activate(qtbot, mode)
    return mode, session, stack, item


def _state(world, lead):
    (row,) = RequestService(world.db, lead).requests(world.case_id)
    return row


def test_a_request_is_decided_in_meeting_mode_and_undone(qtbot, allocated, lead):
    mode, session, stack, item = _mode(qtbot, allocated, lead)
    ui = mode.ui
    assert ui.decision_stack.currentWidget() is ui.request
    assert ui.round_stack.currentWidget() is ui.no_round and ui.no_round.text() == NOT_HERE
    assert "Step-down request, raised by Tomas Okafor" in ui.request.about.text()
    assert REASON in ui.request.about.text()
    mode.grab().save("/tmp/request_mode_1366.png")

    qtbot.keyClick(mode, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # approve
    qtbot.keyClick(mode, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # no rationale yet
    assert ui.request.errors["rationale"].isVisibleTo(ui.request)
    assert _state(allocated, lead).state is RequestState.PENDING

    ui.request.rationale.setPlainText("School and health visitor carry on; needs met.")
    qtbot.keyClick(mode, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _state(allocated, lead).state is RequestState.APPROVED
    assert session.row(item.id).status is AgendaStatus.DECIDED
    assert stack.count() == 1

    stack.undo()  # Ctrl+Z
    row = _state(allocated, lead)
    assert (row.state, row.rationale) == (RequestState.PENDING, None)
    mode.show_item(item.id)
    assert ui.request.verdict() is not None  # what was chosen comes back as the draft
    assert ui.request.rationale.toPlainText() == "School and health visitor carry on; needs met."


def test_a_request_is_deferred_to_a_date(qtbot, allocated, lead):
    mode, _session, _stack, _item = _mode(qtbot, allocated, lead, size=(1920, 1080))
    ui = mode.ui
    qtbot.keyClick(mode, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # defer
    assert ui.request.deferred_until.isVisibleTo(ui.request)
    ui.request.rationale.setPlainText("Waiting for the school's report.")
    mode.grab().save("/tmp/request_mode_1920.png")
    qtbot.keyClick(mode, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    row = _state(allocated, lead)
    assert row.state is RequestState.DEFERRED and row.deferred_until is not None
    assert row.deferred_until > AT_NEXT.date()


def test_the_round_and_the_proposal_say_they_do_not_apply(qtbot, allocated, lead):
    mode, _session, _stack, _item = _mode(qtbot, allocated, lead)
    qtbot.keyClick(mode, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the agency round
    assert mode.ui.notice.text() == NOT_HERE
    qtbot.keyClick(mode, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # actions: none on a request
    assert "no actions" in mode.ui.notice.text()


def test_the_projector_shows_the_request_without_restricted_text(qtbot, allocated, lead):
    """The room sees the request as it sees a family's decision: what is asked, by whom and why, the answer
    being chosen, then the one recorded; what quotes the family's restricted information is withheld."""
    with allocated.db.session() as s:
        for involvement in s.scalars(select(ProfileInvolvement).where(ProfileInvolvement.restricted.is_(True))):
            involvement.summary = SECRET
    mode, _session, _stack, _item = _mode(qtbot, allocated, lead, reason=f"{REASON} Police: {SECRET}.")
    qtbot.keyClick(mode, Qt.Key.Key_F7)
    projector = mode.projector
    assert projector is not None
    qtbot.waitUntil(lambda: WITHHELD in projector.decision.toPlainText(), timeout=10_000)  # the check read
    shown = projector.decision.toPlainText()
    assert "Being decided" in shown and "Request: Step-down request" in shown
    assert "Raised by: Tomas Okafor on 2 Dec 2026" in shown and "Answer: not chosen yet" in shown
    assert f"Police: {WITHHELD}." in shown and REASON in shown
    assert "Lead professional" not in shown  # not an allocation: no lead to choose

    qtbot.keyClick(mode, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # defer, a week on by default
    assert "Answer: Defer" in projector.decision.toPlainText()
    assert "Back on: 15 Dec 2026" in projector.decision.toPlainText()
    mode.ui.request.rationale.setPlainText(f"Wait for the police: {SECRET}")
    assert SECRET not in projector.decision.toPlainText()  # a rationale is the room's once recorded
    projector.grab().save("/tmp/request_projector_deciding.png")
    qtbot.keyClick(mode, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Decided" in projector.decision.toPlainText(), timeout=10_000)
    decided = projector.decision.toPlainText()
    assert "Answer: Deferred to 15 Dec 2026" in decided and f"Why: Wait for the police: {WITHHELD}" in decided
    held = "\n".join(
        [projector.decision.toHtml(), projector.family.toHtml()]
        + [label.text() for label in projector.findChildren(QLabel)]
    )
    assert [text for text in (SECRET, RESTRICTED_TAG) if text in held] == []
    assert SECRET not in str(mode.room())
    projector.grab().save("/tmp/request_projector_decided.png")
