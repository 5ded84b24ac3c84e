"""A refused field's message (ui/field_errors.py) stays only until that
field is edited: what it said was about the value that was there. Shown by
the shared FieldMarks, so every form using it behaves alike; the case note,
request, closure and consent forms are checked here as a user edits them."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models import ClosureReason, NeedArea, NeedMet
from tafdesk.services.case_notes import Child
from tafdesk.services.closure import ClosureForm, NeedToAssess
from tafdesk.ui.field_errors import FieldMarks
from tafdesk.ui.plans.closure_windows import ProposeClosureDialog
from tafdesk.ui.plans.note_dialog import NoteDialog


def _form(qtbot):
    page = QWidget()
    marks = FieldMarks()
    name, notes, choice, day = QLineEdit(), QPlainTextEdit(), QComboBox(), QDateEdit(QDate(2026, 12, 1))
    choice.addItems(["Choose…", "In writing", "Verbally"])
    boxes = QGroupBox("Children")
    column = QVBoxLayout(boxes)
    ticks = [QCheckBox("Tobi seen"), QCheckBox("Zoë seen")]
    for tick in ticks:
        column.addWidget(tick)
    layout = QVBoxLayout(page)
    for key, editor in (("name", name), ("notes", notes), ("how", choice), ("on", day)):
        layout.addWidget(marks.cell(key, editor))
    layout.addWidget(boxes)
    layout.addWidget(marks.bind("children", boxes, focus=ticks[0]))
    qtbot.addWidget(page)
    page.show()
    return page, marks, name, notes, choice, day, ticks


ALL = {"name": "Give the name.", "notes": "Say what happened.", "how": "Say how.", "on": "Not in the future."}


def test_each_field_loses_its_message_as_it_is_edited_and_no_other(qtbot):
    page, marks, name, notes, choice, day, ticks = _form(qtbot)
    assert marks.show({**ALL, "children": "Tick a child.", "elsewhere": "Not a field here."}) == {
        "elsewhere": "Not a field here."
    }
    assert page.focusWidget() is name and name.property("invalid") and name.accessibleDescription() == "Give the name."
    qtbot.keyClicks(name, "A")
    assert marks.text("name") == "" and not name.property("invalid") and name.accessibleDescription() == ""
    assert [marks.text(k) for k in ("notes", "how", "on", "children")] == [
        "Say what happened.",
        "Say how.",
        "Not in the future.",
        "Tick a child.",
    ]
    qtbot.keyClicks(notes, "Home visit")
    assert marks.text("notes") == "" and marks.text("how") == "Say how."
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)
    assert marks.text("how") == "" and marks.text("on") == "Not in the future."
    day.setDate(QDate(2026, 11, 30))  # as the calendar picks it
    assert marks.text("on") == ""
    ticks[1].click()  # any tick of the box of them
    assert marks.text("children") == ""


def test_a_field_shown_again_is_marked_again(qtbot):
    _page, marks, name, *_ = _form(qtbot)
    marks.show({"name": "Give the name."})
    qtbot.keyClicks(name, "A")
    marks.show({"name": "Too short."})
    assert marks.text("name") == "Too short."
    assert marks.labels["name"].isVisible()


def test_the_case_note_form_clears_a_field_as_it_is_edited(qtbot):
    dialog = NoteDialog([Child(uuid.uuid4(), "Tobi")], lambda _value, _reason: False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_errors(
        {
            "summary": "Write what happened at the contact.",
            "contact_on": "The date cannot be in the future.",
            "children": "A child seen alone was seen: tick both.",
        }
    )
    assert dialog.focusWidget() is dialog.contact_on  # the first refused field, in the form's order
    qtbot.keyClicks(dialog.summary, "Home visit with mum.")
    assert dialog.marks.text("summary") == "" and dialog.marks.labels["contact_on"].isVisible()
    _child, seen, _alone = dialog._children[0]
    seen.click()
    assert dialog.marks.text("children") == "" and dialog.marks.text("contact_on")


def test_the_closure_form_clears_a_field_as_it_is_edited(qtbot):
    outcome = uuid.uuid4()
    form = ClosureForm(
        uuid.uuid4(), "N-1", "Mensah", (NeedToAssess(outcome, NeedArea.EDUCATION, "Attendance", "90%"),), None, 3
    )
    dialog = ProposeClosureDialog(form, lambda _value: False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_errors(
        {
            "reason": "Choose why the case is closing.",
            "needs": "Say whether each need was met.",
            "summary": "Write a closure summary.",
            "family_view": "Record the family's view.",
        }
    )
    dialog.reason.setCurrentIndex(dialog.reason.findData(ClosureReason.NEEDS_MET))
    assert dialog.marks.text("reason") == "" and dialog.marks.text("needs")
    dialog.met[outcome].setCurrentIndex(dialog.met[outcome].findData(NeedMet.MET))
    assert dialog.marks.text("needs") == ""
    qtbot.keyClicks(dialog.family_view, "They are glad.")
    assert dialog.marks.text("family_view") == "" and dialog.marks.text("summary") == "Write a closure summary."
