"""A whole meeting walked through from the keyboard: meeting mode opened with
F11, attendance taken, the agenda gone through agency by agency, a lead
picked and a decision confirmed, one family deferred with a reason and a
date, one stepped down; the database checked through the services after
each step; then undo and redo, closing and reopening."""

from __future__ import annotations

import datetime as dt

import pytest
from meeting_helpers import (
    AT_MEETING,
    CHAIR,
    NOW,
    activate,
    case_of,
    focused,
    make_page,
    open_mode,
    press,
    type_text,
    wait_for_loads,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from tafdesk.models import (
    AgendaStatus,
    AttendanceStatus,
    AuditEvent,
    CaseStatus,
    Decision,
    DecisionOutcome,
    MeetingStatus,
)
from tafdesk.services.decisions import DecisionService
from tafdesk.services.errors import ConflictError
from tafdesk.services.meetings import MeetingService

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
K = Qt.Key


def _agenda(world):
    return MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id)


def _take_attendance(qtbot, mode, world) -> None:
    press(qtbot, K.Key_A, CTRL | SHIFT)
    dialog = mode.decider.dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5_000)
    activate(qtbot, dialog)
    editor = dialog.editor
    editor.table.setFocus()
    # Core agencies come first, by name: Education Welfare, Family Support, Health Visiting and School
    # Nursing, Housing, Police, Youth Service; then Schools.
    for _ in range(2):
        press(qtbot, K.Key_P, ALT)  # present; the next agency is chosen
    press(qtbot, K.Key_Return)  # Health Visiting: type who came
    type_text(qtbot, "Jo Hart")
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_D, ALT)  # Housing sends a deputy
    assert focused() is editor.deputy_name
    type_text(qtbot, "Sam Deputy")
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_P, ALT)  # Police
    press(qtbot, K.Key_A, ALT)  # Youth Service: apologies
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    activate(qtbot, mode)


