"""The date cells of the actions table take dates as typed, day first:
"8 Jan 2027" is 8 January 2027. Text that is not one date never becomes a
date: Enter or Tab keeps the editor open and says why beneath it; leaving
the cell any other way keeps its date and marks it with what was not taken."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication

from tafdesk.models import NeedArea
from tafdesk.plans.content import ActionItem, OutcomeItem, PlanContent
from tafdesk.ui.plans import actions_model as am
from tafdesk.ui.plans.commands import ItemCommand
from tafdesk.ui.plans.date_edit import DateLineEdit
from tafdesk.ui.plans.delegates import DateDelegate, FlaggedDelegate
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.plans.roles import PROBLEM_ROLE
from tafdesk.ui.plans.style import PLAN_STYLE
from tafdesk.ui.plans.tables import PlanTable
from tafdesk.ui.theme import styled

TODAY = dt.date(2026, 12, 2)
SCHOOL = OutcomeItem(uuid.uuid4(), NeedArea.EDUCATION, "Tobi misses school", "Tobi in school every day")
WALK = ActionItem(
    uuid.uuid4(),
    "Walk Tobi to school",
    SCHOOL.id,
    None,
    dt.date(2026, 12, 3),
    dt.date(2027, 1, 12),
    "Attendance above 90%",
)


@pytest.fixture
def cells(qtbot):
    """The actions table with its date delegates, shown, over a one-action plan."""
    document = PlanDocument(PlanContent(outcomes=(SCHOOL,), actions=(WALK,)), editable=True)
    stack = QUndoStack()
    model = am.ActionsModel(document, TODAY, lambda i, c, t: stack.push(ItemCommand(document, i, "action", c, t)))
    table = PlanTable("SMART actions")
    table.setStyleSheet(styled(PLAN_STYLE))
    table.setModel(model)
    table.setItemDelegate(FlaggedDelegate(table))
    for column in (am.COL_START, am.COL_DUE):
        table.setItemDelegateForColumn(column, DateDelegate(TODAY, table))
    qtbot.addWidget(table)
    table.resize(1000, 300)
    table.show()
    qtbot.waitExposed(table)
    table.activateWindow()
    return document, stack, model, table


def _open(qtbot, table, column: int) -> DateLineEdit:
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, DateLineEdit)
    return editor


def _type(qtbot, editor: DateLineEdit, text: str) -> None:
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def _editing(table) -> bool:
    return table.state() == QAbstractItemView.State.EditingState


@pytest.mark.parametrize("typed", ["8 Jan 2027", "08/01/2027", "8/1/27", "8 January 2027", "2027-01-08", "8.1.2027"])
def test_a_typed_date_is_the_date_typed(qtbot, cells, typed):
    document, stack, model, table = cells
    editor = _open(qtbot, table, am.COL_DUE)
    _type(qtbot, editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not _editing(table))
    assert document.content.actions[0].due_on == dt.date(2027, 1, 8)
    assert model.index(0, am.COL_DUE).data() == "8 Jan 2027"
    assert stack.undoText() == "Change “due” of action 1"


def test_the_editor_shows_the_date_as_the_table_does_and_says_what_typing_means(qtbot, cells):
    _document, _stack, model, table = cells
    editor = _open(qtbot, table, am.COL_DUE)
    assert editor.text() == model.index(0, am.COL_DUE).data() == "12 Jan 2027"
    assert not editor.note.isVisible()  # nothing typed yet
    _type(qtbot, editor, "+2w")
    assert editor.note.isVisible() and editor.note.text() == "Wednesday 16 December 2026"
    _type(qtbot, editor, "8 J")
    assert editor.note.text().startswith("A date, day first: 8 Jan 2027")  # typing on: a hint, not yet an error
    assert editor.property("invalid") is False


def test_enter_on_text_that_is_not_a_date_keeps_the_editor_open_saying_why(qtbot, cells):
    document, stack, model, table = cells
    editor = _open(qtbot, table, am.COL_DUE)
    _type(qtbot, editor, "8 Jnu 2027")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Tab):
        qtbot.keyClick(editor, key)
        qtbot.wait(20)  # Enter's commit would be queued
        assert _editing(table) and editor.isVisible()
    assert editor.note.isVisible() and editor.note.property("error") is True
    assert editor.note.text() == "“Jnu” is not a month: write it as Jan, Feb, Mar… or January."
    assert editor.property("invalid") is True and editor.accessibleDescription() == editor.note.text()
    assert document.content.actions[0].due_on == dt.date(2027, 1, 12) and stack.count() == 0

    _type(qtbot, editor, "8 Jan 2027")  # put right: the error gives way to what it is read as
    assert editor.note.text() == "Friday 8 January 2027" and editor.property("invalid") is False
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # and Escape leaves the date as it was, unmarked
    qtbot.waitUntil(lambda: not _editing(table))
    assert document.content.actions[0].due_on == dt.date(2027, 1, 12)
    assert model.index(0, am.COL_DUE).data(PROBLEM_ROLE) is None


def test_leaving_a_date_that_is_not_one_keeps_the_old_date_and_says_so_at_the_cell(qtbot, cells):
    document, stack, model, table = cells
    editor = _open(qtbot, table, am.COL_DUE)
    _type(qtbot, editor, "31/2/2027")
    table.setCurrentIndex(model.index(0, am.COL_WHAT))  # a click elsewhere in the table closes the editor
    qtbot.waitUntil(lambda: not _editing(table))
    assert document.content.actions[0].due_on == dt.date(2027, 1, 12) and stack.count() == 0
    said = model.index(0, am.COL_DUE).data(PROBLEM_ROLE)
    assert said == "Not changed (still 12 Jan 2027): There is no 31 February 2027: it has 28 days."
    assert said in model.index(0, am.COL_DUE).data(Qt.ItemDataRole.ToolTipRole)

    editor = _open(qtbot, table, am.COL_DUE)  # typed again: the mark goes
    _type(qtbot, editor, "11/1/2027")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not _editing(table))
    assert document.content.actions[0].due_on == dt.date(2027, 1, 11)
    assert model.index(0, am.COL_DUE).data(PROBLEM_ROLE) is None


def test_focus_leaving_for_another_widget_marks_the_cell_too(qtbot, cells):
    from PySide6.QtWidgets import QLineEdit

    document, _stack, model, table = cells
    other = QLineEdit(table.window())
    other.show()
    editor = _open(qtbot, table, am.COL_START)
    _type(qtbot, editor, "next Friday")
    other.setFocus()
    qtbot.waitUntil(lambda: not _editing(table))
    assert document.content.actions[0].starts_on == dt.date(2026, 12, 3)
    assert "Not changed (still 3 Dec 2026): “next Friday” is not a date" in model.index(0, am.COL_START).data(
        PROBLEM_ROLE
    )


def test_blank_empties_the_date(qtbot, cells):
    document, _stack, _model, table = cells
    editor = _open(qtbot, table, am.COL_START)
    _type(qtbot, editor, " ")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not _editing(table) or table.currentIndex().column() != am.COL_START)
    assert document.content.actions[0].starts_on is None


@pytest.mark.parametrize(
    "keys", [(Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)]
)
def test_the_calendar_opens_from_the_keyboard_and_picks_a_day(qtbot, cells, keys):
    document, _stack, _model, table = cells
    editor = _open(qtbot, table, am.COL_DUE)
    qtbot.keyClick(editor, *keys)
    calendar = editor.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2027, 1, 12) and calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert _editing(table)  # the calendar is part of the editor: opening it does not close the cell
    calendar.activated.emit(QDate(2027, 1, 15))  # Enter or a double-click on a day
    assert not calendar.isVisible() and editor.text() == "15 Jan 2027"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not _editing(table))
    assert document.content.actions[0].due_on == dt.date(2027, 1, 15)
