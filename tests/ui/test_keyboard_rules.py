"""Tab leaves, after one press (issue 15, item 1; ui/keyboard.py): a table
(the arrow keys move between its cells), a cell being edited (what was
typed is kept), a text editor (Ctrl+Tab types a tab) and a date field.
The profile form's choices are cells like the others, not drop-downs
inside the table that took the arrow keys and kept Tab."""

from __future__ import annotations

import datetime as dt
import uuid

from intake_helpers import CLERK, make_council, open_intake
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from test_intake_queue_model import row

from tafdesk.models import NeedArea
from tafdesk.plans.content import ActionItem, OutcomeItem, PlanContent
from tafdesk.ui.intake import queue_model as qm
from tafdesk.ui.intake.queue_table import QueueTable
from tafdesk.ui.plans import actions_model as am
from tafdesk.ui.plans.commands import ItemCommand
from tafdesk.ui.plans.delegates import DateDelegate, FlaggedDelegate, TextDelegate
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.plans.tables import PlanTable

TAB, BACKTAB = Qt.Key.Key_Tab, Qt.Key.Key_Backtab
SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
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


def _between(qtbot, middle: QWidget) -> tuple[QWidget, QPushButton, QPushButton]:
    """`middle` shown between two buttons, in a window of its own (kept by
    the caller: qtbot holds it only weakly)."""
    window, before, after = QWidget(), QPushButton("Before"), QPushButton("After")
    layout = QVBoxLayout(window)
    for widget in (before, middle, after):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.resize(1000, 400)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, before, after


def _actions_table(qtbot):
    document = PlanDocument(PlanContent(outcomes=(SCHOOL,), actions=(WALK,)), editable=True)
    stack = QUndoStack()
    table = PlanTable("SMART actions")
    stack.setParent(table)  # kept as long as the table
    model = am.ActionsModel(document, TODAY, lambda i, c, t: stack.push(ItemCommand(document, i, "action", c, t)))
    model.setParent(table)
    table.setModel(model)
    table.setItemDelegate(FlaggedDelegate(table))
    table.setItemDelegateForColumn(am.COL_WHAT, TextDelegate(table))
    for column in (am.COL_START, am.COL_DUE):
        table.setItemDelegateForColumn(column, DateDelegate(TODAY, table))
    window, before, after = _between(qtbot, table)
    return window, document, table, before, after


def test_tab_leaves_a_plan_table_and_the_arrows_move_between_its_cells(qtbot):
    _window, _document, table, before, after = _actions_table(qtbot)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, am.COL_WHAT))
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == am.COL_WHAT + 1 and QApplication.focusWidget() is table
    qtbot.keyClick(table, TAB)
    assert QApplication.focusWidget() is after
    table.setFocus()
    qtbot.keyClick(table, BACKTAB, SHIFT)
    assert QApplication.focusWidget() is before


def test_tab_in_a_cell_being_edited_keeps_the_text_and_leaves_the_table(qtbot):
    _window, document, table, before, after = _actions_table(qtbot)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, am.COL_WHAT))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Walk Tobi to school and back")
    qtbot.keyClick(editor, TAB)
    assert QApplication.focusWidget() is after
    assert table.state() != table.State.EditingState
    assert document.content.actions[0].description == "Walk Tobi to school and back"

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClick(QApplication.focusWidget(), BACKTAB, SHIFT)
    assert QApplication.focusWidget() is before


def test_a_date_that_is_not_one_still_keeps_tab_in_its_cell_to_say_why(qtbot):
    _window, document, table, _before, _after = _actions_table(qtbot)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, am.COL_DUE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "8 Jnu 2027")
    qtbot.keyClick(editor, TAB)
    assert QApplication.focusWidget() is editor and editor.property("invalid") is True
    assert document.content.actions[0].due_on == dt.date(2027, 1, 12)


def test_tab_moves_on_from_a_text_editor_and_ctrl_tab_types_a_tab(qtbot):
    for kind in (QPlainTextEdit, QTextEdit):
        editor = kind()
        _window, _before, after = _between(qtbot, editor)
        editor.setFocus()
        qtbot.keyClicks(editor, "Dear")
        qtbot.keyClick(editor, TAB, CTRL)
        assert editor.toPlainText() == "Dear\t" and QApplication.focusWidget() is editor
        qtbot.keyClick(editor, TAB)
        assert QApplication.focusWidget() is after and editor.toPlainText() == "Dear\t"


def test_tab_leaves_a_date_field_after_one_press(qtbot):
    field = QDateEdit(dt.date(2026, 12, 2))
    _window, before, after = _between(qtbot, field)
    before.setFocus()
    qtbot.keyClick(before, TAB)
    assert QApplication.focusWidget() is field
    qtbot.keyClick(field, TAB)
    assert QApplication.focusWidget() is after
    qtbot.keyClick(after, BACKTAB, SHIFT)
    qtbot.keyClick(field, BACKTAB, SHIFT)
    assert QApplication.focusWidget() is before


def test_the_profile_forms_choices_are_cells_the_arrows_cross_and_tab_leaves(qtbot, db):
    page = open_intake(qtbot, make_council(db), CLERK)
    page.intake_actions["new_profile"].trigger()
    dialog = page.profile_dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    members = dialog.form.tables["family.members"]
    table = members.table
    assert all(
        table.indexWidget(table.model().index(r, c)) is None
        for r in range(table.rowCount())
        for c in range(table.columnCount())
    )
    role = members.columns.index(next(c for c in members.columns if c.key == "role"))
    table.setFocus()
    table.setCurrentCell(0, role - 1)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentColumn() == role and QApplication.focusWidget() is table  # the arrows stay in the table
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentColumn() == role + 1

    table.setCurrentCell(0, role)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.currentText() == members.cell_text(0, "role")
    combo.setCurrentIndex(combo.findData("child"))
    qtbot.keyClick(combo, TAB)
    assert QApplication.focusWidget() is members.add_button  # out of the table, the choice kept
    assert members.cell_text(0, "role") == "Child" and members.rows()[0]["role"] == "child"


def test_a_queue_rows_badges_are_in_what_a_screen_reader_says_of_it(qtbot):
    table = QueueTable()
    qtbot.addWidget(table)
    table.model.set_records([row("Abbott", repeat=True), row("Baker", match=True), row("Clarke")])
    said = {}
    for number in range(3):
        index = table.model.index(number, qm.COL_FAMILY)
        said[index.data()] = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert said == {"Abbott": "Abbott, Repeat", "Baker": "Baker, Match to confirm", "Clarke": "Clarke"}
    table.show()
    face = QAccessible.queryAccessibleInterface(table.view)
    names = {face.child(n).text(QAccessible.Text.Name) for n in range(face.childCount())}
    assert {"Abbott, Repeat", "Baker, Match to confirm", "Clarke"} <= names