@pytest.mark.attendance_not_taken
def test_a_whole_meeting_from_the_keyboard(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    assert mode.isFullScreen()
    assert [mode.ui.rail.model.row(n).family_name for n in range(3)] == ["Mensah", "Kowalczyk", "Byrne"]
    assert "Not quorate" in mode.ui.warning.text()

    _take_attendance(qtbot, mode, world)
    wait_for_loads(qtbot, mode.session)  # who may be allocated follows the attendance
    view = _agenda(world)
    status = {a.agency: (a.status, a.attendee_name, a.deputy_name) for a in view.attendance}
    assert status["Education Welfare"] == (AttendanceStatus.PRESENT, None, None)
    assert status["Health Visiting and School Nursing"] == (AttendanceStatus.PRESENT, "Jo Hart", None)
    assert status["Housing"] == (AttendanceStatus.DEPUTY, None, "Sam Deputy")
    assert status["Youth Service"][0] is AttendanceStatus.APOLOGIES
    assert not any(w.startswith("Not quorate") for w in view.quorum_warnings)
    assert "Not quorate" not in mode.ui.warning.text() and "Youth Service (apologies)" in mode.ui.warning.text()

    # The first family: the round, Education Welfare's professionals, Tomas as lead.
    first, second, third = view.agenda
    press(qtbot, K.Key_1, CTRL)
    assert focused() is mode.ui.rail.view and mode.current == first.id
    press(qtbot, K.Key_Return)
    assert focused() is mode.ui.round.view
    round_rows = [mode.ui.round.model.row(n) for n in range(mode.ui.round.model.rowCount())]
    assert round_rows[0].agency == "Education Welfare" and round_rows[0].involvement == "current"
    assert all(r.agency != "Youth Service" for r in round_rows)  # sent apologies: not at the table
    while mode.ui.round.current_row().agency != "Education Welfare":
        press(qtbot, K.Key_Down)
    press(qtbot, K.Key_Return)
    assert focused() is mode.ui.candidates.view
    assert mode.ui.candidates.current().candidate.name == "Tomas Okafor"
    press(qtbot, K.Key_Return)  # the lead
    assert mode.decider.draft().lead.name == "Tomas Okafor"
    assert mode.ui.decision.outcome() is DecisionOutcome.ALLOCATE_LEAD
    press(qtbot, K.Key_R, ALT)
    assert focused() is mode.ui.decision.rationale
    type_text(qtbot, "Already working with Tobi; the school is the way in.")
    press(qtbot, K.Key_Return, CTRL)
    case = case_of(world.db, first.case_id)
    assert (case.status, case.lead_professional_id) == (CaseStatus.TAF_OPEN, world.people["Tomas Okafor"])
    assert _agenda(world).agenda[0].status is AgendaStatus.DECIDED
    assert mode.current == second.id and focused() is mode.ui.rail.view  # on to the next family

    # The second family: deferred, with a reason and a date.
    press(qtbot, K.Key_7, ALT)
    assert mode.ui.decision.outcome() is DecisionOutcome.DEFER
    press(qtbot, K.Key_B, ALT)
    assert focused() is mode.ui.decision.deferral_reason
    type_text(qtbot, "Waiting for the school's report on attendance.")
    press(qtbot, K.Key_Return, CTRL)
    case = case_of(world.db, second.case_id)
    assert case.status is CaseStatus.DEFERRED
    with world.db.reader() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == second.case_id))
        assert (decision.deferred_until, decision.deferral_reason) == (
            dt.date(2026, 12, 8),
            "Waiting for the school's report on attendance.",
        )

    # The third: stepped down, the rationale refused until it is given.
    assert mode.current == third.id
    press(qtbot, K.Key_5, ALT)
    press(qtbot, K.Key_Return, CTRL)
    assert "rationale" in mode.ui.decision.visible_errors()
    assert case_of(world.db, third.case_id).status is CaseStatus.AWAITING_MEETING
    assert focused() is mode.ui.decision.rationale
    type_text(qtbot, "Universal services can meet the needs.")
    press(qtbot, K.Key_Return, CTRL)
    assert case_of(world.db, third.case_id).status is CaseStatus.STEPPED_DOWN
    assert mode.ui.progress.text() == "3 of 3 decided"

    # Undo and redo the last decision from the keyboard.
    press(qtbot, K.Key_Z, CTRL)
    assert case_of(world.db, third.case_id).status is CaseStatus.AWAITING_MEETING
    assert mode.current == third.id and mode.ui.decision.outcome() is DecisionOutcome.STEP_DOWN
    press(qtbot, K.Key_Z, CTRL | SHIFT)
    assert case_of(world.db, third.case_id).status is CaseStatus.STEPPED_DOWN

    # Close: the meeting freezes; nothing is left to undo and the service refuses changes.
    wait_for_loads(qtbot, page.session)
    press(qtbot, K.Key_C, CTRL | SHIFT)
    box = mode.decider.dialog
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    press(qtbot, K.Key_Return, widget=box.defaultButton())
    assert _agenda(world).summary.status is MeetingStatus.CLOSED
    assert undo_stack.count() == 0 and not mode.undo_action.isEnabled()
    activate(qtbot, mode)
    press(qtbot, K.Key_Z, CTRL)
    assert case_of(world.db, third.case_id).status is CaseStatus.STEPPED_DOWN
    assert "closed" in mode.ui.warning.text()
    try:
        DecisionService(world.db, CHAIR, now=AT_MEETING).withdraw(_agenda(world).agenda[2].decision_id)
        raise AssertionError("a closed meeting's decision was withdrawn")
    except ConflictError:
        pass

    # Reopen, with a reason: audited.
    press(qtbot, K.Key_R, CTRL | SHIFT)
    dialog = mode.decider.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    activate(qtbot, dialog)
    dialog.reason.setFocus()
    type_text(qtbot, "oops")
    press(qtbot, K.Key_Return)
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)
    dialog.reason.selectAll()
    type_text(qtbot, "The Byrne family's school called with new information.")
    press(qtbot, K.Key_Return)
    assert not dialog.isVisible()
    assert _agenda(world).summary.status is MeetingStatus.IN_PROGRESS
    with world.db.reader() as s:
        changes = s.scalar(select(AuditEvent.changes).where(AuditEvent.action == "meeting.reopened"))
    assert "The Byrne family's school called" in changes
    assert "closed" not in mode.ui.warning.text() and mode.ui.close_button.isVisibleTo(mode)


def test_every_confirmed_decision_is_in_the_database_at_once(qtbot, world, undo_stack):
    """Nothing waits for the meeting's end: a decision is committed when confirmed."""
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    open_mode(qtbot, page)
    press(qtbot, K.Key_6, ALT)  # information, advice and guidance
    press(qtbot, K.Key_R, ALT)
    type_text(qtbot, "Advice to the school is enough.")
    press(qtbot, K.Key_Return, CTRL)
    other = MeetingService(world.db, CHAIR, now=NOW)  # as another computer would see it
    decided = [r for r in other.meeting(world.meeting_id).agenda if r.status is AgendaStatus.DECIDED]
    assert [r.outcome for r in decided] == [DecisionOutcome.INFORMATION_ADVICE_GUIDANCE]
