"""Starting the app: refusing a database it must not open, signing in with a
password (never silently), signing out and switching user in the same
process."""

from __future__ import annotations

import time

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select

from tafdesk.db import Database
from tafdesk.db.login import MISMATCH
from tafdesk.models import User
from tafdesk.services.directory import DirectoryService
from tafdesk.ui.app import run_gui
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.sign_in import SignInDialog
from tests.conftest import PASSWORD, allow_sign_in, db_argument

GIVE_UP_AFTER_MS = 20_000


@pytest.fixture
def signable(db, users):
    allow_sign_in(db, "manager.north", "lead.north1")
    return users


@pytest.fixture
def quits_after_startup(qapp, monkeypatch):
    """run_gui returns once its window has painted; should that never happen,
    a timer ends the event loop so that the test fails instead of hanging."""
    monkeypatch.setenv("TAFDESK_QUIT_AFTER_STARTUP", "1")
    give_up = QTimer(qapp, singleShot=True, interval=GIVE_UP_AFTER_MS)
    give_up.timeout.connect(qapp.quit)
    give_up.start()
    started = time.monotonic()
    yield
    give_up.stop()  # else it would end a later test's event loop
    assert time.monotonic() - started < GIVE_UP_AFTER_MS / 1000 - 1, "the window never reported its first paint"


