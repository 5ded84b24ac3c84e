"""Copies of an SQLite database made with SQLite's online backup API, so that a
copy taken while the app is open is consistent.

Automatic copies go to paths.backup_dir(), named
`<database name>-<UTC time>-<label>.sqlite`: one a day when the window opens
the database ("daily") and one before each schema upgrade
("before-upgrade-from-<revision>"). Each kind keeps its newest KEEP_DEFAULT
(the window's setting may say otherwise); older ones are deleted. Copies made
with `tafdesk db backup` are never deleted."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from tafdesk.private_files import make_private, open_private, private_folder, replace_durably

SERVER_BACKUP = "A server's database is backed up on the server, with its own tools (pg_dump): ask your IT team."


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy source to target. The copy is written beside target and renamed
    into place, so target is never left half-written."""
    target = target.expanduser().resolve()
    if target.is_dir():
        target = target / timestamped_name(source, "copy")
    private_folder(target.parent)
    partial = target.with_name(target.name + ".partial")
    open_private(partial).close()  # private from its first byte; SQLite writes into the empty file
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    make_private(partial)
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    replace_durably(partial, target)
    return target


def timestamped_name(source: Path, label: str, now: dt.datetime | None = None) -> str:
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{source.stem}-{stamp}-{label}.sqlite"


KEEP_DEFAULT = 14
DAILY = "daily"
BEFORE_UPGRADE = "before-upgrade"


def backups_of(source: Path, folder: Path, kind: str = "") -> list[Path]:
    """The copies of source in folder whose label begins with kind, newest first."""
    pattern = re.compile(rf"{re.escape(source.stem)}-(\d{{8}}T\d{{12}}Z)-({re.escape(kind)}.*)\.sqlite")
    if not folder.is_dir():
        return []
    found = [(m.group(1), p) for p in folder.iterdir() if (m := pattern.fullmatch(p.name))]
    return [path for _stamp, path in sorted(found, reverse=True)]


def daily_backup(source: Path, folder: Path, keep: int = KEEP_DEFAULT, now: dt.datetime | None = None) -> Path | None:
    """Copy source unless today's copy exists (or there is nothing yet to
    copy), then keep only the newest `keep` daily copies. Returns the new copy."""
    if not source.is_file() or source.stat().st_size == 0:
        return None
    now = now or dt.datetime.now(dt.UTC)
    today = now.strftime("%Y%m%d")
    if any(_stamp(p).startswith(today) for p in backups_of(source, folder, DAILY)):
        return None
    copy = backup_sqlite(source, folder / timestamped_name(source, DAILY, now))
    prune(source, folder, DAILY, keep)
    return copy


def prune(source: Path, folder: Path, kind: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` (at least one) copies of this kind; returns those deleted."""
    old = backups_of(source, folder, kind)[max(keep, 1) :]
    for path in old:
        path.unlink(missing_ok=True)
    return old


def _stamp(path: Path) -> str:
    found = re.search(r"-(\d{8}T\d{12}Z)-", path.name)
    return found.group(1) if found else ""
