"""Holding what a unit of work reads and then relies on, until it commits,
so that two users at once cannot both pass the same check.

SQLite has no row or named locks: there every unit of work that writes takes
the database's write lock as it begins (tafdesk/db/database.py), which lets one
writer through at a time and makes both functions here unnecessary. On
PostgreSQL a second user's same step waits, then reads what the first committed.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from tafdesk.models import Entity


def lock_row(s: Session, model: type[Entity], row_id: uuid.UUID | None) -> None:
    """SELECT ... FOR UPDATE of one row (a professional's room, a locality's meetings)."""
    if row_id is not None:
        s.execute(select(model.id).where(model.id == row_id).with_for_update())


def hold(s: Session, name: str) -> None:
    """A lock on a kind of work rather than a row (recognising families on import)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(select(func.pg_advisory_xact_lock(lock_number(name))))


def lock_number(name: str) -> int:
    """A stable signed 64-bit number for a lock's name, as PostgreSQL's advisory locks take."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)
