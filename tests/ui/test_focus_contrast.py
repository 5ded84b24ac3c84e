"""The focus ring stands out at 3:1 (issue 15, item 5; WCAG 1.4.11) against
every background the application's palette and stylesheets give a control
or what is beside it, computed from their colours: one of its two colours
(the dark band, the white line inside it) against each background, and the
two against each other, so that the ring reads as a ring on a light field
and on a dark button alike. Then drawn: the ring round a dark button, a
checked chip, a chosen table cell and the sidebar's entry."""

from __future__ import annotations

import re

import numpy as np
import pytest
from keyboard_walk import contrast, grab_rgb
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QStandardItemModel
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton, QTableView, QVBoxLayout, QWidget

from tafdesk.paths import resource_path
from tafdesk.ui import theme
from tafdesk.ui.focus_ring import BAND, LINE
from tafdesk.ui.meetings.mode_style import mode_style
from tafdesk.ui.meetings.page_style import PAGE_STYLE
from tafdesk.ui.plans.style import PLAN_STYLE

COLOUR = re.compile(r"(?:background|selection-background-color)\s*:\s*(#[0-9a-fA-F]{6})")


def _rgb(colour: str) -> np.ndarray:
    c = QColor(colour)
    return np.array([c.red(), c.green(), c.blue()], float)


def _ratio(a: str, b: str) -> float:
    return float(contrast(_rgb(a), _rgb(b)))


def stylesheet_backgrounds() -> list[str]:
    """Every background colour the stylesheets give."""
    found: set[str] = set()
    for sheet in (resource_path("style.qss").read_text(encoding="utf-8"), PAGE_STYLE, PLAN_STYLE, mode_style(20)):
        found |= {colour.lower() for colour in COLOUR.findall(sheet)}
    return sorted(found)


def palette_backgrounds() -> list[str]:
    theme.apply_base_theme(QApplication.instance())
    palette = QApplication.instance().palette()
    return [palette.color(role).name() for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
            QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Button, QPalette.ColorRole.Highlight)]  # fmt: skip


def _stands_out(background: str) -> float:
    return max(_ratio(theme.FOCUS, background), _ratio(theme.FOCUS_HALO, background))


def test_the_rings_two_colours_stand_apart():
    assert _ratio(theme.FOCUS, theme.FOCUS_HALO) >= 3


@pytest.mark.parametrize("background", stylesheet_backgrounds())
def test_the_ring_stands_out_against_every_stylesheet_background(background):
    assert _stands_out(background) >= 3, f"the focus ring is {_stands_out(background):.2f}:1 on {background}"


def test_the_ring_stands_out_against_the_palette(qapp):
    assert {colour: round(_stands_out(colour), 2) for colour in palette_backgrounds()
            if _stands_out(colour) < 3} == {}  # fmt: skip


def test_the_band_stands_out_on_the_backgrounds_round_controls(qapp):
    """The dark band is the ring's outside: on the window, a field, a list's
    alternate rows, a chosen row and the sidebar it is all there is."""
    palette = QApplication.instance().palette()
    around = [palette.color(role).name() for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
              QPalette.ColorRole.AlternateBase)] + ["#e7edf3", "#cfe0f1"]  # fmt: skip
    assert min(_ratio(theme.FOCUS, colour) for colour in around) >= 3


def test_the_ring_is_drawn_where_focus_is_hard_to_see(qtbot):
    theme.apply_theme(QApplication.instance())
    window = QWidget()
    layout = QVBoxLayout(window)
    primary = QPushButton("Save", objectName="primaryButton")
    chip = QPushButton("North  9", objectName="localityChip", checkable=True, checked=True)
    table = QTableView()
    table.setModel(QStandardItemModel(4, 3, table))
    sidebar = QListWidget(objectName="navigation")
    sidebar.addItems(["Intake", "Meetings"])
    for widget in (primary, chip, table, sidebar):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.resize(500, 600)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table.selectRow(1)
    sidebar.setCurrentRow(1)
    for widget in (primary, chip, table, sidebar):
        window.setFocus()
        qtbot.wait(20)
        before = grab_rgb(window)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.wait(20)
        after = grab_rgb(window)
        changed = contrast(after, before) >= 3
        marked = (table.visualRect(table.currentIndex()) if widget is table
                  else sidebar.visualItemRect(sidebar.currentItem()) if widget is sidebar else widget.rect())  # fmt: skip
        outline = 2 * (marked.width() + marked.height())
        assert changed.sum() >= outline * (BAND + LINE) * 0.8, f"{widget.objectName() or type(widget).__name__}"
