"""Locking the window: after a while with no key pressed and no mouse moved
(the idle_lock_minutes setting, 15 by default), or on File → Lock (Ctrl+L),
every window of tafdesk's is covered by an opaque curtain and a dialog asks
for the password again; Sign out is the other way on.

Curtains are children of each window (the main one, meeting mode, any open
dialog), so nothing running underneath is interrupted: a dialog half filled
in is there, as it was, after unlocking.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui.errors import explain
from tafdesk.ui.password_field import PasswordField
from tafdesk.ui.qt_app import qt_application

CHECK_EVERY_MS = 15_000
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.HoverMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class WindowLock(QObject):
    """Watches for activity and locks `window` (and the windows it owns).
    `confirm(password)` raises unless the password is the signed-in person's."""

    sign_out = Signal()
    locked_changed = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        who: str,
        confirm: Callable[[str | None], None],
        idle_seconds: float,
        *,
        single_sign_on: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._who = who
        self._confirm = confirm
        self._sso = single_sign_on
        self._clock = clock
        self.idle_seconds = idle_seconds
        self.last_activity = clock()
        self.dialog: LockDialog | None = None
        self._curtains: list[Curtain] = []
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Watch from now (after the first paint: an application-wide filter
        sees every event, which start-up need not pay for)."""
        self.last_activity = self._clock()
        qt_application().installEventFilter(self)
        self._timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.last_activity = self._clock()
        return False

    def check(self, now: float | None = None) -> bool:
        """Lock if idle long enough; True if locked. Tests pass `now`."""
        now = self._clock() if now is None else now
        if not self.locked and now - self.last_activity >= self.idle_seconds:
            self.lock()
        return self.locked

    def lock(self) -> None:
        if self.locked:
            return
        windows = [self._window] + [w for w in self._window.findChildren(QWidget) if w.isWindow() and w.isVisible()]
        self._curtains = [Curtain(w) for w in windows]
        self.dialog = LockDialog(self._who, self._try_unlock, single_sign_on=self._sso, parent=self._window)
        self.dialog.sign_out_chosen.connect(self._sign_out)
        self.dialog.open()
        self.locked_changed.emit(True)

    def stop(self) -> None:
        """The window is going: stop watching (and leave any lock's dialog)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._clear()

    def _try_unlock(self, password: str | None) -> None:
        self._confirm(password)
        self._clear()
        self.last_activity = self._clock()
        self.locked_changed.emit(False)

    def _sign_out(self) -> None:
        self.sign_out.emit()

    def _clear(self) -> None:
        for curtain in self._curtains:
            curtain.remove()
        self._curtains = []
        if self.dialog is not None:
            self.dialog.done(QDialog.DialogCode.Accepted)
            self.dialog.deleteLater()
            self.dialog = None


class Curtain(QWidget):
    """An opaque cover over one window, following its size."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("lockCurtain")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setAccessibleName("tafdesk is locked")
        label = QLabel("tafdesk is locked", objectName="pageNote", alignment=Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(host.rect())
        host.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        elif event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self, self.raise_)  # stay above anything added beneath (unless gone by then)
        return False

    def remove(self) -> None:
        host = self.parentWidget()
        if host is not None:
            host.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockDialog(QDialog):
    """The password again, or Sign out. Escape does not close it."""

    sign_out_chosen = Signal()

    def __init__(
        self,
        who: str,
        unlock: Callable[[str | None], None],
        *,
        single_sign_on: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.setWindowTitle("tafdesk is locked")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self._unlock = unlock
        self._sso = single_sign_on
        self.password = PasswordField()
        self.error = QLabel(objectName="formError", wordWrap=True)
        self.error.setAccessibleDescription("Why unlocking failed")
        self.error.hide()
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton("&Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_out_button = buttons.addButton("Sign &out", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.sign_out_button.clicked.connect(self.sign_out_chosen)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(QLabel("tafdesk is locked", objectName="formTitle"))
        say = "Unlock to carry on." if single_sign_on else "Give your password to carry on."
        layout.addWidget(QLabel(f"{who} is signed in. {say} Anyone else: Sign out.", wordWrap=True))
        if not single_sign_on:
            layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.unlock_button.setDefault(True)  # once in the dialog: Enter unlocks
        self.setMinimumWidth(420)
        self.adjustSize()
        self.password.edit.setFocus()

    def try_unlock(self) -> None:
        try:
            self._unlock(None if self._sso else self.password.text())
        except Exception as exc:  # noqa: BLE001 (said in place; unforeseen ones are logged)
            self.error.setText(explain(exc, "unlocking"))
            self.error.show()
            self.adjustSize()
            self.password.clear()
            self.password.edit.setFocus()

    def reject(self) -> None:  # Escape: stays locked
        pass
