"""Rows gathered in memory, then written with bulk Core inserts: an import
of a thousand profiles, or a demo council, is a handful of INSERT statements
rather than tens of thousands of ORM objects.

Rows are complete dictionaries (every column present), as executemany needs,
and are written parent tables first. Ids come from `new_id`: random by
default, from a seeded random.Random for the demo (same seed, same ids).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any, cast

from sqlalchemy import ColumnDefault, Dialect, Table
from sqlalchemy.orm import Session

from tafdesk import clock
from tafdesk.db.bulk_insert import BulkInsert, write_rows
from tafdesk.db.changes import Gathered, gathered
from tafdesk.models import Base

CHUNK = 2000
# A seeded id: a count in the top 48 bits, then the version (4), 12 random
# bits, the variant and 62 random bits.
_COUNT_SHIFT = 80
_V4 = (4 << 76) | (0b10 << 62)
_RANDOM_BITS = ((1 << 12) - 1) << 64 | ((1 << 62) - 1)


class _SeededId(uuid.UUID):
    """A UUID that keeps its text form. A demo council's ids are written
    three or four times each (as a key, then in references), and working out
    the text of a 128-bit number each time was a tenth of the demo's time."""

    __slots__ = ("hex",)

    def __reduce__(self) -> tuple[Any, ...]:
        return _plain_id, (self.int,)  # sent to another process (the demo's script): a plain UUID there


def _plain_id(number: int) -> uuid.UUID:
    return uuid.UUID(int=number)


_set = object.__setattr__  # UUIDs are immutable to everyone else


def _seeded_id(number: int) -> uuid.UUID:
    """What UUID(int=number) stores, plus its text, made without a call to
    __init__ (a third of the cost): a million ids are made this way."""
    made = object.__new__(_SeededId)
    _set(made, "int", number)
    _set(made, "is_safe", uuid.SafeUUID.unknown)
    _set(made, "hex", f"{number:032x}")
    return made


class RowSet:
    def __init__(self, id_rng: random.Random | None = None, now: dt.datetime | None = None) -> None:
        self._id_rng = id_rng
        # Drawn columns (a person's reference) come from a generator of their
        # own, seeded from the ids' as they start, so the ids stay as they were.
        self._draw_rng = random.Random(repr(id_rng.getstate())) if id_rng is not None else None
        self._made = 0
        self._now = now or clock.now()
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._models: dict[type, tuple[Table, dict[str, Any], Callable[[dict[str, Any]], dict[str, Any]] | None]] = {}
        self._checked: set[tuple[Any, ...]] = set()
        self._written: dict[str, int] = {}  # rows already written (drained), by table
        self._inserts: dict[tuple[str, tuple[str, ...]], BulkInsert] = {}
        self.changes = Gathered()  # what the rows change, announced by insert_all's session

    def new_id(self) -> uuid.UUID:
        if self._id_rng is None:
            return uuid.uuid4()
        # A seeded set's ids rise as they are made (as version 7 ids do, but
        # from a count, not the clock): the database then adds each id at the
        # end of its index instead of at a random page, which at a hundred
        # thousand families is a third of the writing time.
        self._made += 1
        return _seeded_id((self._made << _COUNT_SHIFT) | (self._id_rng.getrandbits(76) & _RANDOM_BITS) | _V4)

    def add(self, model: type[Base], **values: Any) -> uuid.UUID:
        """Queue one row of model's table; returns its id (made here unless given)."""
        known = self._models.get(model)
        if known is None:
            known = self._models[model] = self._learn(model)
        table, template, derive = known
        keys = (model, *values)
        if keys not in self._checked:
            unknown = values.keys() - template.keys() - self._server_filled(table)
            if unknown:
                raise KeyError(f"{table.name} has no column(s) {sorted(unknown)}")
            self._checked.add(keys)
        row = template.copy()
        row.update(values)
        if derive is not None:
            row.update(derive(row))
        for name, draw in getattr(model, "drawn_keys", {}).items():
            if row[name] is None:
                row[name] = draw(self._draw_rng)
        if row["id"] is None:
            row["id"] = self.new_id()
        rows = self._rows.get(table.name)
        if rows is None:
            rows = self._rows[table.name] = []
        rows.append(row)
        return row["id"]

    def _learn(
        self, model: type[Base]
    ) -> tuple[Table, dict[str, Any], Callable[[dict[str, Any]], dict[str, Any]] | None]:
        """Model's table, its row template and how its lookup keys are kept
        with the row (see models.families), looked up once per model."""
        table = _table(model)
        return table, _template(table, self._now), getattr(model, "derive_keys", None)

    def _server_filled(self, table: Table) -> set[str]:
        return {c.key for c in table.columns if c.default is None and c.server_default is not None}

    def rows(self, model: type[Base]) -> list[dict[str, Any]]:
        return self._rows.get(_table(model).name, [])

    def count(self, model: type[Base]) -> int:
        """Rows of model's table added, written already or not."""
        return len(self.rows(model)) + self._written.get(_table(model).name, 0)

    def total(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def insert_all(self, session: Session, on_rows: Callable[[int], None] | None = None) -> None:
        """Write every queued row, parents before children, in the session's
        transaction, and forget them: a large set (a demo council) can be
        written a part at a time. Rows queued later may refer to rows written
        earlier, never the other way round."""
        conn = session.connection()
        gathered(session).merge(self.changes)
        self.changes = Gathered()
        for sql, values in self.drain(conn.dialect):
            write_rows(conn, sql, values)
            if on_rows:
                on_rows(len(values))

    def drain(self, dialect: Dialect, copy: bool = False) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
        """Every queued row as (INSERT statement, the driver's rows), parents'
        tables first and a chunk at a time; the set forgets them as it goes.
        `copy`: a COPY statement instead where the database has one
        (PostgreSQL), for db.bulk_insert.write_rows; only for a connection
        that row-level security does not restrict (the demo's owner)."""
        for table in Base.metadata.sorted_tables:
            rows = self._rows.pop(table.name, None)
            if not rows:
                continue
            self._written[table.name] = self._written.get(table.name, 0) + len(rows)
            # One statement's rows must share their keys (see _template).
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in rows:
                groups.setdefault(tuple(row), []).append(row)
            for keys, group in groups.items():
                insert = self._inserts.get((table.name, keys))
                if insert is None:  # kept: it converts each repeated value (a timestamp, a date) once
                    insert = self._inserts[table.name, keys] = BulkInsert(dialect, table, keys)
                sql = (copy and insert.copy_sql) or insert.sql
                for start in range(0, len(group), CHUNK):
                    yield sql, insert.values(group[start : start + CHUNK])


def _table(model: type[Base]) -> Table:
    # Typed as any FROM clause; a declarative class of tafdesk's maps a Table.
    return cast(Table, model.__table__)


def _template(table: Table, now: dt.datetime) -> dict[str, Any]:
    """Every column with its Python default, or None. A column the database
    fills (server default) is left out unless a row gives it. Timestamps are
    the set's `now`; ids are made per row."""
    template: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if default is None and column.server_default is not None:
            continue
        if not isinstance(default, ColumnDefault):  # none (tafdesk's tables have no sequences)
            template[column.key] = None
        elif default.is_scalar:
            template[column.key] = default.arg
        else:  # a function such as utcnow: evaluated once for the whole set
            template[column.key] = default.arg(None)
    template.update(created_at=now, updated_at=now, version=1, id=None)
    return template
