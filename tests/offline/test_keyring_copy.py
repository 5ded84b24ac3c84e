"""An offline copy for someone who signs in with single sign-on (no
password): its key kept in the computer's keyring; on each database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from tafdesk import keyring_access
from tafdesk.offline import copy_key, store
from tafdesk.offline.header import read_header
from tafdesk.services.offline_take import OfflineTakeService, copy_status, discard
from tafdesk.services.offline_work import OfflineWork
from tafdesk.ui.plans.offline_copy import KEYRING_WORDS, TakeOfflineDialog
from tests.offline.test_offline_ui import _shot
from tests.offline.test_sync import edit, server_plan
from tests.plans.test_plan_service import TODAY


def _take(world, lead, path):
    path.parent.mkdir(exist_ok=True)
    return OfflineTakeService(world.db, lead).take([world.reference], path, None)


def test_the_keyring_keeps_the_key_and_the_copy_syncs_without_a_password(with_draft, lead, copy_path, file_keyring):
    from tafdesk.offline.database import CopyDatabase
    from tafdesk.services.offline_sync import OfflineSyncService
    from tafdesk.services.plans import PlanService

    assert _take(with_draft, lead, copy_path) == [with_draft.reference]
    header = read_header(copy_path)
    assert header.key_from == "keyring"
    assert file_keyring.get_password(copy_key.SERVICE, f"{header.username} {header.salt}")
    assert b"Mensah" not in copy_path.read_bytes()  # encrypted as any copy
    copy = store.OfflineCopy.open(copy_path, None)
    try:
        edit(PlanService(CopyDatabase(copy), lead, today=TODAY), with_draft.case_id, strengths="Kept by the keyring.")
    finally:
        copy.close()
    assert copy_status(copy_path, None).cases[0].pending.any
    [done] = OfflineSyncService(with_draft.db, lead).sync(copy_path, None, lambda c: None)
    assert done.sent == ["the plan"]
    assert server_plan(with_draft, lead).content.strengths == "Kept by the keyring."
    discard(copy_path)
    assert not copy_path.exists()
    assert file_keyring.get_password(copy_key.SERVICE, f"{header.username} {header.salt}") is None


def test_without_a_keyring_nothing_is_taken(with_draft, lead, copy_path, monkeypatch):
    monkeypatch.setattr(keyring_access, "usable_keyring", lambda: None)
    with pytest.raises(copy_key.NoKeyring, match="no keyring"):
        _take(with_draft, lead, copy_path)
    assert not copy_path.exists() and not store.header_path(copy_path).exists()


def test_a_copy_whose_key_is_not_in_this_keyring_is_refused(with_draft, lead, copy_path, file_keyring):
    _take(with_draft, lead, copy_path)
    header = read_header(copy_path)
    file_keyring.delete_password(copy_key.SERVICE, f"{header.username} {header.salt}")  # another computer's copy
    with pytest.raises(copy_key.NoKeyring, match="not in this computer's keyring"):
        store.OfflineCopy.open(copy_path, None)


def test_take_offline_asks_no_password_with_single_sign_on(qtbot, with_draft, lead, copy_path, file_keyring):
    from tafdesk.ui.theme import apply_theme

    apply_theme(QApplication.instance())
    copy_path.parent.mkdir()

    def no_password(_password):
        raise AssertionError("single sign-on: no password is asked for")

    work = OfflineWork(with_draft.db, lead, no_password, copy_path, single_sign_on=True)
    from tafdesk.services.my_cases import MyCasesService

    dialog = TakeOfflineDialog(work, MyCasesService(with_draft.db, lead, TODAY).cases())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.password.isVisible() and dialog.password_label.text() == KEYRING_WORDS
    _shot(dialog, "take-offline-sso")
    dialog.go_button.click()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=20_000)
    assert dialog.taken == [with_draft.reference] and work.exists()
    QThreadPool.globalInstance().waitForDone()  # the worker done before the dialog goes
