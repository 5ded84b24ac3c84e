"""The connection to the database server, as the window shows it.

`ConnectionSignal` hears the database's Reachability (on the watcher's
thread) and emits `changed(ConnectionState)` on the interface thread.
`ConnectionBand` is the band across the top of the window while the server
cannot be reached, saying since when and what becomes of the work.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from tafdesk import clock
from tafdesk.db.reachability import ConnectionState, Reachability
from tafdesk.ui.announce import announce

BACK_TEXT = "Connected to the database server again."


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
        self.hide()

    def show_state(self, state: ConnectionState, *, offline_copy: bool = False) -> None:
        text = offline_text(state, offline_copy=offline_copy)
        self.label.setText(text)
        self.setVisible(bool(text))
        if text:
            announce(self.label, text, urgent=True)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()
