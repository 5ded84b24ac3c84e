"""The projector view: a window for the room's screen that follows the
chair's meeting mode and never holds restricted information, in any widget,
while the chair's own screen shows it; read only, with the keyboard left to
the chair; closed by Esc, by the chair's button or key, and with meeting
mode; full screen on the second screen when there is one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from meeting_helpers import CHAIR, activate, make_page, open_mode, press, type_text
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLabel, QProgressBar, QTextEdit, QWidget
from shiboken6 import isValid
from sqlalchemy import select

from tafdesk.exports.quotes import WITHHELD
from tafdesk.models import ProfileInvolvement
from tafdesk.ui.intake.summary_html import RESTRICTED_TAG
from tafdesk.ui.meetings.projector import ProjectorView
from tests.conftest import db_argument

K = Qt.Key
CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
HERE = Path(__file__).resolve().parent
SECRET = "Disclosed a MARAC referral after the October incident"  # each family's restricted police item
OFFICER = "Detective Constable Testworker"
NEVER = (SECRET, OFFICER, RESTRICTED_TAG, "Share with", "Restricted")


@pytest.fixture
def restricted_world(world):
    """The meeting world, its families' restricted items saying something no one could mistake."""
    with world.db.session() as s:
        for item in s.scalars(select(ProfileInvolvement).where(ProfileInvolvement.restricted.is_(True))):
            item.summary, item.worker, item.source = SECRET, OFFICER, f"{OFFICER}, public protection unit"
    return world


