"""The main window: areas, keyboard navigation, menus, and what it remembers."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QScreen, QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from tafdesk import __version__
from tafdesk.models import Role
from tafdesk.services.actor import Actor
from tafdesk.ui.areas import build_areas, home_area
from tafdesk.ui.main_window import DEFAULT_SIZE, NARROW_WINDOW, MainWindow
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.theme import apply_theme
from tafdesk.ui.window_fit import FRAME, centred, fitted

AREAS = ["intake", "meetings", "cases", "documents", "directory", "reports"]


@pytest.fixture
def manager(users) -> Actor:
    user = users["manager"]
    return Actor(user_id=user.id, name=user.display_name, role=user.role, localities=None)


@pytest.fixture
def make_window(qtbot, qapp, db, manager):
    apply_theme(qapp)  # sizes as people see them

    def make() -> MainWindow:
        window = MainWindow(
            build_areas(db, manager),
            AppSettings.open(),
            database_label=db.describe(),
            user_label="Nadia Hughes (Locality manager)",
        )
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        # Window shortcuts reach the active window only.
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
        return window

    return make


def _settle(qtbot, window) -> None:
    """Let the Directory's first read finish before the test ends."""
    if "directory" in window.built_areas:
        page = window.page("directory")
        qtbot.waitUntil(lambda: page.is_loaded, timeout=10_000)


def test_opens_on_the_directory_with_only_that_page_built(qtbot, make_window):
    window = make_window()
    assert window.area_keys == AREAS
    assert window.current_area() == "directory"
    assert window.built_areas == ["directory"]  # other pages wait until visited
    assert window.windowTitle().startswith("Directory")
    _settle(qtbot, window)


def test_ctrl_number_goes_to_each_area(qtbot, make_window):
    window = make_window()
    for number, key in enumerate(AREAS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0.value + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_area() == key
        assert window._navigation.currentRow() == number - 1
    reports = window.page("reports")
    assert type(reports).__name__ == "ReportsPage"
    qtbot.waitUntil(lambda: not reports.is_reading(), timeout=20_000)
    assert type(window.page("meetings")).__name__ == "MeetingsPage"
    _settle(qtbot, window)


def test_the_sidebar_is_keyboard_navigable(qtbot, make_window):
    window = make_window()
    nav = window._navigation
    assert nav.accessibleName() == "Areas"
    nav.setFocus()
    qtbot.keyClick(nav, Qt.Key.Key_Down)
    assert window.current_area() == "reports"
    qtbot.keyClick(nav, Qt.Key.Key_Home)
    assert window.current_area() == "intake"
    _settle(qtbot, window)


def test_the_window_fits_a_1024_pixel_projector(qtbot, make_window):
    window = make_window()
    _settle(qtbot, window)
    assert window.minimumSizeHint().width() <= 1024


def test_a_narrow_window_shows_the_sidebars_icons_only(qtbot, make_window):
    window = make_window()
    nav = window._navigation
    window.resize(NARROW_WINDOW + 100, 700)
    qtbot.waitUntil(lambda: nav.item(0).text() == "Intake")
    wide = nav.width()
    window.resize(NARROW_WINDOW - 100, 700)  # 200% text on a 1920x1080 screen
    qtbot.waitUntil(lambda: nav.item(0).text() == "")
    assert nav.width() < wide - 100
    for row, title in enumerate(["Intake", "Meetings", "Cases and TAF plans", "Documents", "Directory", "Reports"]):
        assert nav.item(row).data(Qt.ItemDataRole.AccessibleTextRole) == title  # said by screen readers
        assert nav.item(row).toolTip().startswith(title)
    window.resize(NARROW_WINDOW + 100, 700)
    qtbot.waitUntil(lambda: nav.item(0).text() == "Intake")
    assert nav.width() == wide
    _settle(qtbot, window)


def test_a_page_scrolls_when_the_window_is_smaller_than_it_can_be(qtbot, make_window):
    window = make_window()
    _settle(qtbot, window)
    page = window.page("directory")
    area = page.parentWidget().parentWidget().parentWidget()  # the page, its holder, the viewport, the area
    assert isinstance(area, QScrollArea)
    assert not area.verticalScrollBar().isVisible()
    window.resize(700, page.minimumSizeHint().height() // 2)
    qtbot.waitUntil(lambda: area.verticalScrollBar().isVisible())
    assert page.height() >= page.minimumSizeHint().height()  # scrolled, not squeezed


def test_the_size_is_remembered_and_each_opening_starts_on_the_home_page(qtbot, make_window):
    window = make_window()
    window.resize(1100, 720)
    window.show_area("reports")
    window.close()

    again = make_window()
    assert again.size() == QSize(1100, 720)
    assert again.current_area() == "directory"  # the home page make_window gives, not the last one shown
    assert again.built_areas == ["directory"]


@pytest.mark.parametrize(
    ("role", "home"),
    [
        (Role.LOCALITY_MANAGER, "meetings"),
        (Role.LEAD_PROFESSIONAL, "cases"),
        (Role.BUSINESS_SUPPORT, "intake"),
        (Role.ADMIN, "users"),
    ],
)
def test_each_role_has_its_own_home_page(role, home):
    actor = Actor(uuid.uuid4(), "Someone", role)
    assert home_area(actor) == home
    server = SimpleNamespace(offline_copy=False)  # the pages are not built
    assert home in [area.key for area in build_areas(server, actor)]  # type: ignore[arg-type]


def test_edit_menu_undo_and_redo_shortcuts_follow_the_area_shown(qtbot, make_window):
    done: list[str] = []

    class Step(QUndoCommand):
        def redo(self) -> None:
            done.append("redo")

        def undo(self) -> None:
            done.append("undo")

    window = make_window()
    stack = window.undo_stack("directory")
    stack.push(Step("Change something"))
    assert window.undo_action.text() == "&Undo Change something — Directory"
    assert window.undo_action.toolTip() == "Undo “Change something” in Directory (Ctrl+Z)"
    for key, modifiers, expected in (
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, "undo"),
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier, "redo"),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, "undo"),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, "redo"),
    ):
        qtbot.keyClick(window, key, modifiers)
        assert done[-1] == expected
    assert done == ["redo", "undo", "redo", "undo", "redo"]
    window.show_area("reports")  # an area without undo: nothing to undo there
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Undo"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert done[-1] == "redo" and stack.canUndo()
    window.show_area("directory")
    assert window.undo_action.isEnabled() and window.undo_action.text().endswith("— Directory")
    _settle(qtbot, window)


