"""Drafts save themselves: to this computer at once, to the database after a
pause in typing. Nothing typed is lost to a killed process or to a database
out of reach, and a draft changed elsewhere meanwhile is not overwritten
without asking."""

# ruff: noqa: F811 (the fixtures imported from tests/plans and tests/meetings are parameters here)
from __future__ import annotations

import dataclasses
import os
import select
import signal
import subprocess
import sys
import textwrap

import pytest
from plan_helpers import TODAY, journal, member, open_cases, open_row, wait_saved
from PySide6.QtCore import Qt
from sqlalchemy.exc import OperationalError

from tafdesk.db.errors import DatabaseUnreachable
from tafdesk.services.draft_journal import DraftJournal
from tafdesk.services.plans import PlanService
from tafdesk.ui.plans import autosave
from tafdesk.ui.plans.autosave import OFFLINE_TEXT, SaveState
from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)

TYPED = "Adaeze: we sort things out together now."

# Opens the plan in the editor, offscreen, types into Strengths, says so once the text is where the test
# expects it (only in the journal: the database save held back; or saved to the database: its signal),
# and waits to be killed. No timer races the autosave's own.
EDITOR = textwrap.dedent("""
    import datetime as dt, sys, uuid
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QUndoStack
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from tafdesk.db import Database
    from tafdesk.models import Role
    from tafdesk.services.actor import Actor
    from tafdesk.ui.plans import autosave
    from tafdesk.ui.plans.page import build_cases_page

    url, professional, typed, kept_in, keys = sys.argv[1:6]
    import keyring
    from pathlib import Path
    from tests.file_keyring import FileKeyring
    keyring.set_keyring(FileKeyring(Path(keys)))  # the test's keyring: it reads the journal after the kill
    app = QApplication([])
    if kept_in == "journal":
        autosave.DELAY_MS = 3_600_000  # the kill comes long before the database save would
    actor = Actor(None, "Tomas Okafor", Role.LEAD_PROFESSIONAL, professional_id=uuid.UUID(professional))
    page = build_cases_page(Database(url), actor, QUndoStack(), today=dt.date(2026, 12, 2))
    page.resize(1280, 800)

    def type_in_it():
        page.workspace.shown.disconnect(type_in_it)
        box = page.workspace.editor.family_tab.texts["strengths"]
        box.setFocus()
        box.moveCursor(box.textCursor().MoveOperation.End)
        say = lambda *_: print("typed", flush=True)
        if kept_in == "journal":
            QTest.keyClicks(box, " " + typed)  # each keystroke is in the journal once it returns
            QTimer.singleShot(0, say)
        else:
            saver = page.workspace.editor.autosaver
            saver.saved.connect(lambda *_: saver.pending or say())  # all of it, not a save begun mid-word
            QTest.keyClicks(box, " " + typed)

    def open_it():
        page.loaded.disconnect(open_it)
        page.workspace.shown.connect(type_in_it)
        page.cases.open_current()

    page.loaded.connect(open_it)
    page.show()
    app.exec()
""")


def _started(council, actor):
    return PlanService(council.db, actor, today=TODAY).start(council.case_id)


