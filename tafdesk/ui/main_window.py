"""The main window: a sidebar of areas, the current area's page, menus and a
status bar saying which database is open and who is signed in. Edit → Undo
and Redo follow the undo history of the area shown (ui/area_undo.py)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QSize, Qt, Signal, qVersion
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tafdesk import __version__
from tafdesk.services.demo_mark import WORDS as DEMO_WORDS
from tafdesk.ui.announce import announce
from tafdesk.ui.area_undo import AreaUndo
from tafdesk.ui.areas import Area
from tafdesk.ui.connection import BACK_TEXT, ConnectionBand
from tafdesk.ui.demo_mark import demo_band, demo_title
from tafdesk.ui.elided_label import ElidedLabel
from tafdesk.ui.icons import icon
from tafdesk.ui.qt_app import qt_application
from tafdesk.ui.scrolling import scrolling
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.theme import DEFAULT_SCHEME, SCHEMES, use_scheme
from tafdesk.ui.window_fit import available_area, centred, fitted

if TYPE_CHECKING:
    from tafdesk.db.change_watch import Watcher
    from tafdesk.db.reachability import ConnectionState
    from tafdesk.ui.case_page.pages import CasePages
    from tafdesk.ui.idle_lock import WindowLock
    from tafdesk.ui.live import ChangeSignal

DEFAULT_SIZE = QSize(1280, 800)  # smaller where the screen is (window_fit.centred)
DEFAULT_AREA = "directory"  # where a window opens when not told its user's own page (areas.home_area)
STATUS_MS = 8000
NAVIGATION_EXTRA = 96  # icon, padding, margins and the accent bar beside the widest title
# Narrower than this (large text: 1920x1080 at 175% or more, a small screen), the
# sidebar shows its icons only, leaving the pages the width their controls need.
NARROW_WINDOW = 1100


class MainWindow(QMainWindow):
    area_changed = Signal(str)
    first_painted = Signal()
    lock_requested = Signal()
    sign_out_requested = Signal(bool)  # True: to sign in as someone else (Switch user)
    reconnect_requested = Signal()  # on the offline copy, once the server answers again

    def __init__(
        self,
        areas: Sequence[Area],
        settings: AppSettings,
        *,
        database_label: str,
        user_label: str,
        home: str = DEFAULT_AREA,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.demo = demo  # a demo council: marked in the title, a band and the status bar
        self.setWindowIcon(icon("tafdesk"))
        self._areas = list(areas)
        self._keys = [area.key for area in self._areas]
        self._pages: dict[str, QWidget] = {}
        self.undo = AreaUndo(self)
        for area in self._areas:
            if area.undo is not None:
                self.undo.add(area.undo, area.undo_name or area.title)
        self._settings = settings
        self._database_label = database_label
        self._painted = False
        self._compact = False  # the sidebar shows its icons only
        # Given by app.py once the window is built (tests follow them):
        self.idle_lock: WindowLock | None = None
        self.changes: ChangeSignal | None = None  # this process's changes, as a signal
        self.change_watchers: list[Watcher | None] = []  # hearing other processes' changes
        self.case_pages: CasePages | None = None  # given by app.py: case pages and the family search
        self.backup_action: QAction | None = None  # File → Back up now…, where this person may (ui/backup_action.py)

        self._navigation = QListWidget(objectName="navigation")
        self._stack = QStackedWidget(objectName="areaStack")
        marked = f"{database_label} ({DEMO_WORDS})" if demo else database_label
        self._status_database = ElidedLabel(f"Database: {marked}", object_name="statusDatabase")
        self._status_user = QLabel(f"Signed in as {user_label}", objectName="statusUser")
        self.connection_band = ConnectionBand()
        self._area_actions = QActionGroup(self)
        self._colour_actions = QActionGroup(self)  # View → Colours, one at a time
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
            item.setData(Qt.ItemDataRole.AccessibleTextRole, area.title)  # said when only the icon shows
            item.setSizeHint(QSize(0, 50))
            nav.addItem(item)
            self._stack.addWidget(QWidget())  # the real page is built on first visit
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        if self.demo:
            outer.addWidget(demo_band())
        outer.addWidget(self.connection_band)  # shown only while the server cannot be reached
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(nav)
        layout.addWidget(self._stack, 1)
        outer.addLayout(layout, 1)
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
        self._before_quit = file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu

        edit_menu = menus.addMenu("&Edit")
        self.undo_action, self.redo_action = self.undo.undo_action, self.undo.redo_action
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        # Ctrl+K everywhere; Ctrl+F stays with the lists that filter themselves (Directory, Intake).
        self.find_family_action = QAction("&Find a family…", self, shortcut=QKeySequence("Ctrl+K"))
        self.find_family_action.setStatusTip("Find a family by name, reference, postcode or date of birth")
        edit_menu.addAction(self.find_family_action)

        view_menu = menus.addMenu("&View")
        for number, area in enumerate(self._areas, start=1):
            action = QAction(icon(area.icon), area.title, self, checkable=True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(area.key)
            self._area_actions.addAction(action)
            view_menu.addAction(action)
        view_menu.addSeparator()
        colours_menu = view_menu.addMenu("&Colours")
        chosen = self._settings.colour_scheme if self._settings.colour_scheme in SCHEMES else DEFAULT_SCHEME
        for scheme, title in SCHEMES.items():
            action = QAction(title, self, checkable=True, checked=scheme == chosen)
            action.setData(scheme)
            self._colour_actions.addAction(action)
            colours_menu.addAction(action)

        help_menu = menus.addMenu("&Help")
        self.meeting_keys_action = QAction("&Meeting shortcuts", self)
        help_menu.addAction(self.meeting_keys_action)
        self.about_action = QAction("&About tafdesk", self, menuRole=QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        # Descriptions, not names: a label's name is what it says (in full, where it is shortened).
        self._status_database.setAccessibleDescription("The open database")
        self._status_user.setAccessibleDescription("Who is signed in")
        bar = self.statusBar()
        bar.addWidget(self._status_database, 1)
        bar.addPermanentWidget(self._status_user)

    def _connect_signals(self) -> None:
        self._navigation.currentRowChanged.connect(self._on_row_changed)
        self._area_actions.triggered.connect(lambda action: self.show_area(action.data()))
        self._colour_actions.triggered.connect(lambda action: self.use_colours(action.data()))
        self.quit_action.triggered.connect(self.close)
        self.lock_action.triggered.connect(self.lock_requested)
        self.switch_user_action.triggered.connect(lambda: self.sign_out_requested.emit(True))
        self.sign_out_action.triggered.connect(lambda: self.sign_out_requested.emit(False))
        self.about_action.triggered.connect(self.show_about)
        self.meeting_keys_action.triggered.connect(self.show_meeting_shortcuts)
        self.find_family_action.triggered.connect(self.find_family)

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
            # Scrolled when the window is smaller than the page can be (large text, a small screen).
            self._stack.insertWidget(index, scrolling(page, sideways=True))
            if placeholder is not None:  # (every area has one until it is built)
                self._stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._pages[key] = page
        return self._pages[key]

    def undo_stack(self, key: str) -> QUndoStack | None:
        """The area's own undo history (None for an area without undo)."""
        return self._areas[self._keys.index(key)].undo

    def show_area(self, key: str) -> None:
        if key not in self._keys:
            return
        index = self._keys.index(key)
        self.page(key)
        self._stack.setCurrentIndex(index)
        self._navigation.setCurrentRow(index)
        self._area_actions.actions()[index].setChecked(True)
        title = f"{self._areas[index].title} – tafdesk"
        self.setWindowTitle(demo_title(title) if self.demo else title)
        self.undo.follow(self._areas[index].undo)
        self.area_changed.emit(key)

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._keys) and row != self._stack.currentIndex():
            self.show_area(self._keys[row])

    def _attach(self, key: str, page: QWidget) -> None:
        """Pages may offer `status_message(str)`, `reveal_requested()` and
        `case_requested(CaseRef)` (open the case's page) signals."""
        if hasattr(page, "case_requested"):
            page.case_requested.connect(self.open_case_page)
        if hasattr(page, "status_message"):
            page.status_message.connect(self.show_status)
        if hasattr(page, "reveal_requested"):
            page.reveal_requested.connect(lambda: self.show_area(key))

    def use_case_pages(self, pages: CasePages) -> None:
        """Case pages (ui/case_page): opened from any page, and their plan in Cases and TAF plans."""
        self.case_pages = pages
        self.find_family_action.setEnabled(pages.available)
        pages.plan_requested.connect(self.open_plan)

    def open_case_page(self, case) -> QWidget | None:
        return self.case_pages.open(case) if self.case_pages is not None else None

    def find_family(self) -> QWidget | None:
        return self.case_pages.find_family() if self.case_pages is not None else None

    def open_plan(self, case) -> None:
        """A case page's Open the plan: the plan editor of Cases and TAF plans, in front."""
        if "cases" not in self._keys:
            return
        page = self.page("cases")
        self.show_area("cases")
        opener = getattr(page, "open_case", None)
        if opener is not None:
            opener(case)
        self.raise_()
        self.activateWindow()

    def show_connection(self, state: ConnectionState) -> None:
        """The server went out of reach (the band says since when), or came back."""
        was_offline = not self.connection_band.isHidden()
        self.connection_band.show_state(state)
        if state.online and was_offline:
            self.show_status(BACK_TEXT)

    def work_on_copy(self, since) -> None:
        """The window is on the offline copy: the band says so for as long as it is."""
        self._copy_since = since
        self.connection_band.show_copy(since)
        self.connection_band.reconnect_button.clicked.connect(self.reconnect_requested)

    def server_back(self) -> None:
        """On the offline copy, the server answers again: the band offers to reconnect."""
        self.connection_band.show_copy(getattr(self, "_copy_since", None), server_back=True)

    def show_status(self, text: str) -> None:
        """A message in the status bar for eight seconds, said by screen readers too."""
        self.statusBar().showMessage(text, STATUS_MS)
        announce(self.statusBar(), text)

    def add_file_action(self, action: QAction) -> None:
        """An action in File of what this person may do here (Back up now…), above Quit."""
        self.file_menu.insertAction(self._before_quit, action)

    # -- colours -----------------------------------------------------------

    @property
    def colour_actions(self) -> list[QAction]:
        return self._colour_actions.actions()

    def use_colours(self, scheme: str) -> None:
        """View → Colours: every open window in that palette now, and at the next start."""
        self._settings.colour_scheme = scheme
        use_scheme(qt_application(), scheme)
        for action in self._colour_actions.actions():
            action.setChecked(action.data() == scheme)

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

    def closeEvent(self, event: QCloseEvent) -> None:
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

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_navigation()
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible() and (self.width() < NARROW_WINDOW) != self._compact:
            self._fit_navigation()

    def _fit_navigation(self) -> None:
        """The sidebar as wide as its longest title in the font the
        stylesheet gives it (set after the window is built); in a narrow
        window, as wide as its icons, the titles in their tooltips and said
        to screen readers."""
        nav = self._navigation
        nav.ensurePolished()
        self._compact = self.width() < NARROW_WINDOW
        for row, area in enumerate(self._areas):
            nav.item(row).setText("" if self._compact else area.title)
        widest = 0 if self._compact else max(nav.fontMetrics().horizontalAdvance(area.title) for area in self._areas)
        nav.setFixedWidth(widest + NAVIGATION_EXTRA)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
