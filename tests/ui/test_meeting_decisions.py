"""Deciding in meeting mode: undo and redo, a lead over capacity with the
chair's reason, the whole-agenda proposal accepted, the balance chart and the
minutes following each decision, and what business support may do."""

from __future__ import annotations

import pytest
from meeting_helpers import (
    AT_MEETING,
    CHAIR,
    CLERK,
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
from PySide6.QtCore import Qt, QUrl
from sqlalchemy import select

from tafdesk.allocation.wording import proposal_rationale
from tafdesk.models import AgendaStatus, AttendanceStatus, CaseStatus, Decision, DecisionOutcome
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.ui.meetings.mode_layout import TAB_BALANCE, TAB_MINUTES

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
K = Qt.Key


def _choose_agency(qtbot, mode, name: str) -> None:
    press(qtbot, K.Key_2, CTRL)
    press(qtbot, K.Key_Home)
    for _ in range(mode.ui.round.model.rowCount()):
        if mode.ui.round.current_row().agency == name:
            break
        press(qtbot, K.Key_Down)
    assert mode.ui.round.current_row().agency == name
    press(qtbot, K.Key_Return)


def _open_proposal(qtbot, mode):
    """Ctrl+P, and the whole-agenda proposal once it is worked out."""
    press(qtbot, K.Key_P, CTRL)
    panel = mode.ui.proposal
    qtbot.waitUntil(lambda: panel.table is not None, timeout=15_000)
    return panel


def _allocate_first(qtbot, mode, rationale: str = "Best placed: already involved.") -> None:
    _choose_agency(qtbot, mode, "Education Welfare")
    press(qtbot, K.Key_Return)  # Tomas, the best placed, leads
    press(qtbot, K.Key_R, ALT)
    type_text(qtbot, rationale)
    press(qtbot, K.Key_Return, CTRL)


def test_undo_and_redo_a_decision(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    first = page.session.rows()[0]
    _choose_agency(qtbot, mode, "Family Support")
    press(qtbot, K.Key_Space)  # Ruth joins the team
    _allocate_first(qtbot, mode)
    case = case_of(world.db, first.case_id)
    assert (case.status, case.lead_professional_id) == (CaseStatus.TAF_OPEN, world.people["Tomas Okafor"])
    assert undo_stack.count() == 1 and undo_stack.undoText().startswith("Lead allocated: the Mensah family")

    press(qtbot, K.Key_Z, CTRL)
    case = case_of(world.db, first.case_id)
    assert (case.status, case.lead_professional_id) == (CaseStatus.AWAITING_MEETING, None)
    assert page.session.row(first.id).status is AgendaStatus.PENDING
    draft = mode.decider.draft()  # the undone choice is back, to change and confirm again
    assert mode.current == first.id and draft.lead.name == "Tomas Okafor"
    assert list(draft.team.values()) == ["Ruth Adeyemi (Family Support)"]
    assert mode.ui.decision.rationale.toPlainText() == "Best placed: already involved."

    press(qtbot, K.Key_Z, CTRL | SHIFT)
    case = case_of(world.db, first.case_id)
    assert (case.status, case.lead_professional_id) == (CaseStatus.TAF_OPEN, world.people["Tomas Okafor"])
    with world.db.reader() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == first.case_id))
        assert [sp.professional_id for sp in decision.supporters] == [world.people["Ruth Adeyemi"]]


