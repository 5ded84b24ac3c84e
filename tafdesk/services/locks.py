"""Transaction-long locks that serialise one kind of work across processes.

On PostgreSQL an advisory lock on a number derived from the lock's name,
released when the transaction ends; on SQLite the work's unit of work takes
the database's write lock as it begins (`Database.session(immediate=True)`),
which already lets one writer through at a time.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def hold(s: Session, name: str) -> None:
    """Wait for, then hold until the transaction ends, the lock called name."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(select(func.pg_advisory_xact_lock(lock_number(name))))


def lock_number(name: str) -> int:
    """A stable signed 64-bit number for a lock's name, as PostgreSQL's advisory locks take."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)