@pytest.fixture
def dialog_answers(monkeypatch):
    """Each time the sign-in dialog is shown it records the username it
    offers, then is answered from the list: (username, password) typed and
    Enter pressed (again with the next answer while it says why not), or None
    for Cancel."""
    answers: list[tuple[str, str] | None] = []
    shown: list[dict] = []

    def exec_(dialog: SignInDialog) -> int:
        seen = {"username": dialog.username.text(), "errors": []}
        shown.append(seen)
        while answers:
            answer = answers.pop(0)
            if answer is None:
                return QDialog.DialogCode.Rejected
            dialog.username.setText(answer[0])
            dialog.password.edit.setText(answer[1])
            dialog.try_sign_in()
            if dialog.signed_in is not None:
                return QDialog.DialogCode.Accepted
            seen["errors"].append(dialog.error.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(SignInDialog, "exec", exec_)
    return answers, shown


def test_a_damaged_file_is_reported_and_left_untouched(tmp_path, qapp, messages):
    path = tmp_path / "minutes.sqlite"
    content = b"These are not the droids you are looking for.\n" * 20
    path.write_bytes(content)

    assert run_gui(str(path), "admin") == 1

    [(kind, text)] = messages
    assert kind == "critical"
    assert "is not a tafdesk database" in text and str(path) in text
    assert path.read_bytes() == content


def test_a_folder_that_does_not_exist_is_reported(tmp_path, qapp, messages):
    assert run_gui(str(tmp_path / "nowhere" / "tafdesk.sqlite"), None) == 1
    assert "does not exist" in messages[0][1]


def test_a_password_from_the_command_line_signs_in_and_the_user_is_remembered(
    db, signable, quits_after_startup, messages
):
    assert run_gui(db_argument(db), "manager.north", PASSWORD) == 0
    assert messages == []
    assert AppSettings.open().last_user == "manager.north"


def test_a_wrong_password_from_the_command_line_is_said_and_the_dialog_asks(
    db, signable, quits_after_startup, messages, dialog_answers
):
    if not db.is_sqlite:
        pytest.skip("the test server trusts local connections: any password passes")
    answers, shown = dialog_answers
    answers.append(None)  # the person gives up at the dialog
    assert run_gui(db_argument(db), "manager.north", "not my password") == 0
    assert [text for _, text in messages] == [MISMATCH]
    assert [s["username"] for s in shown] == ["manager.north"]


def test_user_alone_only_fills_in_the_username(db, signable, quits_after_startup, dialog_answers, monkeypatch):
    answers, shown = dialog_answers
    monkeypatch.setenv("TAFDESK_USER", "manager.north")  # means nothing now
    answers.append(("LEAD.NORTH1", PASSWORD))  # usernames ignore case
    assert run_gui(db_argument(db), "lead.north1") == 0
    assert shown == [{"username": "lead.north1", "errors": []}]
    assert AppSettings.open().last_user == "lead.north1"


def test_relaunching_asks_again_with_the_last_username_filled_in(db, signable, quits_after_startup, dialog_answers):
    settings = AppSettings.open()
    settings.last_user = "lead.north1"
    settings.sync()
    answers, shown = dialog_answers
    answers.append(("lead.north1", PASSWORD))
    assert run_gui(db_argument(db), None) == 0
    assert [s["username"] for s in shown] == ["lead.north1"]


def test_a_refusal_is_said_in_the_dialog_which_stays_open(db, signable, quits_after_startup, dialog_answers):
    answers, shown = dialog_answers
    answers.extend([("no.such.person", PASSWORD), ("manager.north", "not my password"), ("manager.north", PASSWORD)])
    assert run_gui(db_argument(db), None) == 0
    [seen] = shown
    if db.is_sqlite:
        assert seen["errors"] == [MISMATCH, MISMATCH]
    else:  # the test server trusts local connections: any password passes; an unknown role does not
        assert seen["errors"] == [MISMATCH]


def test_cancelling_sign_in_ends_quietly(db, signable, qapp, dialog_answers, messages):
    dialog_answers[0].append(None)
    assert run_gui(db_argument(db), None) == 0
    assert messages == []
    assert AppSettings.open().last_user == ""


def test_a_new_database_says_how_to_make_its_first_administrator(tmp_path, qapp, messages):
    path = tmp_path / "new.sqlite"
    assert run_gui(str(path), None) == 1
    [(kind, text)] = messages
    assert kind == "critical" and "`tafdesk users add NAME --role admin`" in text
    from tafdesk.db import Database

    database = Database(str(path))
    with database.reader() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0  # nobody became an administrator by opening it
    database.dispose()


def test_run_gui_keeps_using_the_running_application(db, signable, quits_after_startup):
    app = QApplication.instance()
    assert run_gui(db_argument(db), "manager.north", PASSWORD) == 0
    assert QApplication.instance() is app
    assert app.applicationName() == "tafdesk" and app.applicationVersion()


# -- signing out -----------------------------------------------------------------------------


def _each_window(qapp, steps):
    """Run steps[i](window) on the i-th main window to appear; a timer ends
    the loop if the steps never finish."""
    seen: list[MainWindow] = []

    def poll() -> None:
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget not in seen and steps:
                seen.append(widget)
                steps.pop(0)(widget)

    timer = QTimer(qapp, interval=50)
    timer.timeout.connect(poll)
    timer.start()
    QTimer.singleShot(GIVE_UP_AFTER_MS, lambda: timer.isActive() and qapp.quit())  # not once the test has stopped it
    return seen, timer


def test_sign_out_and_switch_user_return_to_the_dialog_in_the_same_process(db, signable, qapp, dialog_answers):
    answers, shown = dialog_answers
    answers.extend([("manager.north", PASSWORD), ("manager.north", PASSWORD), ("lead.north1", PASSWORD)])
    steps = [
        lambda window: window.sign_out_action.trigger(),
        lambda window: window.switch_user_action.trigger(),
        lambda window: window.close(),
    ]
    seen, timer = _each_window(qapp, steps)
    try:
        assert run_gui(db_argument(db), None) == 0
    finally:
        timer.stop()
    assert [s["username"] for s in shown] == ["", "manager.north", ""]  # Switch user asks for a name
    assert len(seen) == 3 and not any(shiboken6.isValid(w) for w in seen[:2])  # the earlier windows and pages went
    assert AppSettings.open().last_user == "lead.north1"


def test_signing_out_from_the_lock_screen_asks_nothing(db, signable, qapp, dialog_answers, messages):
    answers, _shown = dialog_answers
    answers.extend([("manager.north", PASSWORD), None])

    def lock_then_sign_out(window: MainWindow) -> None:
        window.idle_lock.check(now=window.idle_lock.last_activity + 15 * 60 + 1)  # (a + 900) - a may round below 900
        assert window.idle_lock.locked
        window.idle_lock.dialog.sign_out_button.click()

    seen, timer = _each_window(qapp, [lock_then_sign_out])
    try:
        assert run_gui(db_argument(db), None) == 0  # signed out, then the dialog was cancelled
    finally:
        timer.stop()
    assert len(seen) == 1 and messages == []


def test_the_window_follows_another_computer_and_stops_listening_when_closed(db, signable, qapp, dialog_answers, admin):
    answers, _shown = dialog_answers
    answers.append(("manager.north", PASSWORD))
    watchers: list = []
    arrived: list[bool] = []

    def follow(window: MainWindow) -> None:
        window.show_area("directory")  # a chair opens on Meetings
        page = window.page("directory")
        names = lambda: {page.agencies.panel.model.record(n).name for n in range(page.agencies.panel.model.rowCount())}  # noqa: E731

        def poll() -> None:
            listening = window.change_watchers
            if not watchers and page.is_loaded and listening and listening[0].ready.is_set():
                watchers.extend(listening)
                elsewhere = Database(db.url)  # another computer's connections (the window hears none of its bus)
                DirectoryService(elsewhere, admin).create_agency(
                    {"name": "Early Years Outreach", "membership": "associate", "sector": "education"}
                )
                elsewhere.dispose()
            elif watchers and "Early Years Outreach" in names():
                arrived.append(True)
                window.close()

        timer = QTimer(window, interval=50)
        timer.timeout.connect(poll)
        timer.start()

    _seen, timer = _each_window(qapp, [follow])
    try:
        assert run_gui(db_argument(db), None) == 0
    finally:
        timer.stop()
    assert watchers, "the window never started listening"
    assert arrived, "the other computer's agency never reached the Directory"
    assert not any(watcher.is_alive() for watcher in watchers)  # stopped as the window closed
