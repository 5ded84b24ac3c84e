"""A sync killed (kill -9) at a point of its run, then run again: the same result."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from tafdesk.models import CaseNote, NoteType
from tafdesk.services.case_notes import NoteInput
from tafdesk.services.offline_take import copy_status
from tafdesk.services.plans import PlanService
from tests.conftest import db_argument
from tests.offline.conftest import PASSWORD
from tests.offline.test_sync import edit, offline, server_plan, sync, taken  # noqa: F401 (fixture)
from tests.plans.test_plan_service import TODAY

SCRIPT = """
import sys, uuid
from pathlib import Path
from tafdesk.db import Database
from tafdesk.models import Role
from tafdesk.services.actor import Actor
from tafdesk.services.offline_sync import OfflineSyncService
db_arg, copy, professional, password = sys.argv[1:5]
lead = Actor(None, "Tomas Okafor", Role.LEAD_PROFESSIONAL, professional_id=uuid.UUID(professional))
OfflineSyncService(Database(db_arg), lead).sync(Path(copy), password, lambda c: None)
"""


@pytest.mark.parametrize("point", ["case", "before-commit", "sent"])
def test_a_sync_killed_at_any_point_and_run_again_sends_everything_once(taken, lead, tmp_path, point):  # noqa: F811
    with offline(taken, lead) as (plans, notes):
        edit(plans, taken.case_id, voice_of_child="Offline words.")
        notes.add(taken.case_id, NoteInput(TODAY, NoteType.HOME_VISIT, "Seen at home."))
    edit(PlanService(taken.db, lead, today=TODAY), taken.case_id, strengths="Server words.")
    marker = tmp_path / "marker"
    env = {**os.environ, "TAFDESK_OFFLINE_SYNC_BARRIER": f"{point}:{marker}", "PYTHONPATH": os.getcwd()}
    args = [db_argument(taken.db), str(taken.copy_path), str(taken.people["Tomas Okafor"]), PASSWORD]
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, *args], env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None, "the sync ended before reaching its barrier"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    for _ in range(2):  # run again, and once more: nothing changes the second time
        [done] = sync(taken, lead)
        assert done.state == "synced"
        plan = server_plan(taken, lead)
        assert (plan.content.voice_of_child, plan.content.strengths) == ("Offline words.", "Server words.")
        with taken.db.reader() as s:
            assert s.scalars(select(CaseNote.summary).where(CaseNote.case_id == taken.case_id)).all() == [
                "Seen at home."
            ]
        [held] = copy_status(taken.copy_path, PASSWORD).cases
        assert (held.state, held.pending.any) == ("synced", False)
