"""What was typed survives a crash, even in a cell not yet committed, and
comes back said out loud: a band over the plan says which changes were put
back from this computer and when, to keep (they save as usual) or discard
(back to the database's version, undoably)."""

# ruff: noqa: F811 (the fixtures imported from tests/plans and tests/meetings are parameters here)
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import uuid

from plan_helpers import TODAY, journal, member, open_cases, open_row, wait_saved
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from tafdesk.plans.content import ActionItem
from tafdesk.services.draft_journal import DraftJournal
from tafdesk.services.plans import PlanService
from tafdesk.ui.plans import actions_model as am
from tafdesk.ui.plans.recovered import what_changed, when_kept
from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)

HALF_TYPED = "Attendance above 90% for four weeks, checked with the school every Fri"


def _plan_with_an_action(allocated):
    lead = member(allocated, "Tomas Okafor")
    service = PlanService(allocated.db, lead, today=TODAY)
    plan = service.start(allocated.case_id)
    walk = ActionItem(uuid.uuid4(), "Walk Tobi to school", plan.content.outcomes[0].id, due_on=dt.date(2027, 1, 8))
    service.save_draft(plan.id, plan.row_version, dataclasses.replace(plan.content, actions=(walk,)))
    return lead, service, service.current(allocated.case_id)


