"""A sync killed (kill -9) at a point of its run, then run again: the same result."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from tafdesk.models import CaseNote, NoteType
from tafdesk.services.case_notes import NoteInput
from tafdesk.services.offline_sync import SENDING, OfflineSyncService
from tafdesk.services.offline_take import copy_status
from tafdesk.services.plans import PlanService
from tests.conftest import db_argument
from tests.offline.conftest import PASSWORD
from tests.offline.test_many_cases import two_cases  # noqa: F401 (fixture)
from tests.offline.test_sync import edit, offline, server_plan, sync, taken  # noqa: F401 (fixture)
from tests.plans.test_plan_service import TODAY

SCRIPT = """
import sys, uuid
from pathlib import Path
from tafdesk.db import Database
from tafdesk.models import Role
from tafdesk.services.actor import Actor
from tafdesk.services.offline_sync import SENDING, OfflineSyncService
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


def test_syncs_killed_at_random_moments_then_run_again_leave_each_case_whole(two_cases, lead, tmp_path):  # noqa: F811
    """Rounds of work on two cases, each synced by a process killed (kill -9)
    at a random moment of its sending (seeded, so a failure can be replayed),
    then checked: each case on the server has all of the round's work or
    none of it, the copy still opens; then the sync run again gives the
    whole round, each note once, and nothing left to send."""
    rng = random.Random(20261207)
    world, cases = two_cases, (two_cases.case_id, two_cases.second_id)
    for round_ in range(4):
        with offline(world, lead) as (plans, notes):
            for case_id in cases:
                edit(plans, case_id, voice_of_child=f"Offline words {round_}.")
                notes.add(case_id, NoteInput(TODAY, NoteType.HOME_VISIT, f"Seen at home, round {round_}."))
        for case_id in cases:
            edit(PlanService(world.db, lead, today=TODAY), case_id, strengths=f"Server words {round_}.")
        _killed_sync(world, tmp_path / f"sending{round_}", rng.uniform(0, 0.3))  # sending both takes about 0.3 s
        for case_id in cases:  # each case all of the round's work or none (_round_sent checks)
            _round_sent(world, lead, case_id, round_)
        assert copy_status(world.copy_path, PASSWORD).cases  # the copy still opens
        done = OfflineSyncService(world.db, lead).sync(world.copy_path, PASSWORD, lambda c: None)
        assert [o.state for o in done] == ["synced", "synced"]
        for case_id in cases:
            assert _round_sent(world, lead, case_id, round_)
            with world.db.reader() as s:
                summaries = s.scalars(select(CaseNote.summary).where(CaseNote.case_id == case_id)).all()
            assert sorted(summaries) == [f"Seen at home, round {r}." for r in range(round_ + 1)]  # each once
        held = copy_status(world.copy_path, PASSWORD).cases
        assert [(c.state, c.pending.any) for c in held] == [("synced", False)] * 2


def _killed_sync(world, sending, after_s: float) -> None:
    """A sync in a process of its own, killed `after_s` after it began to send."""
    args = [db_argument(world.db), str(world.copy_path), str(world.people["Tomas Okafor"]), PASSWORD]
    env = {**os.environ, SENDING: str(sending), "PYTHONPATH": os.getcwd()}
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, *args], env=env)
    try:
        deadline = time.monotonic() + 60
        while not sending.exists() and process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(after_s)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


def _round_sent(world, lead, case_id, round_) -> bool:
    """Whether the server has the round's offline work on the case: its plan
    change and its note together (one transaction), with the server's own."""
    plan = PlanService(world.db, lead, today=TODAY).current(case_id)
    with world.db.reader() as s:
        noted = s.scalars(
            select(CaseNote.id).where(CaseNote.case_id == case_id, CaseNote.summary == f"Seen at home, round {round_}.")
        ).all()
    assert plan.content.strengths == f"Server words {round_}."  # the server's own change is never undone
    assert len(noted) <= 1
    sent = plan.content.voice_of_child == f"Offline words {round_}."
    assert sent == bool(noted), "half a case arrived"
    return sent
