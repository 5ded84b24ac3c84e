"""Warned in place and marking text restricted: in meeting mode's rationale
and action rows, and in a plan's family texts and action cells; the marked
wording is then withheld from documents, and can be unmarked from its list."""

# ruff: noqa: F811 (the fixtures imported from tests/plans and tests/meetings are parameters here)
from __future__ import annotations

import html
import re

import pytest
from meeting_helpers import CHAIR, CLERK, make_page, open_mode, press, type_text
from plan_helpers import TODAY, agreed_plan, journal, member, open_cases, open_row, wait_saved
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from tafdesk.exports.html import render_html
from tafdesk.exports.quotes import WITHHELD
from tafdesk.models import Case, DocumentType, Family, RestrictedWording
from tafdesk.services.documents import DocumentService
from tafdesk.services.plans import PlanService
from tafdesk.services.restricted_text import MARKED, WARNING, Context, QuoteState, warning
from tafdesk.ui.marked_dialog import MarkedWordingDialog
from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
K = Qt.Key
UNCLE = "Grandad Ezekiel keeps the spare key"
QUOTE = "the police recorded a call-out in 2024"  # the profile's restricted police item is "Call-out in 2024."


def marked_texts(db) -> list[str]:
    with db.reader() as s:
        return sorted(s.scalars(select(RestrictedWording.text)))


def document_text(document) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", render_html(document))).split())


def select_words(edit, words: str) -> None:
    """Select `words` in a QPlainTextEdit, as a person dragging over them would."""
    start = edit.toPlainText().index(words)
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def test_the_chair_is_warned_in_an_action_row_and_marks_the_rationale_and_the_action(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    panel = mode.ui.decision
    with world.db.reader() as s:
        family = s.get(Family, s.get(Case, mode.current_row().case_id).family_id)
        home = f"{family.address_line1}, {family.postcode}"
    press(qtbot, K.Key_2, CTRL)
    for _ in range(mode.ui.round.model.rowCount()):
        if mode.ui.round.current_row().agency == "Education Welfare":
            break
        press(qtbot, K.Key_Down)
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Return)  # Tomas leads

    # An action quoting the home address: the warning is under its row, saying what will happen.
    press(qtbot, K.Key_A, ALT)
    row = panel.actions_editor.rows[0]
    assert QApplication.focusWidget() is row.description
    type_text(qtbot, f"Visit them at {home} on Friday")
    qtbot.keyClicks(row.owner, "Tomas Okafor")  # every action agreed has an owner
    qtbot.waitUntil(row.quote_warning.isVisible, timeout=5_000)
    assert row.quote_warning.text() == WARNING and row.quote_warning.accessibleName() == "Restricted information quoted"
    assert row.quote_warning.mark_button.isVisible() and not panel.quote_warning.isVisible()
    qtbot.mouseClick(row.quote_warning.mark_button, Qt.MouseButton.LeftButton)  # no words selected: all of it
    assert marked_texts(world.db) == [f"Visit them at {home} on Friday"]
    assert row.quote_warning.state is QuoteState.MARKED and row.quote_warning.text() == MARKED
    assert "Marked restricted" in mode.ui.notice.text()

    # Without any warning: words chosen in the rationale, marked with Ctrl+Shift+M.
    press(qtbot, K.Key_R, ALT)
    type_text(qtbot, f"{UNCLE}, so visits can go ahead.")
    qtbot.wait(500)
    assert not panel.quote_warning.isVisible()
    assert "Mark restricted" in [a.text() for a in panel.rationale.actions()]
    select_words(panel.rationale, UNCLE)
    press(qtbot, K.Key_M, CTRL | SHIFT)
    assert marked_texts(world.db) == sorted([UNCLE, f"Visit them at {home} on Friday"])
    qtbot.waitUntil(panel.quote_warning.isVisible, timeout=5_000)
    assert panel.quote_warning.state is QuoteState.MARKED and panel.quote_warning.list_button.isVisible()

    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: page.session.rows()[0].status.value == "decided", timeout=10_000)
    documents = DocumentService(world.db, CLERK, today=TODAY)
    circulation = document_text(documents.minutes_document(world.meeting_id, DocumentType.MINUTES_CIRCULATION))
    assert WITHHELD in circulation and "Visit them" not in circulation and "Friday" not in circulation
    full = document_text(documents.minutes_document(world.meeting_id, DocumentType.MINUTES_FULL))
    assert f"{UNCLE}, so visits can go ahead." in full and f"Visit them at {home} on Friday" in full


