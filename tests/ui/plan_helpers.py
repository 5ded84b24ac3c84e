"""What the plan interface tests share: the family allocated in
tests/plans (Tomas Okafor leads, Ruth Adeyemi supports), a fixed day, the
Cases and TAF plans page opened on real services over a real SQLite file,
and small steps a user takes in it. Imported by name (tests/ui is on the
path)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QFocusFrame, QWidget

from tafdesk.models import Role
from tafdesk.plans.content import ActionItem
from tafdesk.services.actor import Actor
from tafdesk.services.draft_journal import DraftJournal
from tafdesk.services.plans import PlanService
from tafdesk.ui.plans.autosave import SaveState
from tafdesk.ui.plans.date_edit import DateLineEdit
from tafdesk.ui.plans.page import CasesPage, build_cases_page

TODAY = dt.date(2026, 12, 2)  # a Wednesday, as in tests/plans


def member(world, name: str) -> Actor:
    return Actor(None, name, Role.LEAD_PROFESSIONAL, professional_id=world.people[name])


def journal(tmp_path) -> DraftJournal:
    return DraftJournal(tmp_path / "drafts")


def open_cases(qtbot, db, actor: Actor, undo_stack, drafts: DraftJournal, said: list | None = None) -> CasesPage:
    """The page, shown with its list read; what it says in the status bar goes into `said`."""
    from tafdesk.ui.theme import apply_theme

    apply_theme(QApplication.instance())
    page = build_cases_page(db, actor, undo_stack, journal=drafts, today=TODAY)
    if said is not None:
        page.status_message.connect(said.append)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    # The read's relay asked to be deleted as it delivered; let that happen before anything
    # else does: PySide6 6.12 crashes if the page is deleted directly while it is pending.
    qtbot.wait(1)
    return page


def open_row(qtbot, page: CasesPage, row: int = 0) -> None:
    """Double-click a case in the list and wait for its plan."""
    table = page.cases.table
    index = page.cases.proxy.index(row, 0)
    with qtbot.waitSignal(page.workspace.shown, timeout=10_000):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def type_in_cell(qtbot, table, index, text: str) -> None:
    """Select a cell, type over it and press Enter, as a user does."""
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = _editor(table)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    _commit(qtbot, table, editor)


def choose_in_cell(qtbot, table, index, value) -> None:
    """Open a cell's drop-down, choose, and press Enter; or type a date (day first) and press Enter."""
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = _editor(table)
    if isinstance(editor, QComboBox):
        found = editor.findText(value) if isinstance(value, str) else editor.findData(value)
        assert found >= 0, f"{value!r} is not offered"
        editor.setCurrentIndex(found)
    else:
        assert isinstance(editor, DateLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, f"{value:%d/%m/%Y}")
    _commit(qtbot, table, editor)


def _editor(table):
    """The editor open in a table's cell (the focus ring round it aside)."""
    editors = [
        w
        for w in table.viewport().findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if w.isVisible() and not isinstance(w, QFocusFrame)
    ]
    assert len(editors) == 1, "no cell editor is open"
    return editors[0]


def _commit(qtbot, table, editor) -> None:
    """Enter commits the editor's value (queued, as Qt does) and closes it."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState, timeout=5_000)


def wait_saved(qtbot, workspace) -> None:
    saver = workspace.editor.autosaver
    qtbot.waitUntil(lambda: saver.state is SaveState.SAVED and not saver.pending, timeout=10_000)


def agreed_plan(world, actor: Actor):
    """The allocated family's plan, drafted fully and agreed through the service."""
    service = PlanService(world.db, actor, today=TODAY)
    plan = service.start(world.case_id)
    owner = service.owner_choices(world.case_id)[0]
    outcomes = tuple(dataclasses.replace(o, outcome_wanted=f"Better {o.area.value}") for o in plan.content.outcomes)
    actions = (
        ActionItem(
            uuid.uuid4(),
            "Walk Tobi to school",
            outcomes[0].id,
            owner,
            due_on=dt.date(2027, 1, 12),
            measure="Attendance above 90% for four weeks",
        ),
        ActionItem(
            uuid.uuid4(),
            "Book the parenting course",
            outcomes[-1].id,
            owner,
            due_on=dt.date(2027, 1, 8),
            measure="Place confirmed",
        ),
    )
    content = dataclasses.replace(plan.content, outcomes=outcomes, actions=actions)
    version = service.save_draft(plan.id, plan.row_version, content)
    return service.agree(plan.id, version, "Adaeze and the TAF", agreed_on=dt.date(2026, 10, 1))
