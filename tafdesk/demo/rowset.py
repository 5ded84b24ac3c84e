"""Rows gathered in memory, then written with bulk Core inserts.

Every id comes from a seeded random.Random, so the same seed gives the same
ids. Rows are complete dictionaries (every column present), as executemany
needs, and are written parent tables first.
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

CHUNK = 5000


class RowSet:
    def __init__(self, id_rng: random.Random, now: dt.datetime) -> None:
        self._id_rng = id_rng
        self._now = now
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._templates: dict[str, dict[str, Any]] = {}
        self._checked: set[tuple[str, ...]] = set()

    def new_id(self) -> uuid.UUID:
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
        if row["id"] is None:
            row["id"] = self.new_id()
        self._rows.setdefault(table.name, []).append(row)
        return row["id"]

    def _server_filled(self, table: Table) -> set[str]:
        return {c.key for c in table.columns if c.default is None and c.server_default is not None}

    def rows(self, model: type) -> list[dict[str, Any]]:
        return self._rows.get(model.__table__.name, [])

    def count(self, model: type) -> int:
        return len(self.rows(model))

    def total(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

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
            for group in groups.values():
                for start in range(0, len(group), CHUNK):
                    chunk = group[start : start + CHUNK]
                    session.execute(table.insert(), chunk)
                    if on_rows:
                        on_rows(len(chunk))


def _template(table: Table, now: dt.datetime) -> dict[str, Any]:
    """Every column with its Python default, or None. A column the database
    fills (server default) is left out unless a row gives it."""
    template: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if default is None and column.server_default is not None:
            continue
        template[column.key] = default.arg if default is not None and default.is_scalar else None
    template.update(created_at=now, updated_at=now, version=1, id=None)
    return template


# -- time ------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def uk_time(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """Wall-clock time in England on day, as an aware UTC datetime.

    British Summer Time runs from 01:00 UTC on the last Sunday of March to
    01:00 UTC on the last Sunday of October; computed here rather than from a
    time-zone database so that the result is the same on every machine."""
    start, end = _last_sunday(day.year, 3), _last_sunday(day.year, 10)
    if start < day < end:
        in_bst = True
    elif day == start:
        in_bst = hour >= 2
    elif day == end:
        in_bst = hour < 2
    else:
        in_bst = False
    naive = dt.datetime(day.year, day.month, day.day, hour, minute)
    return (naive - dt.timedelta(hours=1 if in_bst else 0)).replace(tzinfo=dt.UTC)