@pytest.mark.parametrize("kept_in", ["journal", "database"])
def test_typed_text_survives_a_kill(qtbot, allocated, undo_stack, kept_in, file_keyring):
    lead = member(allocated, "Tomas Okafor")
    plan = _started(allocated, lead)
    before = plan.content.strengths or ""
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            EDITOR,
            str(allocated.db.url),
            str(lead.professional_id),
            TYPED,
            kept_in,
            str(file_keyring.path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "the editor never said it had typed"
        assert process.stdout.readline().strip() == "typed", process.stderr.read()[-2000:]
    finally:
        process.send_signal(signal.SIGKILL)  # no Save pressed, no chance to tidy up
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    wanted = f"{before} {TYPED}".strip()
    service = PlanService(allocated.db, lead, today=TODAY)
    kept = DraftJournal().read(plan.id)  # the same folder the killed editor used (TAFDESK_HOME)
    if kept_in == "journal":
        assert kept is not None and kept.content.strengths.strip() == wanted and kept.base_version == plan.row_version
        assert service.current(allocated.case_id).content.strengths == plan.content.strengths
    else:
        assert kept is None
        assert service.current(allocated.case_id).content.strengths.strip() == wanted

    # Opened again: the text is there, and the database has it.
    page = open_cases(qtbot, allocated.db, lead, undo_stack, DraftJournal())
    open_row(qtbot, page)
    box = page.workspace.editor.family_tab.texts["strengths"]
    assert box.toPlainText().strip() == wanted
    wait_saved(qtbot, page.workspace)
    assert service.current(allocated.case_id).content.strengths.strip() == wanted
    assert DraftJournal().read(plan.id) is None


@pytest.mark.parametrize(
    "failure",
    [
        DatabaseUnreachable("The database server did not answer."),
        OperationalError("UPDATE taf_plan SET …", {}, Exception("unable to open database file")),
    ],
)
def test_the_journal_takes_over_when_the_database_is_out_of_reach(
    qtbot, allocated, undo_stack, tmp_path, monkeypatch, failure
):
    lead = member(allocated, "Tomas Okafor")
    plan = _started(allocated, lead)
    drafts = journal(tmp_path)
    monkeypatch.setattr(autosave, "RETRY_MS", 300)
    page = open_cases(qtbot, allocated.db, lead, undo_stack, drafts)
    open_row(qtbot, page)
    workspace = page.workspace

    def unreachable(*_args, **_kwargs):
        raise failure

    real_save = PlanService.save_draft
    monkeypatch.setattr(PlanService, "save_draft", unreachable)
    box = workspace.editor.family_tab.texts["voice_of_child"]
    qtbot.keyClicks(box, "Tobi: I like my new teacher.")
    saver = workspace.editor.autosaver
    qtbot.waitUntil(lambda: saver.state is SaveState.LOCAL, timeout=10_000)
    assert workspace.save_state.text() == f"● {OFFLINE_TEXT}"
    assert drafts.read(plan.id).content.voice_of_child == "Tobi: I like my new teacher."
    service = PlanService(allocated.db, lead, today=TODAY)
    assert service.current(allocated.case_id).content.voice_of_child is None
    assert page.confirm_close()  # closing loses nothing: the draft waits on this computer
    assert drafts.read(plan.id) is not None

    # The database is back: the next attempt saves it, and the journal's copy goes.
    monkeypatch.setattr(PlanService, "save_draft", real_save)
    saver.changed()  # as a further keystroke would; otherwise the retry timer does it
    wait_saved(qtbot, workspace)
    assert service.current(allocated.case_id).content.voice_of_child == "Tobi: I like my new teacher."
    assert drafts.read(plan.id) is None and workspace.save_state.text() == "✓ Saved"


def test_the_retry_timer_saves_once_the_database_is_back(qtbot, allocated, undo_stack, tmp_path, monkeypatch):
    lead = member(allocated, "Tomas Okafor")
    plan = _started(allocated, lead)
    drafts = journal(tmp_path)
    monkeypatch.setattr(autosave, "RETRY_MS", 200)
    page = open_cases(qtbot, allocated.db, lead, undo_stack, drafts)
    open_row(qtbot, page)
    real_save, calls = PlanService.save_draft, []

    def flaky(self, *args):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseUnreachable("no network")
        return real_save(self, *args)

    monkeypatch.setattr(PlanService, "save_draft", flaky)
    qtbot.keyClicks(page.workspace.editor.family_tab.texts["voice_of_child"], "Tobi: football on Saturdays")
    wait_saved(qtbot, page.workspace)
    assert len(calls) == 2 and drafts.read(plan.id) is None
    service = PlanService(allocated.db, lead, today=TODAY)
    assert service.current(allocated.case_id).content.voice_of_child == "Tobi: football on Saturdays"


def test_a_draft_on_this_computer_changed_elsewhere_since_is_kept_only_if_chosen(
    qtbot, allocated, undo_stack, tmp_path
):
    lead = member(allocated, "Tomas Okafor")
    plan = _started(allocated, lead)
    drafts = journal(tmp_path)
    drafts.write(plan.id, plan.row_version, dataclasses.replace(plan.content, strengths="Written offline"))
    ruth = PlanService(allocated.db, member(allocated, "Ruth Adeyemi"), today=TODAY)
    ruth.save_draft(plan.id, plan.row_version, dataclasses.replace(plan.content, strengths="Written by Ruth"))

    page = open_cases(qtbot, allocated.db, lead, undo_stack, drafts)
    asked = []
    page.workspace.ask_keep_draft = lambda title, text: asked.append(text) or True
    open_row(qtbot, page)
    assert asked and "changed in the database" in asked[0]
    wait_saved(qtbot, page.workspace)
    assert ruth.current(allocated.case_id).content.strengths == "Written offline"
    assert drafts.read(plan.id) is None


def test_someone_else_saving_meanwhile_reloads_and_asks(qtbot, allocated, undo_stack, tmp_path, messages):
    lead = member(allocated, "Tomas Okafor")
    plan = _started(allocated, lead)
    drafts = journal(tmp_path)
    page = open_cases(qtbot, allocated.db, lead, undo_stack, drafts)
    page.workspace.ask_keep_draft = lambda title, text: False  # keep what is in the database
    open_row(qtbot, page)
    ruth = PlanService(allocated.db, member(allocated, "Ruth Adeyemi"), today=TODAY)
    ruth.save_draft(plan.id, plan.row_version, dataclasses.replace(plan.content, strengths="Written by Ruth"))

    with qtbot.waitSignal(page.workspace.shown, timeout=10_000):
        qtbot.keyClicks(page.workspace.editor.family_tab.texts["voice_of_child"], "Typed here")
    assert messages == []  # said in the plan's band and the status bar, not a modal box
    assert page.workspace.editor.family_tab.texts["strengths"].toPlainText() == "Written by Ruth"
    assert page.workspace.editor.family_tab.texts["voice_of_child"].toPlainText() == ""
    assert drafts.read(plan.id) is None
    assert "set aside" in page.workspace.band.text()


def test_undo_of_typing_is_saved_like_any_edit(qtbot, allocated, undo_stack, tmp_path):
    lead = member(allocated, "Tomas Okafor")
    _started(allocated, lead)
    page = open_cases(qtbot, allocated.db, lead, undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    box = page.workspace.editor.family_tab.texts["voice_of_child"]
    qtbot.keyClicks(box, "First words")
    assert undo_stack.count() == 1  # a burst of typing is one command
    assert undo_stack.undoText() == "Change voice of the child"
    wait_saved(qtbot, page.workspace)
    undo_stack.undo()
    assert box.toPlainText() == ""
    wait_saved(qtbot, page.workspace)
    service = PlanService(allocated.db, lead, today=TODAY)
    assert service.current(allocated.case_id).content.voice_of_child is None
    qtbot.keyClick(box, Qt.Key.Key_A)
    assert undo_stack.count() == 1 and box.toPlainText() == "a"  # the undone command made way for the new one


def test_a_draft_the_rules_refuse_is_shown_at_the_cell_not_as_an_outage(qtbot, allocated, undo_stack, tmp_path):
    import datetime as dt
    import uuid

    from plan_helpers import choose_in_cell

    from tafdesk.plans.content import ActionItem
    from tafdesk.ui.plans import actions_model as am

    lead = member(allocated, "Tomas Okafor")
    service = PlanService(allocated.db, lead, today=TODAY)
    plan = _started(allocated, lead)
    action = ActionItem(
        uuid.uuid4(),
        "Walk Tobi to school",
        plan.content.outcomes[0].id,
        None,
        starts_on=dt.date(2027, 1, 4),
        due_on=dt.date(2027, 1, 29),
        measure="Attendance over 90%",
    )
    service.save_draft(plan.id, plan.row_version, dataclasses.replace(plan.content, actions=(action,)))
    page = open_cases(qtbot, allocated.db, lead, undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    workspace = page.workspace
    workspace.tabs.setCurrentWidget(workspace.editor.actions)
    model = workspace.editor.actions_model

    choose_in_cell(qtbot, workspace.editor.actions.table, model.index(0, am.COL_DUE), dt.date(2026, 12, 20))

    saver = workspace.editor.autosaver
    qtbot.waitUntil(lambda: saver.state is SaveState.REFUSED, timeout=10_000)
    assert "before it starts" in saver.text and OFFLINE_TEXT not in workspace.save_state.text()
    assert "before it starts" in model.index(0, am.COL_DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert not saver._retry.isActive()  # nothing to wait for: the user mends it
