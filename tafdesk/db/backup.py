"""Copies of an SQLite database made with SQLite's online backup API, so that a
copy taken while the app is open is consistent."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from tafdesk.private_files import make_private, open_private, private_folder


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
    os.replace(partial, target)
    return target


def timestamped_name(source: Path, label: str) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{source.stem}-{stamp}-{label}.sqlite"
