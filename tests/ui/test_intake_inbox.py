"""The inbox folder: chosen in its dialog, watched while the app runs, each
file imported off the interface thread and moved aside."""

from __future__ import annotations

import os
import time

import pytest
from intake_helpers import CLERK, make_council, open_intake
from PySide6.QtCore import Qt

from tafdesk.services.intake import IntakeService
from tafdesk.ui.intake.inbox_watcher import InboxWatcher, describe
from tafdesk.ui.intake.settings_dialog import InboxSettingsDialog
from tafdesk.ui.settings import AppSettings
from tests.intake.conftest import BASE_PROFILE, write


@pytest.fixture
def council(db):
    return make_council(db)


def _settled(path):
    """As if the copy had finished a while ago."""
    earlier = time.time() - 30
    os.utime(path, (earlier, earlier))
    return path


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def settings(inbox) -> AppSettings:
    settings = AppSettings.open()
    settings.inbox_folder = str(inbox)
    return settings


@pytest.fixture
def watcher(council, settings):
    watcher = InboxWatcher(lambda: IntakeService(council, CLERK), settings, poll_ms=150)
    yield watcher
    watcher.stop()


def test_a_file_in_the_inbox_is_imported_moved_and_shown(qtbot, council, settings, watcher, inbox):
    page = open_intake(qtbot, council, CLERK, settings=settings, inbox=watcher)
    assert page.inbox_label.text() == "Inbox: inbox"
    _settled(write(inbox / "profile.json", BASE_PROFILE))
    bad = inbox / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    _settled(bad)
    (inbox / "notes.txt").write_text("not a profile", encoding="utf-8")
    with qtbot.waitSignal(watcher.message, timeout=10_000) as said:
        watcher.start(first_look_ms=0)
    assert said.args[0] == "Inbox: 1 profile imported from 2 files; 1 file rejected (see the rejected folder)."
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert (inbox / "imported" / "profile.json").is_file() and not (inbox / "profile.json").exists()
    assert (inbox / "rejected" / "bad.json").is_file()
    assert "line 1, column 2" in (inbox / "rejected" / "bad.json.error.txt").read_text(encoding="utf-8")
    assert (inbox / "notes.txt").is_file()  # not a .json file: left alone
    assert "1 profile imported" in page.inbox_label.text()


def test_a_file_still_arriving_is_taken_once_it_has_settled(qtbot, council, watcher, inbox):
    watcher.start(first_look_ms=0)
    write(inbox / "arriving.json", BASE_PROFILE)  # written just now: left for a later look
    with qtbot.waitSignal(watcher.processed, timeout=15_000) as looked:
        pass
    [report] = looked.args[0]
    assert report.source == "arriving.json" and len(report.imported) == 1
    assert (inbox / "imported" / "arriving.json").is_file()


def test_a_missing_folder_is_said_once_and_watched_for(qtbot, council, settings, watcher, tmp_path):
    settings.inbox_folder = str(tmp_path / "not-mounted")
    with qtbot.waitSignal(watcher.message, timeout=5_000) as said:
        watcher.start(first_look_ms=0)
    assert said.args[0].startswith(f"The inbox folder {tmp_path / 'not-mounted'} cannot be found")
    (tmp_path / "not-mounted").mkdir()
    _settled(write(tmp_path / "not-mounted" / "late.json", BASE_PROFILE))
    with qtbot.waitSignal(watcher.processed, timeout=10_000):
        pass
    assert (tmp_path / "not-mounted" / "imported" / "late.json").is_file()


def test_the_folder_is_chosen_in_its_dialog(qtbot, council, tmp_path):
    settings = AppSettings.open()
    page = open_intake(qtbot, council, CLERK, settings=settings)
    assert not page.inbox_label.isVisible()
    page.intake_actions["settings"].trigger()
    dialog = page.profile_dialog
    assert isinstance(dialog, InboxSettingsDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.folder, str(tmp_path / "nowhere"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "There is no folder there" in dialog.error.text()
    assert settings.inbox_folder == ""
    dialog.folder.clear()
    qtbot.keyClicks(dialog.folder, str(tmp_path))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert settings.inbox_folder == str(tmp_path) and AppSettings.open().inbox_folder == str(tmp_path)
    assert page.inbox_label.text() == f"Inbox: {tmp_path.name}"


def test_describe_counts_what_a_look_found():
    class Report:
        def __init__(self, imported=(), present=(), errors=()):
            self.imported, self.already_present, self.errors = imported, present, errors

    assert describe([Report(imported=(1, 2)), Report(present=("X",))]) == (
        "Inbox: 2 profiles imported from 2 files; 1 already imported."
    )
