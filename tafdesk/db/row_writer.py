"""Writing a large set of rows from a second process, in one transaction.

Making a demo council's rows is Python work and writing them is database
work; in one process each waits for the other. Here a spawned process holds
the transaction and writes each batch as it arrives while the caller makes
the next, so the two share the machine's cores. The caller converts its rows
first (db.rowset.RowSet.drain): only INSERT or COPY statements, strings,
numbers and None cross between the processes.

    with RowWriter(url, check=refuse_unless_empty) as writer:
        checked = writer.started()     # what check returned, in the transaction
        for sql, values in rows.drain(writer.dialect):
            writer.write(sql, values)
        writer.commit()                # leaving the block without it rolls back

`commit(finish=(function, argument))` first calls function(database,
argument) in the writing process, inside the same transaction: database is
a Database whose sessions are savepoints of it (db/one_transaction.py), for
work done through the services after the rows (the demo's weeks between
meetings). function must be module-level, and argument picklable.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import sqlite3
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection as Pipe
from typing import Any

from sqlalchemy import URL, Dialect
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

READ_AHEAD = 6  # batches received but not yet written (a part of the demo is about a dozen)
STOP_WAIT_S = 30  # for the writer to roll back and end once told to
FAILED = "The rows could not be written to the database; nothing was saved. The log has the detail."


class RowWriter:
    """A writing process for one database. `check` (a module-level function,
    given the write session before anything is written) may refuse by
    raising ServiceError; what it returns is handed back by started()."""

    def __init__(
        self,
        url: URL,
        dialect: Dialect,
        check: Callable[[Session], Any] | None = None,
        warm: tuple[str, ...] = (),
    ) -> None:
        """`warm`: modules the writing process imports while the rows come
        (what commit's finish will need), so that the commit does not wait for them."""
        self.dialect = dialect
        self._url, self._check, self._warm = url, check, warm
        self._pipe: Pipe | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._committed = False

    def __enter__(self) -> RowWriter:
        context = multiprocessing.get_context("spawn")
        self._pipe, child_end = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(self._url, child_end, self._check, self._warm),
            daemon=True,
            name="tafdesk row writer",
        )
        self._process.start()
        child_end.close()
        return self

    def started(self) -> Any:
        """Wait until the writer holds its transaction; check's result."""
        return self._reply("ready")

    def write(self, sql: str, values: list[tuple[Any, ...]]) -> None:
        assert self._pipe is not None
        if self._pipe.poll():  # the writer failed: say so now, not after making everything else
            self._reply("failed")
        self._send(("rows", sql, values))

    def commit(self, finish: tuple[Callable[[Any, Any], None], Any] | None = None) -> None:
        self._send(("commit", finish))
        self._reply("done")
        self._committed = True

    def _send(self, message: tuple[Any, ...]) -> None:
        assert self._pipe is not None
        try:
            self._pipe.send(message)
        except OSError:  # the writer is gone (killed, out of memory)
            self._reply("failed")  # its reason if it gave one, else that it ended

    def __exit__(self, *exc: object) -> None:
        assert self._pipe is not None and self._process is not None
        if not self._committed and self._process.is_alive():
            try:
                self._pipe.send(("abort",))
            except OSError:  # it had ended already
                pass
        self._process.join(STOP_WAIT_S)
        if self._process.is_alive():
            self._process.kill()  # its transaction dies with it: nothing is committed
            self._process.join()
        self._pipe.close()

    def _reply(self, expected: str) -> Any:
        """The writer's next message, which should be `expected`; a refusal,
        or the writer's end, raises ServiceError."""
        from tafdesk.services.errors import ServiceError

        assert self._pipe is not None
        try:
            kind, value = self._pipe.recv()
        except (EOFError, OSError):
            log.error(
                "the row writer process ended unexpectedly (exit code %s)", self._process and self._process.exitcode
            )
            raise ServiceError(FAILED) from None
        if kind == "failed":
            raise ServiceError(value)
        if kind != expected:
            log.error("the row writer said %r where %r was expected", kind, expected)
            raise ServiceError(FAILED)
        return value


class _Abandoned(Exception):
    """The caller gave up: roll back."""


