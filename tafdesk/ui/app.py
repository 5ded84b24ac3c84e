"""Starting the desktop app: the database, who is signed in, then the window.

Start-up imports only what the first screen needs; other areas' pages (and
their imports) are built when first opened, and the Directory reads its
rows off the interface thread after the window has painted.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tafdesk import __version__
from tafdesk.db import Database
from tafdesk.db.errors import DatabaseDamaged, StorageError
from tafdesk.db.instance import AlreadyOpen
from tafdesk.db.location import describe, resolve_url, sqlite_path
from tafdesk.db.login import single_sign_on
from tafdesk.db.schema import open_database
from tafdesk.services import journal_key
from tafdesk.services.actor import Actor
from tafdesk.services.demo_mark import is_demo
from tafdesk.services.draft_journal import DraftJournal
from tafdesk.services.errors import ServiceError
from tafdesk.services.users import UserService, no_users_message, open_signed_in
from tafdesk.ui.background import QUIT_WAIT_MS, run_in_background, wait_for_background_work
from tafdesk.ui.errors import install_excepthook
from tafdesk.ui.qt_app import qt_application
from tafdesk.ui.settings import APPLICATION, ORGANISATION, AppSettings
from tafdesk.ui.single_instance import SingleInstance
from tafdesk.ui.theme import apply_base_theme, apply_stylesheet
from tafdesk.ui.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from tafdesk.ui.offline_start import Reach

log = logging.getLogger(__name__)

QUIT_AFTER_STARTUP = "TAFDESK_QUIT_AFTER_STARTUP"
# The draft journal's key is found this long after signing in: the keyring's
# imports and Argon2id's work would otherwise slow the window being drawn.
DRAFT_KEY_AFTER_S = 1.0
OPEN_FAILED_TITLE = "tafdesk cannot open the database"
WATCHER_STOP_S = 0.3  # each; daemons, so one stuck on a dead network is left behind


class _StartupRefused(Exception):
    """Start-up cannot go on; the message says why."""


def run_gui(db: str | None = None, user: str | None = None, password: str | None = None) -> int:
    """Open the window on the database `db` (path or URL; default TAFDESK_DB,
    then the user data folder). The sign-in dialog asks who is using it,
    `user` (else the last user) filling in the username; with `password` too
    (--password-stdin: scripts and benchmarks) it signs in without asking.
    Returns the process exit code."""
    collector = _StartupCollector()
    restore_hooks = install_excepthook()
    code, settled = 1, True
    try:
        app = _application()
        settings = AppSettings.open()
        apply_base_theme(app, settings.colour_scheme)  # the stylesheet follows once the window is built
        location = _configured_location(db, settings)
        if location is None:  # nothing configured and no database in the usual place: set one up
            from tafdesk.ui.first_run import run_first_run

            location = run_first_run(settings)
            if location is None:
                return 0  # the person chose not to set up tafdesk now
        try:
            access = _Access(resolve_url(location), settings)
        except AlreadyOpen as exc:
            print(f"tafdesk: {exc}", file=sys.stderr, flush=True)  # noqa: T201 (said where it was started, too)
            _alert(QMessageBox.information, "tafdesk is already open", str(exc))
            return 1
        except StorageError as exc:
            log.warning("database not opened: %s", type(exc).__name__)
            _alert(QMessageBox.critical, OPEN_FAILED_TITLE, str(exc))
            return 1
        except OSError as exc:  # e.g. a file the user may not read
            _alert(QMessageBox.critical, OPEN_FAILED_TITLE, f"{exc.filename or db}: {exc.strerror or exc}")
            return 1
        try:
            run = _run if access.is_file else _run_server
            code = run(app, access, settings, user, password, collector=collector)
            return code
        except (_StartupRefused, ServiceError) as exc:  # e.g. the users cannot be read: the file is busy or damaged
            _alert(QMessageBox.critical, "tafdesk cannot start", str(exc))
            return 1
        finally:
            # A file's work is local and finishes (an import, a document being
            # written); a server's may wait on a network that has gone.
            settled = wait_for_background_work(-1 if access.is_file else QUIT_WAIT_MS)
            access.dispose()
    finally:
        restore_hooks()
        collector.resume()
        if not settled:
            leave_now(code)


def _run_server(
    app: QApplication,
    access: _Access,
    settings: AppSettings,
    user: str | None,
    password: str | None,
    *,
    collector: _StartupCollector,
) -> int:
    """A server that cannot be reached is said so before signing in, with
    the person's offline copy, or the drafts kept on this computer, offered
    instead (ui/offline_start.py). The window on the copy stays until it is
    closed (quit), or the person reconnects or signs out: the server is then
    asked again."""
    from tafdesk.ui.offline_start import reach_server

    while True:
        reach = reach_server(access.url, access.label, user or settings.last_user)
        if reach.online:
            return _run(app, access, settings, user, password, collector=collector)
        if reach.copy is None:
            return 0  # out of reach, and the person chose to stop
        try:
            settings.last_user = reach.copy.actor.username or ""
            outcome, code = _window(app, access, reach.copy.actor, settings, collector, on_copy=reach)
        finally:
            reach.copy.close()
        if outcome is None:
            return code
        wait_for_background_work()
        user = "" if outcome == "switch" else reach.copy.actor.username


def leave_now(code: int) -> None:
    """Work still running waits on a network that has gone (what it was
    saving is in the draft journal): the process ends without it, as Qt's
    thread pool and the interpreter would otherwise wait for it at exit."""
    import logging as logging_module

    log.warning("leaving with background work unfinished")
    logging_module.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _configured_location(db: str | None, settings: AppSettings) -> str | None:
    """--db, TAFDESK_DB, the first-run wizard's choice, or the usual file if
    it is there; None when there is nothing yet (a first run)."""
    given = db or os.environ.get("TAFDESK_DB") or settings.database
    if given:
        return given
    from tafdesk.paths import default_database_path

    usual = default_database_path()
    return str(usual) if usual.exists() else None


class _Access:
    """The database and who is signed in to it. An SQLite file is opened at
    once (what is wrong with it is said before anyone signs in), by one
    window at a time, and copied once a day; a server is reached at sign-in,
    as the person, and let go of at sign-out."""

    def __init__(self, url, settings: AppSettings | None = None) -> None:
        self.url = url
        self.label = describe(url)
        path = sqlite_path(url)
        self.is_file = path is not None
        self.single_sign_on = single_sign_on() and not self.is_file
        self.instance: SingleInstance | None = None
        self.demo = False
        self.database: Database | None = None
        if path is not None:
            if path.parent.is_dir():  # else opening says the folder is missing
                self.instance = SingleInstance(path)
            if self.instance is not None and not self.instance.claim():
                raise AlreadyOpen(self.instance.refusal())
            try:
                self.database = _open_file(url, path)
                self.demo = is_demo(self.database)
            except BaseException:
                self.dispose()
                raise
            # Off the interface thread: on a large file the copy takes seconds,
            # once a day, and the sign-in need not wait for it (quitting does).
            _daily_backup(path, settings)

    @property
    def opened(self) -> Database:
        """The database: a file's from the start, a server's once someone has signed in."""
        assert self.database is not None
        return self.database

    def sign_in(self, username: str | None, password: str | None) -> Actor:
        if self.is_file:
            actor = UserService(self.opened).sign_in(username, password)
        else:
            database, actor = open_signed_in(self.url, username, password)
            self.dispose()
            self.database = database
        if password:  # without a keyring, the draft journal's key comes from the password
            journal_key.unlock_with_password(
                DraftJournal(username=actor.username or "").folder,
                actor.username or "",
                password,
                after_s=DRAFT_KEY_AFTER_S,
            )
        return actor

    def confirm(self, actor: Actor, password: str | None) -> None:
        UserService(self.opened).confirm(actor, password)

    def signed_out(self, actor: Actor) -> None:
        journal_key.forget(DraftJournal(username=actor.username or "").folder)
        if not self.is_file:
            self.dispose()

    def dispose(self) -> None:
        if self.database is not None:
            self.database.dispose()
            if not self.is_file:
                self.database = None
        if self.instance is not None:
            self.instance.release()


def _open_file(url, path) -> Database:
    """Open an SQLite file; found damaged, offer the newest good backup."""
    try:
        return open_database(url)
    except DatabaseDamaged:
        from tafdesk.ui.restore_offer import offer_backup

        if not offer_backup(path):
            raise
        return open_database(url)


def _daily_backup(path, settings: AppSettings | None) -> None:
    """Today's copy of the file (made once a day, the oldest pruned), in the
    background. A copy that cannot be made is logged; the window carries on."""
    from tafdesk.db.backup import KEEP_DEFAULT, daily_backup
    from tafdesk.paths import backup_dir

    def made(copy) -> None:
        if copy is not None:
            log.info("daily backup made")

    def failed(exc: Exception) -> None:
        log.warning("the daily backup was not made: %s", type(exc).__name__)

    keep = settings.backups_keep if settings else KEEP_DEFAULT
    run_in_background(lambda: daily_backup(path, backup_dir(), keep), made, failed, context=qt_application())


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
    apply_stylesheet(qt_application())
    show(None, title, text)


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # (tafdesk makes no other kind)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    return app


def _run(
    app: QApplication,
    access: _Access,
    settings: AppSettings,
    user: str | None,
    password: str | None,
    *,
    collector: _StartupCollector,
) -> int:
    """Sign in, then the window, until it is closed; Sign out and Switch
    user come back here for the next person."""
    if access.is_file and not UserService(access.opened).has_users():
        raise _StartupRefused(no_users_message())
    username, first = user or settings.last_user, True
    while True:
        actor = _signed_in_at_once(access, username, password) if password is not None else None
        password = None  # only ever for the first sign-in
        actor = actor or _ask(access, username, automatic=first)
        first = False
        if actor is None:
            return 0  # the user chose not to sign in
        settings.last_user = actor.username or ""
        log.info("signed in: user id %s, role %s", actor.user_id, actor.role.value)
        outcome, code = _window(app, access, actor, settings, collector)
        if outcome is None:
            return code
        wait_for_background_work()
        access.signed_out(actor)
        log.info("signed out: user id %s", actor.user_id)
        username = "" if outcome == "switch" else actor.username or ""


def _signed_in_at_once(access: _Access, username: str | None, password: str) -> Actor | None:
    """Signing in with the password given up front (--password-stdin). The
    check (Argon2id, or the server's) leaves the interpreter free, so the
    window's modules load meanwhile; the window is built only once it passes."""
    with ThreadPoolExecutor(1, thread_name_prefix="sign in") as pool:
        checking = pool.submit(access.sign_in, username, password)
        _load_window_modules()
        try:
            return checking.result()
        except (ServiceError, StorageError) as exc:
            _alert(QMessageBox.warning, "Sign in", str(exc))
            return None


def _load_window_modules() -> None:
    """The signed-in window's modules: imported after sign-in, as nothing
    before it needs them."""
    import tafdesk.ui.areas
    import tafdesk.ui.idle_lock
    import tafdesk.ui.main_window  # noqa: F401


def _ask(access: _Access, username: str, *, automatic: bool) -> Actor | None:
    """The sign-in dialog. With single sign-on tafdesk first just connects,
    as it starts (after signing out, the dialog waits for the person)."""
    from tafdesk.ui.sign_in import SignInDialog

    apply_stylesheet(qt_application())
    _keyboard_access(qt_application())  # the dialog is the first window: its focus shows too
    if access.single_sign_on and automatic:
        try:
            return access.sign_in(username or None, None)
        except (ServiceError, StorageError) as exc:
            log.info("single sign-on refused: %s", type(exc).__name__)
    dialog = SignInDialog(
        access.sign_in, access.label, username, single_sign_on=access.single_sign_on, demo=access.demo
    )
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return dialog.signed_in if accepted else None


def _window(
    app: QApplication,
    access: _Access,
    actor: Actor,
    settings: AppSettings,
    collector: _StartupCollector,
    *,
    on_copy: Reach | None = None,
) -> tuple[str | None, int]:
    """Show the signed-in window until it closes: (None, exit code) when quit,
    ("out" or "switch", 0) when the person signed out, ("reconnect", 0) when
    the window was on the offline copy (`on_copy`) and they chose to reconnect."""
    _load_window_modules()
    from tafdesk.db.connection_watch import watch_connection
    from tafdesk.ui.areas import build_areas, home_area
    from tafdesk.ui.connection import ConnectionSignal
    from tafdesk.ui.idle_lock import WindowLock
    from tafdesk.ui.labels import ROLE_LABELS
    from tafdesk.ui.live import ChangeSignal
    from tafdesk.ui.main_window import MainWindow

    copy = on_copy.copy if on_copy is not None else None
    database = copy.database if copy is not None else access.opened
    inbox = _inbox_watcher(database, actor, settings) if copy is None else None
    changes = ChangeSignal(database.changes)
    who = f"{actor.name} ({ROLE_LABELS[actor.role]})"
    window = MainWindow(
        build_areas(database, actor, settings=settings, inbox=inbox, changes=changes),
        settings,
        database_label=database.describe(),
        user_label=who,
        home=home_area(actor, offline=copy is not None),
        demo=access.demo,
    )
    apply_stylesheet(app)
    changes.setParent(window)
    window.changes = changes  # tests follow it
    from tafdesk.ui.case_page.pages import CasePages

    window.use_case_pages(CasePages(database, actor, window))
    from tafdesk.ui.backup_action import add_backup_action

    add_backup_action(window, database, actor)
    lock = WindowLock(
        window,
        who,
        copy.confirm if copy is not None else (lambda password: access.confirm(actor, password)),
        settings.idle_lock_seconds,
        single_sign_on=access.single_sign_on and copy is None,
    )
    window.idle_lock = lock  # tests drive it
    outcome: list[str] = []

    def leave(why: str, ask: bool = True) -> None:
        if window.may_close(ask=ask):
            outcome.append(why)
            window.save_state()
            app.exit(0)  # every event loop, a dialog's too, returns

    def sign_out(switch: bool, ask: bool = True) -> None:
        leave("switch" if switch else "out", ask)

    window.sign_out_requested.connect(sign_out)
    window.reconnect_requested.connect(lambda: leave("reconnect"))
    window.lock_requested.connect(lock.lock)
    lock.sign_out.connect(lambda: sign_out(False, ask=False))
    if inbox is not None:
        inbox.setParent(window)
        inbox.message.connect(window.show_status)
        window.first_painted.connect(inbox.start)
    window.first_painted.connect(collector.started)
    # After the first paint: the guard sees every event, which would slow the start by a tenth of a second.
    window.first_painted.connect(lambda: guard_wheel(app))
    window.first_painted.connect(lambda: _keyboard_access(app))
    window.first_painted.connect(lock.start)
    connection = ConnectionSignal(database.reachability, window)
    if on_copy is None:
        # Hearing other processes' changes: from once the first page has painted (its thread connects).
        window.first_painted.connect(lambda: _keep_watcher(window, _watch_changes(database)))
        # Whether the server answers: the band across the window says when it does not.
        connection.changed.connect(window.show_connection)
        window.first_painted.connect(lambda: _keep_watcher(window, watch_connection(database)))
    else:
        _follow_server_return(window, access, on_copy)
    if os.environ.get(QUIT_AFTER_STARTUP) == "1":
        _report_when_rows_shown(app, window)
    window.show()
    code = app.exec()
    # Closing the last window posts a second Quit; delivered later, it would
    # end the next event loop of whoever called us (tests run several).
    QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
    lock.stop()
    for watcher in window.change_watchers:
        if watcher is not None:
            watcher.stop(timeout=WATCHER_STOP_S)  # daemons: one waiting on a dead network is not waited for
    connection.close()
    changes.close()
    window.hide()
    window.deleteLater()
    if outcome:  # the pages and their services go before the next person signs in
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return (outcome[0] if outcome else None), code


def _follow_server_return(window, access: _Access, on_copy: Reach) -> None:
    """On the offline copy: the band says since when, and offers to reconnect once the server answers."""
    from tafdesk.ui.connection import ServerReturn

    window.work_on_copy(on_copy.offline_since)
    returning = ServerReturn(access.url, window)
    returning.back.connect(window.server_back)
    window.first_painted.connect(returning.start)


def _keep_watcher(window, watcher) -> None:
    if watcher is not None:  # none for what cannot change elsewhere, or cannot go out of reach
        window.change_watchers.append(watcher)


def _watch_changes(database: Database):
    from tafdesk.db.change_watch import watch

    return watch(database)


def _keyboard_access(app: QApplication) -> None:
    """Tab leaves every table and editor, and a ring shows where the keyboard
    is: from the sign-in dialog on, or once the window has painted when
    signing in needs no dialog (a start-up no slower than it was)."""
    from tafdesk.ui.focus_ring import show_focus_rings
    from tafdesk.ui.keyboard import install_keyboard_rules

    install_keyboard_rules(app)
    show_focus_rings(app)


def _report_when_rows_shown(app: QApplication, window) -> None:
    """Benchmarks time a cold start this way: say when the first page shows
    its rows (read in the background: not "Reading…"), painted, then leave
    the event loop (exit, not quit: nothing is closed or saved). A page with
    nothing to read is ready at the first paint."""
    page = window.page(window.current_area())

    def ready() -> None:
        window.repaint()  # the rows, on screen now
        print(f"tafdesk-ready {time.time():.6f}", flush=True)  # noqa: T201 (the start-up benchmark reads it)
        app.exit(0)

    if getattr(page, "is_loaded", True):
        window.first_painted.connect(lambda: QTimer.singleShot(0, ready))
    else:
        page.loaded.connect(lambda: QTimer.singleShot(0, ready))


def _inbox_watcher(database, actor: Actor, settings: AppSettings):
    """The watcher of the inbox folder, for users who may import profiles.
    Cheap to make: the intake services load when it first finds a file."""
    from tafdesk.services.actor import Permission

    if not actor.can(Permission.IMPORT_PROFILES):
        return None
    from tafdesk.ui.intake.inbox_watcher import InboxWatcher

    def intake():
        from tafdesk.services.intake import IntakeService

        return IntakeService(database, actor)

    return InboxWatcher(intake, settings)
