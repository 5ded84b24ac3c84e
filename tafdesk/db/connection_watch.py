"""Watching whether the database server can be reached, on a thread of its own.

A connection of the watcher's own asks the server `SELECT 1` every
`every_s` seconds and waits at most `answer_s` for the answer, counted here,
not by the network: a silently dropped network (no error, no reply) is
noticed within every_s + answer_s. Out of reach, it tries a new connection
as often, each bounded by the connect timeout, and once one answers the
server is back. What it finds goes to the database's Reachability
(reachability.py). It talks libpq's non-blocking protocol directly, so that
no wait anywhere depends on the operating system's TCP timers.
"""

from __future__ import annotations

import logging
import selectors
import threading
import time
from typing import TYPE_CHECKING, Any

from tafdesk import clock
from tafdesk.db.change_watch import Watcher
from tafdesk.db.network import Timeouts, conninfo, timeouts

if TYPE_CHECKING:
    from tafdesk.db.database import Database

log = logging.getLogger(__name__)

EVERY_S = 2.0  # between two questions to the server
ANSWER_S = 3.0  # how long an answer to SELECT 1 may take on a live network
APPLICATION = "tafdesk connection watch"


class Unanswered(Exception):
    """The server did not answer in time, or the connection failed."""


class ConnectionWatcher(Watcher):
    """A daemon thread; `stop()` ends it (it is never waited on for long)."""

    def __init__(
        self, database: Database, *, every_s: float = EVERY_S, answer_s: float = ANSWER_S, limit: Timeouts | None = None
    ) -> None:
        super().__init__("tafdesk connection watch")
        self._db = database
        self._every_s = every_s
        self._answer_s = answer_s
        self._limit = limit or timeouts()
        self._conn: Any = None  # psycopg.pq.PGconn
        self.checks = 0  # questions asked; `ready` once the first has an answer

    def stop(self, timeout: float = 0.5) -> None:
        self._stopping.set()
        self._db.reachability.doubted.set()  # wakes it
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)

    def run(self) -> None:
        reach = self._db.reachability
        try:
            while not self._stopping.is_set():
                began = time.monotonic()
                noticed = clock.now()
                if self._answers():
                    reach.came_online()
                else:
                    reach.went_offline(noticed)
                self.checks += 1
                self.ready.set()
                reach.doubted.wait(max(0.0, self._every_s - (time.monotonic() - began)))
                reach.doubted.clear()
        finally:
            self._close()

    def _answers(self) -> bool:
        try:
            if self._conn is None:
                self._conn = _connect(self._conninfo(), time.monotonic() + self._limit.connect_s)
            _ask(self._conn, time.monotonic() + self._answer_s)
            return True
        except Exception as exc:  # noqa: BLE001 (any failure: the server is out of reach for now)
            log.info("database server not answering: %s", type(exc).__name__)
            self._close()
            return False

    def _conninfo(self) -> str:
        return conninfo(self._db.engine.url, self._limit, application_name=APPLICATION)

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.finish()  # non-blocking: never waits on a dead network


def _connect(info: str, deadline: float) -> Any:
    from psycopg import pq

    conn = pq.PGconn.connect_start(info.encode())
    try:
        status: int = pq.PollingStatus.WRITING
        while status != pq.PollingStatus.OK:
            if status == pq.PollingStatus.FAILED or conn.status == pq.ConnStatus.BAD:
                raise Unanswered(conn.get_error_message())
            _wait(conn.socket, status == pq.PollingStatus.READING, deadline)
            status = conn.connect_poll()
        conn.nonblocking = 1
        return conn
    except BaseException:
        conn.finish()
        raise


def _ask(conn: Any, deadline: float) -> None:
    """SELECT 1, answered before deadline, or Unanswered."""
    from psycopg import pq

    conn.send_query(b"SELECT 1")
    while conn.flush():
        _wait(conn.socket, False, deadline)
    conn.consume_input()
    while conn.is_busy():
        _wait(conn.socket, True, deadline)
        conn.consume_input()
    ok = False
    while (result := conn.get_result()) is not None:
        ok = ok or result.status == pq.ExecStatus.TUPLES_OK
    if not ok:
        raise Unanswered("no rows")


def _wait(fileno: int, reading: bool, deadline: float) -> None:
    left = deadline - time.monotonic()
    if left <= 0:
        raise Unanswered("timed out")
    with selectors.DefaultSelector() as selector:
        selector.register(fileno, selectors.EVENT_READ if reading else selectors.EVENT_WRITE)
        if not selector.select(left):
            raise Unanswered("timed out")


def watch_connection(database: Database, **options: Any) -> ConnectionWatcher | None:
    """Start watching the server database is on (None for an SQLite file: always reached)."""
    if database.is_sqlite:
        return None
    watcher = ConnectionWatcher(database, **options)
    watcher.start()
    return watcher
