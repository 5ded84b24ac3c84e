"""A lead professional drafts, agrees and reviews a family's plan through the
screens: typing the family's words, adding an action and putting right what
the SMART check flags, agreeing, then recording a review with scores."""

# ruff: noqa: F811 (the fixtures imported from tests/plans and tests/meetings are parameters here)
from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from plan_helpers import (
    TODAY,
    agreed_plan,
    choose_in_cell,
    journal,
    member,
    open_cases,
    open_row,
    type_in_cell,
    wait_saved,
)
from PySide6.QtCore import Qt

from tafdesk.models import ActionStatus, NeedArea, PlanStatus, Rag
from tafdesk.plans.content import ActionItem
from tafdesk.services.plans import PlanService
from tafdesk.ui.plans import actions_model as am
from tafdesk.ui.plans import outcomes_model as om
from tafdesk.ui.plans.roles import PROBLEM_ROLE
from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)


@pytest.fixture
def page(qtbot, allocated, undo_stack, tmp_path):
    return open_cases(qtbot, allocated.db, member(allocated, "Tomas Okafor"), undo_stack, journal(tmp_path))


def test_draft_agree_and_review_a_plan(qtbot, page, allocated, undo_stack, messages):
    service = PlanService(allocated.db, member(allocated, "Tomas Okafor"), today=TODAY)
    cases = page.cases
    assert cases.model.rowCount() == 1
    assert cases.model.index(0, 3).data() == "No plan yet"

    # No plan yet: the workspace offers to start one from the profile.
    open_row(qtbot, page)
    workspace = page.workspace
    assert workspace.start_button.isVisible()
    with qtbot.waitSignal(workspace.shown, timeout=10_000):
        qtbot.mouseClick(workspace.start_button, Qt.MouseButton.LeftButton)
    editor = workspace.editor
    assert workspace.plan.status is PlanStatus.DRAFT and editor.document.editable
    assert [o.area for o in editor.document.content.outcomes] == [NeedArea.EDUCATION, NeedArea.HEALTH]

    # The family's words, typed; saved to the database without a Save button.
    voice = editor.family_tab.texts["voice_of_child"]
    qtbot.keyClicks(voice, "I want to go to football.")
    assert editor.document.content.voice_of_child == "I want to go to football."
    wait_saved(qtbot, workspace)
    assert service.current(allocated.case_id).content.voice_of_child == "I want to go to football."
    assert workspace.save_state.text() == "✓ Saved"

    # Each need gets the outcome the family wants.
    workspace.tabs.setCurrentWidget(editor.outcomes)
    outcomes = editor.outcomes.table
    type_in_cell(qtbot, outcomes, editor.outcomes_model.index(0, om.COL_WANTED), "Tobi back in school every day")
    type_in_cell(qtbot, outcomes, editor.outcomes_model.index(1, om.COL_WANTED), "Adaeze sleeps better")
    assert [o.outcome_wanted for o in editor.document.content.outcomes] == [
        "Tobi back in school every day",
        "Adaeze sleeps better",
    ]

    # An action with only a description: the SMART check flags what is missing.
    workspace.tabs.setCurrentWidget(editor.actions)
    assert "The plan needs at least one action." in [p.message for p in editor.smart.problems()]
    qtbot.mouseClick(editor.actions.add_button, Qt.MouseButton.LeftButton)
    table, model = editor.actions.table, editor.actions_model
    qtbot.keyClicks(table.focusWidget(), "Walk Tobi to school")
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.index(0, am.COL_WHAT).data() == "Walk Tobi to school", timeout=5_000)
    assert model.index(0, am.COL_WHAT).data() == "Walk Tobi to school"
    assert model.index(0, am.COL_OUTCOME).data() == "Education"  # linked to the first outcome
    flagged = {field for p in editor.smart.problems() if p.action_index == 0 for field in [p.field]}
    assert flagged == {"owner", "due_on", "measure"}
    assert editor.smart.summary.text() == "3 things to put right before agreeing"
    assert "Who will do it?" in model.index(0, am.COL_OWNER).data(PROBLEM_ROLE)
    assert "Who will do it?" in model.index(0, am.COL_OWNER).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, am.COL_WHAT).data(PROBLEM_ROLE) is None

    # Agreeing now is refused, and the refusal shows at the cells.
    dialog = _open_agree(qtbot, workspace)
    assert dialog.agreed_by.text()  # suggested from the family
    qtbot.mouseClick(dialog.agree_button, Qt.MouseButton.LeftButton)
    assert "Not agreed: 3 things to put right" in workspace.band.text()
    assert service.current(allocated.case_id).status is PlanStatus.DRAFT
    assert table.currentIndex().column() == am.COL_OWNER  # taken to the first problem

    # Put right: an owner, a due date (a past one first: flagged too), a measure.
    choose_in_cell(qtbot, table, model.index(0, am.COL_OWNER), "Tomas Okafor (Education Welfare)")
    choose_in_cell(qtbot, table, model.index(0, am.COL_DUE), dt.date(2026, 11, 20))
    assert "has passed" in model.index(0, am.COL_DUE).data(PROBLEM_ROLE)
    choose_in_cell(qtbot, table, model.index(0, am.COL_DUE), dt.date(2027, 1, 12))
    type_in_cell(qtbot, table, model.index(0, am.COL_MEASURE), "Attendance above 90% for four weeks")
    assert editor.smart.problems() == []
    assert editor.smart.summary.text().startswith("Ready to agree")
    assert all(model.index(0, c).data(PROBLEM_ROLE) is None for c in range(model.columnCount()))

    # Undo and redo go through the same commands, and are saved like any edit.
    undo_stack.undo()
    assert editor.document.content.actions[0].measure is None
    undo_stack.redo()
    assert editor.document.content.actions[0].measure == "Attendance above 90% for four weeks"

    # Agree: version 1, frozen, with its first review date.
    dialog = _open_agree(qtbot, workspace)
    dialog.agreed_by.clear()
    qtbot.keyClicks(dialog.agreed_by, "Adaeze Mensah and the TAF")
    with qtbot.waitSignal(workspace.shown, timeout=10_000):
        qtbot.mouseClick(dialog.agree_button, Qt.MouseButton.LeftButton)
    agreed = service.current(allocated.case_id)
    assert (agreed.plan_version, agreed.status, agreed.agreed_by) == (1, PlanStatus.AGREED, "Adaeze Mensah and the TAF")
    assert agreed.content.voice_of_child == "I want to go to football."
    assert agreed.content.actions[0].owner.label == "Tomas Okafor (Education Welfare)"
    assert not workspace.editor.document.editable and not workspace.buttons["agree"].isVisible()
    assert workspace.buttons["review"].isVisible()
    qtbot.waitUntil(lambda: page.cases.model.index(0, 3).data() == "Agreed, v1", timeout=10_000)

    # A review with scores, progress and the action done: version 2.
    qtbot.mouseClick(workspace.buttons["review"], Qt.MouseButton.LeftButton)
    review = _dialog(workspace, "ReviewDialog")
    qtbot.keyClicks(review.notes, "Tobi went every day this week.")
    review.scores[NeedArea.EDUCATION].setValue(6)
    review.scores[NeedArea.HEALTH].setValue(4)
    school, _health = agreed.content.outcomes
    rag, comment = review.rag[school.id]
    rag.setCurrentIndex(rag.findData(Rag.GREEN))
    qtbot.keyClicks(comment, "Attendance 93%")
    status, _reason, _error = review.updates[agreed.content.actions[0].id]
    status.setCurrentIndex(status.findData(ActionStatus.DONE))
    with qtbot.waitSignal(workspace.shown, timeout=10_000):
        qtbot.mouseClick(review.record_button, Qt.MouseButton.LeftButton)

    second = service.current(allocated.case_id)
    assert (second.plan_version, second.status) == (2, PlanStatus.AGREED)
    assert second.content.actions[0].status is ActionStatus.DONE
    assert second.reviews[0].progress[school.id] == (Rag.GREEN, "Attendance 93%")
    assert workspace.plan.plan_version == 2 and workspace.tabs.currentWidget() is workspace.reviews
    assert workspace.subtitle.text().startswith(f"{second.case_reference} · Version 2 · Agreed")
    assert workspace.reviews.chart.series() == {NeedArea.EDUCATION: [(TODAY, 6)], NeedArea.HEALTH: [(TODAY, 4)]}
    assert [workspace.versions.model.index(r, 0).data() for r in range(2)] == ["Version 2 (showing)", "Version 1"]
    record = workspace.reviews.browser
    qtbot.waitUntil(lambda: "Education: Tobi back in school every day" in record.toPlainText(), timeout=10_000)
    assert "Attendance 93%" in record.toPlainText() and "Scores: Education 6 · Health 4" in record.toPlainText()
    assert messages == []