def _serve(url: URL, pipe: Pipe, check: Callable[[Session], Any] | None, warm: tuple[str, ...] = ()) -> None:
    """In the writer process: one transaction, committed only when asked."""
    from tafdesk.db.bulk_insert import Statistics, write_rows
    from tafdesk.db.database import Database
    from tafdesk.logs import configure_logging, log_unexpected
    from tafdesk.services.errors import ServiceError

    configure_logging()  # the same log file as the process that started it
    if warm:
        threading.Thread(target=_warm, args=(warm,), name="row writer warm-up", daemon=True).start()
    database = Database(url)
    if database.is_sqlite:
        from sqlalchemy import event

        event.listen(database.engine, "connect", _bulk_load)
    inbox = _Inbox(pipe)
    try:
        with database.session() as session:
            pipe.send(("ready", check(session) if check else None))
            conn = session.connection()
            statistics = Statistics(conn)
            while (message := inbox.next())[0] == "rows":
                write_rows(conn, message[1], message[2])
                statistics.wrote(message[1], len(message[2]))
            if message[0] != "commit":
                raise _Abandoned
            if message[1] is not None:
                from tafdesk.db.one_transaction import InOneTransaction

                function, argument = message[1]
                function(InOneTransaction(database, conn), argument)
        if database.is_sqlite:
            with database.connection() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")  # as it was (see _bulk_load)
        pipe.send(("done", None))
    except _Abandoned:
        pass
    except ServiceError as problem:  # already one plain sentence, with no row values in it
        _refuse(pipe, inbox, str(problem))
    except Exception as exc:  # noqa: BLE001 (reported to the caller as a plain sentence)
        log_unexpected(log, "writing rows", exc)
        _refuse(pipe, inbox, FAILED)
    finally:
        database.dispose()
        pipe.close()


def _warm(modules: tuple[str, ...]) -> None:
    """Import the modules, and set up the ORM's mappers, while the rows are written."""
    import importlib

    from sqlalchemy.orm import configure_mappers

    try:
        for name in modules:
            importlib.import_module(name)
        configure_mappers()
    except Exception:
        log.debug("warming the row writer failed", exc_info=True)


class _Inbox:
    """Messages read ahead by a thread, so that the caller can hand over its
    next batch while this process is still writing the last one."""

    def __init__(self, pipe: Pipe) -> None:
        self._queue: queue.Queue[tuple[Any, ...]] = queue.Queue(maxsize=READ_AHEAD)
        self._pipe = pipe
        self.ended = False  # the caller's last message (commit or abort) has been taken
        threading.Thread(target=self._read, name="row writer inbox", daemon=True).start()

    def next(self) -> tuple[Any, ...]:
        message = self._queue.get()
        self.ended = message[0] != "rows"
        return message

    def _read(self) -> None:
        while True:
            try:
                message = self._pipe.recv()
            except (EOFError, OSError):  # the caller is gone: give up
                message = ("abort",)
            self._queue.put(message)
            if message[0] != "rows":
                return


def _bulk_load(dbapi_connection, _record) -> None:
    """Settings for one large transaction into a new file. No foreign key
    checks: the rows are made consistent by their maker (the demo's tests
    check them), and checking each again costs a lookup per reference. A
    rollback journal instead of WAL, if nobody else has the file open: WAL
    would write every page twice, to the log and then to the file. (Every
    tafdesk connection turns WAL back on as it opens.)"""
    dbapi_connection.execute("PRAGMA foreign_keys=OFF")
    busy = dbapi_connection.execute("PRAGMA busy_timeout").fetchone()[0]
    dbapi_connection.execute("PRAGMA busy_timeout=0")  # someone has it open: keep WAL, do not wait
    try:
        dbapi_connection.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError:
        pass
    dbapi_connection.execute(f"PRAGMA busy_timeout={int(busy)}")


def _refuse(pipe: Pipe, inbox: _Inbox, message: str) -> None:
    """Say why, then take what the caller still sends until it stops, so
    that it is never left waiting to send (nothing more comes after its commit)."""
    pipe.send(("failed", message))
    while not inbox.ended and inbox.next()[0] == "rows":
        pass