def everything_in(window: QWidget) -> str:
    """Every text a window's widgets hold, whether or not it is in view: what they say, their accessible
    names and descriptions, tooltips, the HTML behind rich text and every item of every model."""
    texts = []
    for widget in [window, *window.findChildren(QWidget)]:
        texts += [
            widget.windowTitle(),
            widget.toolTip(),
            widget.accessibleName(),
            widget.accessibleDescription(),
            widget.whatsThis(),
            widget.statusTip(),
        ]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QTextEdit):
            texts += [widget.toPlainText(), widget.toHtml()]
        if isinstance(widget, QProgressBar):
            texts += [widget.format(), widget.text()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
    return "\n".join(t for t in texts if t)


def _model_texts(model: QAbstractItemModel) -> list[str]:
    return [
        str(model.index(r, c).data(role))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    ]


def open_projector(qtbot, mode) -> ProjectorView:
    activate(qtbot, mode)
    press(qtbot, K.Key_F7, widget=mode)
    projector = mode.projector
    assert isinstance(projector, ProjectorView) and projector.isVisible()
    return projector


def shows(qtbot, projector: ProjectorView, family: str) -> None:
    """The projector has caught up with the chair: this family, its summary, its text checked."""
    qtbot.waitUntil(
        lambda: (
            projector.title.text() == f"{family} family"
            and "Who knows them" in projector.family.toPlainText()
            and "Risk of exclusion" in projector.family.toPlainText()
        ),
        timeout=10_000,
    )


def test_the_projector_never_holds_restricted_information_that_the_chair_sees(qtbot, restricted_world, undo_stack):
    mode = open_mode(qtbot, make_page(qtbot, restricted_world.db, CHAIR, undo_stack))
    projector = open_projector(qtbot, mode)
    for family in ("Mensah", "Kowalczyk", "Byrne"):
        shows(qtbot, projector, family)
        chair = mode.ui.family.toPlainText()
        assert SECRET in chair and OFFICER in chair and RESTRICTED_TAG in chair  # the chair's screen shows them
        held = everything_in(projector)
        assert [text for text in NEVER if text in held] == []
        assert "Education Welfare (current)" in held and "Adaeze" in held  # the rest of the family is there
        room = str(mode.room())
        assert [text for text in NEVER if text in room] == []  # nor in what a projector elsewhere would be sent
        press(qtbot, K.Key_PageDown, CTRL)


def test_a_decision_quoting_restricted_information_is_withheld_on_the_projector(qtbot, restricted_world, undo_stack):
    mode = open_mode(qtbot, make_page(qtbot, restricted_world.db, CHAIR, undo_stack))
    projector = open_projector(qtbot, mode)
    shows(qtbot, projector, "Mensah")
    press(qtbot, K.Key_6, ALT)  # information, advice and guidance
    press(qtbot, K.Key_R, ALT)
    type_text(qtbot, f"{SECRET}, so advice to the school is enough.")
    press(qtbot, K.Key_A, ALT)
    type_text(qtbot, f"Tell the school: {SECRET}")
    qtbot.keyClicks(mode.ui.decision.actions_editor.rows[0].owner, "Northtown Academy")  # every action has an owner
    press(qtbot, K.Key_Return, CTRL)
    shows(qtbot, projector, "Kowalczyk")  # on to the next family
    press(qtbot, K.Key_PageUp, CTRL)
    qtbot.waitUntil(lambda: "so advice to the school is enough" in projector.decision.toPlainText(), timeout=10_000)
    decided = projector.decision.toPlainText()
    assert "Decided" in decided and "Information, advice and guidance" in decided
    assert f"{WITHHELD}, so advice to the school is enough." in decided and f"Tell the school: {WITHHELD}" in decided
    assert [text for text in NEVER if text in everything_in(projector)] == []
    assert SECRET in mode.ui.minutes.browser.toPlainText()  # the chair's full minutes keep it


def test_the_projector_follows_the_chair_from_family_to_family_and_decision_to_undo(qtbot, world, undo_stack):
    mode = open_mode(qtbot, make_page(qtbot, world.db, CHAIR, undo_stack))
    projector = open_projector(qtbot, mode)
    shows(qtbot, projector, "Mensah")
    assert projector.progress.text() == "0 of 3 decided" and projector.state.text() == mode.ui.state.text()
    press(qtbot, K.Key_PageDown, CTRL)
    shows(qtbot, projector, "Kowalczyk")
    press(qtbot, K.Key_PageUp, CTRL)
    shows(qtbot, projector, "Mensah")

    press(qtbot, K.Key_3, CTRL)  # the professionals: Tomas Okafor leads
    press(qtbot, K.Key_Return)
    deciding = projector.decision.toPlainText()
    assert "Being decided" in deciding and "Lead professional: Tomas Okafor (Education Welfare)" in deciding
    assert "Outcome: Allocate a lead professional and open a TAF" in deciding
    press(qtbot, K.Key_R, ALT)
    type_text(qtbot, "Already working with Tobi.")
    press(qtbot, K.Key_Return, CTRL)
    shows(qtbot, projector, "Kowalczyk")
    assert projector.progress.text() == "1 of 3 decided" and projector.bar.value() == 1
    assert "✓\xa0Mensah" in projector.agenda.text() or "✓</span>&nbsp;Mensah" in projector.agenda.text()

    press(qtbot, K.Key_Z, CTRL)  # undone: the Mensah family is back, with the choice as it was
    shows(qtbot, projector, "Mensah")
    assert projector.progress.text() == "0 of 3 decided" and projector.bar.value() == 0
    assert "Lead professional: Tomas Okafor" in projector.decision.toPlainText()
    assert "Being decided" in projector.decision.toPlainText()


def test_the_projector_is_read_only_and_the_chair_keeps_the_keyboard(qtbot, world, undo_stack):
    mode = open_mode(qtbot, make_page(qtbot, world.db, CHAIR, undo_stack))
    projector = open_projector(qtbot, mode)
    shows(qtbot, projector, "Mensah")
    takes_focus = [
        w for w in [projector, *projector.findChildren(QWidget)] if w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert takes_focus == []
    assert all(
        w.isReadOnly() and not w.textInteractionFlags() & Qt.TextInteractionFlag.TextEditable
        for w in projector.findChildren(QTextEdit)
    )
    assert QApplication.activeWindow() is mode and QApplication.focusWidget().window() is mode
    press(qtbot, K.Key_PageDown, CTRL)  # the chair's keys still work
    shows(qtbot, projector, "Kowalczyk")


def test_the_projector_closes_with_esc_with_the_chairs_button_and_with_meeting_mode(qtbot, world, undo_stack):
    mode = open_mode(qtbot, make_page(qtbot, world.db, CHAIR, undo_stack))
    button = mode.ui.projector_button
    projector = open_projector(qtbot, mode)
    assert button.text() == "Close projector view" and "F7" in mode.ui.keys.text() + mode.ui.notice.text()
    projector.activateWindow()  # someone clicked on it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is projector, timeout=5_000)
    qtbot.keyClick(projector, K.Key_Escape)
    assert mode.projector is None and not projector.isVisible() and button.text() == "Projector view"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    projector = mode.projector
    assert projector is not None and projector.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert mode.projector is None and not projector.isVisible()

    projector = open_projector(qtbot, mode)
    press(qtbot, K.Key_W, CTRL, widget=mode)  # the chair leaves meeting mode
    assert not projector.isVisible()
    qtbot.waitUntil(lambda: not isValid(projector), timeout=5_000)


def test_on_two_screens_the_projector_fills_the_rooms_and_meeting_mode_the_chairs(world, tmp_path):
    """With a laptop and a projector: meeting mode opens on the projector (as it always has), and moves to
    the laptop when the projector view takes the room's screen."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parents[1])}
    command = [
        sys.executable,
        str(HERE / "meeting_mode_child.py"),
        db_argument(world.db),
        str(tmp_path),
        str(HERE / "offscreen-two-screens.json"),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.splitlines()[-1])
    mode, projector = found["placed"]["mode"], found["placed"]["projector"]
    assert (mode["screen"], mode["size"], mode["full_screen"]) == ("Chair's laptop", [1366, 768], True)
    assert (projector["screen"], projector["size"], projector["full_screen"]) == ("Meeting room", [1920, 1080], True)
    assert found["active"] and found["projector"] == {"cut": [], "small": []}