def _dialog(workspace, name: str):
    found = [w for w in workspace.findChildren(object) if type(w).__name__ == name and w.isVisible()]
    assert found, f"no {name} is open"
    return found[-1]


def _open_agree(qtbot, workspace):
    qtbot.mouseClick(workspace.buttons["agree"], Qt.MouseButton.LeftButton)
    return _dialog(workspace, "AgreeDialog")


def test_dropping_an_action_asks_why(qtbot, page, allocated, undo_stack):
    lead = member(allocated, "Tomas Okafor")
    service = PlanService(allocated.db, lead, today=TODAY)
    plan = service.start(allocated.case_id)
    service.save_draft(
        plan.id,
        plan.row_version,
        dataclasses.replace(plan.content, actions=(ActionItem(uuid.uuid4(), "Book the parenting course"),)),
    )
    page.refresh()
    open_row(qtbot, page)
    editor = page.workspace.editor
    page.workspace.tabs.setCurrentWidget(editor.actions)
    table, model = editor.actions.table, editor.actions_model
    asked = []
    editor.status_delegate.ask_reason = lambda parent, current: asked.append(current) or None  # cancelled
    choose_in_cell(qtbot, table, model.index(0, am.COL_STATUS), "Dropped")
    assert asked == [""] and editor.document.content.actions[0].status is ActionStatus.OPEN
    editor.status_delegate.ask_reason = lambda parent, current: "The course was cancelled"
    choose_in_cell(qtbot, table, model.index(0, am.COL_STATUS), "Dropped")
    action = editor.document.content.actions[0]
    assert (action.status, action.dropped_reason) == (ActionStatus.DROPPED, "The course was cancelled")
    assert model.index(0, am.COL_STATUS).data(Qt.ItemDataRole.ToolTipRole) == "Dropped: The course was cancelled"
    assert [p for p in editor.smart.problems() if p.action_index == 0] == []  # a dropped action is not checked
    wait_saved(qtbot, page.workspace)
    assert service.current(allocated.case_id).content.actions[0].dropped_reason == "The course was cancelled"


