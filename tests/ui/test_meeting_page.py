"""The Meetings area: the list of meetings, planning the coming weeks, the
agenda built and reordered (undoably), attendance taken from the keyboard
with the quorum band following it, and who may see the area at all."""

from __future__ import annotations

import datetime as dt

import pytest
from meeting_helpers import AT_MEETING, CHAIR, NOW, activate, focused, make_page, press, settle_session, type_text
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from tafdesk.models import AttendanceStatus, Decision, DecisionOutcome, MeetingStatus, Role
from tafdesk.services.actor import Actor
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.ui.meetings import list_model as lm
from tafdesk.ui.meetings.page import build_meetings_page

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


def _families(world) -> list[str]:
    return [r.family_name for r in MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda]


@pytest.mark.attendance_not_taken
def test_the_next_meeting_is_chosen_with_its_agenda_and_quorum(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    assert page.ui.current_meeting() == world.meeting_id
    assert page.ui.title.text() == "North – Tue 1 Dec 2026, 10:00"
    assert [page.ui.agenda.model.index(n, 1).data() for n in range(3)] == ["Mensah", "Kowalczyk", "Byrne"]
    band = page.ui.band
    assert band.isVisibleTo(page) and band.property("quorate") is False
    assert band.text().startswith("<b>Not quorate: 0 of the 4 core agencies needed are here.</b>")


def test_plan_the_next_four_weeks(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.ui.plan_button, Qt.MouseButton.LeftButton)
    starts = sorted(page.ui.model.row(n).starts_at.date() for n in range(page.ui.model.rowCount()))
    assert starts == [dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 15), dt.date(2026, 12, 22)]
    assert "3 meetings planned" in page.ui.notice_label.text()
    assert page.ui.current_meeting() == world.meeting_id  # the one chosen stays chosen


def test_reorder_the_agenda_with_alt_arrows_undo_and_redo(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    activate(qtbot, page.window())
    table = page.ui.agenda.table
    table.setFocus()
    table.selectRow(0)
    press(qtbot, K.Key_Down, ALT)
    assert _families(world) == ["Kowalczyk", "Mensah", "Byrne"]
    assert page.ui.agenda.current_item() == page.session.rows()[1].id  # Mensah stays chosen
    press(qtbot, K.Key_Down, ALT)
    assert _families(world) == ["Kowalczyk", "Byrne", "Mensah"]
    assert undo_stack.undoText() == "Move the Mensah family on the agenda"
    undo_stack.undo()
    undo_stack.undo()
    assert _families(world) == ["Mensah", "Kowalczyk", "Byrne"]
    undo_stack.redo()
    assert _families(world) == ["Kowalczyk", "Mensah", "Byrne"]
    # A row dropped elsewhere asks for the same command.
    model = page.ui.agenda.model
    model.dropMimeData(model.mimeData([model.index(2, 0)]), Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert _families(world) == ["Byrne", "Kowalczyk", "Mensah"]
    assert undo_stack.count() == 2


@pytest.mark.attendance_not_taken
def test_attendance_from_the_keyboard_turns_the_band_green(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    activate(qtbot, page.window())
    page.ui.tabs.setCurrentIndex(0)  # the agenda and attendance
    editor = page.ui.attendance
    editor.table.setFocus()
    editor.table.selectRow(0)
    for _ in range(3):
        press(qtbot, K.Key_P, ALT)
    press(qtbot, K.Key_Return)
    assert focused() is editor.attendee
    type_text(qtbot, "Insp. Example")
    press(qtbot, K.Key_Return)
    view = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id)
    here = [a.agency for a in view.attendance if a.status is AttendanceStatus.PRESENT]
    assert here == ["Education Welfare", "Family Support", "Health Visiting and School Nursing", "Housing"]
    assert next(a.attendee_name for a in view.attendance if a.agency == "Housing") == "Insp. Example"
    assert page.ui.band.property("quorate") is False  # quorate now, but Police and Youth Service are not here
    assert "Not quorate" not in page.ui.band.text() and "Police, Youth Service" in page.ui.band.text()
    press(qtbot, K.Key_D, ALT)  # Police sends a deputy, but no name is given
    press(qtbot, K.Key_Return)
    assert editor.error.isVisibleTo(editor) and "deputy" in editor.error.text()
    type_text(qtbot, "Sgt Lee")
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_P, ALT)  # Youth Service
    assert page.ui.band.property("quorate") is True and page.ui.band.text() == "Quorate: 6 core agencies here."


@pytest.mark.attendance_not_taken
def test_typing_a_name_in_the_list_types_the_name_and_attendance_can_be_undone(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    activate(qtbot, page.window())
    page.ui.tabs.setCurrentIndex(0)
    editor = page.ui.attendance
    editor.table.setFocus()
    editor.table.selectRow(0)  # Education Welfare

    _type_as_a_person(qtbot, "Dan Ward")  # letters in the list are a name, never P, A or D
    assert focused() is editor.attendee and editor.attendee.text() == "Dan Ward"
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_A, ALT)  # Family Support: apologies...
    editor.table.selectRow(1)
    _type_as_a_person(qtbot, "Ade Lewis")  # ...from Ade Lewis
    press(qtbot, K.Key_Return)
    health = editor.model.row_of(world.agencies["Health Visiting and School Nursing"])
    editor.table.selectRow(health)
    editor.table.setFocus()
    press(qtbot, K.Key_Return)
    type_text(qtbot, "Jo Hart")
    editor.late.setChecked(True)
    editor.arrived.setTime(QTime(10, 40))
    press(qtbot, K.Key_Return, widget=editor.attendee)

    rows = {a.agency: a for a in MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).attendance}
    assert (rows["Education Welfare"].status, rows["Education Welfare"].attendee_name) == (
        AttendanceStatus.PRESENT,
        "Dan Ward",
    )
    assert (rows["Family Support"].status, rows["Family Support"].attendee_name) == (
        AttendanceStatus.APOLOGIES,
        "Ade Lewis",
    )
    assert rows["Health Visiting and School Nursing"].arrived_at == dt.time(10, 40)
    assert [
        a
        for a in rows.values()
        if a.status is not None
        and a.agency not in ("Education Welfare", "Family Support", "Health Visiting and School Nursing")
    ] == []
    minutes = MinutesService(world.db, CHAIR).minutes(world.meeting_id)
    assert "Family Support: Ade Lewis" in minutes.apologies
    assert "Health Visiting and School Nursing: Jo Hart (arrived 10:40)" in minutes.present

    assert undo_stack.undoText() == "Attendance: Health Visiting and School Nursing, present"
    assert undo_stack.count() == 4  # Family Support twice: apologies, then from whom
    while undo_stack.canUndo():
        undo_stack.undo()
    rows = {a.agency: a for a in MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).attendance}
    assert {a.status for a in rows.values()} == {None}  # every agency back to "not recorded"
    undo_stack.redo()
    rows = {a.agency: a for a in MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).attendance}
    assert rows["Education Welfare"].attendee_name == "Dan Ward"


