"""A connected database: the engine and the sessions the services use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

from tafdesk.db.location import describe, resolve_url, sqlite_path


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API hook)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


class Database:
    """One database, opened once per process and shared by the services.
    Each service call takes its own short session: nothing holds one open."""

    def __init__(self, url: URL | str | None = None) -> None:
        self.url = url if isinstance(url, URL) else resolve_url(url)
        self.engine = make_engine(self.url)
        self._factory = None

    @property
    def _sessions(self):  # noqa: ANN202 (sessionmaker)
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
    def path(self):  # noqa: ANN201 (Path | None)
        return sqlite_path(self.url)

    def describe(self) -> str:
        return describe(self.url)

    @contextmanager
    def session(self, *, immediate: bool = False) -> Iterator[Session]:
        """A unit of work: committed if the block succeeds, rolled back if not.

        immediate: on SQLite, take the write lock as the unit begins (BEGIN
        IMMEDIATE), so that nothing another writer commits can change what it
        reads before it writes. (Otherwise SQLite begins only at the first
        write.) PostgreSQL callers lock what they need themselves."""
        with self._sessions() as session, session.begin():
            if immediate and self.is_sqlite:
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A plain connection, for the few reads that need no ORM."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reading only."""
        with self._sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
