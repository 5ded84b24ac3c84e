"""Status changes are said to screen readers (issue 15; WCAG 4.1.3): the
status bar's messages, the quorum band when what it says changes, and what
meeting mode has just recorded, each as an announcement event
(QAccessibleAnnouncementEvent) carrying the words shown."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from meeting_helpers import CHAIR, make_page, open_mode, press, type_text
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from tafdesk.ui.areas import Area
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.settings import AppSettings

K, CTRL, ALT = Qt.Key, Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@dataclass(frozen=True)
class Said:
    message: str
    urgent: bool
    widget: object


@pytest.fixture
def said(monkeypatch) -> list[Said]:
    """Every announcement made, as screen readers would be sent it."""
    heard: list[Said] = []

    def update(event) -> None:
        if event.type() == QAccessible.Event.Announcement:
            urgent = event.politeness() == QAccessible.AnnouncementPoliteness.Assertive
            heard.append(Said(event.message(), urgent, event.object()))

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    return heard


class _Page(QWidget):
    status_message = Signal(str)


def test_the_status_bar_says_each_message(qtbot, said):
    page = _Page()
    window = MainWindow(
        [Area("directory", "Directory", "directory", lambda: page)],
        AppSettings.open(),
        database_label="tafdesk.sqlite",
        user_label="Nadia Hughes (Locality manager)",
    )
    qtbot.addWidget(window)
    page.status_message.emit("Saved Amira Khan. Undo with Ctrl+Z.")
    assert window.statusBar().currentMessage() == "Saved Amira Khan. Undo with Ctrl+Z."
    assert said == [Said("Saved Amira Khan. Undo with Ctrl+Z.", False, window.statusBar())]


def test_the_quorum_band_is_said_when_what_it_says_changes(qtbot, world, undo_stack, said):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    band = page.ui.band
    told = [s for s in said if s.widget is band]
    assert [s.message for s in told] == [band.text()] and band.text()  # said once the meeting is shown
    assert band.accessibleName() == "" and band.accessibleDescription() == "Quorum"  # named by what it says
    page.ui.show_meeting(page.session)  # shown again, saying the same: not said again
    assert [s for s in said if s.widget is band] == told


def test_meeting_mode_says_what_it_recorded(qtbot, world, undo_stack, said):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    press(qtbot, K.Key_2, CTRL)
    press(qtbot, K.Key_Home)
    while mode.ui.round.current_row().agency != "Education Welfare":
        press(qtbot, K.Key_Down)
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Return)  # the best placed leads
    press(qtbot, K.Key_R, ALT)
    type_text(qtbot, "Best placed: already involved.")
    press(qtbot, K.Key_Return, CTRL)
    recorded = [s for s in said if s.message.startswith("Recorded:")]
    assert recorded == [Said(mode.ui.notice.text(), False, mode.ui.notice.label)]
    assert "Mensah family" in recorded[0].message
    mode.notify("The meeting could not be saved.", error=True)
    assert said[-1] == Said("The meeting could not be saved.", True, mode.ui.notice.label)  # a problem: at once