def _type_as_a_person(qtbot, text: str) -> None:
    """Each key to whatever has the focus when it is pressed, as a keyboard does."""
    for character in text:
        qtbot.keyClicks(QApplication.focusWidget(), character)


def test_build_the_agenda_from_what_is_due(qtbot, world, undo_stack):
    meetings, decisions = MeetingService(world.db, CHAIR, now=NOW), DecisionService(world.db, CHAIR, now=AT_MEETING)
    first, second, third = meetings.meeting(world.meeting_id).agenda
    decisions.decide(
        first.id,
        DecisionInput(
            DecisionOutcome.DEFER,
            deferred_until=dt.date(2026, 12, 8),
            deferral_reason="Waiting for the school's report.",
        ),
    )
    for item in (second, third):
        decisions.decide(item.id, DecisionInput(DecisionOutcome.STEP_DOWN, rationale="Universal services suffice."))
    meetings.close(world.meeting_id)
    meetings.schedule(2)
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    following = next(r for r in page.ui.model.rows() if r.starts_at.date() == dt.date(2026, 12, 8))
    assert page.ui.current_meeting() == following.id  # the next meeting to hold
    settle_session(qtbot, page)
    assert page.ui.agenda.model.rowCount() == 0
    qtbot.mouseClick(page.ui.build_button, Qt.MouseButton.LeftButton)
    assert page.ui.notice_label.text() == "1 family added to the agenda."
    assert [page.ui.agenda.model.index(0, 1).data()] == ["Mensah"]
    assert page.ui.agenda.model.index(0, 5).data() == "Deferred until 08 Dec: Waiting for the school's report."
    page.choose_meeting(world.meeting_id)
    qtbot.waitUntil(
        lambda: page.session.meeting_id == world.meeting_id and page.session.view is not None, timeout=10_000
    )
    assert page.session.view.summary.status is MeetingStatus.CLOSED
    assert not page.ui.build_button.isEnabled() and page.ui.reopen_button.isEnabled()
    assert page.ui.start_button.text() == "Review meeting"


