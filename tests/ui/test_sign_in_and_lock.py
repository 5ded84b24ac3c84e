"""The sign-in dialog and the idle lock, driven as a person would: keys
typed, Enter pressed; the idle time moved on by calling the lock's check
with a later time, not by waiting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tafdesk.db.login import MISMATCH
from tafdesk.services.users import UserService
from tafdesk.ui.areas import Area, build_areas
from tafdesk.ui.idle_lock import Curtain, WindowLock
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.settings import AppSettings
from tafdesk.ui.sign_in import SignInDialog
from tests.conftest import PASSWORD, allow_sign_in


@pytest.fixture
def manager(db, users):
    allow_sign_in(db, "manager.north")
    return UserService(db).sign_in("manager.north", PASSWORD)


def test_the_dialog_asks_username_and_password_and_enter_signs_in(qtbot, db, users):
    allow_sign_in(db, "manager.north")
    dialog = SignInDialog(UserService(db).sign_in, db.describe(), "manager.north")
    qtbot.addWidget(dialog)
    dialog.show()
    assert (dialog.username.accessibleName(), dialog.password.edit.accessibleName()) == ("Username", "Password")
    assert dialog.password.edit.echoMode() == dialog.password.edit.EchoMode.Password
    assert dialog.focusWidget() is dialog.password.edit  # the username is filled in: straight to the password
    if db.is_sqlite:  # (the test server trusts local connections: any password would do there)
        qtbot.keyClicks(dialog.password.edit, "wrong guess")
        qtbot.keyClick(dialog.password.edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.error.text() == MISMATCH and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password.edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password.edit, Qt.Key.Key_Return)
    assert dialog.signed_in.username == "manager.north"


def test_an_empty_form_is_answered_in_place(qtbot, db):
    dialog = SignInDialog(lambda u, p: pytest.fail("nothing to check"), db.describe())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.username
    dialog.sign_in_button.click()
    assert dialog.error.text() == "Give your username and password." and dialog.isVisible()


def test_a_letter_in_capitals_without_shift_says_caps_lock_is_on(qtbot, db):
    dialog = SignInDialog(lambda u, p: None, db.describe(), "someone")
    qtbot.addWidget(dialog)
    dialog.show()
    hint, edit = dialog.password.caps_hint, dialog.password.edit

    def press(key: Qt.Key, text: str, shift: bool = False) -> None:
        modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text))

    press(Qt.Key.Key_A, "A")
    assert hint.isVisible()
    press(Qt.Key.Key_A, "A", shift=True)
    assert not hint.isVisible()
    press(Qt.Key.Key_B, "b", shift=True)
    assert hint.isVisible()
    press(Qt.Key.Key_7, "7")  # not a letter: says nothing new
    assert hint.isVisible() and edit.text() == "AAb7"


# -- the idle lock ----------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def locked_window(qtbot, db, manager):
    settings = AppSettings.open()
    window = MainWindow(
        build_areas(db, manager, settings=settings),
        settings,
        database_label=db.describe(),
        user_label="Nadia Hughes (Locality manager)",
    )
    qtbot.addWidget(window)
    window.show()
    clock = Clock()
    lock = WindowLock(
        window,
        "Nadia Hughes (Locality manager)",
        lambda pw: UserService(db).confirm(manager, pw),
        settings.idle_lock_seconds,
        clock=clock,
    )
    lock.start()
    yield window, lock, clock
    lock.stop()


def test_the_window_locks_after_fifteen_idle_minutes_and_unlocks_with_the_password(qtbot, db, locked_window):
    window, lock, clock = locked_window
    assert lock.idle_seconds == 15 * 60  # the default setting
    dialog = QDialog(window)  # a form left open: covered too, and still there after unlocking
    dialog.show()
    assert not lock.check(now=clock.now + 15 * 60 - 1)
    assert lock.check(now=clock.now + 15 * 60)
    curtains = window.findChildren(Curtain)
    assert {c.parentWidget() for c in curtains} == {window, dialog}
    assert all(c.isVisible() and c.geometry() == c.parentWidget().rect() for c in curtains)
    shown = lock.dialog
    assert shown.isVisible() and shown.isModal() and "Nadia Hughes (Locality manager) is signed in" in _text(shown)
    shown.reject()  # Escape does not unlock
    assert lock.locked
    if db.is_sqlite:
        qtbot.keyClicks(shown.password.edit, "not my password")
        shown.unlock_button.click()
        assert lock.locked and shown.error.text() == MISMATCH
    qtbot.keyClicks(shown.password.edit, PASSWORD)
    qtbot.keyClick(shown.password.edit, Qt.Key.Key_Return)
    assert not lock.locked and lock.dialog is None
    qtbot.waitUntil(lambda: not window.findChildren(Curtain))
    assert dialog.isVisible()


def test_activity_puts_the_lock_off(qtbot, locked_window):
    window, lock, clock = locked_window
    clock.now += 14 * 60
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert not lock.check(now=clock.now + 14 * 60)
    assert lock.check(now=clock.now + 15 * 60)


def test_lock_now_and_sign_out_from_the_lock(qtbot, locked_window):
    window, lock, _clock = locked_window
    window.lock_requested.connect(lock.lock)
    window.lock_action.trigger()
    assert lock.locked and window.lock_action.shortcut().toString() == "Ctrl+L"
    with qtbot.waitSignal(lock.sign_out):
        lock.dialog.sign_out_button.click()


def test_the_idle_minutes_setting_is_kept_within_reason():
    settings = AppSettings.open()
    settings.idle_lock_minutes = 5
    assert settings.idle_lock_seconds == 300
    settings.idle_lock_minutes = 0  # "never" is not on offer
    assert settings.idle_lock_seconds == 60


def test_signing_out_without_asking_keeps_each_pages_drafts(qtbot):
    """From the lock screen nobody is asked about unsaved work: pages keep
    what they can (the plan editor's draft journal) and let go."""
    kept, asked = [], []

    class Page(QWidget):
        def keep_drafts(self) -> None:
            kept.append(True)

        def confirm_close(self) -> bool:
            asked.append(True)
            return False

    settings = AppSettings.open()
    window = MainWindow(
        [Area("directory", "Directory", "directory", Page)], settings, database_label="x", user_label="y"
    )
    qtbot.addWidget(window)
    assert window.may_close(ask=True) is False and asked == [True]
    assert window.may_close(ask=False) is True and kept == [True] and asked == [True]


def _text(widget: QWidget) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in widget.findChildren(QLabel))