@pytest.fixture
def plan_page(qtbot, allocated, undo_stack, tmp_path):
    lead = member(allocated, "Tomas Okafor")
    PlanService(allocated.db, lead, today=TODAY).start(allocated.case_id)
    page = open_cases(qtbot, allocated.db, lead, undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    return page


def test_the_lead_is_warned_in_the_plan_marks_its_text_and_the_plan_withholds_it(qtbot, plan_page, allocated):
    workspace = plan_page.workspace
    editor = workspace.editor
    tab = editor.family_tab

    # A family text quoting the restricted police item: warned under the texts, naming the field.
    parents = tab.texts["voice_of_parents"]
    parents.setFocus()
    qtbot.keyClicks(parents, f"Mum said {QUOTE}. She wants it behind her.")
    qtbot.waitUntil(tab.quote_warning.isVisible, timeout=5_000)
    assert tab.quote_warning.text() == f"Voice of the parents: {warning(QuoteState.QUOTED, Context.PLAN)}"
    assert "copies and letters will show “[withheld: restricted]”" in tab.quote_warning.text()
    select_words(parents, QUOTE)
    qtbot.mouseClick(tab.quote_warning.mark_button, Qt.MouseButton.LeftButton)
    assert marked_texts(allocated.db) == [QUOTE]
    assert tab.quote_warning.state is QuoteState.MARKED

    # An action cell quoting the home address while it is typed: warned under the table, naming the cell.
    with allocated.db.reader() as s:
        family = s.get(Family, s.get(Case, allocated.case_id).family_id)
        action = f"Call at {family.address_line1} before the review"
    workspace.tabs.setCurrentWidget(editor.actions)
    qtbot.mouseClick(editor.actions.add_button, Qt.MouseButton.LeftButton)
    cell = editor.actions.table.focusWidget()
    qtbot.keyClicks(cell, action)
    shown = editor.actions.quote_warning
    qtbot.waitUntil(shown.isVisible, timeout=5_000)
    assert shown.text() == f"Action 1, “What will be done”: {warning(QuoteState.QUOTED, Context.PLAN)}"
    qtbot.keyClick(cell, K.Key_M, CTRL | SHIFT)  # the whole cell, as nothing in it is selected
    assert marked_texts(allocated.db) == sorted([QUOTE, action])
    qtbot.keyClick(cell, K.Key_Return)
    qtbot.waitUntil(lambda: shown.state is QuoteState.MARKED, timeout=5_000)
    wait_saved(qtbot, workspace)

    plan = document_text(
        DocumentService(allocated.db, member(allocated, "Tomas Okafor"), today=TODAY).plan_document(allocated.case_id)
    )
    assert f"Mum said {WITHHELD}. She wants it behind her." in plan
    assert "Call at" not in plan and "before the review" not in plan and "call-out" not in plan


def test_marked_wording_is_listed_and_unmarked_from_the_warning(qtbot, plan_page, allocated):
    tab = plan_page.workspace.editor.family_tab
    strengths = tab.texts["strengths"]
    strengths.setFocus()
    strengths.selectAll()
    qtbot.keyClicks(strengths, UNCLE)
    press(qtbot, K.Key_M, CTRL | SHIFT)
    assert marked_texts(allocated.db) == [UNCLE]
    qtbot.waitUntil(tab.quote_warning.list_button.isVisible, timeout=5_000)
    qtbot.mouseClick(tab.quote_warning.list_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MarkedWordingDialog) and w.isVisible())
    assert dialog.list.count() == 1 and dialog.list.item(0).text().startswith(f"{UNCLE}\n— marked by Tomas Okafor")
    qtbot.mouseClick(dialog.unmark_button, Qt.MouseButton.LeftButton)
    assert marked_texts(allocated.db) == [] and dialog.empty.isVisible()
    qtbot.waitUntil(lambda: not tab.quote_warning.isVisible(), timeout=5_000)
    dialog.close()


def test_a_review_warns_of_a_quote_in_its_notes_and_a_dropped_reason(qtbot, allocated, undo_stack, tmp_path):
    lead = member(allocated, "Tomas Okafor")
    plan = agreed_plan(allocated, lead)
    page = open_cases(qtbot, allocated.db, lead, undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    workspace = page.workspace
    qtbot.mouseClick(workspace.buttons["review"], Qt.MouseButton.LeftButton)
    review = next(w for w in workspace.findChildren(object) if type(w).__name__ == "ReviewDialog" and w.isVisible())
    shown = review.quote_warning
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow, timeout=5_000)

    review.notes.setFocus()
    qtbot.keyClicks(review.notes, f"Mum said {QUOTE} and the visit went ahead.")
    qtbot.waitUntil(shown.isVisible, timeout=5_000)
    assert shown.text() == f"Notes: {warning(QuoteState.QUOTED, Context.PLAN)}"
    review.notes.clear()
    qtbot.waitUntil(lambda: not shown.isVisible(), timeout=5_000)

    status, reason, _error = review.updates[plan.content.actions[0].id]
    status.setCurrentIndex(status.findText("Dropped"))
    reason.setFocus()
    qtbot.keyClicks(reason, f"Stopped as {QUOTE}")
    qtbot.waitUntil(shown.isVisible, timeout=5_000)
    assert shown.text().startswith("Why it was dropped: ") and shown.mark_button.isVisible()
    qtbot.mouseClick(shown.mark_button, Qt.MouseButton.LeftButton)  # no words selected: all of it
    assert marked_texts(allocated.db) == [f"Stopped as {QUOTE}"]
    review.reject()
