"""The connection to the database server, as the window shows it.

`ConnectionSignal` hears the database's Reachability (on the watcher's
thread) and emits `changed(ConnectionState)` on the interface thread.
`ConnectionBand` is the band across the top of the window while the server
cannot be reached, saying since when and what becomes of the work. Working
on the offline copy, `ServerReturn` asks now and then whether the server
answers again, and the band then offers to reconnect.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from tafdesk import clock
from tafdesk.db.reachability import ConnectionState, Reachability
from tafdesk.ui.announce import announce

BACK_TEXT = "Connected to the database server again."
SERVER_BACK_TEXT = "The server can be reached again: reconnect to sign in to it and sync your copy."
RETURN_EVERY_MS = 15_000  # how often the offline copy's window asks whether the server answers


def offline_text(state: ConnectionState, *, offline_copy: bool = False) -> str:
    """What to say while the server is out of reach ("" while it is not)."""
    if state.online:
        return ""
    since = (state.offline_since or clock.now()).astimezone(clock.LOCAL_TIME).strftime("%H:%M")
    if offline_copy:
        return f"Working offline since {since} — changes will be sent when you reconnect"
    return f"The server cannot be reached since {since} — your plan drafts are kept on this computer"


class ConnectionSignal(QObject):
    changed = Signal(object)  # ConnectionState
    _heard = Signal(object)  # from the watcher's thread

    def __init__(self, reachability: Reachability, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reachability = reachability
        self._heard.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = reachability.subscribe(self._heard.emit)
        self.destroyed.connect(self._unsubscribe)

    @property
    def state(self) -> ConnectionState:
        return self._reachability.state

    def close(self) -> None:
        self._unsubscribe()

    @Slot(object)
    def _deliver(self, state: ConnectionState) -> None:
        self.changed.emit(state)


class ConnectionBand(QFrame):
    """Hidden while the server answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBand")
        self.setAccessibleName("Connection to the server")
        self.label = QLabel(objectName="connectionBandText", wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label, 1)
        # Working on the offline copy, once the server answers again (show_copy).
        self.reconnect_button = QPushButton("&Reconnect and sync…", objectName="primaryButton")
        self.reconnect_button.setAccessibleDescription(SERVER_BACK_TEXT)
        self.reconnect_button.hide()
        layout.addWidget(self.reconnect_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_state(self, state: ConnectionState, *, offline_copy: bool = False) -> None:
        text = offline_text(state, offline_copy=offline_copy)
        self.label.setText(text)
        self.setVisible(bool(text))
        if text:
            announce(self.label, text, urgent=True)

    def show_copy(self, since: dt.datetime | None, *, server_back: bool = False) -> None:
        """Working on the offline copy: said for as long as the window is on it."""
        self.show_state(ConnectionState(False, since), offline_copy=True)
        if server_back:
            self.label.setText(f"{self.label.text()}. {SERVER_BACK_TEXT}")
            announce(self.label, SERVER_BACK_TEXT, urgent=True)
        self.reconnect_button.setVisible(server_back)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()


class ServerReturn(QObject):
    """Asks, off the interface thread, whether the server answers again;
    `back` once it does (it stops asking then)."""

    back = Signal()

    def __init__(self, url, parent: QObject | None = None, every_ms: int = RETURN_EVERY_MS) -> None:
        super().__init__(parent)
        self._url = url
        self._asking = False
        self.timer = QTimer(self, interval=every_ms)
        self.timer.timeout.connect(self.ask)

    def start(self) -> None:
        self.timer.start()

    def ask(self) -> None:
        if self._asking:
            return  # a probe waits up to the connect timeout: one at a time
        from tafdesk.db.network import server_answers
        from tafdesk.ui.background import run_in_background

        self._asking = True
        run_in_background(lambda: server_answers(self._url), self._answered, self._failed, context=self)

    def _answered(self, answers: bool) -> None:
        self._asking = False
        if answers:
            self.timer.stop()
            self.back.emit()

    def _failed(self, _error: Exception) -> None:
        self._asking = False
