"""`tafdesk db check`: is the database sound, and what was looked at.

On an SQLite file, SQLite's full integrity check (every page, and every index
against its table) with the schema. A server looks after its own pages, so on
PostgreSQL the check is what tafdesk can see from one connection: that it
answers, under which account, with which time limits, at which schema
revision, with every table tafdesk needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL

from tafdesk.db import migrations
from tafdesk.db.location import sqlite_path
from tafdesk.db.schema import Integrity, State, inspect_database, sqlite_problems


@dataclass
class CheckReport:
    checked: list[str] = field(default_factory=list)  # one line for each thing looked at
    problems: list[str] = field(default_factory=list)
    damaged: bool = False  # SQLite found damaged pages

    @property
    def sound(self) -> bool:
        return not self.problems


def check_database(url: URL) -> CheckReport:
    """Raises StorageError where tafdesk cannot open the database at all (a
    foreign or newer file, an unreachable server); otherwise reports."""
    report = CheckReport()
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            report.problems.append(f"there is no database file at {path}")
            return report
        problems = sqlite_problems(path, Integrity.FULL)
        report.checked.append(f"SQLite integrity check of every page and index: {'ok' if not problems else 'FAILED'}")
        report.problems += [f"SQLite: {line}" for line in problems[:5]]
        if problems:
            report.damaged = True
            return report  # reading the schema of a damaged file proves nothing
    inspection = inspect_database(url, Integrity.NONE)
    _check_revision(report, inspection)
    if inspection.state is not State.EMPTY:
        _check_tables(report, url)
    return report


def _check_revision(report: CheckReport, inspection) -> None:
    if inspection.state is State.CURRENT:
        report.checked.append(f"schema revision {inspection.revision}: the newest")
    elif inspection.state is State.BEHIND:
        report.problems.append(
            f"schema revision {inspection.revision} is behind {migrations.HEAD_REVISION}: run `tafdesk db upgrade`"
        )
    else:
        report.problems.append("there is no tafdesk schema yet: run `tafdesk db upgrade`")


def _check_tables(report: CheckReport, url: URL) -> None:
    from tafdesk.db.database import make_engine
    from tafdesk.models import Base

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
            if conn.dialect.name == "postgresql":
                report.checked.append(_server_line(conn))
    finally:
        engine.dispose()
    missing = sorted(set(Base.metadata.tables) - present)
    if missing:
        report.problems.append(f"tables missing: {', '.join(missing)}")
    else:
        report.checked.append(f"all {len(Base.metadata.tables)} tables present")


def _server_line(conn) -> str:
    row = conn.execute(
        text(
            "SELECT current_user AS account, current_setting('server_version') AS version, "
            "current_setting('lock_timeout') AS lock_wait, current_setting('statement_timeout') AS limit_"
        )
    ).one()
    return (
        f"connected as {row.account} to PostgreSQL {row.version}; a change waits {row.lock_wait} "
        f"for a record in use, a statement runs at most {row.limit_}"
    )
