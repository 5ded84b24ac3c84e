"""Front-door decisions and family matches, made through the Intake page,
checked in the database through the services and the audit trail."""

from __future__ import annotations

import copy

import pytest
from intake_helpers import CLERK, MANAGER, case_of, choose, import_through_page, make_council, open_intake, queue_files
from PySide6.QtCore import Qt
from ui_helpers import audit

from tafdesk.models import Case, MatchSuggestion
from tafdesk.models.enums import CaseStatus, ClosureReason, SuggestionStatus
from tafdesk.ui.intake.note_dialog import NoteDialog
from tafdesk.ui.intake.queue_model import COL_CONSENT, COL_STATUS, REPEAT_BADGE
from tafdesk.ui.intake.roles import BADGES_ROLE, REPEAT_ROLE
from tests.intake.conftest import BASE_PROFILE, make_profile, write


@pytest.fixture
def council(db):
    return make_council(db)


@pytest.fixture
def page(qtbot, council, tmp_path, undo_stack):
    page = open_intake(qtbot, council, MANAGER, undo_stack=undo_stack)
    import_through_page(qtbot, page, queue_files(tmp_path / "in"))
    page.results_dialog.close()
    return page


def _decide_with_note(qtbot, page, action: str, note: str) -> NoteDialog:
    """Trigger an action that asks for a note, type it, and press the dialog's button."""
    page.intake_actions[action].trigger()
    dialog = page.decisions.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.note, note)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return dialog


def test_add_to_next_meeting(qtbot, page, council):
    choose(qtbot, page, "Bell")
    case_id = page.detail.summary.case_id
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.detail.meeting_button, Qt.MouseButton.LeftButton)
    # Wednesday 25 November: North's next meeting is Tuesday 1 December at 10:00, made now.
    assert page.notice.text() == (
        "Added the Bell family to North's meeting on Tue 1 Dec 10:00 (a new meeting has been "
        "planned). Ctrl+Z takes it off again."
    )
    assert case_of(council, "Bell").status is CaseStatus.AWAITING_MEETING
    [(entity, changes, actor)] = audit(council, "case.sent_to_meeting")
    assert (
        entity == case_id and actor == "Nadia Hughes" and changes["status"] == ["awaiting_triage", "awaiting_meeting"]
    )
    # Still in the queue, now on the agenda; a second decision is not offered.
    assert page.detail.summary.case_id == case_id
    assert page.proxy.index(page.table.current_row(), COL_STATUS).data() == "Meeting Tue 1 Dec 10:00"
    assert not page.intake_actions["step_up"].isEnabled()
    assert (
        page.intake_actions["step_up"].toolTip() == "The Bell family is already on the agenda of North's next meeting."
    )


def test_adding_to_the_next_meeting_can_be_undone_and_redone(qtbot, page, council, undo_stack):
    choose(qtbot, page, "Bell")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.detail.meeting_button, Qt.MouseButton.LeftButton)
    assert undo_stack.undoText() == "Add the Bell family to the next meeting"
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        undo_stack.undo()
    assert case_of(council, "Bell").status is CaseStatus.AWAITING_TRIAGE
    assert page.intake_actions["step_up"].isEnabled()  # the front door's decisions are open again
    [(_, changes, _)] = audit(council, "case.taken_off_agenda")
    assert changes["status"] == ["awaiting_meeting", "awaiting_triage"]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        undo_stack.redo()
    assert case_of(council, "Bell").status is CaseStatus.AWAITING_MEETING


@pytest.mark.parametrize(
    ("action", "status", "reason", "event", "said"),
    [
        (
            "advice",
            CaseStatus.CLOSED,
            ClosureReason.INFORMATION_ADVICE_GUIDANCE,
            "case.advice_given",
            "Closed the Bell case with information, advice and guidance to the referrer.",
        ),
        (
            "step_up",
            CaseStatus.STEPPED_UP,
            ClosureReason.STEPPED_UP,
            "case.stepped_up",
            "Stepped the Bell family up to social care.",
        ),
        (
            "step_down",
            CaseStatus.STEPPED_DOWN,
            ClosureReason.STEPPED_DOWN,
            "case.stepped_down",
            "Stepped the Bell family down to universal services.",
        ),
    ],
)
def test_decisions_with_a_note(qtbot, page, council, action, status, reason, event, said):
    choose(qtbot, page, "Bell")
    row = page.table.current_row()
    _decide_with_note(qtbot, page, action, "Discussed with the referrer; the school will follow up.")
    bell = case_of(council, "Bell")
    assert (bell.status, bell.front_door_note) == (status, "Discussed with the referrer; the school will follow up.")
    [(entity, changes, actor)] = audit(council, event)
    assert entity == bell.case_id and actor == "Nadia Hughes" and changes["status"][1] == status.value
    assert page.notice.text() == said
    # The family leaves the queue, and the next one is shown.
    assert "Bell" not in page.table.visible_families() and page.model.rowCount() == 4
    assert page.table.current_row() == min(row, 3) and page.detail.summary.family_name != "Bell"
    with council.reader() as s:
        assert s.get(Case, bell.case_id).closure_reason is reason


