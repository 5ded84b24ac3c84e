"""Starting with the server out of reach and an offline copy on this
computer: the window opens on the copy, on each database (the world the
copy was taken from; the server start-up asks for is black-holed)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from tafdesk.db import letter_decision
from tafdesk.db.start_mode import StartMode, decide_start
from tafdesk.models import Decision, GeneratedDocument
from tafdesk.models.enums import DecisionOutcome, DocumentFormat, DocumentType
from tafdesk.offline import store
from tafdesk.offline.header import read_header
from tafdesk.paths import offline_copy_path
from tafdesk.services.documents import UNSYNCED_MARKING, DocumentService
from tafdesk.services.errors import ConflictError
from tafdesk.services.letterhead import LetterheadService
from tafdesk.services.offline_sync import OfflineSyncService
from tafdesk.services.offline_take import OfflineTakeService
from tafdesk.services.offline_work import copy_on_this_computer, open_for_work
from tafdesk.services.plans import PlanService
from tafdesk.ui import offline_start
from tafdesk.ui.app import run_gui
from tafdesk.ui.area_page import AreaNote
from tafdesk.ui.main_window import MainWindow
from tafdesk.ui.plans.loading import CaseRef
from tests.documents.conftest import CLERK, LETTERHEAD, pdf_text
from tests.netproxy import NetProxy
from tests.offline.conftest import PASSWORD
from tests.offline.test_sync import edit, server_plan
from tests.plans.test_plan_service import TODAY
from tests.ui.keyboard_walk import keyboard_problems
from tests.ui.plan_helpers import open_row, wait_saved

USERNAME = "tomas.okafor"
SHOTS = "TAFDESK_SHOTS"
GIVE_UP_MS = 60_000


@pytest.fixture
def taker(lead):
    return dataclasses.replace(lead, username=USERNAME)


@pytest.fixture
def taken(with_draft, lead, taker):
    """The plan agreed (its review booked) and being revised, the letterhead
    complete, then taken offline."""
    LetterheadService(with_draft.db, CLERK).save(LETTERHEAD)
    plans = PlanService(with_draft.db, lead, today=TODAY)
    draft = plans.current(with_draft.case_id)
    plans.revise(plans.agree(draft.id, draft.row_version, "Adaeze and the TAF", agreed_on=TODAY).id)
    path = offline_copy_path(USERNAME)
    path.parent.mkdir(parents=True, exist_ok=True)
    OfflineTakeService(with_draft.db, taker).take([with_draft.reference], path, PASSWORD)
    with_draft.copy_path = path
    return with_draft


@pytest.fixture
def unreachable(monkeypatch):
    """A server URL whose network drops every packet silently."""
    monkeypatch.setenv("TAFDESK_CONNECT_TIMEOUT_S", "2")
    proxy = NetProxy("127.0.0.1", 9)  # nothing is ever forwarded: no server is needed behind it
    proxy.black_hole()
    yield make_url(f"postgresql+psycopg://{USERNAME}@127.0.0.1:{proxy.port}/tafdesk")
    proxy.close()


def test_start_up_finds_the_persons_copy_only(taken, unreachable):
    start = decide_start(unreachable, offline_copy=lambda: copy_on_this_computer(USERNAME))
    assert (start.mode, start.copy) == (StartMode.OFFLINE_WITH_COPY, taken.copy_path)
    other = decide_start(unreachable, offline_copy=lambda: copy_on_this_computer("someone.else"))
    assert other.mode is StartMode.OFFLINE_DRAFTS_ONLY and other.offline_since is not None


def test_the_copy_signs_in_its_taker_and_counts_wrong_passwords(taken, taker):
    with pytest.raises(store.WrongPassword, match="4 more wrong tries"):
        open_for_work(taken.copy_path, "not it")
    assert read_header(taken.copy_path).wrong_passwords == 1
    opened = open_for_work(taken.copy_path, PASSWORD)
    try:
        assert (opened.actor.name, opened.actor.role, opened.actor.professional_id, opened.actor.username) == (
            taker.name,
            taker.role,
            taker.professional_id,
            USERNAME,
        )
    finally:
        opened.close()
    assert read_header(taken.copy_path).wrong_passwords == 0


def test_an_expired_copy_is_explained(taken):
    copy = store.OfflineCopy.open(taken.copy_path, PASSWORD)
    with copy.writing() as conn:
        conn.execute(
            update(store.SETTING).where(store.SETTING.c.key == "expires_at").values(value="2000-01-01T00:00:00+00:00")
        )
    copy.close()
    with pytest.raises(store.CopyExpired, match="expired on 01 Jan 2000.*sync it or discard it"):
        open_for_work(taken.copy_path, PASSWORD)


def test_a_plan_made_from_unsynced_changes_is_marked_as_such(taken, taker):
    opened = open_for_work(taken.copy_path, PASSWORD)
    try:
        documents = DocumentService(opened.database, opened.actor, today=TODAY)
        assert documents.plan_document(taken.case_id).marking == "OFFICIAL-SENSITIVE"
        edit(PlanService(opened.database, opened.actor, today=TODAY), taken.case_id, strengths="Offline: aunt helps.")
        assert documents.plan_document(taken.case_id).marking == f"OFFICIAL-SENSITIVE · {UNSYNCED_MARKING}"
    finally:
        opened.close()


@pytest.mark.parametrize("kind", [DocumentType.LETTER_FAMILY, DocumentType.LETTER_REVIEW_INVITATION])
def test_a_letter_for_the_family_is_made_on_the_copy_and_marked(taken, taker, kind, tmp_path):
    opened = open_for_work(taken.copy_path, PASSWORD)
    try:
        edit(PlanService(opened.database, opened.actor, today=TODAY), taken.case_id, strengths="Offline: aunt helps.")
        documents = DocumentService(opened.database, opened.actor, today=TODAY)
        entry = documents.produce_case_letter(taken.case_id, kind, DocumentFormat.PDF, tmp_path / "letter.pdf")
        assert entry.doc_type is kind
        assert UNSYNCED_MARKING in pdf_text(tmp_path / "letter.pdf")
    finally:
        opened.close()


def test_the_copy_keeps_what_the_letter_says_was_decided_and_says_when_it_has_not(taken, taker):
    """Kept beside the decisions the taker may read; a copy with neither
    (as an older tafdesk took from an account that may not read them)
    refuses the letter saying why, not "no decision yet"."""
    copy = store.OfflineCopy.open(taken.copy_path, PASSWORD)
    try:
        with copy.engine.connect() as conn:
            kept = letter_decision.parse(store.letter_decision(conn, taken.case_id))
            lead_id = conn.scalar(select(Decision.lead_professional_id).where(Decision.case_id == taken.case_id))
        assert (
            kept is not None and kept.outcome is DecisionOutcome.ALLOCATE_LEAD and kept.lead_professional_id == lead_id
        )
        with copy.writing() as conn:
            for name in ("decision_action", "decision_supporter", "decision"):
                conn.execute(store.table(name).delete())
            conn.execute(store.LETTER_DECISION.delete())
    finally:
        copy.close()
    opened = open_for_work(taken.copy_path, PASSWORD)
    try:
        documents = DocumentService(opened.database, opened.actor, today=TODAY)
        with pytest.raises(ConflictError, match="this offline copy does not hold what the group decided"):
            documents.case_letter(taken.case_id, DocumentType.LETTER_FAMILY)
        assert documents.case_letter(taken.case_id, DocumentType.LETTER_REVIEW_INVITATION)[1]  # needs no decision
    finally:
        opened.close()


def test_a_letter_made_offline_reaches_the_servers_register_at_sync(taken, taker, tmp_path):
    opened = open_for_work(taken.copy_path, PASSWORD)
    try:
        documents = DocumentService(opened.database, opened.actor, today=TODAY)
        path = tmp_path / "invitation.docx"
        made = documents.produce_case_letter(
            taken.case_id, DocumentType.LETTER_REVIEW_INVITATION, DocumentFormat.DOCX, path
        )
    finally:
        opened.close()
    OfflineSyncService(taken.db, taker).sync(taken.copy_path, PASSWORD, lambda conflict: None)
    with taken.db.reader() as s:
        [doc] = s.scalars(select(GeneratedDocument).where(GeneratedDocument.case_id == taken.case_id)).all()
    assert (doc.doc_type, doc.path, doc.sha256, doc.id) == (
        DocumentType.LETTER_REVIEW_INVITATION,
        str(path),
        made.sha256,
        made.id,
    )
    assert doc.template_version is not None  # which template it was made from, as on the server


def _answer_start_dialogs(monkeypatch, qtbot, answers: list[str], seen: list[str]):
    """The out-of-reach dialog answered from `answers`; the copy's password given."""

    def ask(dialog) -> str:
        seen.append(not dialog.copy_button.isHidden() and dialog.copy_button.isDefault() and "copy offered")
        _shot(dialog, "offline-start", size=None)
        return answers.pop(0)

    def unlock(dialog) -> int:
        dialog.password.edit.setText("not it")
        dialog.open_copy()
        qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=20_000)
        seen.append(dialog.message.text())
        _shot(dialog, "offline-unlock", size=None)
        dialog.password.edit.setText(PASSWORD)
        dialog.open_copy()
        qtbot.waitUntil(lambda: dialog.opened is not None, timeout=20_000)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(offline_start.OfflineStartDialog, "ask", ask)
    monkeypatch.setattr(offline_start.CopyUnlockDialog, "exec", unlock)