def test_a_lead_over_capacity_needs_the_chairs_reason(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    first = page.session.rows()[0]
    _choose_agency(qtbot, mode, "Family Support")
    press(qtbot, K.Key_Down)
    assert mode.ui.candidates.current().candidate.name == "Full Person"
    assert "Over capacity" in mode.ui.candidates.model.index(1, 1).data(Qt.ItemDataRole.UserRole + 23)
    press(qtbot, K.Key_Return)
    dialog = mode.decider.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert "of capacity" in dialog.prompt.text()
    activate(qtbot, dialog)
    dialog.reason.setFocus()
    press(qtbot, K.Key_Return)  # no reason: refused at the field
    assert dialog.isVisible() and dialog.error.text()
    type_text(qtbot, "Knows the family well; two cases close next week.")
    press(qtbot, K.Key_Return)
    assert not dialog.isVisible()
    activate(qtbot, mode)
    draft = mode.decider.draft()
    assert (draft.lead.name, draft.override_reason) == (
        "Full Person",
        "Knows the family well; two cases close next week.",
    )
    assert "Over capacity, agreed because" in mode.ui.decision.choice.text()
    press(qtbot, K.Key_R, ALT)
    type_text(qtbot, "The family asked for her.")
    press(qtbot, K.Key_Return, CTRL)
    with world.db.reader() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == first.case_id))
        assert decision.capacity_override_reason == "Knows the family well; two cases close next week."
    minutes = MinutesService(world.db, CHAIR).minutes(world.meeting_id)
    assert "over the lead's capacity: Knows the family well" in minutes.items[0].wording


def test_the_proposal_accepted_for_all(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    panel = _open_proposal(qtbot, mode)
    table = panel.table
    assert len(table.rows) == 3 and all(r.lead is not None for r in table.rows)
    assert table.total >= table.greedy_total
    assert "Whole-agenda proposal" in panel.totals.text()
    press(qtbot, K.Key_Return, CTRL | SHIFT)
    assert panel.confirm_bar.isVisibleTo(panel) and focused() is panel.confirm_all
    press(qtbot, K.Key_Return)
    view = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id)
    assert all(r.status is AgendaStatus.DECIDED and r.outcome is DecisionOutcome.ALLOCATE_LEAD for r in view.agenda)
    with world.db.reader() as s:
        decisions = {d.case_id: d for d in s.scalars(select(Decision))}
    for prow, item in zip(table.rows, view.agenda, strict=True):
        decision = decisions[item.case_id]
        assert decision.lead_professional_id == prow.lead.key
        assert decision.rationale == proposal_rationale(prow.score)
    assert undo_stack.count() == 1  # one step: the whole acceptance
    press(qtbot, K.Key_Z, CTRL)
    view = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id)
    assert all(r.status is AgendaStatus.PENDING for r in view.agenda)


def test_the_proposal_accepted_for_one_family(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    panel = _open_proposal(qtbot, mode)
    press(qtbot, K.Key_Down)
    chosen = panel.table.rows[1]
    press(qtbot, K.Key_Return)  # into the family's decision, to check and confirm
    assert mode.current == chosen.item_id and focused() is mode.ui.decision.rationale
    assert mode.ui.decision.outcome() is DecisionOutcome.ALLOCATE_LEAD
    assert mode.ui.decision.rationale.toPlainText() == proposal_rationale(chosen.score)
    assert f"Lead: {chosen.lead.name}" in mode.ui.decision.choice.text().replace("<b>", "").replace("</b>", "")
    assert MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).summary.decided == 0
    press(qtbot, K.Key_Return, CTRL)
    view = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id)
    assert [r.status for r in view.agenda] == [AgendaStatus.PENDING, AgendaStatus.DECIDED, AgendaStatus.PENDING]
    assert view.agenda[1].id == chosen.item_id
    assert case_of(world.db, view.agenda[1].case_id).lead_professional_id == chosen.lead.key
    press(qtbot, K.Key_P, CTRL)  # the proposal, worked out again for the two families left
    qtbot.waitUntil(lambda: panel.table is not None and len(panel.table.rows) == 2, timeout=15_000)


