"""A damaged SQLite file is found where it matters and never written to; the
person is pointed to the backups taken before upgrades. The damage is real:
random bytes over a table's page, with the file's header left valid."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing

import pytest

from tafdesk.db.errors import DatabaseDamaged
from tafdesk.db.location import resolve_url
from tafdesk.db.migrations.runner import run_upgrade
from tafdesk.db.schema import open_database
from tafdesk.demo import generate
from tafdesk.paths import backup_dir
from tafdesk.services.errors import DamagedFile
from tafdesk.services.shared_settings import SharedSettings
from tafdesk.services.users import UserService
from tests.test_cli import tafdesk
from tests.test_db_failures import assert_plain
from tests.test_storage import _fingerprint


def damage_table(path, table: str) -> None:
    """Overwrite the table's root page with noise (never page 1, whose first
    100 bytes are the file's header)."""
    with closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    assert root > 1
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : root * size] = random.Random(7).randbytes(size)
    path.write_bytes(bytes(data))


@pytest.fixture
def council(tmp_path):
    """A small demo council in a file closed cleanly, in a folder of its own."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "council.sqlite"
    database = open_database(resolve_url(str(path)))
    generate(database, families=6, seed=3)
    database.dispose()
    return path


def profile_file(folder):
    import json

    from tests.intake.conftest import BASE_PROFILE

    path = folder / "referral.json"
    path.write_text(json.dumps(BASE_PROFILE), encoding="utf-8")
    return path


def assert_refused(result, path) -> None:
    assert result.returncode == 1, result.stdout
    message = result.stderr.strip().splitlines()[-1]
    assert f"{path} is damaged, so tafdesk will not write to it" in message
    assert str(backup_dir()) in message or "backups" in message
    assert_plain(message.removeprefix("tafdesk: "))


def test_db_current_check_and_import_refuse_a_damaged_file_and_leave_it_untouched(council, tmp_path):
    damage_table(council, "family")
    before = _fingerprint(council.parent)
    home = tmp_path / "home"
    current = tafdesk("db", "current", "--db", str(council), home=home)
    assert "up to date" not in current.stdout
    assert_refused(current, council)
    check = tafdesk("db", "check", "--db", str(council), home=home)
    assert "NOT sound" in check.stdout and "integrity check of every page and index: FAILED" in check.stdout
    assert_refused(check, council)
    imported = tafdesk(
        "import",
        "--db",
        str(council),
        "--user",
        "manager.north",
        "--password-stdin",
        str(profile_file(tmp_path)),
        home=home,
        stdin="demo\n",
    )
    assert "imported 1 profile" not in imported.stdout
    assert_refused(imported, council)
    assert str(home / "backups") in imported.stderr
    assert _fingerprint(council.parent) == before


def test_db_check_says_what_it_checked_on_a_sound_file(council):
    result = tafdesk("db", "check", "--db", str(council))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{council}: sound. Checked:",
        "  SQLite integrity check of every page and index: ok",
        f"  schema revision {_head()}: the newest",
        f"  all {_tables()} tables present",
    ]


def test_db_check_on_the_server_says_what_it_checked(pg_schema_url):
    result = tafdesk("db", "check", "--db", pg_schema_url.render_as_string(hide_password=False))
    assert result.returncode == 0, result.stderr
    assert "sound. Checked:" in result.stdout
    assert "connected as postgres to PostgreSQL" in result.stdout and "waits 5s for a record in use" in result.stdout
    assert f"schema revision {_head()}: the newest" in result.stdout and f"all {_tables()} tables" in result.stdout


def test_a_file_not_closed_cleanly_is_checked_when_opened(council):
    damage_table(council, "family")
    with closing(sqlite3.connect(council)) as still_open:  # tafdesk crashed: its write-ahead log is still there
        still_open.execute("PRAGMA journal_mode=WAL")
        still_open.execute("UPDATE app_user SET version = version")
        still_open.commit()
        assert council.with_name(council.name + "-wal").exists()
        with pytest.raises(DatabaseDamaged, match="is damaged"):
            open_database(resolve_url(str(council)))


def test_upgrade_refuses_a_damaged_file_and_copies_nothing(tmp_path):
    path = tmp_path / "old.sqlite"
    run_upgrade(resolve_url(str(path)), "0001")
    damage_table(path, "locality")
    before = _fingerprint(tmp_path)
    with pytest.raises(DatabaseDamaged, match="is damaged"):
        open_database(resolve_url(str(path)), backup_dir=tmp_path / "copies")
    assert not (tmp_path / "copies").exists()
    assert _fingerprint(tmp_path) == before


def test_damage_met_while_working_stops_all_later_writes(council):
    database = open_database(resolve_url(str(council)))  # closed cleanly: no check at open
    try:
        admin = UserService(database).sign_in("admin", "demo")
        damage_table(council, "family")
        before = council.read_bytes()
        with pytest.raises(DamagedFile) as caught:
            _read_families(database)
        assert_plain(str(caught.value))
        with pytest.raises(DamagedFile):  # a write that would not touch the damaged pages is refused too
            SharedSettings(database, admin).set_quorum(2)
    finally:
        database.dispose()
    assert council.read_bytes() == before


def _read_families(database) -> None:
    from sqlalchemy import select

    from tafdesk.models import Family

    with database.reader() as s:
        s.scalars(select(Family)).all()


def _head() -> str:
    from tafdesk.db import migrations

    return migrations.HEAD_REVISION


def _tables() -> int:
    from tafdesk.models import Base

    return len(Base.metadata.tables)
