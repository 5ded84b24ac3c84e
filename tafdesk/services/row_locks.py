"""Holding a row until the unit of work commits, where a service reads
something it then relies on (a professional's room, a locality's meetings).

On PostgreSQL this is SELECT ... FOR UPDATE: a second user's same step waits,
then reads what the first committed. SQLite has no row locks; there every
unit of work that writes already holds the database's write lock from its
start (see tafdesk/db/database.py), which serialises the same steps.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session


def lock_row(s: Session, model: type, row_id: uuid.UUID | None) -> None:
    if row_id is not None:
        s.execute(select(model.id).where(model.id == row_id).with_for_update())