def _type_without_committing(qtbot, workspace, column: int, text: str) -> QLineEdit:
    workspace.tabs.setCurrentWidget(workspace.editor.actions)
    table = workspace.editor.actions.table
    table.setFocus()
    table.setCurrentIndex(workspace.editor.actions_model.index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and table.state() == QAbstractItemView.State.EditingState
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    return editor


def test_a_half_typed_cell_reaches_the_journal_and_comes_back_after_a_crash(qtbot, allocated, tmp_path):
    lead, service, plan = _plan_with_an_action(allocated)
    drafts = journal(tmp_path)
    page = open_cases(qtbot, allocated.db, lead, QUndoStack(), drafts)
    open_row(qtbot, page)
    _type_without_committing(qtbot, page.workspace, am.COL_MEASURE, HALF_TYPED)

    # A moment after the last keystroke the cell's text is on this computer; not in the plan, nor the database.
    qtbot.waitUntil(lambda: drafts.read(plan.id) is not None and drafts.read(plan.id).typing is not None, timeout=5_000)
    kept = drafts.read(plan.id)
    assert (kept.typing.item_id, kept.typing.field, kept.typing.text) == (
        plan.content.actions[0].id,
        "measure",
        HALF_TYPED,
    )
    assert kept.content == plan.content and kept.base_version == plan.row_version
    assert page.workspace.editor.document.content.actions[0].measure is None
    assert service.current(allocated.case_id).content.actions[0].measure is None
    page.workspace.editor.autosaver.changed()  # a save ending while the cell is open keeps its text here
    wait_saved(qtbot, page.workspace)
    assert drafts.read(plan.id).typing == kept.typing

    # The power goes: what is on the disk now is all there is. A new session opens the plan.
    after_crash = tmp_path / "after-crash"
    shutil.copytree(tmp_path / "drafts", after_crash)
    said: list[str] = []
    again = open_cases(qtbot, allocated.db, lead, QUndoStack(), DraftJournal(after_crash), said)
    assert said == [
        "1 plan has changes kept on this computer, not yet in the database: opening the plan puts them "
        "back, to keep or discard."
    ]
    assert service.current(allocated.case_id).content.actions[0].measure is None  # nothing saved unseen
    open_row(qtbot, again)
    workspace = again.workspace
    assert workspace.editor.actions_model.index(0, am.COL_MEASURE).data() == HALF_TYPED
    band = workspace.recovered
    assert band.isVisible() and band.accessibleName() == "Changes put back from this computer"
    assert band.text.text() == (
        f"From {when_kept(kept.saved_at)}: the action “Walk Tobi to school” (measure). Keep them and they save as "
        "usual, or discard them to go back to the version in the database."
    )
    wait_saved(qtbot, workspace)  # kept, the default: saved as usual
    assert service.current(allocated.case_id).content.actions[0].measure == HALF_TYPED
    assert DraftJournal(after_crash).read(plan.id) is None


def test_a_cell_left_with_escape_leaves_nothing_on_this_computer(qtbot, allocated, tmp_path):
    lead, _service, plan = _plan_with_an_action(allocated)
    drafts = journal(tmp_path)
    page = open_cases(qtbot, allocated.db, lead, QUndoStack(), drafts)
    open_row(qtbot, page)
    editor = _type_without_committing(qtbot, page.workspace, am.COL_WHAT, "Walk Tobi and Ama to school")
    qtbot.waitUntil(lambda: drafts.read(plan.id) is not None, timeout=5_000)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert drafts.read(plan.id) is None  # given up on purpose: nothing to put back


def test_a_committed_cell_is_saved_and_its_typing_goes(qtbot, allocated, tmp_path):
    lead, service, plan = _plan_with_an_action(allocated)
    drafts = journal(tmp_path)
    page = open_cases(qtbot, allocated.db, lead, QUndoStack(), drafts)
    open_row(qtbot, page)
    editor = _type_without_committing(qtbot, page.workspace, am.COL_MEASURE, HALF_TYPED)
    qtbot.waitUntil(lambda: drafts.read(plan.id) is not None, timeout=5_000)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_saved(qtbot, page.workspace)
    qtbot.waitUntil(lambda: drafts.read(plan.id) is None, timeout=5_000)
    assert service.current(allocated.case_id).content.actions[0].measure == HALF_TYPED


def test_discarding_what_was_put_back_returns_to_the_database_version_undoably(qtbot, allocated, tmp_path):
    lead, service, plan = _plan_with_an_action(allocated)
    drafts = journal(tmp_path)
    offline = dataclasses.replace(plan.content, strengths="Written offline", voice_of_child="Tobi: I like football")
    drafts.write(plan.id, plan.row_version, offline)
    stack = QUndoStack()
    page = open_cases(qtbot, allocated.db, lead, stack, drafts)
    open_row(qtbot, page)
    workspace = page.workspace
    band = workspace.recovered
    assert band.isVisible() and "the voice of the child and the strengths" in band.text.text()
    assert band.keep_button.hasFocus()  # Enter keeps them
    wait_saved(qtbot, workspace)
    assert service.current(allocated.case_id).content.strengths == "Written offline"

    qtbot.mouseClick(band.discard_button, Qt.MouseButton.LeftButton)
    assert not band.isVisible()
    assert workspace.editor.family_tab.texts["strengths"].toPlainText() == plan.content.strengths
    assert "discarded" in workspace.band.text()
    wait_saved(qtbot, workspace)
    assert service.current(allocated.case_id).content == plan.content

    assert stack.undoText() == "Discard the changes put back from this computer"
    stack.undo()
    assert workspace.editor.family_tab.texts["strengths"].toPlainText() == "Written offline"
    wait_saved(qtbot, workspace)
    assert service.current(allocated.case_id).content.strengths == "Written offline"


def test_keeping_or_editing_on_dismisses_the_band(qtbot, allocated, tmp_path):
    lead, service, plan = _plan_with_an_action(allocated)
    drafts = journal(tmp_path)
    drafts.write(plan.id, plan.row_version, dataclasses.replace(plan.content, strengths="Written offline"))
    page = open_cases(qtbot, allocated.db, lead, QUndoStack(), drafts)
    open_row(qtbot, page)
    band = page.workspace.recovered
    qtbot.keyClick(band.keep_button, Qt.Key.Key_Return)
    assert not band.isVisible()
    wait_saved(qtbot, page.workspace)
    assert service.current(allocated.case_id).content.strengths == "Written offline"

    drafts.write(
        plan.id,
        service.current(allocated.case_id).row_version,
        dataclasses.replace(plan.content, strengths="Written offline, then more"),
    )
    page.workspace.reload()
    qtbot.waitUntil(band.isVisible, timeout=10_000)
    qtbot.keyClicks(page.workspace.editor.family_tab.texts["voice_of_child"], "Tobi")
    assert not band.isVisible()


def test_a_draft_the_database_already_has_is_dropped_quietly(qtbot, allocated, tmp_path):
    lead, _service, plan = _plan_with_an_action(allocated)
    drafts = journal(tmp_path)
    drafts.write(plan.id, plan.row_version, plan.content)
    said: list[str] = []
    page = open_cases(qtbot, allocated.db, lead, QUndoStack(), drafts, said)
    assert said == [] and drafts.pending() == []
    open_row(qtbot, page)
    assert not page.workspace.recovered.isVisible()


def test_what_was_put_back_in_words():
    from tafdesk.models import NeedArea
    from tafdesk.plans.content import OutcomeItem, PlanContent

    school = OutcomeItem(uuid.uuid4(), NeedArea.EDUCATION, "Tobi misses school", "")
    walk = ActionItem(uuid.uuid4(), "Walk Tobi to school", school.id)
    before = PlanContent(outcomes=(school,), actions=(walk,))
    after = dataclasses.replace(
        before,
        strengths="Close family",
        outcomes=(dataclasses.replace(school, outcome_wanted="In school daily"),),
        actions=(
            dataclasses.replace(walk, measure="Attendance above 90%", due_on=dt.date(2027, 1, 8)),
            ActionItem(uuid.uuid4(), "Book the parenting course"),
        ),
    )
    assert what_changed(before, after) == (
        "the strengths, the outcome “In school daily” (outcome wanted), the action “Walk Tobi to school” (due, "
        "measure, outcome) and a new action “Book the parenting course”"
    )
    more = dataclasses.replace(after, actions=tuple(ActionItem(uuid.uuid4(), f"Step {n}") for n in range(4)))
    assert what_changed(before, more) == (
        "the strengths, the outcome “In school daily” (outcome wanted), a new action “Step 0” and 4 more changes"
    )
    assert what_changed(before, before) == "no changes"


def test_when_a_draft_was_kept_in_words():
    now = dt.datetime(2026, 12, 2, 15, 0).astimezone()
    assert when_kept(now.replace(hour=14, minute=32), now) == "today at 14:32"
    assert when_kept(now - dt.timedelta(days=1), now) == "yesterday at 15:00"
    assert when_kept(now - dt.timedelta(days=4), now) == "on 28 Nov 2026 at 15:00"
    assert when_kept(None, now) == "earlier"