def test_a_decision_needs_a_note_said_at_the_field(qtbot, page, council):
    choose(qtbot, page, "Bell")
    page.intake_actions["step_down"].trigger()
    dialog = page.decisions.dialog
    qtbot.keyClicks(dialog.note, "   ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_text() == "Record what was decided and why."
    assert dialog.note.property("invalid") is True
    assert case_of(council, "Bell").status is CaseStatus.AWAITING_TRIAGE and audit(council, "case.stepped_down") == []
    qtbot.keyClicks(dialog.note, "Universal services: children's centre.")
    assert dialog.error_text() == ""  # typing clears the message
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert case_of(council, "Bell").status is CaseStatus.STEPPED_DOWN


def test_refused_consent_blocks_the_meeting_until_a_manager_overrides(qtbot, page, council):
    choose(qtbot, page, "Dunn")
    assert page.detail.consent_band.isVisibleTo(page.detail)
    qtbot.mouseClick(page.detail.meeting_button, Qt.MouseButton.LeftButton)
    assert page.notice.property("error") is True
    assert page.notice.text().startswith("Not added to a meeting. Consent was refused for S-")
    assert "A locality manager must first record why it may go ahead." in page.notice.text()
    assert case_of(council, "Dunn").status is CaseStatus.AWAITING_TRIAGE

    # A reason too short is refused by the service and said at the field.
    page.intake_actions["override_consent"].trigger()
    dialog = page.decisions.dialog
    qtbot.keyClicks(dialog.note, "ok")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "at least a sentence" in dialog.error_text()
    dialog.note.clear()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClicks(dialog.note, "The risk to the children outweighs the father's refusal.")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not page.detail.consent_band.isVisibleTo(page.detail)
    assert "overridden" in page.proxy.index(page.table.current_row(), COL_CONSENT).data()
    [(_, changes, actor)] = audit(council, "case.consent_overridden")
    assert changes["consent_override_reason"][1] == "The risk to the children outweighs the father's refusal."
    assert actor == "Nadia Hughes"

    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.intake_actions["add_to_meeting"].trigger()
    assert page.notice.text().startswith("Added the Dunn family to South's meeting on")
    assert case_of(council, "Dunn").status is CaseStatus.AWAITING_MEETING


def test_business_support_is_blocked_and_may_not_override(qtbot, council, tmp_path):
    page = open_intake(qtbot, council, CLERK)
    import_through_page(qtbot, page, queue_files(tmp_path / "in"))
    choose(qtbot, page, "Dunn")
    page.intake_actions["add_to_meeting"].trigger()
    assert "Consent was refused" in page.notice.text()
    assert not page.detail.override_button.isEnabled()
    assert page.detail.override_button.toolTip() == "Only a locality manager may override a consent block."


def _uncertain_match(qtbot, page, tmp_path) -> None:
    """The Okonkwo-Hale mother again, alone, across town: a match to ask about."""
    again = make_profile(profile_id="ESAT-2027-00001")
    again["family"]["members"] = [copy.deepcopy(BASE_PROFILE["family"]["members"][0])]
    again["family"]["address"] = {"line1": "1 New Road", "postcode": "SB2 4XY"}
    again["family"]["family_name"] = "Okonkwo"
    again["locality"] = "South"
    again["needs"] = [{"area": "housing", "level": "high", "summary": "Facing eviction."}]
    again["agency_involvement"], again["risks"] = [], []
    import_through_page(qtbot, page, [write(tmp_path / "again.json", again)])


def test_confirm_a_pending_match(qtbot, page, council, tmp_path):
    _uncertain_match(qtbot, page, tmp_path)
    choose(qtbot, page, "Okonkwo")
    detail = page.detail
    assert detail.match_bar.isVisibleTo(detail) and detail.summary.suggestion is not None
    text = detail.text()
    assert "Possibly a family already known" in text
    assert "In this profile" in text and "Known family" in text
    assert text.count("Adaeze Okonkwo-Hale") >= 2  # on both sides
    assert "Tobi Okonkwo-Hale" in text  # only in the known family
    assert "+40" in text  # evidence with its points
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(detail.confirm_button, Qt.MouseButton.LeftButton)
    assert page.notice.text().startswith("Linked the Okonkwo profile to the family already known")
    summary = page.detail.summary
    assert summary.suggestion is None and summary.repeat and not detail.match_bar.isVisibleTo(detail)
    [(_, changes, _actor)] = audit(council, "match.confirmed")
    assert "family" in changes
    assert page.proxy.index(page.table.current_row(), 0).data(REPEAT_ROLE) is True
    assert page.proxy.index(page.table.current_row(), 0).data(BADGES_ROLE) == (REPEAT_BADGE,)


def test_reject_a_pending_match(qtbot, page, council, tmp_path):
    _uncertain_match(qtbot, page, tmp_path)
    choose(qtbot, page, "Okonkwo")
    suggestion = page.detail.summary.suggestion
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.detail.reject_button, Qt.MouseButton.LeftButton)
    assert page.notice.text().startswith("Kept the Okonkwo family apart from")
    assert page.detail.summary.suggestion is None and not page.detail.summary.repeat
    assert len(audit(council, "match.rejected")) == 1
    with council.reader() as s:
        assert s.get(MatchSuggestion, suggestion.id).status is SuggestionStatus.REJECTED
