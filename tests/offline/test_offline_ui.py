"""My cases' Take offline… and Sync offline copy…, on each database."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLabel

from tafdesk.offline import store
from tafdesk.offline.database import CopyDatabase
from tafdesk.services.errors import SignInRefused
from tafdesk.services.offline_work import OfflineWork
from tafdesk.services.plans import PlanService
from tafdesk.ui.plans import offline_copy
from tafdesk.ui.plans.page import build_cases_page
from tests.offline.conftest import PASSWORD
from tests.plans.test_plan_service import TODAY

SHOTS = "TAFDESK_SHOTS"  # a folder: the dialogs are saved there as PNGs to look at


def _confirm(password: str) -> None:
    if password != PASSWORD:
        raise SignInRefused("That is not your password.")


@pytest.fixture
def page(qtbot, with_draft, lead, tmp_path):
    from tafdesk.ui.theme import apply_theme

    apply_theme(QApplication.instance())
    work = OfflineWork(with_draft.db, lead, _confirm, tmp_path / "offline" / "copy.tafcopy")
    page = build_cases_page(with_draft.db, lead, QUndoStack(), today=TODAY, offline=work)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    qtbot.wait(1)
    return page


def _shot(widget, name: str) -> None:
    import os

    folder = os.environ.get(SHOTS)
    if folder:
        widget.grab().save(f"{folder}/{name}.png")


def _take(qtbot, page, password=PASSWORD):
    dialog = page.take_offline()
    assert dialog is not None
    dialog.password.edit.setText(password)
    _shot(dialog, "take-offline")
    dialog.go_button.click()
    return dialog


def test_take_offline_copies_the_ticked_cases_and_offers_sync(qtbot, page, with_draft):
    assert page.cases.take_offline_button.isVisible() and not page.cases.sync_offline_button.isVisible()
    dialog = _take(qtbot, page)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=20_000)
    assert dialog.taken == [with_draft.reference]
    assert page.services.offline.exists()
    assert page.cases.sync_offline_button.isVisible()
    assert "Took 1 case offline" in page.cases.banner.text()
    _shot(page, "my-cases-with-copy")


def test_a_wrong_password_takes_nothing_and_says_so(qtbot, page):
    dialog = _take(qtbot, page, "not it")
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=20_000)
    assert "Nothing was taken offline" in dialog.banner.text()
    assert dialog.go_button.isEnabled() and not page.services.offline.exists()


def test_no_case_ticked_is_refused_at_once(qtbot, page):
    dialog = page.take_offline()
    dialog.cases.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.go_button.click()
    assert "Tick at least one case" in dialog.banner.text()


def test_sync_shows_each_conflict_and_applies_the_choice(qtbot, page, with_draft, lead, monkeypatch):
    _both_changed(qtbot, page, with_draft, lead, "Mine: the school team.", "Theirs: grandmother nearby.")
    shown = []

    def choose_mine(self):
        shown.append([(ref, c.field, c.mine, c.theirs) for ref, c in self.conflicts])
        _shot(self, "sync-conflicts")
        self.choices[0]["mine"].setChecked(True)  # yours
        return self.DialogCode.Accepted

    monkeypatch.setattr(offline_copy.ConflictsDialog, "exec", choose_mine)
    sync = page.sync_offline()
    sync.password.edit.setText(PASSWORD)
    _shot(sync, "sync-offline")
    sync.go_button.click()
    qtbot.waitUntil(lambda: sync.result() == sync.DialogCode.Accepted, timeout=20_000)
    assert shown == [[(with_draft.reference, "strengths", "Mine: the school team.", "Theirs: grandmother nearby.")]]
    server = PlanService(with_draft.db, lead, today=TODAY).current(with_draft.case_id)
    assert server.content.strengths == "Mine: the school team."
    assert "Synced 1 case" in page.cases.banner.text()


def test_a_value_written_in_the_dialog_is_what_the_server_keeps(qtbot, page, with_draft, lead, monkeypatch):
    _both_changed(qtbot, page, with_draft, lead, "Mine.", "Theirs.")
    seen = []

    def write_another(self):
        [choice] = self.choices
        seen.append((choice.text.toPlainText(), [label.text() for label in self.findChildren(QLabel)]))
        choice.text.setPlainText("Written at the sync.")  # typing chooses it
        _shot(self, "sync-conflicts-another-value")
        return self.DialogCode.Accepted

    monkeypatch.setattr(offline_copy.ConflictsDialog, "exec", write_another)
    sync = page.sync_offline()
    sync.password.edit.setText(PASSWORD)
    sync.go_button.click()
    qtbot.waitUntil(lambda: sync.result() == sync.DialogCode.Accepted, timeout=20_000)
    [(prefilled, texts)] = seen
    assert prefilled == "Mine."  # yours, to start from
    assert any(t.startswith("Changed offline by Tomas Okafor, ") for t in texts)
    assert any(t.startswith("Changed on the server, ") for t in texts)  # a draft save names no one
    server = PlanService(with_draft.db, lead, today=TODAY).current(with_draft.case_id)
    assert server.content.strengths == "Written at the sync."


def test_the_dialog_says_who_changed_each_side_and_offers_another_value_for_text(qtbot):
    import datetime as dt

    from tafdesk.offline.merge import Conflict

    at = dt.datetime(2026, 11, 30, 14, 5, tzinfo=dt.UTC)
    text = Conflict("plan", "plan", "strengths", "the plan", "", "Mine.", "Theirs.", at, at, None, "Ruth Adeyemi", "Me")
    number = Conflict("plan", "plan", "review_interval_weeks", "the plan", 6, 4, 8, at)
    dialog = offline_copy.ConflictsDialog([("TAF-1", text), ("TAF-1", number)])
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Changed on the server by Ruth Adeyemi, Mon 30 Nov 2026, 14:05" in texts
    assert "Changed offline by Me, Mon 30 Nov 2026, 14:05" in texts
    assert dialog.choices[1].text is None and "edit" not in dialog.choices[1].buttons  # a number: no text to write
    dialog.choices[0]["edit"].setChecked(True)
    assert dialog.sides() == {"plan/plan/strengths": {"edit": "Mine."}, "plan/plan/review_interval_weeks": "mine"}


def test_conflicts_left_unchosen_send_nothing(qtbot, page, with_draft, lead, monkeypatch):
    _both_changed(qtbot, page, with_draft, lead, "Mine.", "Theirs.")
    monkeypatch.setattr(offline_copy.ConflictsDialog, "exec", lambda self: self.DialogCode.Rejected)
    sync = page.sync_offline()
    sync.password.edit.setText(PASSWORD)
    sync.go_button.click()
    qtbot.waitUntil(lambda: "wait for your choice" in sync.banner.text(), timeout=20_000)
    server = PlanService(with_draft.db, lead, today=TODAY).current(with_draft.case_id)
    assert server.content.strengths == "Theirs."


def _both_changed(qtbot, page, with_draft, lead, mine: str, theirs: str) -> None:
    """Taken offline, then the strengths changed in the copy and on the server."""
    dialog = _take(qtbot, page)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=20_000)
    copy = store.OfflineCopy.open(page.services.offline.path, PASSWORD)
    try:
        _set(PlanService(CopyDatabase(copy), lead, today=TODAY), with_draft.case_id, mine)
    finally:
        copy.close()
    _set(PlanService(with_draft.db, lead, today=TODAY), with_draft.case_id, theirs)


def _set(plans: PlanService, case_id, strengths: str) -> None:
    plan = plans.current(case_id)
    plans.save_draft(plan.id, plan.row_version, dataclasses.replace(plan.content, strengths=strengths))
