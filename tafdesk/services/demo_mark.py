"""Whether a database holds the synthetic demo council (for training), so
that every window on it says so. The demo writes the mark (AppSetting
"database.demo") in the same transaction as its council; nothing removes it.
Read with plain SQL: it is on the start-up path."""

from __future__ import annotations

from sqlalchemy import text

from tafdesk.db import Database

KEY = "database.demo"
WORDS = "DEMO — training data"
EXPLAINED = f"{WORDS}: every family, child and professional here is invented. Do not enter real cases."
_READ = text("SELECT value FROM app_setting WHERE key = :key")


def is_demo(db: Database) -> bool:
    with db.connection() as conn:
        return conn.execute(_READ, {"key": KEY}).scalar() == "true"
