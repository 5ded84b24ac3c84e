"""Files and folders tafdesk makes are its owner's only, whatever the umask."""

from __future__ import annotations

import logging
import os
import stat
import sys
import uuid

import pytest

from tafdesk.db import Database
from tafdesk.db.backup import backup_sqlite
from tafdesk.db.location import resolve_url
from tafdesk.db.schema import upgrade_schema
from tafdesk.exports.files import write_atomically
from tafdesk.logs import configure_logging
from tafdesk.paths import data_dir, log_dir
from tafdesk.plans.content import PlanContent
from tafdesk.private_files import private_folder
from tafdesk.services.draft_journal import DraftJournal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


@pytest.fixture(autouse=True)
def _open_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_database_its_wal_and_a_backup_are_private(tmp_path) -> None:
    url = resolve_url(str(tmp_path / "db.sqlite"))
    upgrade_schema(url)
    database = Database(url)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
        for suffix in ("", "-wal", "-shm"):
            assert mode(tmp_path / f"db.sqlite{suffix}") == 0o600, suffix
    database.dispose()
    copy = backup_sqlite(tmp_path / "db.sqlite", tmp_path / "backups" / "copy.sqlite")
    assert mode(copy) == 0o600
    assert mode(copy.parent) == 0o700


def test_documents_drafts_and_new_folders_are_private(tmp_path) -> None:
    letter = tmp_path / "letters" / "new" / "letter.pdf"
    write_atomically(letter, b"%PDF")
    assert mode(letter) == 0o600
    assert mode(letter.parent) == 0o700 and mode(letter.parent.parent) == 0o700
    journal = DraftJournal(username="amara.lead")
    journal.write(uuid.uuid4(), 1, PlanContent(voice_of_child="kept"))
    assert mode(data_dir() / "drafts") == 0o700 and mode(journal.folder) == 0o700
    assert [mode(p) for p in journal.folder.iterdir()] == [0o600]


def test_a_chosen_existing_folder_is_left_as_it_is(tmp_path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    private_folder(shared)
    assert mode(shared) == 0o755


def test_the_log_file_is_private() -> None:
    root = logging.getLogger()
    kept = list(root.handlers)
    try:
        configure_logging()
        logging.getLogger("tafdesk.test").info("case 1 opened")
        assert mode(log_dir()) == 0o700
        assert mode(log_dir() / "tafdesk.log") == 0o600
    finally:
        for handler in root.handlers[:]:
            if handler not in kept:
                root.removeHandler(handler)
                handler.close()


def test_the_settings_file_is_private(qapp) -> None:
    from tafdesk.ui.settings import AppSettings

    settings = AppSettings.open()
    settings.last_user = "amara.lead"
    settings.sync()
    assert mode(data_dir() / "settings.ini") == 0o600
    assert "amara.lead" in (data_dir() / "settings.ini").read_text()
