"""A connected database: the engine and the sessions the services use.

Every session and connection the services take passes through here, so this
is where database failures become plain sentences (see failures.py) and where
waiting for someone else's lock is bounded."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

from tafdesk.db import changes
from tafdesk.db.failures import LOCK_WAIT_S, translate
from tafdesk.db.location import describe, resolve_url, sqlite_path
from tafdesk.db.login import Login
from tafdesk.db.network import timeouts
from tafdesk.db.reachability import Reachability

APPLICATION = "tafdesk"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    _owner_only(cursor)
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_S * 1000}")
    # FULL: a commit is on disk before it is confirmed, so a power cut cannot
    # lose a decision the screen said was saved (NORMAL may lose the last ones).
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
    from tafdesk.db import audit_chain

    audit_chain.register(dbapi_connection)  # the audit trail's triggers call it


def _owner_only(cursor) -> None:
    """The database file is its owner's only, before WAL mode makes its -wal
    and -shm (SQLite gives those the database file's mode)."""
    from pathlib import Path

    from tafdesk.private_files import make_private

    name = next((row[2] for row in cursor.execute("PRAGMA database_list") if row[1] == "main"), "")
    if name:  # "" for an in-memory database
        make_private(*(Path(name + suffix) for suffix in ("", "-wal", "-shm")))


# A session that writes asks for this; see _sqlite_begin.
WRITES = "tafdesk_writes"


def _sqlite_begin(conn: Connection) -> None:
    """A unit of work that writes takes SQLite's write lock when it begins, not
    at its first write: it then reads what it checks (a professional's room,
    a meeting slot, a record's version) under the lock, so two processes
    cannot both pass a check and both write. Readers are not held up (WAL)."""
    if conn.get_execution_options().get(WRITES):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: URL) -> Engine:
    # hide_parameters: an error's text never carries the row values it was saving.
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, hide_parameters=True, connect_args={"timeout": LOCK_WAIT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # Short network limits (db/network.py): a silently dropped network fails
    # a query within seconds instead of hanging it for a quarter of an hour.
    limit = timeouts()
    # No JIT: tafdesk's statements are short, and compiling one the planner
    # thinks large (a report's) cost several times its running (0.7 s of 0.9).
    options = f"-c lock_timeout={LOCK_WAIT_S * 1000} -c statement_timeout={limit.statement_s * 1000} -c jit=off"
    connect_args: dict[str, object] = {"application_name": APPLICATION, "options": options, **limit.libpq()}
    if "sslmode" not in url.query:  # encrypt when the server offers it; the URL may ask for verify-full
        connect_args["sslmode"] = "prefer"
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args=connect_args)


