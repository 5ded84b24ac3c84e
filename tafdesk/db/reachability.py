"""Whether the database server can be reached now, and since when not.

One per Database. The connection watcher (connection_watch.py) keeps it
true; anything may read it or subscribe to its changes (called on the
watcher's thread: the interface hears them through ui/connection.py). A
failure seen by a service call `doubt`s it, so the watcher looks at once.
An SQLite file has no watcher: it stays reached.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

from tafdesk import clock


@dataclass(frozen=True)
class ConnectionState:
    online: bool = True
    offline_since: dt.datetime | None = None  # UTC, when it was found out of reach


Listener = Callable[[ConnectionState], None]


class Reachability:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = ConnectionState()
        self._listeners: list[Listener] = []
        self.doubted = threading.Event()  # a caller saw the connection fail: look now

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def online(self) -> bool:
        return self._state.online

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def doubt(self) -> None:
        self.doubted.set()

    def went_offline(self, at: dt.datetime | None = None) -> None:
        self._move(ConnectionState(False, at or clock.now()))

    def came_online(self) -> None:
        self._move(ConnectionState(True, None))

    def _move(self, state: ConnectionState) -> None:
        with self._lock:
            if state.online == self._state.online:
                return  # still offline: since the first time
            self._state = state
            listeners = list(self._listeners)
        for listener in listeners:
            listener(state)
