"""Bulk INSERTs of plain rows straight to the database driver.

SQLAlchemy's executemany prepares every value of every row through its
general machinery, which was most of the time of writing a large demo
council. Here each column's own bind processor (the same conversion
SQLAlchemy applies) is looked up once per statement, and for columns whose
values repeat (timestamps, enumerations, flags, dates) each distinct value is
converted once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Enum, Table

_REPEATING = (DateTime, Date, Enum, Boolean)  # few distinct values: convert each once


class BulkInsert:
    """INSERT of the given columns of table, for one connection's dialect."""

    def __init__(self, conn: Connection, table: Table, keys: Sequence[str]) -> None:
        dialect = conn.dialect
        quote = dialect.identifier_preparer.quote
        columns = [table.c[key] for key in keys]
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self._conn = conn
        self._values = itemgetter(*keys) if len(keys) > 1 else lambda row: (row[keys[0]],)
        self._sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
                     f"({', '.join(quote(c.name) for c in columns)}) VALUES ({', '.join(mark for _ in columns)})")
        converters = [(i, _converter(c.type, dialect)) for i, c in enumerate(columns)]
        self._convert = [(i, f) for i, f in converters if f is not None]  # text and numbers go as they are

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self._conn.exec_driver_sql(self._sql, [self._row(row) for row in rows])

    def _row(self, row: dict[str, Any]) -> tuple[Any, ...]:
        values = list(self._values(row))
        for i, convert in self._convert:
            if values[i] is not None:
                values[i] = convert(values[i])
        return tuple(values)


def _converter(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    process = type_.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    if not isinstance(type_, _REPEATING) and not isinstance(getattr(type_, "impl", None), _REPEATING):
        return process
    seen: dict[Any, Any] = {}

    def once(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = converted = process(value)
            return converted

    return once
