"""One tafdesk window per SQLite file (db/instance.py holds the lock). The
window that holds it also listens on a local socket named after the file and
the user; a second tafdesk started on the same file asks it to come to the
front, then says why it is not opening."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from tafdesk.db.instance import InstanceLock, already_open_message

RAISE = b"raise\n"
WAIT_MS = 500


def server_name(database: Path) -> str:
    key = f"{getpass.getuser()}\n{database.resolve()}".encode()
    return f"tafdesk-{hashlib.sha256(key).hexdigest()[:24]}"


class SingleInstance(QObject):
    raise_requested = Signal()

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._lock = InstanceLock(database)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this process may open the database; otherwise the other
        window has been asked to come to the front (see refusal())."""
        if self._lock.acquire():
            self._listen()
            return True
        self.raised_other = _ask_to_raise(server_name(self.database))
        return False

    def refusal(self) -> str:
        return already_open_message(self.database, self._lock.holder())

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.release()

    def _listen(self) -> None:
        name = server_name(self.database)
        QLocalServer.removeServer(name)  # a crashed holder's socket; the lock says none is alive
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(name):
            server.newConnection.connect(self._answer)
            self._server = server

    def _answer(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raise_requested.emit()
            bring_to_front()


def _ask_to_raise(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(RAISE)
    sent = socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return sent


def bring_to_front() -> None:
    """Every window tafdesk shows (the sign-in dialog or the main window)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QWidget) and widget.isVisible():
            if widget.isMinimized():
                widget.showNormal()
            widget.raise_()
            widget.activateWindow()
