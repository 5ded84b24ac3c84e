"""Bulk INSERTs of plain rows straight to the database driver.

SQLAlchemy's executemany prepares every value of every row through its
general machinery, which was most of the time of writing a large demo
council. Here each column's own bind processor (the same conversion
SQLAlchemy applies) is looked up once per statement, and for columns whose
values repeat (timestamps, enumerations, flags, dates) each distinct value is
converted once.

On PostgreSQL a large set (a demo council) is written with COPY instead
(`copy_sql`, `write_rows`): the same converted rows, streamed to the server
in one command per batch rather than one INSERT per row, which at a county's
hundred thousand families was most of the build. Services keep INSERTs:
PostgreSQL refuses COPY into a table with row-level security for the login
roles that it restricts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Dialect, Enum, Table, Uuid

_REPEATING = (DateTime, Date, Enum, Boolean)  # few distinct values: convert each once
_COPY = "COPY "


class BulkInsert:
    """INSERT of the given columns of table, for one dialect. Converting the
    rows (`values`) needs no connection, so that one process can prepare them
    and another write them (see db.row_writer)."""

    def __init__(self, dialect: Dialect, table: Table, keys: Sequence[str]) -> None:
        self._columns = [itemgetter(key) for key in keys]
        self.sql = insert_sql(dialect, table, keys)
        self.copy_sql = copy_sql(dialect, table, keys) if dialect.name == "postgresql" else None
        converters = [(i, _converter(table.c[key].type, dialect)) for i, key in enumerate(keys)]
        self._convert = [(i, f) for i, f in converters if f is not None]  # text and numbers go as they are

    def values(self, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """The rows as the driver takes them. Converted a column at a time:
        map() over a column is several times faster than a loop over rows."""
        columns = [list(map(get, rows)) for get in self._columns]
        for i, convert in self._convert:
            columns[i] = list(map(convert, columns[i]))
        return list(zip(*columns))


def insert_sql(dialect: Dialect, table: Table, keys: Sequence[str]) -> str:
    """The driver-level INSERT of keys' columns, one row of parameters at a time."""
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(quote(table.c[key].name) for key in keys)
    return (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({names}) "  # noqa: S608 (names from the code, values bound)
        f"VALUES ({', '.join(mark for _ in keys)})"
    )


def copy_sql(dialect: Dialect, table: Table, keys: Sequence[str]) -> str:
    """PostgreSQL's COPY of keys' columns from the client, in text format."""
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(table.c[key].name) for key in keys)
    return f"{_COPY}{dialect.identifier_preparer.format_table(table)} ({names}) FROM STDIN"


def copy_allowed(conn: Connection) -> bool:
    """Whether conn's account may COPY into every table: on PostgreSQL, when
    row-level security restricts none of them for it (their owner, a superuser)."""
    if conn.dialect.name != "postgresql":
        return False
    restricted = conn.exec_driver_sql(
        "SELECT EXISTS (SELECT FROM pg_class WHERE relrowsecurity"
        " AND relnamespace = current_schema()::regnamespace AND row_security_active(oid))"
    ).scalar()
    return not restricted


def write_rows(conn: Connection, sql: str, values: Sequence[tuple[Any, ...]]) -> None:
    """Write converted rows with sql: an INSERT's (insert_sql) or a COPY's
    (copy_sql, through psycopg's copy, which adapts each value as it would
    an INSERT's parameter)."""
    if not sql.startswith(_COPY):
        conn.exec_driver_sql(sql, list(values))
        return
    import psycopg
    from sqlalchemy.exc import DBAPIError

    try:
        with conn.connection.driver_connection.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
            for row in values:
                copy.write_row(row)
    except psycopg.Error as exc:  # as SQLAlchemy wraps an INSERT's, so that it is told plainly (db/failures.py)
        raise DBAPIError.instance(sql, None, exc, psycopg.Error) from exc


def _converter(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """How a column's values are converted (None stays None), or None if they go as they are."""
    process = type_.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    if isinstance(type_, Uuid) and type_.as_uuid and not (dialect.supports_native_uuid and type_.native_uuid):
        return _hex  # what SQLAlchemy's own processor does for a text column
    if not isinstance(type_, _REPEATING) and not isinstance(getattr(type_, "impl", None), _REPEATING):
        return lambda value: None if value is None else process(value)
    seen: dict[Any, Any] = {None: None}

    def once(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = converted = process(value)
            return converted

    return once


def _hex(value: Any) -> str | None:
    return None if value is None else value.hex


class Statistics:
    """A bulk load's tables analysed as they grow (PostgreSQL): the foreign
    key checks of every row written are planned from the statistics, and a
    parent table never analysed looks empty, so each check read the whole
    parent (at a county's scale, most of the demo's build). Each table is
    analysed when its rows written have doubled since the last time."""

    FIRST = 2_000

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._written: dict[str, int] = {}
        self._next: dict[str, int] = {}

    def wrote(self, sql: str, rows: int) -> None:
        if self._conn.dialect.name != "postgresql":
            return
        name = sql.split(None, 3)[1] if sql.startswith(_COPY) else sql.split(None, 3)[2]
        self._written[name] = written = self._written.get(name, 0) + rows
        if written >= self._next.get(name, self.FIRST):
            self._conn.exec_driver_sql(f"ANALYZE {name}")  # the name as the statement quoted it
            self._next[name] = written * 2