class Database:
    """One database, opened once per process and shared by the services.
    Each service call takes its own short session: nothing holds one open.

    What each committed write changed is published on `changes` (see
    db/changes.py); on PostgreSQL it is also told to every other process on
    the database, by a NOTIFY in the same transaction (db/change_notes.py).
    `origin` names this process in those notifications."""

    def __init__(self, url: URL | str | None = None) -> None:
        self.url = url if isinstance(url, URL) else resolve_url(url)  # as given: the owner's, or nobody's yet
        self._factory: sessionmaker[Session] | None = None
        self._damage: str | None = None  # the message, once the file is found damaged
        self._application = APPLICATION
        self._login: Login | None = None  # whose credentials the engine connects with; None: the URL's
        self._write_hooks: list[Callable[[], None]] = []  # see while_writing
        self.engine = self._engine_for(self.url)
        self.changes = changes.ChangeBus()
        # Whether the server answers (a file's is always reached); db/connection_watch.py keeps it.
        self.reachability = Reachability()
        self.origin = uuid.uuid4().hex[:16]

    def _engine_for(self, url: URL) -> Engine:
        engine = make_engine(url)
        if self.is_sqlite:
            event.listen(engine, "begin", self._write_begun)  # after make_engine's BEGIN IMMEDIATE
        else:
            event.listen(engine, "checkout", self._name_connection)
        return engine

    def while_writing(self, hook: Callable[[], None]) -> Callable[[], None]:
        """SQLite: call hook each time a unit of work of this process has
        taken the file's write lock, before it writes (no other process can
        commit until it does). Returns how to stop."""
        self._write_hooks.append(hook)

        def stop() -> None:
            if hook in self._write_hooks:
                self._write_hooks.remove(hook)

        return stop

    def _write_begun(self, conn: Connection) -> None:
        if self._write_hooks and conn.get_execution_options().get(WRITES):
            for hook in list(self._write_hooks):
                hook()

    @property
    def _sessions(self):
        # The ORM loads with the first session, not with the database: signing
        # in at start-up needs only a connection.
        if self._factory is None:
            from sqlalchemy.orm import sessionmaker

            self._factory = sessionmaker(self.engine, expire_on_commit=False)
        return self._factory

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self):
        return sqlite_path(self.url)

    def describe(self) -> str:
        return describe(self.url)

    # An offline copy (offline/database.py) says so: the window shows only what works on it.
    offline_copy = False

    def unsynced(self, case_id) -> bool:
        """Whether the case holds changes the server has not had (only an
        offline copy's can: db/../offline/database.py)."""
        return False

    def signed_in(self, username: str | None) -> None:
        """Name this process's server connections after who is signed in, so
        that someone kept waiting for a record is told who holds it. The
        username only: never anything about a family."""
        self._application = f"{APPLICATION} {username or ''}".rstrip()[:63]  # the server keeps 63 bytes

    # -- whose connection (a server database) -----------------------------

    def connect_as(self, login: Login) -> None:
        """Connect from now on as login's role with its password (None: the
        URL's, or single sign-on). The server checks them here; refused, the
        database stays as it was. Nothing to do if already connected so."""
        if self.is_sqlite or login == self._login:
            return
        engine = self._checked_engine(login)
        previous, self.engine, self._login = self.engine, engine, login
        self._factory = None  # sessions bind to the new engine
        previous.dispose()

    def check_login(self, login: Login) -> str:
        """Whether the server accepts login now, without changing this
        database's connections; returns the role it connects as."""
        engine = self._checked_engine(login)
        try:
            with engine.connect() as conn:
                return conn.exec_driver_sql("SELECT current_user").scalar_one()
        finally:
            engine.dispose()

    def forget_login(self) -> None:
        """Signed out: the person's connections and password go; the URL as
        given is what connects until the next sign-in."""
        if self._login is not None:
            previous, self.engine, self._login = self.engine, self._engine_for(self.url), None
            self._factory = None
            previous.dispose()
        self._application = APPLICATION

    def _checked_engine(self, login: Login) -> Engine:
        from sqlalchemy.exc import DBAPIError

        from tafdesk.db.login import refusal

        engine = self._engine_for(login.apply(self.url))
        try:
            with engine.connect():
                pass
        except DBAPIError as exc:
            engine.dispose()
            raise refusal(exc.orig, self.url) from None  # the driver's text names the role, never the password
        return engine

    def _name_connection(self, dbapi_connection, record, _proxy) -> None:
        if record.info.get("application") != self._application:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT set_config('application_name', %s, false)", (self._application,))
            dbapi_connection.commit()
            record.info["application"] = self._application

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed if the block succeeds, rolled back if not.
        On SQLite it holds the write lock throughout; on PostgreSQL the service
        locks the rows whose state it checks (SELECT ... FOR UPDATE)."""
        if self._damage is not None:
            from tafdesk.services.errors import DamagedFile

            raise DamagedFile(self._damage)
        with self._translated(), self._sessions(execution_options={WRITES: True}) as session, session.begin():
            yield session
            done = changes.take(session)
            if done and not self.is_sqlite:  # delivered by the server only if this commits
                from tafdesk.db.change_notes import notify

                notify(session, self.origin, done)
        self.changes.publish(done)

    def announce(self, *done: changes.Change) -> None:
        """Publish changes a write already committed outside a session (a
        plain connection's): here, and on PostgreSQL to the other processes."""
        if not self.is_sqlite:
            from tafdesk.db.change_notes import notify

            with self.connection() as conn:
                notify(conn, self.origin, done)
                conn.commit()
        self.changes.publish(done)

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A plain connection, for the few reads that need no ORM."""
        with self._translated(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reading only."""
        with self._translated(), self._sessions() as session:
            yield session

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Database failures leave as a ServiceError with one plain sentence."""
        try:
            yield
        except Exception as exc:
            problem = translate(exc, self.describe(), self._lock_holder)
            if problem is None:
                raise
            if _connection_lost(exc):
                self.reachability.doubt()  # the watcher looks now rather than at its next turn
            from tafdesk.services.errors import DamagedFile

            if isinstance(problem, DamagedFile):
                self._damage = str(problem)
            raise problem from None  # the cause's text may hold row values; the log has its kind

    def _lock_holder(self, exc: BaseException) -> str | None:
        if self.is_sqlite:
            return None
        from tafdesk.db.locks import lock_holder

        return lock_holder(self.engine, exc)

    def dispose(self) -> None:
        self.engine.dispose()


def _connection_lost(exc: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError

    from tafdesk.db.failures import classify

    return isinstance(exc, DBAPIError) and classify(exc)[0] == "connection"
