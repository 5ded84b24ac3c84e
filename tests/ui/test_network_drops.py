"""The network drops under the plan editor (a proxy the test black-holes):
nothing typed is lost, the status says the server is out of reach within
ten seconds and is saved once it is back; quitting then never waits on the
network."""

# ruff: noqa: F811 (the fixtures imported from tests/plans and tests/meetings are parameters here)
from __future__ import annotations

import os
import select
import subprocess
import sys
import textwrap
import time

import pytest
from plan_helpers import TODAY, journal, member, open_cases, open_row, wait_saved

from tafdesk.db import Database
from tafdesk.db.connection_watch import watch_connection
from tafdesk.services.draft_journal import DraftJournal
from tafdesk.services.plans import PlanService
from tafdesk.ui.connection import ConnectionBand, ConnectionSignal
from tafdesk.ui.plans.autosave import OFFLINE_TEXT, SaveState
from tests.conftest import BACKEND
from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.network.conftest import proxy  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)

pytestmark = pytest.mark.skipif(
    BACKEND != "postgresql", reason="a server's network (run with TAFDESK_TEST_BACKEND=postgresql)"
)

OFFLINE_WITHIN_MS = 10_000
QUIT_WITHIN_S = 3.0


def test_a_drop_while_typing_loses_nothing_and_is_said(qtbot, allocated, undo_stack, tmp_path, proxy):
    lead = member(allocated, "Tomas Okafor")
    plan = PlanService(allocated.db, lead, today=TODAY).start(allocated.case_id)
    database = Database(proxy.url(allocated.db.url))
    band = ConnectionBand()
    qtbot.addWidget(band)
    ConnectionSignal(database.reachability, band).changed.connect(band.show_state)
    drafts = journal(tmp_path)
    page = open_cases(qtbot, database, lead, undo_stack, drafts)
    watcher = watch_connection(database)
    try:
        open_row(qtbot, page)
        workspace = page.workspace
        saver = workspace.editor.autosaver
        box = workspace.editor.family_tab.texts["strengths"]
        box.selectAll()  # typed over what the plan said
        qtbot.keyClicks(box, "Before the drop.")
        wait_saved(qtbot, workspace)

        proxy.black_hole()
        qtbot.keyClicks(box, " Typed in a house with no signal.")
        qtbot.waitUntil(lambda: saver.state is SaveState.LOCAL, timeout=OFFLINE_WITHIN_MS)
        assert workspace.save_state.text() == f"● {OFFLINE_TEXT}"
        assert band.text().startswith("The server cannot be reached since ")
        kept = drafts.read(plan.id)
        assert kept is not None and kept.content.strengths == "Before the drop. Typed in a house with no signal."
        assert kept.label == plan.case_reference  # the offline drafts viewer names it
        qtbot.keyClicks(box, " And more.")  # offline now: straight to this computer, no "Saving…"
        assert saver.state is SaveState.LOCAL

        proxy.restore()
        qtbot.waitUntil(lambda: band.text() == "", timeout=OFFLINE_WITHIN_MS)
        wait_saved(qtbot, workspace)
        wanted = "Before the drop. Typed in a house with no signal. And more."
        assert PlanService(allocated.db, lead, today=TODAY).current(allocated.case_id).content.strengths == wanted
        assert drafts.read(plan.id) is None
    finally:
        watcher.stop()
        database.dispose()


# The plan editor over the proxy: types and says so once the database has it; told "close" (the network
# black-holed by then), types more and closes as the window does (ui/app.py's sequence), then exits.
EDITOR = textwrap.dedent("""
    import datetime as dt, sys, time, uuid
    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtGui import QUndoStack
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from tafdesk.db import Database
    from tafdesk.db.connection_watch import watch_connection
    from tafdesk.models import Role
    from tafdesk.services.actor import Actor
    from tafdesk.services.draft_journal import DraftJournal
    from tafdesk.ui.app import leave_now
    from tafdesk.ui.background import wait_for_background_work
    from tafdesk.ui.plans.page import build_cases_page

    url, professional, drafts = sys.argv[1:4]
    from pathlib import Path
    app = QApplication([])
    database = Database(url)
    actor = Actor(None, "Tomas Okafor", Role.LEAD_PROFESSIONAL, professional_id=uuid.UUID(professional))
    page = build_cases_page(database, actor, QUndoStack(), journal=DraftJournal(Path(drafts), key=b"k" * 32),
                            today=dt.date(2026, 12, 2))
    page.resize(1280, 800)
    watcher = watch_connection(database)

    def box():
        return page.workspace.editor.family_tab.texts["strengths"]

    def type_in_it():
        page.workspace.shown.disconnect(type_in_it)
        saver = page.workspace.editor.autosaver
        saver.saved.connect(lambda *_: saver.pending or print("typed", flush=True))
        box().setFocus()
        box().selectAll()
        QTest.keyClicks(box(), "Saved before the drop.")

    def open_it():
        page.loaded.disconnect(open_it)
        page.workspace.shown.connect(type_in_it)
        page.cases.open_current()

    def close():
        notifier.setEnabled(False)
        sys.stdin.readline()
        QTest.keyClicks(box(), " Typed as the network went.")
        QTimer.singleShot(800, shut)  # its save to the database is on its way, into the black hole

    def shut():
        print("closing", time.monotonic(), flush=True)
        page.confirm_close()  # what the window's closeEvent asks
        page.hide()
        watcher.stop(timeout=0.1)
        settled = wait_for_background_work()
        database.dispose()
        if not settled:
            leave_now(0)
        app.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(close)
    page.loaded.connect(open_it)
    page.show()
    app.exec()
""")


def test_quitting_while_black_holed_does_not_wait_on_the_network(allocated, proxy, tmp_path):
    lead = member(allocated, "Tomas Okafor")
    plan = PlanService(allocated.db, lead, today=TODAY).start(allocated.case_id)
    url = proxy.url(allocated.db.url).render_as_string(hide_password=False)
    env = {**os.environ, "PYTHONPATH": os.getcwd(), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-c", EDITOR, url, str(lead.professional_id), str(tmp_path / "drafts")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready and process.stdout.readline().strip() == "typed", process.stderr.read()[-2000:]
        proxy.black_hole()
        process.stdin.write("close\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 30)
        line = process.stdout.readline().split()
        assert ready and line[:1] == ["closing"], process.stderr.read()[-2000:]
        process.wait(timeout=30)
        exited = time.monotonic()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert exited - float(line[1]) < QUIT_WITHIN_S, f"quitting took {exited - float(line[1]):.1f} s"
    kept = DraftJournal(tmp_path / "drafts", key=b"k" * 32).read(plan.id)
    assert kept is not None and kept.content.strengths == "Saved before the drop. Typed as the network went."
