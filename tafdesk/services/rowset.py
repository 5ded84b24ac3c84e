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
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from tafdesk.models import Base
from tafdesk.services.bulk_insert import BulkInsert

CHUNK = 5000


class RowSet:
    def __init__(self, id_rng: random.Random | None = None, now: dt.datetime | None = None) -> None:
        self._id_rng = id_rng
        self._now = now or dt.datetime.now(dt.UTC)
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._templates: dict[str, dict[str, Any]] = {}
        self._checked: set[tuple[str, ...]] = set()
        self._written: dict[str, int] = {}  # rows already written by flush, by table

    def new_id(self) -> uuid.UUID:
        if self._id_rng is None:
            return uuid.uuid4()
        return uuid.UUID(int=self._id_rng.getrandbits(128), version=4)

    def add(self, model: type, **values: Any) -> uuid.UUID:
        """Queue one row of model's table; returns its id (made here unless given)."""
        table: Table = model.__table__
        template = self._templates.get(table.name)
        if template is None:
            template = self._templates[table.name] = _template(table, self._now)
        keys = (table.name, *values)
        if keys not in self._checked:
            unknown = values.keys() - template.keys() - self._server_filled(table)
            if unknown:
                raise KeyError(f"{table.name} has no column(s) {sorted(unknown)}")
            self._checked.add(keys)
        row = dict(template)
        row.update(values)
        derive = getattr(model, "derive_keys", None)  # lookup keys kept with the row (see models.families)
        if derive is not None:
            row.update(derive(row))
        if row["id"] is None:
            row["id"] = self.new_id()
        self._rows.setdefault(table.name, []).append(row)
        return row["id"]

    def _server_filled(self, table: Table) -> set[str]:
        return {c.key for c in table.columns if c.default is None and c.server_default is not None}

    def rows(self, model: type) -> list[dict[str, Any]]:
        return self._rows.get(model.__table__.name, [])

    def count(self, model: type) -> int:
        """Rows of model's table added, written by flush or not."""
        return len(self.rows(model)) + self._written.get(model.__table__.name, 0)

    def total(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def flush(self, session: Session) -> None:
        """Write the rows queued so far and forget them, so that a large set
        (a demo council) need not be held in memory whole. Rows queued later
        may refer to them; they must not be referred to by rows written earlier."""
        self.insert_all(session)
        for name, rows in self._rows.items():
            self._written[name] = self._written.get(name, 0) + len(rows)
        self._rows.clear()

    def insert_all(self, session: Session, on_rows: Callable[[int], None] | None = None) -> None:
        """Write every queued row, parents before children, in the session's transaction."""
        for table in Base.metadata.sorted_tables:
            rows = self._rows.get(table.name)
            if not rows:
                continue
            # One statement's rows must share their keys (see _template).
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in rows:
                groups.setdefault(tuple(row), []).append(row)
            for keys, group in groups.items():
                insert = BulkInsert(session.connection(), table, keys)
                for start in range(0, len(group), CHUNK):
                    chunk = group[start : start + CHUNK]
                    insert.write(chunk)
                    if on_rows:
                        on_rows(len(chunk))


def _template(table: Table, now: dt.datetime) -> dict[str, Any]:
    """Every column with its Python default, or None. A column the database
    fills (server default) is left out unless a row gives it. Timestamps are
    the set's `now`; ids are made per row."""
    template: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if default is None and column.server_default is not None:
            continue
        if default is None:
            template[column.key] = None
        elif default.is_scalar:
            template[column.key] = default.arg
        else:  # a function such as utcnow: evaluated once for the whole set
            template[column.key] = default.arg(None)
    template.update(created_at=now, updated_at=now, version=1, id=None)
    return template
