"""The main window: a sidebar of areas, the current area's page, menus and a
status bar saying which database is open and who is signed in."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QSize, Qt, Signal, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from tafdesk import __version__
from tafdesk.ui.announce import announce
from tafdesk.ui.areas import Area
from tafdesk.ui.icons import icon
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.window_fit import available_area, centred, fitted

if TYPE_CHECKING:
    from tafdesk.ui.idle_lock import WindowLock

DEFAULT_SIZE = QSize(1280, 800)  # smaller where the screen is (window_fit.centred)
DEFAULT_AREA = "directory"  # where a window opens when not told its user's own page (areas.home_area)
STATUS_MS = 8000
NAVIGATION_EXTRA = 96  # icon, padding, margins and the accent bar beside the widest title


class MainWindow(QMainWindow):
    area_changed = Signal(str)
    first_painted = Signal()
    lock_requested = Signal()
    sign_out_requested = Signal(bool)  # True: to sign in as someone else (Switch user)

    def __init__(
        self,
        areas: Sequence[Area],
        undo_stack: QUndoStack,
        settings: AppSettings,
        *,
        database_label: str,
        user_label: str,
        home: str = DEFAULT_AREA,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("tafdesk"))
        self._areas = list(areas)
        self._keys = [area.key for area in self._areas]
        self._pages: dict[str, QWidget] = {}
        self._undo_stack = undo_stack
        self._settings = settings
        self._database_label = database_label
        self._painted = False
        self.idle_lock: WindowLock | None = None  # given by app.py once the window is built (tests drive it)

        self._navigation = QListWidget(objectName="navigation")
        self._stack = QStackedWidget(objectName="areaStack")
        self._status_database = QLabel(f"Database: {database_label}", objectName="statusDatabase")
        self._status_user = QLabel(f"Signed in as {user_label}", objectName="statusUser")
        self._area_actions = QActionGroup(self)
        self._build_layout()
        self._build_menus()
        self._build_status_bar()
        self._connect_signals()
        self._restore(home)

    # -- building ---------------------------------------------------------

    def _build_layout(self) -> None:
        nav = self._navigation
        nav.setAccessibleName("Areas")
        nav.setAccessibleDescription(f"Choose an area of tafdesk; Ctrl+1 to Ctrl+{len(self._areas)} also go to each.")
        nav.setIconSize(QSize(26, 26))
        nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, area in enumerate(self._areas, start=1):
            item = QListWidgetItem(icon(area.icon), area.title)
            item.setToolTip(f"{area.title} (Ctrl+{number})")
            item.setSizeHint(QSize(0, 50))
            nav.addItem(item)
            self._stack.addWidget(QWidget())  # the real page is built on first visit
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(nav)
        layout.addWidget(self._stack, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        self.lock_action = QAction("&Lock", self, shortcut=QKeySequence("Ctrl+L"))
        self.lock_action.setStatusTip("Hide the window until your password is given again")
        self.switch_user_action = QAction("S&witch user…", self)
        self.sign_out_action = QAction("Sign &out", self)
        self.quit_action = QAction("&Quit", self, shortcut=QKeySequence("Ctrl+Q"), menuRole=QAction.MenuRole.QuitRole)
        file_menu.addActions([self.lock_action, self.switch_user_action, self.sign_out_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = menus.addMenu("&Edit")
        self.undo_action = self._undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self._undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = menus.addMenu("&View")
        for number, area in enumerate(self._areas, start=1):
            action = QAction(icon(area.icon), area.title, self, checkable=True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(area.key)
            self._area_actions.addAction(action)
            view_menu.addAction(action)

        help_menu = menus.addMenu("&Help")
        self.meeting_keys_action = QAction("&Meeting shortcuts", self)
        help_menu.addAction(self.meeting_keys_action)
        self.about_action = QAction("&About tafdesk", self, menuRole=QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        self._status_database.setToolTip(self._database_label)
        # Descriptions, not names: a label's name is what it says.
        self._status_database.setAccessibleDescription("The open database")
        self._status_user.setAccessibleDescription("Who is signed in")
        bar = self.statusBar()
        bar.addWidget(self._status_database, 1)
        bar.addPermanentWidget(self._status_user)

    def _connect_signals(self) -> None:
        self._navigation.currentRowChanged.connect(self._on_row_changed)
        self._area_actions.triggered.connect(lambda action: self.show_area(action.data()))
        self.quit_action.triggered.connect(self.close)
        self.lock_action.triggered.connect(self.lock_requested)
        self.switch_user_action.triggered.connect(lambda: self.sign_out_requested.emit(True))
        self.sign_out_action.triggered.connect(lambda: self.sign_out_requested.emit(False))
        self.about_action.triggered.connect(self.show_about)
        self.meeting_keys_action.triggered.connect(self.show_meeting_shortcuts)

    # -- areas ------------------------------------------------------------

    @property
    def area_keys(self) -> list[str]:
        return list(self._keys)

    @property
    def built_areas(self) -> list[str]:
        """Areas whose pages exist: the first shown, then those visited."""
        return [key for key in self._keys if key in self._pages]

    def current_area(self) -> str:
        return self._keys[self._stack.currentIndex()]

    def page(self, key: str) -> QWidget:
        """The area's page, built now if it has not been shown yet."""
        if key not in self._pages:
            index = self._keys.index(key)
            page = self._areas[index].build()
            self._attach(key, page)
            placeholder = self._stack.widget(index)
            self._stack.insertWidget(index, page)
            if placeholder is not None:  # (every area has one until it is built)
                self._stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._pages[key] = page
        return self._pages[key]

    def show_area(self, key: str) -> None:
        if key not in self._keys:
            return
        index = self._keys.index(key)
        self.page(key)
        self._stack.setCurrentIndex(index)
        self._navigation.setCurrentRow(index)
        self._area_actions.actions()[index].setChecked(True)
        self.setWindowTitle(f"{self._areas[index].title} – tafdesk")
        self.area_changed.emit(key)

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._keys) and row != self._stack.currentIndex():
            self.show_area(self._keys[row])

    def _attach(self, key: str, page: QWidget) -> None:
        """Pages may offer `status_message(str)` and `reveal_requested()` signals."""
        if hasattr(page, "status_message"):
            page.status_message.connect(self.show_status)
        if hasattr(page, "reveal_requested"):
            page.reveal_requested.connect(lambda: self.show_area(key))

    def show_status(self, text: str) -> None:
        """A message in the status bar for eight seconds, said by screen readers too."""
        self.statusBar().showMessage(text, STATUS_MS)
        announce(self.statusBar(), text)

    # -- about ------------------------------------------------------------

    def about_text(self) -> str:
        return (
            f"<h3>tafdesk {html.escape(__version__)}</h3>"
            "<p>Early help locality case management groups, Team Around the Family plans, "
            "minutes and letters.</p>"
            f"<p><b>Database:</b> {html.escape(self._database_label)}</p>"
            f"<p><b>Qt:</b> {qVersion()} &nbsp; <b>PySide6:</b> {PySide6.__version__}</p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "About tafdesk", self.about_text())

    def show_meeting_shortcuts(self) -> QWidget:
        from tafdesk.ui.meetings.shortcuts import show_shortcuts  # loaded when first asked for

        return show_shortcuts(self)

    # -- window state -----------------------------------------------------

    def _restore(self, home: str) -> None:
        geometry = self._settings.window_geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.setGeometry(centred(DEFAULT_SIZE, available_area(self)))
        elif not self.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            # Saved on a larger screen (a meeting room's), opened on a laptop: brought within this one.
            self.setGeometry(fitted(self.geometry(), available_area(self, self.geometry())))
        state = self._settings.window_state
        if not state.isEmpty():
            self.restoreState(state)
        # Each person's own work first, whoever used this computer last: a
        # chair's meetings, a lead professional's cases, business support's intake.
        self.show_area(home if home in self._keys else self._keys[0])

    def save_state(self) -> None:
        self._settings.window_geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.may_close():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)

    def may_close(self, *, ask: bool = True) -> bool:
        """Whether the pages let the window go (they may ask about unsaved
        work). Without asking (signing out from the lock screen, where the
        person at the keyboard may not be the one signed in), pages keep what
        they can (a plan's draft) and let go."""
        for page in self._pages.values():
            if not ask:
                keep = getattr(page, "keep_drafts", None)
                if keep is not None:
                    keep()
                continue
            confirm = getattr(page, "confirm_close", None)
            if confirm is not None and not confirm():
                return False
        return True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self._fit_navigation()
        super().showEvent(event)

    def _fit_navigation(self) -> None:
        """The sidebar as wide as its longest title in the font the
        stylesheet gives it (set after the window is built)."""
        nav = self._navigation
        nav.ensurePolished()
        widest = max(nav.fontMetrics().horizontalAdvance(area.title) for area in self._areas)
        nav.setFixedWidth(widest + NAVIGATION_EXTRA)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
