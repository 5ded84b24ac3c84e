"""Meeting mode can be used without a mouse and read by a screen reader:
every control the keyboard reaches has a name, the keys are documented in
Help → Meeting shortcuts, and the type grows with the window."""

from __future__ import annotations

from meeting_helpers import CHAIR, make_page, open_mode
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QScrollBar,
    QTabBar,
    QWidget,
)

from tafdesk.ui.areas import build_areas
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.meetings.keymap import OUTCOME_KEYS, action_keys
from tafdesk.ui.meetings.meeting_mode import DEFAULT_HINT
from tafdesk.ui.meetings.mode_style import base_pixels
from tafdesk.ui.meetings.shortcuts import SHORTCUTS, ShortcutsDialog
from tafdesk.ui.settings import AppSettings


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget, (QScrollBar, QTabBar)) or isinstance(
            widget.parentWidget(), (QComboBox, QAbstractSpinBox)
        ):
            continue  # parts of other controls, or named by their tabs
        if isinstance(widget, QAbstractButton) and widget.text().strip("&").strip():
            continue
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_control_the_keyboard_reaches_has_a_name(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    assert _unnamed(page) == []
    mode = open_mode(qtbot, page)
    mode.add_action()  # an action's fields too
    for tab in range(mode.ui.tabs.count()):
        mode.show_tab(tab)
        assert _unnamed(mode) == [], f"tab {mode.ui.tabs.tabText(tab)}"


def test_every_meeting_mode_key_is_documented(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    documented = " ".join(keys for _heading, rows in SHORTCUTS for keys, _what in rows)
    for name, action in {**mode.mode_actions, "undo": mode.undo_action, "redo": mode.redo_action}.items():
        first = action.shortcuts()[0].toString(QKeySequence.SequenceFormat.PortableText)
        first = first.replace("Return", "Enter")
        if name.startswith("outcome_"):
            assert "Alt+1 … Alt+7" in documented
            continue
        assert first in documented, f"{name}: {first} is not in Help → Meeting shortcuts"


def test_meeting_modes_actions_are_the_key_maps(qtbot, world, undo_stack):
    mode = open_mode(qtbot, make_page(qtbot, world.db, CHAIR, undo_stack))
    mapped = {**action_keys(), **{f"outcome_{n}": (k,) for n, k in enumerate(OUTCOME_KEYS, start=1)}}
    made = {
        name: tuple(k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts())
        for name, action in mode.mode_actions.items()
    }
    assert made == mapped
    assert DEFAULT_HINT.startswith("Alt+1…7 outcome") and "Ctrl+Enter confirm" in DEFAULT_HINT


def test_help_menu_shows_the_meeting_shortcuts(qtbot, db):
    window = MainWindow(build_areas(db, CHAIR), AppSettings.open(), database_label="test", user_label="Chair")
    qtbot.addWidget(window)
    window.meeting_keys_action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    assert "Ctrl+Enter" in dialog.text.toPlainText() and "Confirm the decision" in dialog.text.toPlainText()
    dialog.close()


def test_type_grows_with_the_window():
    assert base_pixels(1280, 720) == 16
    assert base_pixels(1920, 1080) == 23
    assert base_pixels(800, 600) == 13  # never smaller
    assert base_pixels(3840, 2160) == 26  # nor larger


def test_meeting_mode_fits_a_720p_projector(qtbot, world, undo_stack):
    page = make_page(qtbot, world.db, CHAIR, undo_stack)
    mode = open_mode(qtbot, page)
    assert mode.minimumSizeHint().width() <= 1280 and mode.minimumSizeHint().height() <= 720
    mode.showNormal()
    mode.resize(1280, 720)
    qtbot.waitUntil(lambda: mode.width() == 1280, timeout=5_000)
    assert mode.font().pixelSize() == 16
    mode.resize(1920, 1080)
    qtbot.waitUntil(lambda: mode.font().pixelSize() == 23, timeout=5_000)


def test_the_meetings_area_fits_a_1024_pixel_projector(qtbot, world):
    window = MainWindow(build_areas(world.db, CHAIR), AppSettings.open(), database_label="test", user_label="Chair")
    qtbot.addWidget(window)
    window.show()
    window.show_area("meetings")
    page = window.page("meetings")
    qtbot.waitUntil(lambda: page.is_loaded and page.session is not None and page.session.view is not None)
    assert window.minimumSizeHint().width() <= 1024
