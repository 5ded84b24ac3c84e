"""View → Colours (issue 15, item 6): "Follow system", Light, Dark and High
contrast change the palette and the stylesheet of every open window at once,
pages' own stylesheets and HTML panes too, and are remembered for the next
start; following the system takes up a dark or high-contrast setting."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QWidget

from tafdesk.services.actor import Actor
from tafdesk.ui import colours as roles
from tafdesk.ui import theme
from tafdesk.ui.areas import build_areas
from tafdesk.ui.colours import DARK, HIGH_CONTRAST, LIGHT
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.meetings.shortcuts import ShortcutsDialog
from tafdesk.ui.settings import AppSettings


class _Hints(QObject):
    """What the platform's style hints would say: a colour scheme and, from
    Qt 6.10, a contrast preference."""

    contrastPreferenceChanged = Signal(object)  # noqa: N815 (Qt's name)

    def __init__(self, scheme: Qt.ColorScheme, contrast: Qt.ContrastPreference) -> None:
        super().__init__()
        self._scheme, self._contrast = scheme, contrast

    def colorScheme(self) -> Qt.ColorScheme:
        return self._scheme

    def accessibility(self) -> _Hints:
        return self

    def contrastPreference(self) -> Qt.ContrastPreference:
        return self._contrast


DARK_SYSTEM = _Hints(Qt.ColorScheme.Dark, Qt.ContrastPreference.NoPreference)
CONTRAST_SYSTEM = _Hints(Qt.ColorScheme.Light, Qt.ContrastPreference.HighContrast)
LIGHT_SYSTEM = _Hints(Qt.ColorScheme.Unknown, Qt.ContrastPreference.NoPreference)


@pytest.fixture
def window(qtbot, qapp, db, users, colour_scheme) -> MainWindow:
    user = users["manager"]
    actor = Actor(user_id=user.id, name=user.display_name, role=user.role, localities=None)
    window = MainWindow(
        build_areas(db, actor),
        AppSettings.open(),
        database_label=db.describe(),
        user_label="Nadia Hughes (Locality manager)",
    )
    qtbot.addWidget(window)
    window.show()
    page = window.page("directory")
    qtbot.waitUntil(lambda: page.is_loaded, timeout=10_000)
    return window


def _choose(window: MainWindow, title: str) -> None:
    """Click View → Colours → title."""
    action = next(a for a in window.colour_actions if a.text().replace("&", "") == title)
    action.trigger()


def _commonest(widget: QWidget) -> str:
    image = widget.grab().toImage()
    seen = Counter(
        image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    )
    return seen.most_common(1)[0][0]


def test_the_menu_offers_the_four_and_follows_the_system_at_first(window):
    assert [a.text().replace("&", "") for a in window.colour_actions] == [
        "Follow system",
        "Light",
        "Dark",
        "High contrast",
    ]
    assert [a.text() for a in window.colour_actions if a.isChecked()] == ["&Follow system"]


def test_choosing_dark_recolours_every_open_window_now(qtbot, window):
    app = QApplication.instance()
    light_sheet = app.styleSheet()
    keys = ShortcutsDialog(window)  # a second window, with an HTML pane
    qtbot.addWidget(keys)
    keys.show()
    assert LIGHT.heading in keys.text.toHtml()
    navigation = window.findChild(QWidget, "navigation")
    assert _commonest(navigation) == LIGHT.nav

    _choose(window, "Dark")

    assert app.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    assert app.palette().color(QPalette.ColorRole.Base).name() == DARK.base
    assert app.styleSheet() != light_sheet and DARK.nav in app.styleSheet() and LIGHT.nav not in app.styleSheet()
    assert roles.current() is DARK
    assert _commonest(navigation) == DARK.nav  # drawn so, not only said
    assert DARK.heading in keys.text.toHtml() and LIGHT.heading not in keys.text.toHtml()
    assert [a.text() for a in window.colour_actions if a.isChecked()] == ["&Dark"]
    assert AppSettings.open().colour_scheme == "dark"  # for the next start

    _choose(window, "High contrast")
    assert app.palette().color(QPalette.ColorRole.Window).name() == HIGH_CONTRAST.window
    assert HIGH_CONTRAST.heading in keys.text.toHtml()
    assert _commonest(navigation) == HIGH_CONTRAST.nav


def test_a_pages_own_stylesheet_follows(qtbot, window):
    page = window.page("meetings")
    assert LIGHT.error.tint in page.styleSheet()
    _choose(window, "Dark")
    assert DARK.error.tint in page.styleSheet() and LIGHT.error.tint not in page.styleSheet()


def test_following_the_system_takes_up_its_dark_or_high_contrast_setting(window):
    app = QApplication.instance()
    assert theme.colours_for("system", DARK_SYSTEM) is DARK
    assert theme.colours_for("system", CONTRAST_SYSTEM) is HIGH_CONTRAST  # whether light or dark besides
    assert theme.colours_for("system", LIGHT_SYSTEM) is LIGHT

    _choose(window, "Follow system")
    theme.system_changed(app, DARK_SYSTEM)  # as when the system's setting changes while tafdesk is open
    assert app.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    assert DARK.nav in app.styleSheet()
    theme.system_changed(app, CONTRAST_SYSTEM)
    assert app.palette().color(QPalette.ColorRole.Window).name() == HIGH_CONTRAST.window

    _choose(window, "Light")  # a choice of one's own stands whatever the system says
    theme.system_changed(app, DARK_SYSTEM)
    assert app.palette().color(QPalette.ColorRole.Window).name() == LIGHT.window


def test_start_up_takes_the_remembered_choice(qapp, colour_scheme):
    settings = AppSettings.open()
    settings.colour_scheme = "contrast"
    theme.apply_base_theme(qapp, AppSettings.open().colour_scheme)  # as ui/app.py starts
    theme.apply_stylesheet(qapp)
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == HIGH_CONTRAST.window
    assert HIGH_CONTRAST.selection in qapp.styleSheet()
    assert theme.chosen_scheme(qapp) == "contrast"


def test_icons_are_drawn_again_in_a_new_palette(qtbot, window, colour_scheme):
    from tafdesk.ui.icons import icon

    def strokes() -> set[str]:
        image = icon("directory").pixmap(48, 48).toImage()
        return {
            image.pixelColor(x, y).name() for x in range(48) for y in range(48) if image.pixelColor(x, y).alpha() == 255
        }

    assert LIGHT.icon in strokes()
    colour_scheme("dark")
    assert DARK.icon in strokes() and LIGHT.icon not in strokes()


def test_a_number_box_made_read_only_shows_its_whole_number(qtbot, qapp):
    """Qt lays a styled box's text out beside arrows that a read-only box no
    longer has, unless the box is polished again (theme.show_spin_buttons)."""
    theme.apply_theme(qapp)
    box = QDoubleSpinBox(decimals=2, value=0.75)
    qtbot.addWidget(box)
    box.resize(160, 30)
    box.show()
    theme.show_spin_buttons(box, False)
    qtbot.wait(10)
    assert box.lineEdit().width() > 100
    theme.show_spin_buttons(box, True)
    qtbot.wait(10)
    assert 100 < box.lineEdit().width() < 160
