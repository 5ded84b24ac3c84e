"""The command line, run as a user would run it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from tafdesk import __version__
from tafdesk.db import migrations


def tafdesk(*args: str, home=None, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if home:
        env["TAFDESK_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "tafdesk", *args], capture_output=True, text=True, env=env, timeout=120, input=stdin
    )


# Signing in as a demo user: the password comes on standard input.
DEMO = {"stdin": "demo\n"}
ADMIN = ("--user", "admin", "--password-stdin")


def test_help_lists_the_commands():
    result = tafdesk("--help")
    assert result.returncode == 0
    for word in ("demo", "db", "--db", "--user", "opens the tafdesk window"):
        assert word in result.stdout


def test_version():
    assert tafdesk("--version").stdout.strip() == f"tafdesk {__version__}"


def test_db_current_upgrade_and_current_again(tmp_path):
    path = tmp_path / "council.sqlite"
    assert "schema (none), empty" in tafdesk("db", "current", "--db", str(path)).stdout
    upgraded = tafdesk("db", "upgrade", "--db", str(path))
    assert upgraded.returncode == 0 and f"upgraded from empty to {migrations.HEAD_REVISION}" in upgraded.stdout
    assert f"schema {migrations.HEAD_REVISION}, up to date" in tafdesk("db", "current", "--db", str(path)).stdout
    assert "already at the newest schema" in tafdesk("db", "upgrade", "--db", str(path)).stdout


def test_db_option_may_come_before_the_command_and_env_var_works(tmp_path):
    path = tmp_path / "council.sqlite"
    assert tafdesk("--db", str(path), "db", "upgrade").returncode == 0
    env = {**os.environ, "TAFDESK_DB": str(path)}
    result = subprocess.run([sys.executable, "-m", "tafdesk", "db", "current"], capture_output=True, text=True, env=env)
    assert str(path) in result.stdout and "up to date" in result.stdout


def test_default_database_lives_in_the_data_folder(tmp_path):
    result = tafdesk("db", "upgrade", home=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "tafdesk.sqlite").exists()


def test_backup_writes_a_consistent_copy_while_the_database_is_open(tmp_path):
    path = tmp_path / "council.sqlite"
    tafdesk("db", "upgrade", "--db", str(path))
    (tmp_path / "copies").mkdir()
    with closing(sqlite3.connect(path)) as open_conn:
        open_conn.execute("PRAGMA journal_mode=WAL")
        open_conn.execute(
            "INSERT INTO locality (id, name, code, created_at, updated_at, version) "
            "VALUES ('00000000000000000000000000000009', 'South', 'S', '2026-01-01', '2026-01-01', 1)"
        )
        open_conn.commit()  # still in the write-ahead log while this connection lives
        result = tafdesk("db", "backup", "--db", str(path), str(tmp_path / "copies"))
    assert result.returncode == 0, result.stderr
    [copy] = (tmp_path / "copies").glob("*.sqlite")
    assert f"to {copy}" in result.stdout
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT name FROM locality").fetchall() == [("South",)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not list((tmp_path / "copies").glob("*.partial"))


def test_backup_of_missing_database_fails_clearly(tmp_path):
    result = tafdesk("db", "backup", "--db", str(tmp_path / "none.sqlite"), str(tmp_path / "copy.sqlite"))
    assert result.returncode == 1 and "no database at" in result.stderr
    assert not (tmp_path / "copy.sqlite").exists()


@pytest.mark.parametrize("args", [["demo", "--families", "0"], ["demo", "--today", "2026-02-30"], ["db"]])
def test_bad_arguments_are_usage_errors(args):
    result = tafdesk(*args)
    assert result.returncode == 2 and "usage:" in result.stderr


def test_demo_fills_a_new_database_and_refuses_a_second_time(tmp_path):
    path = tmp_path / "demo.sqlite"
    first = tafdesk("demo", "--db", str(path), "--families", "25", "--seed", "4", "--today", "2026-11-25")
    assert first.returncode == 0, first.stderr
    assert "families: 25" in first.stdout
    assert "Every demo user's password is “demo”. The users: admin, " in first.stdout
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM family").fetchone() == (25,)
        before = conn.execute("SELECT count(*) FROM person").fetchone()
    again = tafdesk("demo", "--db", str(path), "--families", "25")
    assert again.returncode == 1 and "already" in again.stderr
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone() == before


def test_import_prints_a_line_per_file_and_fails_if_any_is_rejected(tmp_path):
    import json

    from tests.intake.conftest import BASE_PROFILE

    path = tmp_path / "council.sqlite"
    assert tafdesk("demo", "--db", str(path), "--families", "10", "--seed", "2").returncode == 0
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(BASE_PROFILE), encoding="utf-8")
    (folder / "bad.json").write_text("{", encoding="utf-8")
    result = tafdesk("import", "--db", str(path), "--user", "manager.north", "--password-stdin", str(folder), **DEMO)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("bad.json: rejected, nothing imported. bad.json: line 1, column 2")
    assert lines[1].startswith("good.json: imported 1 profile")
    again = tafdesk(
        "import", "--db", str(path), "--user", "manager.north", "--password-stdin", str(folder / "good.json"), **DEMO
    )
    assert again.returncode == 0 and "already imported, unchanged" in again.stdout
    amended = json.loads(json.dumps(BASE_PROFILE))
    amended["family"]["address"]["line1"] = "Flat 2, 9 Kestrel Court"
    (folder / "good.json").write_text(json.dumps(amended), encoding="utf-8")
    different = tafdesk(
        "import", "--db", str(path), "--user", "manager.north", "--password-stdin", str(folder / "good.json"), **DEMO
    )
    assert different.returncode == 1, "an amended profile needs a person: never a silent success"
    assert "ESAT-2026-10001 differs in family.address.line1" in different.stdout
    assert "unchanged" not in different.stdout


def test_settings_show_and_change_weights_quorum_and_letterhead(tmp_path):
    import json

    path = tmp_path / "council.sqlite"
    assert tafdesk("demo", "--db", str(path), "--families", "10", "--seed", "2").returncode == 0
    shown = json.loads(tafdesk("settings", "show", "--db", str(path), *ADMIN, **DEMO).stdout)
    assert shown["quorum"] == 4 and shown["weights"]["per_high_need"] == 0.5
    changed = tafdesk("settings", "set", "weights.per_high_need", "0.75", "--db", str(path), *ADMIN, **DEMO)
    assert changed.returncode == 0, changed.stderr
    assert json.loads(changed.stdout)["weights"]["per_high_need"] == 0.75
    assert (
        json.loads(tafdesk("settings", "set", "quorum", "5", "--db", str(path), *ADMIN, **DEMO).stdout)["quorum"] == 5
    )
    head = tafdesk(
        "settings", "set", "letterhead.address", "Civic Centre|Northtown NT1 1AA", "--db", str(path), *ADMIN, **DEMO
    )
    assert json.loads(head.stdout)["letterhead"]["address"] == ["Civic Centre", "Northtown NT1 1AA"]
    assert json.loads(head.stdout)["letterhead"]["complaints"]  # the demo's, kept when another field changes
    north = tafdesk("settings", "set", "letterhead.n.phone", "01632 961111", "--db", str(path), *ADMIN, **DEMO)
    shown = json.loads(north.stdout)
    assert shown["locality_letterheads"]["N"]["phone"] == "01632 961111" != shown["letterhead"]["phone"]
    assert shown["locality_letterheads"]["N"]["address"] == ["Civic Centre", "Northtown NT1 1AA"]  # begun from it
    assert shown["locality_letterheads"]["S"] == "follows council-wide"
    back = tafdesk("settings", "set", "letterhead.N", "council-wide", "--db", str(path), *ADMIN, **DEMO)
    assert json.loads(back.stdout)["locality_letterheads"]["N"] == "follows council-wide"
    unknown = tafdesk("settings", "set", "letterhead.X.phone", "1", "--db", str(path), *ADMIN, **DEMO)
    assert unknown.returncode == 1 and "no locality with the code “X”" in unknown.stderr
    refused = tafdesk(
        "settings", "set", "quorum", "5", "--db", str(path), "--user", "support1", "--password-stdin", **DEMO
    )
    assert refused.returncode == 1 and "may not change settings" in refused.stderr
    bad = tafdesk("settings", "set", "weights.nonsense", "1", "--db", str(path), *ADMIN, **DEMO)
    assert bad.returncode == 1 and "no weight called" in bad.stderr


@pytest.mark.parametrize(
    "address",
    ["postgresql+nosuch://x", "postgresql://:bad", "postgresql://clerk:s3cret@host:port/db", "mysql://x/y", "://x"],
)
def test_a_malformed_or_unknown_database_address_is_one_sentence(address):
    result = tafdesk("db", "current", "--db", address)
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("tafdesk: ") and line.endswith("postgresql+psycopg://user@server/tafdesk.")
    assert "Traceback" not in line and "Error" not in line and "s3cret" not in line


def test_an_unforeseen_failure_is_one_sentence_and_the_log_says_where(monkeypatch, capsys, caplog):
    from tafdesk import cli

    family = " ".join(("Okonkwo", "family"))  # data in a variable, as a real fault would carry it

    def broken(_args, _db):
        raise RuntimeError(family)

    monkeypatch.setitem(cli._COMMANDS, "db", broken)
    monkeypatch.setattr(
        "tafdesk.logs.configure_logging", lambda: None
    )  # caplog has the records; no file handler left behind
    assert cli.main(["db", "current"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("tafdesk: tafdesk db stopped on a problem it did not expect (RuntimeError).")
    assert "Okonkwo" not in line and "Okonkwo" not in caplog.text
    assert "tafdesk db failed: RuntimeError" in caplog.text and "test_cli.py" in caplog.text
