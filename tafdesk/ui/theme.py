"""The look: the Fusion style, a calm palette and the stylesheet in
resources/style.qss. Sizes suit a meeting-room projector."""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from tafdesk.paths import resource_path

log = logging.getLogger(__name__)

BASE_POINT_SIZE = 11

INK = "#1c2633"
MUTED = "#5b6777"
ACCENT = "#1f5f8b"
ERROR = "#a3231b"
ERROR_TINT = "#fdeceb"
# The ring round whatever has the keyboard (ui/focus_ring.py): the dark band
# stands out on every light background, the white line inside it on a dark one.
FOCUS = "#17496b"
FOCUS_HALO = "#ffffff"

# Caseload bands: under 85% of capacity, up to 100%, over.
LOAD_OK = "#2f7d4f"
LOAD_NEAR = "#c27c0e"
LOAD_OVER = "#b3261e"
LOAD_TRACK = "#e1e7ee"


def apply_theme(app: QApplication) -> None:
    """The whole look, for windows built after it."""
    apply_base_theme(app)
    apply_stylesheet(app)


def apply_base_theme(app: QApplication) -> None:
    """Style, palette and font: what the stylesheet builds on."""
    app.setStyle("Fusion")
    app.setPalette(_palette())
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)


def apply_stylesheet(app: QApplication) -> None:
    """resources/style.qss, once. Start-up sets it after building the main
    window: under an application stylesheet Qt resolves the style of a whole
    subtree again each time a widget is added to a parent, so a window built
    first and styled once starts about a tenth sooner."""
    if app.styleSheet():
        return
    try:
        sheet = resource_path("style.qss").read_text(encoding="utf-8")
        app.setStyleSheet(sheet.replace("@ICONS@", resource_path("icons").as_posix()))
    except OSError as exc:  # a damaged installation still opens, plainly styled
        log.warning("stylesheet not loaded: %s", exc)


def _palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#f4f6f9",
        QPalette.ColorRole.WindowText: INK,
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f2f5f9",
        QPalette.ColorRole.Text: INK,
        QPalette.ColorRole.Button: "#e9eef3",
        QPalette.ColorRole.ButtonText: INK,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: INK,
        QPalette.ColorRole.PlaceholderText: "#6b7785",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a95a3"))
    return palette
