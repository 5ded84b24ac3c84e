"""Bad databases get a clear message and are left exactly as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from sqlalchemy.engine import make_url

from tafdesk.db.errors import (
    DatabaseDamaged,
    DatabaseFromNewerVersion,
    DatabaseNeedsUpgrade,
    DatabaseUnreachable,
    NotATafdeskDatabase,
    ReadOnlyLocation,
)
from tafdesk.db.location import resolve_url
from tafdesk.db.schema import open_database, upgrade_schema


def _fingerprint(folder) -> dict[str, str]:
    """Every file in the folder with its content hash: nothing may change."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _cli(*args: str, env_extra: dict | None = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "tafdesk", *args], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


def _corrupt(folder):
    path = folder / "corrupt.sqlite"
    upgrade_schema(resolve_url(str(path)))
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the schema page, past the 100-byte header
    path.write_bytes(bytes(data))
    return path, DatabaseDamaged, "damaged"


def _not_sqlite(folder):
    path = folder / "notes.sqlite"
    path.write_text("Shopping list: eggs, milk\n")
    return path, NotATafdeskDatabase, "not an SQLite file"


def _foreign(folder):
    path = folder / "other-app.sqlite"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    return path, NotATafdeskDatabase, "not a tafdesk database"


def _newer(folder):
    path = folder / "newer.sqlite"
    upgrade_schema(resolve_url(str(path)))
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    return path, DatabaseFromNewerVersion, "newer version of tafdesk"


BAD_FILES = [_corrupt, _not_sqlite, _foreign, _newer]


@pytest.mark.parametrize("make_bad", BAD_FILES, ids=lambda f: f.__name__.strip("_"))
def test_bad_file_is_refused_and_left_untouched(folder, make_bad):
    path, error, words = make_bad(folder)
    before = _fingerprint(folder)
    with pytest.raises(error, match=words) as caught:
        open_database(resolve_url(str(path)))
    assert str(path) in str(caught.value)
    assert _fingerprint(folder) == before


@pytest.mark.parametrize("make_bad", BAD_FILES, ids=lambda f: f.__name__.strip("_"))
def test_command_line_reports_bad_file_on_stderr(folder, make_bad):
    path, _error, words = make_bad(folder)
    before = _fingerprint(folder)
    result = _cli("db", "upgrade", "--db", str(path))
    assert result.returncode == 1
    assert words in result.stderr and result.stdout == ""
    assert _fingerprint(folder) == before


def _without_root_override() -> tuple[str, ...]:
    """Root ignores file permissions; drop that power so read-only means read-only."""
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv, so a read-only folder cannot be made")
    caps = "-dac_override,-dac_read_search"
    return ("setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", "--")


def test_read_only_location_is_refused(folder):
    path = folder / "shared.sqlite"
    upgrade_schema(resolve_url(str(path)))
    before = _fingerprint(folder)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = _cli("db", "upgrade", "--db", str(path), prefix=_without_root_override())
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert result.returncode == 1
    assert "read-only" in result.stderr
    assert _fingerprint(folder) == before


def test_read_only_folder_for_a_new_database_is_refused(folder):
    folder.chmod(0o555)
    try:
        result = _cli("db", "upgrade", "--db", str(folder / "new.sqlite"), prefix=_without_root_override())
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1 and "read-only" in result.stderr
    assert list(folder.iterdir()) == []


def test_read_only_error_in_process(tmp_path):
    # /sys refuses new files even to root: a read-only location on any Linux machine.
    if not os.path.isdir("/sys/kernel"):
        pytest.skip("no /sys/kernel on this system")
    with pytest.raises(ReadOnlyLocation, match="read-only"):
        open_database(resolve_url("/sys/kernel/tafdesk.sqlite"))


def test_missing_folder_is_reported(tmp_path):
    with pytest.raises(Exception, match="does not exist"):
        open_database(resolve_url(str(tmp_path / "no" / "such" / "folder" / "x.sqlite")))
    assert not (tmp_path / "no").exists()


def test_unreachable_server_is_reported_without_its_password():
    url = make_url("postgresql+psycopg://clerk:s3cret@127.0.0.1:1/tafdesk")
    with pytest.raises(DatabaseUnreachable, match="Cannot reach the database") as caught:
        open_database(url)
    assert "s3cret" not in str(caught.value)
    result = _cli("db", "current", "--db", url.render_as_string(hide_password=False))
    assert result.returncode == 1 and "Cannot reach" in result.stderr and "s3cret" not in result.stderr


def test_server_database_is_not_upgraded_behind_its_users_backs(pg_url):
    with pytest.raises(DatabaseNeedsUpgrade, match="tafdesk db upgrade"):
        open_database(pg_url)
    upgrade_schema(pg_url)
    open_database(pg_url).dispose()
