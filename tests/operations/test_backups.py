"""Automatic rotating backups of an SQLite file, and restoring one: real files."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from tafdesk.db import Database
from tafdesk.db.backup import DAILY, backup_sqlite, backups_of, daily_backup, prune, timestamped_name
from tafdesk.db.errors import DatabaseDamaged, DatabaseFromNewerVersion, StorageError
from tafdesk.db.instance import AlreadyOpen, InstanceLock
from tafdesk.db.location import resolve_url
from tafdesk.db.restore import check_backup, latest_good_backup, restore_sqlite
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import Role
from tafdesk.services.actor import SYSTEM
from tafdesk.services.user_admin import NewUser, UserAdminService
from tests.conftest import BACKEND
from tests.test_cli import tafdesk

PASSWORD = "correct horse battery"

pytestmark = pytest.mark.skipif(
    BACKEND == "postgresql", reason="backups and restore are tafdesk's for SQLite files; a server uses pg_dump"
)


def _database(folder: Path, name: str = "tafdesk.sqlite") -> Path:
    path = folder / name
    url = resolve_url(str(path))
    upgrade_schema(url)
    database = Database(url)
    UserAdminService(database, SYSTEM).add(NewUser("first", Role.ADMIN), PASSWORD)
    database.dispose()
    return path


def _usernames(path: Path) -> list[str]:
    database = Database(resolve_url(str(path)))
    try:
        with database.connection() as conn:
            return list(conn.execute(text("SELECT username FROM app_user ORDER BY username")).scalars())
    finally:
        database.dispose()


def _add_user(path: Path, name: str) -> None:
    database = Database(resolve_url(str(path)))
    with database.connection() as conn:
        conn.execute(text("UPDATE app_user SET display_name = :name"), {"name": name})
        conn.commit()
    database.dispose()


def test_daily_backup_is_made_once_a_day_and_the_newest_are_kept(tmp_path):
    path, folder = _database(tmp_path), tmp_path / "backups"
    start = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    first = daily_backup(path, folder, keep=3, now=start)
    assert first is not None and first.exists()
    assert daily_backup(path, folder, keep=3, now=start + dt.timedelta(hours=5)) is None  # the same day
    for day in range(1, 6):
        assert daily_backup(path, folder, keep=3, now=start + dt.timedelta(days=day)) is not None
    kept = backups_of(path, folder, DAILY)
    assert [p.name.split("-")[1][:8] for p in kept] == ["20260306", "20260305", "20260304"]
    assert check_backup(kept[0]) == _head()


def test_pruning_leaves_other_kinds_and_manual_copies(tmp_path):
    path, folder = _database(tmp_path), tmp_path / "backups"
    manual = backup_sqlite(path, folder / "my-own-copy.sqlite")
    upgrade = backup_sqlite(path, folder / timestamped_name(path, "before-upgrade-from-0031"))
    for day in range(4):
        daily_backup(path, folder, keep=2, now=dt.datetime(2026, 1, 1 + day, tzinfo=dt.UTC))
    assert len(backups_of(path, folder, DAILY)) == 2
    assert manual.exists() and upgrade.exists()
    assert prune(path, folder, DAILY, 0) and len(backups_of(path, folder, DAILY)) == 1  # never none


def test_an_empty_or_missing_database_is_not_backed_up(tmp_path):
    assert daily_backup(tmp_path / "none.sqlite", tmp_path / "backups") is None
    (tmp_path / "empty.sqlite").touch()
    assert daily_backup(tmp_path / "empty.sqlite", tmp_path / "backups") is None


def test_restore_puts_the_backup_back_and_keeps_the_current_file_aside(tmp_path):
    path = _database(tmp_path)
    copy = backup_sqlite(path, tmp_path / "backups" / "copy.sqlite")
    _add_user(path, "Changed after the backup")
    database = Database(resolve_url(str(path)))  # the log and shared memory are beside it while open
    with database.connection() as conn:
        conn.execute(text("SELECT 1"))
        assert Path(str(path) + "-wal").exists()
        done = restore_sqlite(copy, path)
    database.dispose()
    assert done.kept_aside is not None and done.kept_aside.exists()
    assert not Path(str(path) + "-wal").exists()  # the old log went with the old file
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT display_name FROM app_user").fetchone()[0] != "Changed after the backup"
    with closing(sqlite3.connect(done.kept_aside)) as conn:
        assert conn.execute("SELECT display_name FROM app_user").fetchone()[0] == "Changed after the backup"
    assert sorted(p.name for p in tmp_path.glob("*.restoring*")) == []


def test_a_damaged_backup_is_refused_and_the_database_left_alone(tmp_path):
    path = _database(tmp_path)
    copy = backup_sqlite(path, tmp_path / "copy.sqlite")
    _damage(copy)
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged, match="not restored"):
        restore_sqlite(copy, path)
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*before-restore*")) == []


def test_a_backup_from_a_newer_version_or_not_tafdesk_is_refused(tmp_path):
    path = _database(tmp_path)
    newer = backup_sqlite(path, tmp_path / "newer.sqlite")
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    with pytest.raises(DatabaseFromNewerVersion):
        restore_sqlite(newer, path)
    (tmp_path / "notes.txt").write_text("not a database")
    with pytest.raises(StorageError, match="not an SQLite file"):
        restore_sqlite(tmp_path / "notes.txt", path)
    with pytest.raises(StorageError, match="no backup file"):
        restore_sqlite(tmp_path / "missing.sqlite", path)


def test_restore_waits_for_the_window_to_close(tmp_path):
    path = _database(tmp_path)
    copy = backup_sqlite(path, tmp_path / "copy.sqlite")
    with InstanceLock(path), pytest.raises(AlreadyOpen, match="already open on this database"):
        restore_sqlite(copy, path)


def test_the_latest_good_backup_passes_over_a_damaged_one(tmp_path):
    path, folder = _database(tmp_path), tmp_path / "backups"
    good = daily_backup(path, folder, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    bad = daily_backup(path, folder, now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    assert bad is not None
    _damage(bad)
    assert latest_good_backup(path, folder) == good


def test_restore_from_the_command_line(tmp_path):
    path = _database(tmp_path)
    copy = backup_sqlite(path, tmp_path / "copy.sqlite")
    _add_user(path, "Changed")
    result = tafdesk("db", "restore", str(copy), "--db", str(path), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "kept at" in result.stdout and "before-restore" in result.stdout
    _damage(copy)
    refused = tafdesk("db", "restore", str(copy), "--db", str(path), home=tmp_path)
    assert refused.returncode == 1 and "damaged" in refused.stderr and "Traceback" not in refused.stderr


def _damage(path: Path) -> None:
    """Overwrite pages in the middle of the file: the check fails, the header still reads."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(os.urandom(min(4096 * 4, size - 4096 * 2)))


def _head() -> str:
    from tafdesk.db.migrations import HEAD_REVISION

    return HEAD_REVISION