def test_each_area_that_undoes_has_a_history_of_its_own(db, manager):
    areas = {area.key: area for area in build_areas(db, manager)}
    stacks = [areas[key].undo for key in ("intake", "meetings", "cases", "directory")]
    assert all(stacks) and len({id(stack) for stack in stacks}) == 4
    assert [areas[key].undo_name for key in ("intake", "meetings", "cases", "directory")] == [
        "Intake",
        "Meetings",
        "Plan",
        "Directory",
    ]
    assert areas["documents"].undo is None and areas["reports"].undo is None


def test_status_bar_and_about_say_where_and_who(qtbot, make_window, db, monkeypatch):
    window = make_window()
    assert window._status_database.text() == f"Database: {db.describe()}"
    assert window._status_user.text() == "Signed in as Nadia Hughes (Locality manager)"
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.about_action.trigger()
    assert __version__ in shown[0] and db.describe() in shown[0] and "Qt:" in shown[0]
    _settle(qtbot, window)


def test_ctrl_q_quits_but_unsaved_edits_are_asked_about(qtbot, make_window, monkeypatch):
    window = make_window()
    _settle(qtbot, window)
    form = window.page("directory").professionals.form
    window.page("directory").professionals.start_new()
    form.given_name.setText("Half-typed")
    form.touched()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_the_directory_form_shows_its_fields_whole(qtbot, make_window):
    """At the default size the form is wide enough that no field is cut at
    its edge or scrolled sideways."""
    window = make_window()
    _settle(qtbot, window)
    tab = window.page("directory").professionals
    tab.panel.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.form.email.isVisible())
    form = tab.form
    for field in (form.email, form.fte, form.agency):
        shown = field.visibleRegion().boundingRect()
        assert shown.width() == field.width(), f"{field.accessibleName()} is cut at the form's edge"


LAPTOP = QRect(0, 0, 1366, 728)  # a 1366×768 screen above a 40-pixel taskbar
MEETING_ROOM = QRect(0, 0, 1920, 1040)


@pytest.mark.parametrize("available", [LAPTOP, MEETING_ROOM], ids=["1366x768", "1920x1080"])
def test_a_window_fits_inside_the_screen_with_its_frame(available):
    room = available.marginsRemoved(FRAME)
    first = centred(DEFAULT_SIZE, available)
    assert room.contains(first) and first.size() == DEFAULT_SIZE.boundedTo(room.size())
    saved = QRect(-40, 300, 1900, 1060)  # from a larger screen, partly off this one
    assert room.contains(fitted(saved, available))
    assert fitted(QRect(200, 100, 1000, 600), available) == QRect(200, 100, 1000, 600)  # one that fits stays


def _on(monkeypatch, available: QRect) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: available)


def _whole_on_screen(window: MainWindow, available: QRect) -> None:
    assert available.marginsRemoved(FRAME).contains(window.geometry())
    bar = window.statusBar()
    assert bar.isVisible()
    assert available.contains(QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size()))


@pytest.mark.parametrize("available", [LAPTOP, MEETING_ROOM], ids=["1366x768", "1920x1080"])
def test_the_first_window_shows_its_status_bar(qtbot, make_window, monkeypatch, available):
    _on(monkeypatch, available)
    window = make_window()
    _settle(qtbot, window)
    _whole_on_screen(window, available)


def test_a_window_saved_on_a_larger_screen_is_brought_within_a_smaller_one(qtbot, make_window, monkeypatch):
    window = make_window()
    window.setGeometry(10, 30, 1900, 1040)
    _settle(qtbot, window)
    window.close()
    _on(monkeypatch, LAPTOP)
    again = make_window()
    _settle(qtbot, again)
    _whole_on_screen(again, LAPTOP)
