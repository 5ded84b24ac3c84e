"""Backups through the real start-up path (run_gui): an administrator backs
up from File → Back up now… and the copy goes back with `tafdesk db
restore`; a damaged file found at start is offered its newest sound backup,
restored when accepted, left untouched (and the way to restore it said)
when not."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from startup_helpers import sign_in, steps_at_start
from test_first_run_wizard import _shot

from tafdesk.db import Database
from tafdesk.db.backup import backup_sqlite, timestamped_name
from tafdesk.models import Role
from tafdesk.paths import backup_dir
from tafdesk.services.actor import SYSTEM, Actor, Permission
from tafdesk.services.backups import BackupService
from tafdesk.services.first_run import FirstRun, set_up
from tafdesk.services.letterhead import LetterheadService, LetterheadSettings
from tafdesk.ui.app import run_gui
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.sign_in import SignInDialog
from tests.test_cli import tafdesk

PASSWORD = "correct horse battery"


@pytest.fixture
def database_file(tmp_path) -> Path:
    """An SQLite file set up as the first-run wizard does, with its administrator ada."""
    path = tmp_path / "tafdesk.sqlite"
    set_up(FirstRun(str(path), LetterheadSettings("Northshire County Council"), "ada", "Ada Admin", PASSWORD))
    return path


def organisation(path: Path) -> str:
    database = Database(str(path))
    try:
        return LetterheadService(database, SYSTEM).letterhead().organisation
    finally:
        database.dispose()


def rename_organisation(path: Path, name: str) -> None:
    database = Database(str(path))
    try:
        LetterheadService(database, SYSTEM).save(LetterheadSettings(name))
    finally:
        database.dispose()


def close(window: MainWindow) -> None:
    window.close()


# -- File → Back up now… ------------------------------------------------------------------------


def test_an_administrator_backs_up_from_the_window_and_restores_it_with_the_command(
    database_file, tmp_path, qapp, qtbot, monkeypatch, messages
):
    target = tmp_path / "kept" / "before-the-audit"
    asked: list[str] = []

    def save_as(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    said: list[str] = []

    def back_up(window: MainWindow) -> None:
        assert window.backup_action is not None and window.backup_action in window.file_menu.actions()
        window.statusBar().messageChanged.connect(said.append)
        window.backup_action.trigger()
        qtbot.waitUntil(lambda: any(text.startswith("Backed up") for text in said), timeout=20_000)
        window.close()

    with steps_at_start(qapp, [(SignInDialog, sign_in("ada", PASSWORD)), (MainWindow, back_up)]):
        assert run_gui(str(database_file)) == 0
    copy = target.with_name("before-the-audit.sqlite")  # the file dialog's type added
    assert messages == [] and copy.is_file() and said[0].startswith("Backing up")
    assert said[-1] == f"Backed up the database to {copy}."
    assert Path(asked[0]).parent == backup_dir() and asked[0].endswith("-copy.sqlite")
    rename_organisation(database_file, "Renamed after the backup")

    result = tafdesk("db", "restore", "--db", str(database_file), str(copy))

    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout and "Traceback" not in result.stderr
    assert organisation(database_file) == "Northshire County Council"
    kept = list(database_file.parent.glob("tafdesk-*-before-restore.sqlite"))
    assert len(kept) == 1 and organisation(kept[0]) == "Renamed after the backup"


def test_the_backup_is_an_administrators_on_a_file_and_is_audited(db, tmp_path):
    admin = Actor(user_id=None, name="Ada Admin", role=Role.ADMIN, username="ada")
    lead = Actor(user_id=None, name="Lee Lead", role=Role.LEAD_PROFESSIONAL)
    assert not BackupService(db, lead).available()
    if not db.is_sqlite:
        assert not BackupService(db, admin).available()  # the server's own tools back it up
        with pytest.raises(Exception, match="pg_dump"):
            BackupService(db, admin).back_up(tmp_path / "copy.sqlite")
        return
    assert BackupService(db, admin).available() and admin.can(Permission.BACK_UP)
    with pytest.raises(Exception, match="may not copy the whole database"):
        BackupService(db, lead).back_up(tmp_path / "copy.sqlite")
    with pytest.raises(Exception, match="cannot replace the database itself"):
        BackupService(db, admin).back_up(Path(db.path))
    (tmp_path / "copies").mkdir()
    copy = BackupService(db, admin).back_up(tmp_path / "copies")  # a folder: a stamped name in it
    assert copy.parent == tmp_path / "copies" and copy.name.endswith("-copy.sqlite")
    from sqlalchemy import select

    from tafdesk.models import AuditEvent

    with db.reader() as s:
        actions = s.scalars(select(AuditEvent.action)).all()
    assert actions.count("database.backed_up") == 1


# -- the restore offer at start ------------------------------------------------------------------


@pytest.fixture
def damaged_with_backups(database_file) -> tuple[Path, bytes]:
    """Two sound daily copies (the newer after a change), a newest one that is
    damaged itself, then a later change, then the file's pages damaged."""
    now = dt.datetime.now(dt.UTC)
    folder = backup_dir()
    backup_sqlite(database_file, folder / timestamped_name(database_file, "daily", now - dt.timedelta(days=2)))
    rename_organisation(database_file, "Ambervale Borough Council")
    backup_sqlite(database_file, folder / timestamped_name(database_file, "daily", now - dt.timedelta(days=1)))
    (folder / timestamped_name(database_file, "daily", now - dt.timedelta(hours=1))).write_bytes(os.urandom(8192))
    rename_organisation(database_file, "Changed since the last backup")
    data = bytearray(database_file.read_bytes())
    data[100:4096] = os.urandom(3996)  # the schema page, past the 100-byte header
    damaged = bytes(data[: len(data) // 2])  # and the file cut short
    database_file.write_bytes(damaged)
    return database_file, damaged


def _offer(widget) -> bool:
    return isinstance(widget, QMessageBox) and widget.objectName() == "restoreOffer"


def _answer(text: str, seen: dict):
    def act(box: QMessageBox) -> None:
        seen["text"] = box.text()
        box.resize(1366, 768)
        _shot(box, "restore-offer")
        [button] = [b for b in box.buttons() if b.text() == text]
        button.click()

    return act


def test_a_damaged_file_is_offered_its_newest_sound_backup_and_opens_restored(damaged_with_backups, qapp, messages):
    path, damaged = damaged_with_backups
    seen: dict = {}
    steps = [
        (_offer, _answer("&Restore the backup", seen)),
        (SignInDialog, sign_in("ada", PASSWORD)),
        (MainWindow, close),
    ]
    with steps_at_start(qapp, steps):
        assert run_gui(str(path)) == 0
    yesterday = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).astimezone().strftime("%A %d %B %Y")
    assert f"{path} is damaged" in seen["text"] and yesterday in seen["text"]  # the newest sound one
    [(kind, text)] = messages
    assert kind == "information" and "The backup is back in place" in text
    assert organisation(path) == "Ambervale Borough Council"
    [kept] = path.parent.glob("tafdesk-*-before-restore.sqlite")
    assert kept.read_bytes() == damaged and str(kept) in text  # kept for the IT team, untouched


def test_declining_the_offer_leaves_the_damaged_file_and_says_how_to_restore(damaged_with_backups, qapp, messages):
    path, damaged = damaged_with_backups
    with steps_at_start(qapp, [(_offer, _answer("&Not now", {}))]):
        assert run_gui(str(path)) == 1
    [(kind, text)] = messages
    assert kind == "critical" and f"{path} is damaged" in text
    assert "tafdesk db restore" in text and str(backup_dir()) in text
    assert path.read_bytes() == damaged
    assert not list(path.parent.glob("*-before-restore*"))
