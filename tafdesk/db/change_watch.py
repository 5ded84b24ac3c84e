"""Hearing of changes other processes make, on a thread of its own.

On PostgreSQL: a connection of its own, as the signed-in person (the
database's engine makes it), LISTENs on the changes channel
(db/change_notes.py); each notification from another process is published
on the database's ChangeBus as not local. When the connection drops it is
made again, waiting longer each time (up to BACKOFF_S[-1]); once back, what
was missed meanwhile is unknown, so "read everything again" is published.

On an SQLite file: `PRAGMA data_version`, on a connection kept open for it,
changes when another connection commits. Polled every `interval` seconds,
a change not explained by this process's own commits is published as "read
everything again". (A commit of another process in the instant between one
of ours and our noting it passes unnoticed until the next: writes are
human-paced and serialised by SQLite's lock, so the window is microseconds.)
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tafdesk.db.change_notes import CHANNEL, read
from tafdesk.db.changes import Change, everything

if TYPE_CHECKING:
    from tafdesk.db.database import Database

log = logging.getLogger(__name__)

BACKOFF_S = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0)  # waits before each further attempt to reconnect
LISTEN_SLICE_S = 0.25  # how long one wait for notifications lasts: the thread stops within it
POLL_S = 1.0  # SQLite: how often data_version is read


class Watcher(threading.Thread):
    """A daemon thread; `stop()` ends it within a slice."""

    def __init__(self, name: str) -> None:
        super().__init__(name=name, daemon=True)
        self._stopping = threading.Event()
        self.ready = threading.Event()  # set once it is listening (tests and benchmarks wait for it)

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)


class ServerListener(Watcher):
    def __init__(self, database: Database) -> None:
        super().__init__("tafdesk changes")
        self._db = database
        self.backend_pid: int | None = None  # the listening connection's server process
        self.reconnections = 0

    def run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                conn = self._connect()
            except Exception as exc:  # noqa: BLE001 (the server is out of reach: try again later)
                log.info("change listener cannot connect: %s", type(exc).__name__)
                self._stopping.wait(BACKOFF_S[min(failures, len(BACKOFF_S) - 1)])
                failures += 1
                continue
            if self.ready.is_set():  # back after a drop: what came meanwhile is unknown
                self.reconnections += 1
                self._db.changes.publish([everything()], local=False)
            failures = 0
            self.ready.set()
            try:
                self._listen(conn)
            except Exception as exc:  # noqa: BLE001 (dropped: connect again)
                log.info("change listener lost its connection: %s", type(exc).__name__)
            finally:
                _close(conn)

    def _connect(self) -> Any:
        proxy = self._db.engine.raw_connection()  # the signed-in person's, as every other connection
        conn = proxy.driver_connection
        assert conn is not None  # a connection just opened has its driver's
        proxy.detach()  # its own: never handed back to the pool
        conn.rollback()
        conn.autocommit = True
        conn.execute(f"LISTEN {CHANNEL}")
        self.backend_pid = conn.info.backend_pid
        return conn

    def _listen(self, conn: Any) -> None:
        while not self._stopping.is_set():
            for note in conn.notifies(timeout=LISTEN_SLICE_S):
                origin, changes = read(note.payload)
                if origin != self._db.origin:  # our own were published as they committed
                    self._db.changes.publish(changes, local=False)


class FileWatcher(Watcher):
    def __init__(self, database: Database, interval: float = POLL_S) -> None:
        super().__init__("tafdesk file changes")
        self._db = database
        self._interval = interval
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._seen = 0

    def run(self) -> None:
        unsubscribe = self._db.changes.subscribe(self._ours)
        try:
            with self._lock:
                self._conn = sqlite3.connect(str(self._db.path), check_same_thread=False, timeout=1.0)
                self._seen = self._version()
            self.ready.set()
            while not self._stopping.wait(self._interval):
                with self._lock:
                    now = self._version()
                    moved, self._seen = now != self._seen, now
                if moved:
                    self._db.changes.publish([everything()], local=False)
        except sqlite3.Error as exc:
            log.warning("watching the database file for changes stopped: %s", type(exc).__name__)
        finally:
            unsubscribe()
            with self._lock:
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None

    def _ours(self, changes: Sequence[Change]) -> None:
        """This process committed: data_version moved for that, not for someone else."""
        if changes and changes[0].local:
            with self._lock:
                if self._conn is not None:
                    self._seen = self._version()

    def _version(self) -> int:
        assert self._conn is not None
        return self._conn.execute("PRAGMA data_version").fetchone()[0]


def watch(database: Database, *, interval: float = POLL_S) -> Watcher | None:
    """Start hearing other processes' changes on database (None for an
    in-memory SQLite database, which no other process can open)."""
    if database.is_sqlite:
        if database.path is None:
            return None
        watcher: Watcher = FileWatcher(database, interval)
    else:
        watcher = ServerListener(database)
    watcher.start()
    return watcher


def _close(conn: Any) -> None:
    try:
        conn.close()
    except Exception:  # noqa: BLE001 (already gone)
        log.debug("listening connection already closed")