def test_a_review_drops_an_action_only_with_a_reason(qtbot, page, allocated):
    agreed = agreed_plan(allocated, member(allocated, "Tomas Okafor"))
    page.refresh()
    open_row(qtbot, page)
    workspace = page.workspace
    qtbot.mouseClick(workspace.buttons["review"], Qt.MouseButton.LeftButton)
    review = _dialog(workspace, "ReviewDialog")
    walk, course = agreed.content.actions
    status, reason, error = review.updates[course.id]
    assert not reason.isEnabled()
    status.setCurrentIndex(status.findText("Dropped"))
    assert reason.isEnabled()
    qtbot.mouseClick(review.record_button, Qt.MouseButton.LeftButton)
    assert review.isVisible() and error.text() == "Say why the action was dropped."
    assert "Not recorded" in review.form_error.text()
    qtbot.keyClicks(reason, "No places until spring")
    with qtbot.waitSignal(workspace.shown, timeout=10_000):
        qtbot.mouseClick(review.record_button, Qt.MouseButton.LeftButton)
    actions = {a.description: a for a in workspace.plan.content.actions}
    assert (actions[course.description].status, actions[course.description].dropped_reason) == (
        ActionStatus.DROPPED,
        "No places until spring",
    )
    assert actions[walk.description].status is ActionStatus.OPEN  # left open: no update for it
    assert workspace.plan.reviews[-1].scores == {}
