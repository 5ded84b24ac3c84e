"""The matters arising on the Meetings page and in meeting mode, and a
professional's own actions on My cases: listed, marked from the keyboard
with a note, and refused with the reason where the rule says no."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from meeting_helpers import TIMEOUT, page_for, settle_session
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tafdesk import clock
from tafdesk.models import DecisionOutcome, FollowUpState, Meeting, MeetingStatus, Role
from tafdesk.services.actor import Actor
from tafdesk.services.decisions import ActionInput, DecisionInput, DecisionService
from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.meetings import MeetingService
from tafdesk.ui.actions_due import ActionsDuePanel, MarkDialog
from tafdesk.ui.meetings.mode_dialogs import arising_dialog
from tests.meetings.conftest import AT_MEETING, CHAIR, CLERK, NOW

NEXT = dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC)
SHOTS = os.environ.get("TAFDESK_SHOTS")  # a folder: save the screens as PNGs to look at


@pytest.fixture
def arising(world):
    item = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda[0]
    DecisionService(world.db, CHAIR, now=AT_MEETING).decide(
        item.id,
        DecisionInput(
            DecisionOutcome.ALLOCATE_LEAD,
            world.people["Tomas Okafor"],
            rationale="Best placed.",
            actions=(
                ActionInput("Contact the family and the referrer", dt.date(2026, 12, 4), world.people["Tomas Okafor"]),
                ActionInput("Send the attendance figures", dt.date(2026, 12, 7), owner_name="Schools"),
            ),
        ),
    )
    with world.db.session() as s:
        first = s.get(Meeting, world.meeting_id)
        meeting = Meeting(locality_id=first.locality_id, starts_at=NEXT, status=MeetingStatus.PLANNED)
        s.add(meeting)
        s.flush()
        world.next_meeting_id = meeting.id
    return world


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def _mark_from_keyboard(qtbot, panel: ActionsDuePanel, button_text: str, note: str) -> MarkDialog:
    panel.table.setFocus()
    button = next(b for b in panel.buttons.values() if b.text() == button_text)
    button.click()
    dialog = panel._dialog
    assert isinstance(dialog, MarkDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    qtbot.keyClicks(dialog.note, note)
    return dialog


def test_the_meetings_page_reviews_the_matters_arising(qtbot, arising, undo_stack):
    with clock.pinned(NEXT):
        page = page_for(arising.db, CLERK, undo_stack)
        from tafdesk.ui.meetings.page import MeetingsPage

        page = MeetingsPage(
            meetings=MeetingService(arising.db, CLERK, now=NEXT),
            decisions=page._decisions,
            allocation=page._allocation,
            minutes=page._minutes,
            profiles=page._profiles,
            undo_stack=undo_stack,
            rights=page.rights,
            follow_up=FollowUpService(arising.db, CLERK, now=NEXT),
        )
        qtbot.addWidget(page)
        page.resize(1366, 768)
        with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
            page.show()
        settle_session(qtbot, page)
        page.ui.select_meeting(arising.next_meeting_id)
        panel = page.ui.arising
        qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=TIMEOUT)
        page.ui.tabs.setCurrentWidget(panel)
        assert panel.accessibleName() == "Matters arising"
        assert "2 actions due by this meeting; 2 still to review" in panel.summary.text()
        assert [b.accessibleName() for b in panel.buttons.values()] == ["Mark done", "Mark not done", "Carry forward"]
        _shot(page, "meetings_matters_arising")
        dialog = _mark_from_keyboard(qtbot, panel, "&Done…", "Seen at home on 3 December.")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: panel.model.row(0).reviewed_here is not None, timeout=TIMEOUT)
        assert panel.model.state_text(panel.model.row(0)) == "Done: Seen at home on 3 December."
        # An empty note is refused in the dialog, saying what is wanted.
        panel.table.selectRow(1)
        panel.mark_current(FollowUpState.CARRIED_FORWARD)
        dialog = panel._dialog
        qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
        _shot(dialog, "carry_forward_dialog")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        assert dialog.isVisible() and "Say why it is carried forward." in dialog.error.text()
        dialog.reject()


def test_meeting_mode_opens_the_matters_arising_beside_it(qtbot, arising):
    from PySide6.QtWidgets import QWidget

    mode = QWidget()
    qtbot.addWidget(mode)
    mode.resize(1366, 768)
    dialog = arising_dialog(mode, FollowUpService(arising.db, CHAIR, now=NEXT), arising.next_meeting_id, editable=True)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.panel.model.rowCount() == 2, timeout=TIMEOUT)
    assert dialog.width() <= 1366 and dialog.height() <= 768
    _shot(dialog, "meeting_mode_matters_arising")


def test_my_cases_shows_my_actions_to_mark(qtbot, arising, undo_stack):
    from tafdesk.ui.plans.page import build_cases_page

    lead = Actor(None, "Tomas Okafor", Role.LEAD_PROFESSIONAL, professional_id=arising.people["Tomas Okafor"])
    with clock.pinned(NEXT):
        page = build_cases_page(arising.db, lead, undo_stack, today=NEXT.date())
        qtbot.addWidget(page)
        page.resize(1366, 768)
        with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
            page.show()
        panel = page.cases.my_actions
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=TIMEOUT)
        assert panel.model.row(0).description == "Contact the family and the referrer"
        assert "(4 days late)" in panel.model.index(0, 3).data()
        assert (
            list(panel.buttons) == list(panel.buttons)[:2]
        )  # done and not done: no carrying forward outside a meeting
        _shot(page, "my_cases_actions")
        dialog = _mark_from_keyboard(qtbot, panel, "&Not done…", "The family were away; booked for 10 December.")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: panel.model.row(0).last is not None, timeout=TIMEOUT)
        assert panel.model.state_text(panel.model.row(0)).startswith("Not done (8 Dec 2026): The family were away")
        QApplication.processEvents()


def test_meeting_mode_asks_for_the_familys_case_page(qtbot, world, undo_stack):
    """Ctrl+Shift+O in meeting mode asks the main window for the case page of the family on the screen."""
    from meeting_helpers import make_page, open_mode, press

    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    open_mode(qtbot, page)
    first = page.session.rows()[0]
    with qtbot.waitSignal(page.case_requested, timeout=TIMEOUT) as asked:
        press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (asked.args[0].case_id, asked.args[0].reference) == (first.case_id, first.case_reference)
    assert asked.args[0].family_name == first.family_name