def _on_window(qapp, step):
    found: list[MainWindow] = []

    def poll() -> None:
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and not found:
                found.append(widget)
                step(widget)

    timer = QTimer(qapp, interval=50)
    timer.timeout.connect(poll)
    timer.start()
    QTimer.singleShot(GIVE_UP_MS, lambda: timer.isActive() and qapp.quit())
    return found, timer


def test_an_out_of_reach_start_opens_the_window_on_the_copy_and_its_work_syncs(
    qapp, qtbot, monkeypatch, taken, taker, unreachable
):
    seen: list[str] = []
    _answer_start_dialogs(monkeypatch, qtbot, [offline_start.COPY], seen)
    looked: dict = {}

    def on_copy(window: MainWindow) -> None:
        looked["band"] = window.connection_band.text()
        looked["home"] = window.current_area()
        looked["reconnect shown"] = window.connection_band.reconnect_button.isVisible()
        notes = {key: window.page(key) for key in window.area_keys if key != "cases"}
        looked["notes"] = {key: page.note.text() for key, page in notes.items() if isinstance(page, AreaNote)}
        cases = window.page("cases")
        qtbot.waitUntil(lambda: cases.is_loaded, timeout=20_000)
        looked["rows"] = [cases.cases.model.row(r).case_reference for r in range(cases.cases.model.rowCount())]
        looked["take offered"] = cases.cases.take_offline_button.isVisible()
        case_page = window.open_case_page(CaseRef(taken.case_id, taken.reference, "Mensah"))
        for key in case_page.section_keys():
            case_page.show_section(key)
        qtbot.wait(500)  # each section reads in the background
        looked["case page"] = case_page.banner.text()
        looked["requests"] = case_page.show_section("requests").note.text()
        looked["notes section"] = type(case_page.show_section("notes")).__name__
        _shot(case_page, "offline-case-page")
        case_page.close()
        open_row(qtbot, cases)
        box = cases.workspace.editor.family_tab.texts["strengths"]
        box.selectAll()  # typed over what the plan said
        qtbot.keyClicks(box, "Offline: the school nurse visits.")
        wait_saved(qtbot, cases.workspace)
        _shot(window, "offline-plan")
        cases.show_list()
        window.server_back()
        looked["back"] = window.connection_band.text()
        looked["keyboard"] = keyboard_problems(window)  # the band's Reconnect button among the stops
        _shot(window, "offline-window")
        window.show_area("meetings")
        _shot(window, "offline-meetings")
        window.close()

    found, timer = _on_window(qapp, on_copy)
    try:
        assert run_gui(str(unreachable), USERNAME) == 0
    finally:
        timer.stop()
    assert found, "the window never opened on the copy"
    assert seen == ["copy offered", seen[1]] and "does not open this offline copy" in seen[1]
    assert looked["band"].startswith("Working offline since ")
    assert looked["band"].endswith("— changes will be sent when you reconnect")
    assert looked["home"] == "cases" and looked["rows"] == [taken.reference] and not looked["take offered"]
    assert not looked["reconnect shown"] and "can be reached again" in looked["back"]
    assert looked["keyboard"] == []
    assert set(looked["notes"]) >= {"intake", "meetings", "documents", "directory", "reports"}
    assert all(text.startswith("Not available while working offline — ") for text in looked["notes"].values())
    assert "decisions" in looked["notes"]["meetings"]
    assert looked["case page"] == "" and looked["requests"].startswith("Not available while working offline")
    assert looked["notes section"] != "AreaNote"
    # Kept in the copy, then sent to the server.
    assert server_plan(taken, taker).content.strengths != "Offline: the school nurse visits."
    [done] = OfflineSyncService(taken.db, taker).sync(taken.copy_path, PASSWORD, lambda c: None)
    assert done.state == "synced" and done.sent == ["the plan"]
    assert server_plan(taken, taker).content.strengths == "Offline: the school nurse visits."


def test_reconnect_leaves_the_copy_and_asks_the_server_again(qapp, qtbot, monkeypatch, taken, unreachable):
    seen: list[str] = []
    _answer_start_dialogs(monkeypatch, qtbot, [offline_start.COPY, offline_start.QUIT], seen)

    def reconnect(window: MainWindow) -> None:
        window.server_back()
        window.connection_band.reconnect_button.click()

    found, timer = _on_window(qapp, reconnect)
    try:
        assert run_gui(str(unreachable), USERNAME) == 0
    finally:
        timer.stop()
    assert found and len(seen) == 3  # the copy offered, one wrong password, then asked again: quit
    assert (
        json.loads(store.OfflineCopy.open(taken.copy_path, PASSWORD).setting("actor") or "{}")["username"] == USERNAME
    )


def _shot(widget, name: str, size: tuple[int, int] | None = (1366, 768)) -> None:
    import os

    folder = os.environ.get(SHOTS)
    if folder:
        if size is None:
            widget.adjustSize()
        else:
            widget.resize(*size)
        for _ in range(3):  # the layout follows the new size
            QApplication.processEvents()
        widget.grab().save(f"{folder}/{name}.png")
