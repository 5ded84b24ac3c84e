"""Writing audit events, and tampering with them as someone with the database
in their hands would: on SQLite with the file open in another program (the
guard triggers dropped, then put back as they were), on PostgreSQL as the
owner role with the triggers disabled meanwhile."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select, text

from tafdesk.db import Database
from tafdesk.models import AuditEvent, AuditLink
from tafdesk.services import audit
from tafdesk.services.actor import SYSTEM
from tafdesk.services.audit_verify import AuditChainService, Verification

TABLES = ("audit_event", "audit_value", "audit_link")


def write_events(db: Database, count: int, *, start: int = 0) -> list[uuid.UUID]:
    """count events, one a unit of work, every other one with values; their ids in order."""
    ids = []
    for n in range(start, start + count):
        with db.session() as s:
            changes = {"name": [None, f"Child {n}"], "date_of_birth": [None, "2019-04-03"]} if n % 2 == 0 else None
            event = audit.record(s, SYSTEM, "test.event", "thing", uuid.uuid4(), changes)
        ids.append(event.id)
    return ids


def verify(db: Database, *anchors) -> Verification:  # noqa: ANN002
    return AuditChainService(db, SYSTEM).verify(anchors)


def seq_of(db: Database, event_id: uuid.UUID) -> int:
    with db.reader() as s:
        return s.scalar(select(AuditLink.seq).where(AuditLink.id == event_id))


def event_at(db: Database, seq: int) -> uuid.UUID:
    with db.reader() as s:
        return s.scalar(select(AuditLink.id).where(AuditLink.seq == seq))


def count_events(db: Database) -> int:
    with db.reader() as s:
        return len(s.scalars(select(AuditEvent.id)).all())


def tamper(db: Database, *statements: str, **params: object) -> None:
    """Run statements against the audit tables behind tafdesk's back."""
    with _guards_off(db) as run:
        for statement in statements:
            run(statement, params)


@contextmanager
def _guards_off(db: Database) -> Iterator:
    if db.is_sqlite:
        # Another program: tafdesk's function is not there. One transaction
        # (SQLite's DDL is transactional too): all of it happens, or none.
        conn = sqlite3.connect(db.path, isolation_level=None)
        try:
            conn.execute("BEGIN")
            guards = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                                  f"{TABLES} AND (name LIKE '%no_update' OR name LIKE '%no_delete')").fetchall()  # fmt: skip
            for name, _ in guards:
                conn.execute(f"DROP TRIGGER {name}")
            yield lambda statement, params: conn.execute(
                statement, {k: v.hex if isinstance(v, uuid.UUID) else v for k, v in params.items()})
            for _, sql in guards:
                conn.execute(sql)
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.close()
        return
    with db.connection() as conn:  # the tests' server role owns the tables
        for table in TABLES:
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        yield lambda statement, params: conn.execute(text(statement), params)
        for table in TABLES:
            conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
        conn.commit()
