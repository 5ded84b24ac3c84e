"""The focus ring stands out at 3:1 (issue 15, item 5; WCAG 1.4.11) against
every background the application's palette and stylesheets give a control
or what is beside it, computed from their colours: one of its two colours
(the dark band, the white line inside it) against each background, and the
two against each other, so that the ring reads as a ring on a light field
and on a dark button alike; in every palette (ui/colours.py). Then drawn:
the ring round a dark button, a checked chip, a chosen table cell and the
sidebar's entry."""

from __future__ import annotations

import re

import numpy as np
import pytest
from keyboard_walk import contrast, grab_rgb
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QStandardItemModel
from PySide6.QtWidgets import QListWidget, QPushButton, QTableView, QVBoxLayout, QWidget

from tafdesk.ui import colours as roles
from tafdesk.ui import theme
from tafdesk.ui.colours import PALETTES, Colours
from tafdesk.ui.focus_ring import BAND, LINE
from tafdesk.ui.meetings.mode_style import mode_style
from tafdesk.ui.meetings.page_style import PAGE_STYLE
from tafdesk.ui.plans.style import PLAN_STYLE

COLOUR = re.compile(r"(?:background|selection-background-color)\s*:\s*(#[0-9a-fA-F]{6})")
PALETTE_NAMES = list(PALETTES)


def _rgb(colour: str) -> np.ndarray:
    c = QColor(colour)
    return np.array([c.red(), c.green(), c.blue()], float)


def _ratio(a: str, b: str) -> float:
    return float(contrast(_rgb(a), _rgb(b)))


def stylesheet_backgrounds(colours: Colours) -> list[str]:
    """Every background colour the stylesheets give in a palette."""
    found: set[str] = set()
    roles.use(colours)
    try:
        for sheet in (theme.stylesheet(colours), theme.styled(PAGE_STYLE), theme.styled(PLAN_STYLE), mode_style(20)):
            found |= {colour.lower() for colour in COLOUR.findall(sheet)}
    finally:
        roles.use(PALETTES["light"])
    return sorted(found)


def palette_backgrounds(colours: Colours) -> list[str]:
    palette = theme.qt_palette(colours)
    return [
        palette.color(role).name()
        for role in (
            QPalette.ColorRole.Window,
            QPalette.ColorRole.Base,
            QPalette.ColorRole.AlternateBase,
            QPalette.ColorRole.Button,
            QPalette.ColorRole.Highlight,
        )
    ]


def _stands_out(colours: Colours, background: str) -> float:
    return max(_ratio(colours.focus, background), _ratio(colours.focus_halo, background))


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_the_rings_two_colours_stand_apart(name):
    assert _ratio(PALETTES[name].focus, PALETTES[name].focus_halo) >= 3


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_the_ring_stands_out_against_every_stylesheet_background(name):
    colours = PALETTES[name]
    assert {
        colour: round(_stands_out(colours, colour), 2)
        for colour in stylesheet_backgrounds(colours)
        if _stands_out(colours, colour) < 3
    } == {}


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_the_ring_stands_out_against_the_palette(qapp, name):
    colours = PALETTES[name]
    assert {
        colour: round(_stands_out(colours, colour), 2)
        for colour in palette_backgrounds(colours)
        if _stands_out(colours, colour) < 3
    } == {}


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_the_band_stands_out_on_the_backgrounds_round_controls(name):
    """The outer band is the ring's outside: on the window, a field, a list's
    alternate rows, a panel and the sidebar it is all there is. (On a chosen
    row one of the two will do: high contrast's cyan row shows the black line.)"""
    c = PALETTES[name]
    around = [c.window, c.base, c.alternate, c.nav, c.nav_current, c.panel]
    assert {colour: round(_ratio(c.focus, colour), 2) for colour in around if _ratio(c.focus, colour) < 3} == {}


@pytest.mark.parametrize("name", PALETTE_NAMES)
def test_the_ring_is_drawn_where_focus_is_hard_to_see(qtbot, colour_scheme, name):
    colour_scheme(name)
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
        marked = (
            table.visualRect(table.currentIndex())
            if widget is table
            else sidebar.visualItemRect(sidebar.currentItem())
            if widget is sidebar
            else widget.rect()
        )
        outline = 2 * (marked.width() + marked.height())
        assert changed.sum() >= outline * (BAND + LINE) * 0.8, f"{widget.objectName() or type(widget).__name__}"
