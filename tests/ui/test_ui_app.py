"""Starting the app: refusing a database it must not open, and deciding who
is signed in. Each run quits as soon as its window has painted."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from tafdesk.models import Role, User
from tests.conftest import db_argument
from tafdesk.ui import app as app_module
from tafdesk.ui.app import run_gui
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.sign_in import SignInDialog

GIVE_UP_AFTER_MS = 20_000


@pytest.fixture
def quits_after_startup(qapp, monkeypatch):
    """run_gui returns once its window has painted; should that never happen,
    a timer ends the event loop so that the test fails instead of hanging."""
    monkeypatch.setenv("TAFDESK_QUIT_AFTER_STARTUP", "1")
    QTimer.singleShot(GIVE_UP_AFTER_MS, qapp.quit)
    started = time.monotonic()
    yield
    assert time.monotonic() - started < GIVE_UP_AFTER_MS / 1000 - 1, "the window never reported its first paint"


@pytest.fixture
def dialog_answers(monkeypatch):
    """The sign-in dialog picks the username given here (None: Cancel)."""
    answers: list[str | None] = []
    shown: list[list[str]] = []

    def exec_(dialog: SignInDialog) -> int:
        shown.append([dialog._list.item(i).text() for i in range(dialog._list.count())])
        answer = answers.pop(0)
        if answer is None:
            return QDialog.DialogCode.Rejected
        dialog.choose(answer)
        return QDialog.DialogCode.Accepted

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


def test_quit_after_startup_returns_0_and_remembers_the_user(db, users, quits_after_startup, messages):
    assert run_gui(db_argument(db), "manager.north") == 0
    assert messages == []
    assert AppSettings.open().last_user == "manager.north"


def test_tafdesk_user_from_the_environment(db, users, quits_after_startup, monkeypatch, dialog_answers):
    monkeypatch.setenv("TAFDESK_USER", "LEAD.NORTH1")  # usernames ignore case
    assert run_gui(db_argument(db), None) == 0
    assert AppSettings.open().last_user == "LEAD.NORTH1"
    assert dialog_answers[1] == []  # nobody was asked


def test_the_last_user_signs_in_again_without_asking(db, users, quits_after_startup, dialog_answers):
    settings = AppSettings.open()
    settings.last_user = "lead.north1"
    settings.sync()
    assert run_gui(db_argument(db), None) == 0
    assert dialog_answers[1] == []


def test_otherwise_the_user_is_asked(db, users, quits_after_startup, dialog_answers):
    answers, shown = dialog_answers
    answers.append("lead.north1")
    assert run_gui(db_argument(db), None) == 0
    assert shown == [["Amira Khan  ·  Lead professional", "Nadia Hughes  ·  Locality manager"]]
    assert AppSettings.open().last_user == "lead.north1"


def test_an_unknown_user_is_told_and_asked(db, users, quits_after_startup, dialog_answers, messages):
    answers, shown = dialog_answers
    answers.append("manager.north")
    assert run_gui(db_argument(db), "nobody") == 0
    assert messages[0][0] == "warning" and "no active user called “nobody”" in messages[0][1]
    assert len(shown) == 1


def test_cancelling_sign_in_ends_quietly(db, users, qapp, dialog_answers, messages):
    dialog_answers[0].append(None)
    assert run_gui(db_argument(db), None) == 0
    assert messages == []
    assert AppSettings.open().last_user == ""


def test_a_new_database_makes_the_login_name_its_first_administrator(
    tmp_path, quits_after_startup, monkeypatch, messages
):
    monkeypatch.setattr(app_module, "_login_name", lambda: "jo.bloggs")
    path = tmp_path / "new.sqlite"
    assert run_gui(str(path), None) == 0
    from tafdesk.db import Database

    database = Database(str(path))
    with database.reader() as s:
        [user] = s.scalars(select(User)).all()
    database.dispose()
    assert (user.username, user.role) == ("jo.bloggs", Role.ADMIN)
    assert messages == []


def test_a_database_whose_users_are_all_inactive_is_refused(db, users, qapp, messages):
    with db.session() as s:
        for user in s.scalars(select(User)):
            user.active = False
    assert run_gui(db_argument(db), None) == 1
    assert "every user of this database has been made inactive" in messages[0][1]


def test_the_sign_in_dialog_lists_active_users(qtbot, db, users):
    from tafdesk.services.users import UserService

    dialog = SignInDialog(UserService(db).active_users(), db.describe(), preferred="manager.north")
    qtbot.addWidget(dialog)
    assert dialog.username() == "manager.north"
    dialog._list.setCurrentRow(0)
    assert dialog.username() == "lead.north1"
    with qtbot.waitSignal(dialog.accepted):
        dialog._sign_in.click()


def test_run_gui_keeps_using_the_running_application(db, users, quits_after_startup):
    app = QApplication.instance()
    assert run_gui(db_argument(db), "manager.north") == 0
    assert QApplication.instance() is app
    assert app.applicationName() == "tafdesk" and app.applicationVersion()
