"""The query planner's statistics, gathered after many rows are written at
once (the demo's council, a migration's backfill), so that the reports read
by their indexes from the start rather than once autovacuum (PostgreSQL) or
someone (SQLite, which never gathers them itself) gets round to it. A full
ANALYZE of the county demo's SQLite file takes about a second."""

from __future__ import annotations

from sqlalchemy import Connection


def gather(conn: Connection) -> None:
    """ANALYZE every table; the caller commits."""
    conn.exec_driver_sql("ANALYZE")
