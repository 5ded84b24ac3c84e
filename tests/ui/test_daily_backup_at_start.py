"""The day's copy of the file is made in the background: the window and its
sign-in do not wait for it, and quitting does."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tafdesk.db import backup
from tafdesk.db.backup import DAILY, backups_of
from tafdesk.paths import backup_dir
from tafdesk.ui.app import _Access
from tafdesk.ui.background import wait_for_background_work
from tests.conftest import BACKEND, PASSWORD, allow_sign_in

pytestmark = pytest.mark.skipif(BACKEND == "postgresql", reason="a server's database is backed up on the server")


def test_the_daily_copy_is_made_while_the_person_signs_in(qapp, db, users, monkeypatch) -> None:
    allow_sign_in(db, "manager.north")
    path = Path(db.url.database)
    copying, go_on = threading.Event(), threading.Event()
    real = backup.backup_sqlite

    def held_back(source, target):
        copying.set()
        assert go_on.wait(30)
        return real(source, target)

    monkeypatch.setattr(backup, "backup_sqlite", held_back)
    access = _Access(db.url)  # returns while the copy waits
    try:
        assert copying.wait(30)
        assert access.sign_in("manager.north", PASSWORD).username == "manager.north"
        assert backups_of(path, backup_dir(), DAILY) == []
        go_on.set()
        assert wait_for_background_work(-1)  # as quitting on a file does
    finally:
        go_on.set()
        access.dispose()
    [copy] = backups_of(path, backup_dir(), DAILY)
    assert copy.stat().st_size > 0