def test_balance_moves_as_decisions_are_made(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    press(qtbot, K.Key_B, CTRL)
    assert mode.ui.tabs.currentIndex() == TAB_BALANCE and focused() is mode.ui.balance
    before = {r.agency: r for r in mode.ui.balance.rows()}
    assert not any(r.moved for r in before.values())
    first = page.session.rows()[0]
    weight = page.session.allocation.facts[first.case_id].weight
    led = next(c.load.led for c in page.session.allocation.pool.candidates if c.name == "Tomas Okafor")
    _allocate_first(qtbot, mode)
    wait_for_loads(qtbot, page.session)
    after = {r.agency: r for r in mode.ui.balance.rows()}
    welfare = after["Education Welfare"]
    assert welfare.moved and welfare.start == before["Education Welfare"].now and welfare.now > welfare.start
    assert mode.ui.balance.rows()[0].agency == "Education Welfare"  # what moved comes first
    assert "Education Welfare" in mode.ui.balance.accessibleDescription()
    # The next family's professionals show the new load: Tomas now leads the first family too.
    assert mode.current != first.id
    _choose_agency(qtbot, mode, "Education Welfare")
    tomas = mode.ui.candidates.current().candidate
    assert tomas.name == "Tomas Okafor" and tomas.load.led == led + weight


def test_minutes_follow_the_meeting_and_business_support_rewords(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    _allocate_first(qtbot, mode, "Already working with Tobi.")
    press(qtbot, K.Key_M, CTRL)
    assert mode.ui.tabs.currentIndex() == TAB_MINUTES
    qtbot.waitUntil(
        lambda: "Rationale: Already working with Tobi." in mode.ui.minutes.browser.toPlainText(), timeout=15_000
    )
    mode.leave()

    clerk_stack = type(undo_stack)()
    clerk_page = make_page(qtbot, world.db, CLERK, clerk_stack)
    clerk_page.ui.tabs.setCurrentWidget(clerk_page.ui.minutes)
    pane = clerk_page.ui.minutes
    assert pane.editor.isVisibleTo(pane)
    pane.item.setCurrentIndex(0)
    pane.wording.setFocus()
    pane.wording.selectAll()
    type_text(qtbot, "Tomas Okafor (Education Welfare) will lead; the school joins the team.")
    with qtbot.waitSignal(clerk_page.session.minutes_changed, timeout=15_000):
        press(qtbot, K.Key_S, CTRL)
    item = MinutesService(world.db, CLERK).minutes(world.meeting_id).items[0]
    assert item.edited and item.wording.startswith("Tomas Okafor (Education Welfare) will lead")
    assert "Edited by business support" in pane.browser.toPlainText()
    assert pane.use_generated.isEnabled()
    with qtbot.waitSignal(clerk_page.session.minutes_changed, timeout=15_000):
        qtbot.mouseClick(pane.use_generated, Qt.MouseButton.LeftButton)
    assert not MinutesService(world.db, CLERK).minutes(world.meeting_id).items[0].edited
    pane.notes.setFocus()
    type_text(qtbot, "Next meeting moves to the library.")
    with qtbot.waitSignal(clerk_page.session.minutes_changed, timeout=15_000):
        qtbot.mouseClick(pane.save_notes, Qt.MouseButton.LeftButton)
    assert MinutesService(world.db, CLERK).minutes(world.meeting_id).notes == "Next meeting moves to the library."
    assert "Next meeting moves to the library." in pane.browser.toPlainText()


def test_business_support_follows_the_meeting_but_cannot_decide(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CLERK, undo_stack)
    assert not page.ui.close_button.isEnabled()
    mode = open_mode(qtbot, page)
    assert not mode.ui.decision.confirm.isEnabled() and not mode.ui.close_button.isVisibleTo(mode)
    press(qtbot, K.Key_6, ALT)
    press(qtbot, K.Key_Return, CTRL)
    assert "Only a locality manager" in mode.ui.notice.text()
    assert MeetingService(world.db, CLERK, now=NOW).meeting(world.meeting_id).summary.decided == 0


def test_undo_after_leaving_meeting_mode(qtbot, world, undo_stack):
    """The window's Edit → Undo still takes a decision back once meeting mode has been left."""
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    first = page.session.rows()[0]
    _allocate_first(qtbot, mode)
    with qtbot.waitSignal(mode.destroyed, timeout=5_000):
        press(qtbot, K.Key_W, CTRL)
    assert page.meeting_mode is None
    undo_stack.undo()
    assert case_of(world.db, first.case_id).status is CaseStatus.AWAITING_MEETING
    assert page.ui.agenda.model.index(0, 4).data() == "To decide"
    undo_stack.redo()
    assert case_of(world.db, first.case_id).status is CaseStatus.TAF_OPEN
    assert page.ui.agenda.model.index(0, 4).data() == "Lead allocated"


def test_a_family_decided_meanwhile_on_another_screen_is_shown_not_overwritten(qtbot, world, undo_stack):
    from tafdesk.services.decisions import DecisionInput, DecisionService

    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    first = page.session.rows()[0]
    DecisionService(world.db, CHAIR, now=AT_MEETING).decide(
        first.id, DecisionInput(DecisionOutcome.STEP_DOWN, rationale="Decided on the other chair's laptop.")
    )

    _allocate_first(qtbot, mode)

    problem = mode.ui.notice.text()  # in meeting mode's banner, not at a field: no field was wrong
    assert problem.startswith("Not recorded.") and "already been decided" in problem and "read again" in problem
    assert mode.ui.notice.property("error") is True and "form" not in mode.ui.decision.visible_errors()
    qtbot.waitUntil(lambda: page.session.row(first.id).status is AgendaStatus.DECIDED, timeout=5_000)
    assert undo_stack.count() == 0
    assert case_of(world.db, first.case_id).status is CaseStatus.STEPPED_DOWN


@pytest.mark.attendance_not_taken
def test_the_chair_considers_an_agency_not_at_the_table(qtbot, world, undo_stack):
    meetings = MeetingService(world.db, CHAIR, now=NOW)
    meetings.record_attendance(world.meeting_id, world.agencies["Family Support"], AttendanceStatus.PRESENT)
    meetings.record_attendance(world.meeting_id, world.agencies["Education Welfare"], AttendanceStatus.APOLOGIES)
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    assert "Tomas Okafor" not in {c.name for c in page.session.allocation.pool.candidates}

    press(qtbot, K.Key_W, CTRL | SHIFT)
    dialog = mode.decider.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    activate(qtbot, dialog)
    dialog.agency.setCurrentIndex(dialog.agency.findText("Education Welfare"))
    dialog.reason.setFocus()
    type_text(qtbot, "Sent a written update offering Tomas.")
    press(qtbot, K.Key_Return)
    assert not dialog.isVisible()
    wait_for_loads(qtbot, page.session)
    activate(qtbot, mode)

    assert "Tomas Okafor" in {c.name for c in page.session.allocation.pool.candidates}
    rows = {
        mode.ui.round.model.row(n).agency: mode.ui.round.model.row(n) for n in range(mode.ui.round.model.rowCount())
    }
    assert rows["Education Welfare"].at_table
    assert rows["Education Welfare"].attendance == "Not at the table; considered: Sent a written update offering Tomas."
    _allocate_first(qtbot, mode)
    minutes = MinutesService(world.db, CHAIR).minutes(world.meeting_id)
    assert "Education Welfare was not at the table: Sent a written update offering Tomas." in minutes.items[0].wording


def test_accepting_the_proposal_for_the_family_on_screen_makes_it_ready_to_confirm(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    panel = _open_proposal(qtbot, mode)
    chosen = next(r for r in panel.table.rows if r.item_id == mode.current)  # the family already shown
    press(qtbot, K.Key_Return)
    assert mode.ui.decision.outcome() is DecisionOutcome.ALLOCATE_LEAD
    assert mode.decider.draft().lead.key == chosen.lead.key
    press(qtbot, K.Key_Return, CTRL)
    assert case_of(world.db, page.session.row(chosen.item_id).case_id).lead_professional_id == chosen.lead.key

    # Undone, the choice comes back; another lead does not inherit the proposal's reason.
    press(qtbot, K.Key_Z, CTRL)
    assert mode.current == chosen.item_id
    assert mode.ui.decision.rationale.toPlainText() == proposal_rationale(chosen.score)
    _choose_agency(qtbot, mode, "Family Support")
    press(qtbot, K.Key_Return)  # Ruth, not the proposal's lead
    assert mode.decider.draft().lead.name == "Ruth Adeyemi"
    assert mode.ui.decision.rationale.toPlainText() == ""


def test_the_chair_sets_who_a_familys_letters_go_to_and_the_family_panel_shows_it(qtbot, world, undo_stack):
    from tafdesk.models import Case, Person

    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    row = mode.current_row()
    with world.db.reader() as s:
        family_id = s.get(Case, row.case_id).family_id
        adult = s.scalars(select(Person).where(Person.family_id == family_id).order_by(Person.position)).first()
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = mode.decider.dialog
    assert dialog.isVisible() and dialog.sensitive.isVisibleTo(dialog)  # the chair's choice is there for a chair
    dialog.marks[adult.id].setChecked(True)
    dialog.sensitive.setChecked(True)
    dialog.sensitive_reason.setText("The mother asked for the police to be named: she knows they are involved.")
    dialog.save()
    qtbot.waitUntil(lambda: "Not written to:" in mode.ui.family.toPlainText(), timeout=10_000)
    shown = mode.ui.family.toPlainText()
    assert f"Not written to: {adult.given_name} {adult.family_name}" in shown
    assert "Letters home may name sensitive services" in shown
    with world.db.reader() as s:
        assert s.get(Case, row.case_id).names_sensitive_agencies and s.get(Person, adult.id).do_not_write


def test_a_rationale_quoting_restricted_information_is_warned_about_as_it_is_typed(qtbot, world, undo_stack):
    from tafdesk.models import Case, Family

    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    panel = mode.ui.decision
    with world.db.reader() as s:
        family = s.get(Family, s.get(Case, mode.current_row().case_id).family_id)
        home = f"{family.address_line1}, {family.postcode}"
    panel.rationale.setFocus()
    type_text(qtbot, "The school knows the family well and will lead.")
    qtbot.wait(600)
    assert not panel.quote_warning.isVisible()
    type_text(qtbot, f" Visit them at {home} on Friday.")
    qtbot.waitUntil(panel.quote_warning.isVisible, timeout=5_000)
    assert "[withheld: restricted]" in panel.quote_warning.text()
    panel.rationale.setPlainText("The school will lead.")
    qtbot.waitUntil(lambda: not panel.quote_warning.isVisible(), timeout=5_000)


def test_the_chair_shares_a_restricted_item_with_the_new_lead_from_the_family_panel(qtbot, world, undo_stack):
    from tafdesk.models import Role
    from tafdesk.services.actor import Actor
    from tafdesk.services.intake_queue import IntakeQueueService
    from tafdesk.services.restricted_shares import RestrictedShareService
    from tafdesk.ui.meetings.share_dialog import ShareDialog

    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    row = mode.current_row()
    assert "Share with…" in mode.ui.family.toHtml()  # the restricted police item offers it to the chair
    press(qtbot, K.Key_S, CTRL | SHIFT)
    dialog = mode.decider.dialog
    assert isinstance(dialog, ShareDialog) and not dialog.ticks  # no team before the decision
    dialog.reject()
    _allocate_first(qtbot, mode)
    qtbot.waitUntil(lambda: page.session.row(row.id).status is AgendaStatus.DECIDED, timeout=10_000)
    mode.show_item(row.id)
    [police] = list(RestrictedShareService(world.db, CHAIR).items(row.case_id))
    mode.ui.family.anchorClicked.emit(QUrl(f"share:{police.involvement_id}"))  # the link beside the item
    dialog = mode.decider.dialog
    tomas = (police.involvement_id, world.people["Tomas Okafor"])
    assert dialog.isVisible() and set(dialog.ticks) == {tomas}
    qtbot.waitUntil(dialog.ticks[tomas].hasFocus, timeout=5_000)
    dialog.ticks[tomas].setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: "shared with Tomas Okafor" in mode.ui.family.toPlainText(), timeout=10_000)
    lead = Actor(None, "Tomas Okafor", Role.LEAD_PROFESSIONAL, professional_id=world.people["Tomas Okafor"])
    summary = IntakeQueueService(world.db, lead, today=NOW.date()).summary(row.case_id)
    assert [i.heading for i in summary.involvement if i.restricted] == ["Police"]
