"""Whether the signed-in account may read a table at all. On PostgreSQL
each role has its grants (migration 0016 and after: a lead professional
reads no decisions or meetings); an SQLite file has no accounts, the
services' checks being its rules. Asked before reading something only some
roles' accounts may read, so that it is left out rather than refused."""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session


def may_read(bind: Connection | Session, *tables: str) -> bool:
    """Whether the account may SELECT from every one of `tables`."""
    dialect = bind.get_bind().dialect.name if isinstance(bind, Session) else bind.dialect.name
    if dialect != "postgresql":
        return True
    query = text("SELECT bool_and(has_table_privilege(t, 'SELECT')) FROM unnest(CAST(:tables AS text[])) AS t")
    return bool(bind.execute(query, {"tables": list(tables)}).scalar())  # one round trip for them all