def test_the_list_can_show_one_locality(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    assert [page.ui.locality.itemText(n) for n in range(page.ui.locality.count())] == ["All localities", "North"]
    page.ui.when.setCurrentIndex(page.ui.when.findData(lm.MeetingListProxy.RECENT))
    assert page.ui.proxy.rowCount() == 0 and page.ui.title.text() == "Choose a meeting"


def test_lead_professionals_do_not_keep_meetings(qtbot, db, undo_stack):
    page = build_meetings_page(db, Actor(None, "Lead Tester", Role.LEAD_PROFESSIONAL), undo_stack)
    qtbot.addWidget(page)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any("Only a locality manager or business support may keep meetings" in t for t in texts)


def test_closing_names_the_families_waiting_and_defers_them_all(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    qtbot.mouseClick(page.ui.close_button, Qt.MouseButton.LeftButton)
    box = page.close_box
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    assert (
        "3 families still waiting for a decision: the Mensah family, the Kowalczyk family and the Byrne family"
        in box.text()
    )
    qtbot.mouseClick(box.button(box.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).summary.status is MeetingStatus.PLANNED

    qtbot.mouseClick(page.ui.close_button, Qt.MouseButton.LeftButton)
    box = page.close_box
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    defer_all = next(b for b in box.buttons() if b.text() == "Defer all remaining and close")
    qtbot.mouseClick(defer_all, Qt.MouseButton.LeftButton)
    view = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id)
    assert view.summary.status is MeetingStatus.CLOSED
    assert "closed" in page.ui.notice_label.text()
    with world.db.reader() as s:
        assert set(s.scalars(select(Decision.deferred_until))) == {dt.date(2026, 12, 8)}


def test_a_family_comes_off_the_agenda_with_delete(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    activate(qtbot, page.window())
    page.ui.tabs.setCurrentIndex(0)
    first = page.session.rows()[0]
    page.ui.agenda.table.setFocus()
    page.ui.agenda.select_item(first.id)
    press(qtbot, K.Key_Delete)
    box = page.remove_box
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    assert "the Mensah family" in box.text()
    take = next(b for b in box.buttons() if b.text() == "Take off the agenda")
    qtbot.mouseClick(take, Qt.MouseButton.LeftButton)
    view = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id)
    assert [r.family_name for r in view.agenda] == ["Kowalczyk", "Byrne"]
    assert page.ui.notice_label.text() == "The Mensah family is off the agenda."


def test_meeting_mode_is_made_ready_while_the_chair_looks_at_the_agenda(qtbot, world, undo_stack):
    """F11 shows a window built, styled and filled beforehand, on the family
    to decide first, whose summary was read as soon as the meeting was."""
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    first = page.session.next_pending(None)
    qtbot.waitUntil(lambda: page._prepared is not None and page._prepared.current == first.id, timeout=10_000)
    qtbot.waitUntil(lambda: page.session.summary(first.case_id) is not None, timeout=10_000)
    prepared = page._prepared
    assert not prepared.isVisible()
    activate(qtbot, page.window())
    press(qtbot, K.Key_F11, widget=page.ui.table)
    assert page.meeting_mode is prepared and prepared.isVisible()
    assert prepared.populated()  # nothing left to read or lay out once it shows
    assert prepared.ui.family.case_id == first.case_id


def test_business_support_keep_meetings_without_a_meeting_mode_made_for_them(qtbot, world, undo_stack):
    from meeting_helpers import CLERK

    page = make_page(qtbot, world.db, CLERK, undo_stack)
    qtbot.wait(50)
    assert page._prepared is None  # only a chair runs meeting mode: nothing built for anyone else


def test_a_closed_meetings_minutes_can_be_read_but_not_reworded(qtbot, world, undo_stack):
    DecisionService(world.db, CHAIR, now=AT_MEETING).defer_remaining(
        world.meeting_id, dt.date(2026, 12, 8), "Not reached."
    )
    MeetingService(world.db, CHAIR, now=AT_MEETING).close(world.meeting_id)
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    pane = page.ui.minutes
    qtbot.waitUntil(lambda: pane.minutes is not None and pane.minutes.closed, timeout=10_000)
    assert pane.wording.isReadOnly() and pane.notes.isReadOnly()
    assert not pane.save_wording.isEnabled() and not pane.save_notes.isEnabled()
    assert pane.closed_note.isVisibleTo(pane) and "Reopen the meeting" in pane.closed_note.text()
    assert "North" in pane.browser.toPlainText()  # still there to read


def test_the_minute_taker_and_declarations_are_recorded_from_the_minutes_pane(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    pane = page.ui.minutes
    qtbot.waitUntil(lambda: pane.minutes is not None, timeout=10_000)
    pane.minute_taker.setText("Robin Notetaker")
    pane.declarations.setPlainText("None declared.")
    qtbot.mouseClick(pane.save_notes, Qt.MouseButton.LeftButton)
    assert not pane.message.isVisible()
    saved = MinutesService(world.db, CHAIR).minutes(world.meeting_id)
    assert (saved.minute_taker, saved.declarations) == ("Robin Notetaker", "None declared.")


def test_making_meeting_mode_ready_never_takes_the_keyboard_from_the_page(qtbot, world, undo_stack):
    """Its minutes editor was once shown before it had a parent: a window of its own, which took the focus."""
    from meeting_helpers import open_mode

    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    activate(qtbot, page.window())
    open_mode(qtbot, page).leave()
    qtbot.waitUntil(lambda: page._prepared is not None and page._prepared.current is not None, timeout=10_000)
    qtbot.wait(100)
    assert QApplication.activeWindow() is page.window()
