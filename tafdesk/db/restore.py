"""Putting an SQLite backup back in place of the database.

The backup is checked first (SQLite's full integrity check, and a tafdesk
schema this version knows, not a newer one's). The file it replaces is kept
beside it, renamed with the time (`<name>-<UTC time>-before-restore.sqlite`,
with its -wal and -shm so nothing committed is lost), never deleted. The
restored copy is written beside the database and renamed into place, so the
database is never half-written; the window must be closed meanwhile (the
instance lock, see instance.py)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tafdesk.db.backup import backup_sqlite, backups_of
from tafdesk.db.errors import DatabaseDamaged, StorageError
from tafdesk.db.instance import InstanceLock
from tafdesk.db.schema import SQLITE_HEADER, TABLES, Integrity, State, _classify, _read_only_uri, sqlite_problems
from tafdesk.private_files import sync_folder

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True)
class Restored:
    backup: Path
    database: Path
    revision: str
    kept_aside: Path | None  # the file it replaced; None if there was none


def check_backup(backup: Path) -> str:
    """The backup's schema revision, if it is a sound tafdesk database this
    version can open; otherwise a StorageError saying what is wrong."""
    if not backup.is_file():
        raise StorageError(f"There is no backup file at {backup}.")
    with open(backup, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise StorageError(f"{backup} is not a tafdesk backup: it is not an SQLite file.")
    problems = sqlite_problems(backup, Integrity.FULL)
    if problems:
        log.warning("the backup failed its integrity check: %s", problems[0])
        raise DatabaseDamaged(f"{backup} is damaged (SQLite's integrity check failed), so it was not restored.")
    try:
        conn = sqlite3.connect(_read_only_uri(backup), uri=True)
        try:
            tables = {row[0] for row in conn.execute(TABLES)}
            row = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(f"{backup} cannot be read ({exc.sqlite_errorname}), so it was not restored.") from None
    inspection = _classify(str(backup), tables, row[0] if row else None)  # refuses a newer or foreign file
    if inspection.state is State.EMPTY or inspection.revision is None:
        raise StorageError(f"{backup} holds no tafdesk data, so it was not restored.")
    return inspection.revision


def restore_sqlite(backup: Path, database: Path, *, lock_held: bool = False) -> Restored:
    """Replace database with a checked copy of backup (see the module's
    words). lock_held: the caller (the window) holds the instance lock."""
    backup, database = backup.expanduser().resolve(), database.expanduser().resolve()
    if backup == database:
        raise StorageError("The backup and the database are the same file.")
    revision = check_backup(backup)
    lock = InstanceLock(database)
    if not lock_held:
        lock.require()
    try:
        partial = database.with_name(database.name + ".restoring")
        backup_sqlite(backup, partial)
        aside = _keep_aside(database)
        os.replace(partial, database)
        sync_folder(database.parent)
    finally:
        lock.release()
    log.info("restored a backup at schema %s", revision)
    return Restored(backup, database, revision, aside)


def _keep_aside(database: Path) -> Path | None:
    """The current file, linked under a stamped name (so the database's own
    name is never missing), with its log and shared memory moved beside it:
    the restored file must not meet the old file's log."""
    if not database.exists():
        return None
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = database.with_name(f"{database.stem}-{stamp}-before-restore{database.suffix or '.sqlite'}")
    try:
        os.link(database, aside)
    except OSError:  # a file system without hard links
        os.replace(database, aside)
    for suffix in SIDE_FILES:
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    sync_folder(database.parent)
    return aside


def latest_good_backup(database: Path, folder: Path) -> Path | None:
    """The newest automatic or kept copy of database in folder that passes
    check_backup (a damaged or newer one is passed over)."""
    for candidate in backups_of(database, folder):
        try:
            check_backup(candidate)
        except StorageError:
            continue
        return candidate
    return None


def backup_time(backup: Path) -> dt.datetime | None:
    """When an automatic copy was made (from its name), in UTC."""
    found = re.search(r"-(\d{8}T\d{12})Z-", backup.name)
    if not found:
        return None
    return dt.datetime.strptime(found.group(1), "%Y%m%dT%H%M%S%f").replace(tzinfo=dt.UTC)
