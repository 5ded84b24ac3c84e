"""Meeting mode's type as the room and the chair see it: every body widget
of every tab (and of the attendance window and the projector view) in the
size mode_style.py aims for on the screen (`base_pixels`), with the
application's stylesheet applied as it is in the app, and headings larger
than body text; and at 200% (QT_SCALE_FACTOR=2, in a process of its own)
the window fits the screen with nothing cut short."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from meeting_helpers import CHAIR, make_page, open_mode, press
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTableView,
    QTextBrowser,
)
from type_sizes import pixels, shown_text_widgets, small_type

from tafdesk.ui.meetings.balance_chart import BalanceChart
from tafdesk.ui.meetings.mode_layout import TAB_DECISION, TAB_MINUTES
from tafdesk.ui.meetings.mode_style import base_pixels
from tafdesk.ui.theme import apply_theme
from tests.conftest import db_argument

ALT, CTRL, SHIFT = (
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
SCREENS = {"1920x1080": QSize(1920, 1080), "1366x768": QSize(1366, 768)}
# Every kind of widget meeting mode shows text in: the walk must have met each of them.
KINDS = (
    QLabel,
    QTableView,
    QHeaderView,
    QListView,
    QTextBrowser,
    QLineEdit,
    QComboBox,
    QDateEdit,
    QPushButton,
    QRadioButton,
    QCheckBox,
    QProgressBar,
    QPlainTextEdit,
    QTabBar,
    BalanceChart,
)
HERE = Path(__file__).resolve().parent


@pytest.fixture(params=list(SCREENS))
def screen(request) -> QSize:
    return SCREENS[request.param]


def test_body_text_is_the_intended_size_and_headings_are_larger(qtbot, world, undo_stack, screen):
    apply_theme(QApplication.instance())  # the application stylesheet, as in the app
    mode = open_mode(qtbot, make_page(qtbot, world.db, CHAIR, undo_stack))
    if mode.size() != screen:
        mode.showNormal()
        mode.resize(screen)
        qtbot.waitUntil(lambda: mode.size() == screen, timeout=5_000)
    px = base_pixels(screen.width(), screen.height())
    press(qtbot, Qt.Key.Key_7, ALT)  # defer: the reason and the date show
    press(qtbot, Qt.Key.Key_A, ALT)  # an action: its text, owner and date
    met: set[type] = set()
    for tab in range(TAB_DECISION, TAB_MINUTES + 1):
        mode.show_tab(tab)
        qtbot.wait(50)
        assert small_type(mode, px) == [], mode.ui.tabs.tabText(tab)
        met |= {type(w) for w in shown_text_widgets(mode)}
    assert pixels(mode.ui.keys) == px and pixels(mode.ui.round.view.horizontalHeader()) == px
    assert pixels(mode.ui.title) > pixels(mode.ui.round.heading) > px  # the family, then each pane's heading

    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)  # attendance, in its own window over meeting mode
    dialog = mode.decider.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert small_type(dialog, px) == []
    met |= {type(w) for w in shown_text_widgets(dialog)}
    dialog.close()
    assert [kind.__name__ for kind in KINDS if not any(issubclass(m, kind) for m in met)] == []

    press(qtbot, Qt.Key.Key_F7, widget=mode)
    projector = mode.projector
    qtbot.waitUntil(lambda: "Who knows them" in projector.family.toPlainText(), timeout=5_000)
    assert small_type(projector, base_pixels(projector.width(), projector.height())) == []
    assert pixels(projector.title) > pixels(projector.family) == projector._px


def test_meeting_mode_at_200_percent_fits_the_screen_with_nothing_cut(world, tmp_path):
    """Fitted to a 1920×1080 screen at 200% (960×540 as the window sees it): the key hints wrap, headings stay
    larger than body text, every tab shows its words whole; the projector view too."""
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "PYTHONPATH": str(HERE.parents[1])}
    done = subprocess.run(
        [sys.executable, str(HERE / "meeting_mode_child.py"), db_argument(world.db), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.splitlines()[-1])
    mode = found["placed"]["mode"]
    assert mode["screen_size"] == [960, 540] and mode["size"] == [960, 540] and mode["full_screen"]
    assert mode["least"][0] <= 960 and mode["least"][1] <= 540
    assert found["tabs"] == {tab: {"cut": [], "small": []} for tab in ("Decision", "Balance", "Proposal", "Minutes")}
    assert found["projector"] == {"cut": [], "small": []}
    assert found["active"]  # the chair keeps the keyboard
