"""Each area's own undo history (issue 16): Ctrl+Z undoes the last change of
the area shown, the Edit menu names the step and the area, and nothing one
area does (showing another plan, closing a meeting) clears another's."""

# ruff: noqa: F811 (the fixtures imported from tests/plans and tests/meetings are parameters here)
from __future__ import annotations

import pytest
from meeting_helpers import activate, open_mode, page_for, press, settle_session
from plan_helpers import TODAY, journal, open_row
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from ui_helpers import click_row, retype

from tafdesk.models import DecisionOutcome
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.directory import DirectoryService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.plans import PlanService
from tafdesk.ui.areas import undoable
from tafdesk.ui.directory.page import DirectoryPage
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.plans.page import build_cases_page
from tafdesk.ui.settings import AppSettings
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW, world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)

CTRL = Qt.KeyboardModifier.ControlModifier
TIMEOUT = 15_000


@pytest.fixture
def window(qtbot, allocated, tmp_path) -> MainWindow:
    """A chair's window on the meeting world, two families allocated, each with a draft plan."""
    db = allocated.db
    second = MeetingService(db, CHAIR, now=NOW).meeting(allocated.meeting_id).agenda[1]
    DecisionService(db, CHAIR, now=AT_MEETING).decide(
        second.id,
        DecisionInput(DecisionOutcome.ALLOCATE_LEAD, allocated.people["Ruth Adeyemi"], rationale="Knows the family."),
    )
    plans = PlanService(db, CHAIR, today=TODAY)
    for case_id in (allocated.case_id, second.case_id):
        plans.start(case_id)
    areas = [
        undoable(
            "directory",
            "Directory",
            lambda stack: DirectoryPage(DirectoryService(db, CHAIR), stack, can_edit=True),
            "Directory",
        ),
        undoable(
            "cases",
            "Cases and TAF plans",
            lambda stack: build_cases_page(db, CHAIR, stack, journal=journal(tmp_path), today=TODAY),
            "Plan",
        ),
        undoable("meetings", "Meetings", lambda stack: page_for(db, CHAIR, stack), "Meetings"),
    ]
    window = MainWindow(areas, AppSettings.open(), database_label="test", user_label="Chair Tester", home="directory")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.page("directory").is_loaded, timeout=TIMEOUT)
    return window


def _edit_the_directory(qtbot, window: MainWindow, allocated) -> DirectoryService:
    tab = window.page("directory").professionals
    ruth = allocated.people["Ruth Adeyemi"]
    click_row(qtbot, tab.panel, ruth)
    retype(qtbot, tab.form.job_title, "Senior Family Worker")
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    service = DirectoryService(allocated.db, CHAIR)
    assert service.professional(ruth).job_title == "Senior Family Worker"
    return service


def _open_plan(qtbot, window: MainWindow, row: int):
    window.show_area("cases")
    page = window.page("cases")
    qtbot.waitUntil(lambda: page.is_loaded and page.cases.model.rowCount() == 2, timeout=TIMEOUT)
    if page.showing_plan():
        page.show_list()
    open_row(qtbot, page, row)
    return page


def _undo(qtbot, window: MainWindow, focus: QWidget) -> None:
    """Ctrl+Z with the focus on a part of the page that has no undo of its own (not a text box)."""
    activate(qtbot, window)
    focus.setFocus()
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)


def test_ctrl_z_undoes_the_last_change_of_the_area_shown(qtbot, window, allocated):
    directory = _edit_the_directory(qtbot, window, allocated)
    ruth = allocated.people["Ruth Adeyemi"]
    assert window.undo_action.text() == "&Undo Edit Ruth Adeyemi — Directory"

    workspace = _open_plan(qtbot, window, 0).workspace
    editor = workspace.editor
    assert not window.undo_action.isEnabled()  # the plan has nothing to undo yet; the Directory's edit is not offered
    editor.edit_field("voice_of_child", "I want to go to football.")
    assert window.undo_action.text() == "&Undo Change voice of the child — Plan"

    _undo(qtbot, window, workspace.tabs.tabBar())
    assert editor.document.content.voice_of_child != "I want to go to football."
    assert directory.professional(ruth).job_title == "Senior Family Worker"  # not the Directory's

    window.show_area("directory")
    assert window.undo_action.text() == "&Undo Edit Ruth Adeyemi — Directory"
    _undo(qtbot, window, window.page("directory").professionals.panel.table)
    assert directory.professional(ruth).job_title == "Family Worker"
    assert window.undo_stack("cases").canRedo()  # the plan's history is as it was left


def test_showing_another_plan_clears_only_the_plans_history(qtbot, window, allocated):
    _edit_the_directory(qtbot, window, allocated)
    _open_plan(qtbot, window, 0).workspace.editor.edit_field("voice_of_child", "I want to go to football.")
    plan = window.undo_stack("cases")
    assert plan.count() == 1

    _open_plan(qtbot, window, 1)

    assert plan.count() == 0  # its steps were for the plan shown before
    directory = window.undo_stack("directory")
    assert directory.count() == 1 and directory.undoText() == "Edit Ruth Adeyemi"


def test_closing_a_meeting_clears_only_the_meetings_history(qtbot, window, allocated):
    _edit_the_directory(qtbot, window, allocated)
    _open_plan(qtbot, window, 0).workspace.editor.edit_field("voice_of_child", "I want to go to football.")
    window.show_area("meetings")
    page = window.page("meetings")
    qtbot.waitUntil(lambda: page.is_loaded, timeout=TIMEOUT)
    settle_session(qtbot, page)
    page.move_item(2, 1)
    assert window.undo_action.text().startswith("&Undo Move the ") and window.undo_action.text().endswith(" — Meetings")
    mode = open_mode(qtbot, page)  # meeting mode's Ctrl+Z is the Meetings area's
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.undo_stack("meetings").canRedo() and not window.undo_stack("meetings").canUndo()
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert window.undo_stack("directory").count() == 1 and window.undo_stack("directory").canUndo()
    mode.leave()

    page.close_meeting()
    box = page.close_box
    defer_all = next(b for b in box.buttons() if b.text() == "Defer all remaining and close")
    qtbot.mouseClick(defer_all, Qt.MouseButton.LeftButton)

    assert "closed" in page.ui.notice_label.text()
    assert window.undo_stack("meetings").count() == 0  # its decisions are final now
    assert not window.undo_action.isEnabled()
    assert window.undo_stack("directory").count() == 1
    assert window.undo_stack("cases").count() == 1
