"""Starting the desktop app: the database, who is signed in, then the window.

Start-up imports only what the first screen needs; other areas' pages (and
their imports) are built when first opened, and the Directory reads its
rows off the interface thread after the window has painted.
"""

from __future__ import annotations

import gc
import getpass
import logging
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tafdesk import __version__
from tafdesk.db.errors import StorageError
from tafdesk.db.location import resolve_url
from tafdesk.db.schema import open_database
from tafdesk.services.actor import Actor
from tafdesk.services.errors import NotFound, ServiceError
from tafdesk.services.users import UserService
from tafdesk.ui.background import wait_for_background_work
from tafdesk.ui.errors import install_excepthook
from tafdesk.ui.settings import APPLICATION, ORGANISATION, AppSettings
from tafdesk.ui.theme import apply_base_theme, apply_stylesheet
from tafdesk.ui.wheel_guard import guard_wheel

log = logging.getLogger(__name__)

QUIT_AFTER_STARTUP = "TAFDESK_QUIT_AFTER_STARTUP"
OPEN_FAILED_TITLE = "tafdesk cannot open the database"


class _StartupRefused(Exception):
    """Start-up cannot go on; the message says why."""


def run_gui(db: str | None = None, user: str | None = None) -> int:
    """Open the window on the database `db` (path or URL; default TAFDESK_DB,
    then the user data folder) as `user` (default TAFDESK_USER, then the last
    user, then ask). Returns the process exit code."""
    collector = _StartupCollector()
    previous_hook = install_excepthook()
    try:
        app = _application()
        settings = AppSettings.open()
        try:
            database = open_database(resolve_url(db))
        except StorageError as exc:
            log.warning("database not opened: %s", type(exc).__name__)
            _alert(QMessageBox.critical, OPEN_FAILED_TITLE, str(exc))
            return 1
        except OSError as exc:  # e.g. a file the user may not read
            _alert(QMessageBox.critical, OPEN_FAILED_TITLE, f"{exc.filename or db}: {exc.strerror or exc}")
            return 1
        try:
            return _run(app, database, settings, user, collector=collector)
        except (_StartupRefused, ServiceError) as exc:  # e.g. the users cannot be read: the file is busy or damaged
            _alert(QMessageBox.critical, "tafdesk cannot start", str(exc))
            return 1
        finally:
            wait_for_background_work()
            database.dispose()
    finally:
        sys.excepthook = previous_hook
        collector.resume()


class _StartupCollector:
    """Start-up makes many objects that live until exit (modules, classes,
    ORM mappers, widgets) and little garbage. The cyclic garbage collector
    waits until the window has painted; the objects made by then are frozen,
    so that later collections (pauses while working) and the one at exit
    pass them by."""

    def __init__(self) -> None:
        self._was_enabled = gc.isenabled()
        self._done = False
        gc.disable()

    def started(self) -> None:
        if not self._done:
            gc.freeze()
            self.resume()

    def resume(self) -> None:
        if not self._done:
            self._done = True
            if self._was_enabled:
                gc.enable()


def _alert(show: Callable[..., object], title: str, text: str) -> None:
    """A message box before the main window, styled like the rest."""
    apply_stylesheet(QApplication.instance())
    show(None, title, text)


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    apply_base_theme(app)  # the stylesheet follows once the window is built
    return app


def _run(app: QApplication, database, settings: AppSettings, user: str | None, *, collector: _StartupCollector) -> int:  # noqa: ANN001 (Database)
    signed_in = _sign_in(UserService(database), settings, database.describe(), user)
    if signed_in is None:
        return 0  # the user chose not to sign in
    username, actor = signed_in
    settings.last_user = username
    log.info("signed in: user id %s, role %s", actor.user_id, actor.role.value)

    # Imported after sign-in: nothing above needs the window's modules.
    from tafdesk.ui.areas import build_areas
    from tafdesk.ui.labels import ROLE_LABELS
    from tafdesk.ui.main_window import MainWindow

    undo_stack = QUndoStack()
    inbox = _inbox_watcher(database, actor, settings)
    window = MainWindow(
        build_areas(database, actor, undo_stack, settings=settings, inbox=inbox),
        undo_stack,
        settings,
        database_label=database.describe(),
        user_label=f"{actor.name} ({ROLE_LABELS[actor.role]})",
    )
    apply_stylesheet(app)
    undo_stack.setParent(window)
    if inbox is not None:
        inbox.setParent(window)
        inbox.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
        window.first_painted.connect(inbox.start)
    window.first_painted.connect(collector.started)
    # After the first paint: the guard sees every event, which would slow the start by a tenth of a second.
    window.first_painted.connect(lambda: guard_wheel(app))
    if os.environ.get(QUIT_AFTER_STARTUP) == "1":
        # Benchmarks time a cold start this way: say when the window has
        # painted, then leave the event loop (exit, not quit: nothing is
        # closed or saved).
        window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: _report_ready(app)))
    window.show()
    code = app.exec()
    # Closing the last window posts a second Quit; delivered later, it would
    # end the next event loop of whoever called us (tests run several).
    QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
    window.hide()
    window.deleteLater()
    return code


def _report_ready(app: QApplication) -> None:
    print(f"tafdesk-ready {time.time():.6f}", flush=True)
    app.exit(0)


def _inbox_watcher(database, actor: Actor, settings: AppSettings):  # noqa: ANN001, ANN202 (Database, InboxWatcher)
    """The watcher of the inbox folder, for users who may import profiles.
    Cheap to make: the intake services load when it first finds a file."""
    from tafdesk.services.actor import Permission

    if not actor.can(Permission.IMPORT_PROFILES):
        return None
    from tafdesk.ui.intake.inbox_watcher import InboxWatcher

    def intake():  # noqa: ANN202
        from tafdesk.services.intake import IntakeService

        return IntakeService(database, actor)

    return InboxWatcher(intake, settings)


def _sign_in(users: UserService, settings: AppSettings, database_label: str, given: str | None) -> tuple[str, Actor] | None:
    """--user or TAFDESK_USER; else the last user; else, in a database with no
    users, the login name as its first administrator; else ask."""
    explicit = given or os.environ.get("TAFDESK_USER")
    if explicit:
        try:
            return explicit, users.sign_in(explicit)
        except NotFound as exc:
            _alert(QMessageBox.warning, "Sign in", f"{exc} Choose who you are from the list.")
    elif settings.last_user:
        try:
            return settings.last_user, users.sign_in(settings.last_user)
        except NotFound:
            log.info("the last user is not active in this database; asking")
    active = users.active_users()
    if not active:
        login = _login_name()
        users.ensure_first_admin(login)
        try:
            return login, users.sign_in(login)
        except NotFound:
            raise _StartupRefused(
                "Nobody can sign in: every user of this database has been made inactive. "
                "An administrator can reactivate an account."
            ) from None
    from tafdesk.ui.sign_in import SignInDialog

    apply_stylesheet(QApplication.instance())
    dialog = SignInDialog(active, database_label, preferred=settings.last_user)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.username() is None:
        return None
    username = dialog.username()
    return username, users.sign_in(username)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        return "admin"
