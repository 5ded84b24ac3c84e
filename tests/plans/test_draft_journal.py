"""Drafts kept on this computer survive a crash and come back whole."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from dataclasses import asdict

from tafdesk.models.enums import ActionStatus, NeedArea
from tafdesk.plans.content import ActionItem, OutcomeItem, Owner, PlanContent
from tafdesk.services.draft_journal import DraftJournal, TypedText, _plain

OUTCOME = OutcomeItem(uuid.uuid4(), NeedArea.HOUSING, "Rent arrears", "Arrears cleared")
CONTENT = PlanContent(
    voice_of_child="Zoë: I want my own room.",
    consent_confirmed_on=dt.date(2026, 11, 17),
    outcomes=(OUTCOME,),
    actions=(
        ActionItem(
            uuid.uuid4(),
            "Meet the housing officer",
            OUTCOME.id,
            Owner("agency", uuid.uuid4(), "Housing"),
            due_on=dt.date(2027, 1, 8),
            measure="Plan agreed",
            status=ActionStatus.DROPPED,
            dropped_reason="Moved",
        ),
    ),
)


def test_round_trip(tmp_path):
    journal = DraftJournal(tmp_path)
    plan_id = uuid.uuid4()
    before = dt.datetime.now(dt.UTC)
    journal.write(plan_id, 7, CONTENT)
    draft = journal.read(plan_id)
    assert (draft.base_version, draft.content, draft.typing) == (7, CONTENT, None)
    assert before <= draft.saved_at <= dt.datetime.now(dt.UTC)
    assert journal.pending() == [plan_id]
    journal.discard(plan_id)
    assert journal.read(plan_id) is None and journal.pending() == []


def test_text_being_typed_is_kept_beside_the_draft(tmp_path):
    journal = DraftJournal(tmp_path)
    plan_id = uuid.uuid4()
    typed = TypedText(CONTENT.actions[0].id, "measure", "Tenancy sustained for six months, rent paid on ti")
    journal.write(plan_id, 3, CONTENT, typed)
    draft = journal.read(plan_id)
    assert (draft.content, draft.typing) == (CONTENT, typed)


def test_a_plain_draft_from_before_encryption_is_read_once_and_kept_encrypted(tmp_path):
    journal = DraftJournal(tmp_path)
    plan_id = uuid.uuid4()
    data = {"base_version": 3, "content": asdict(CONTENT)}  # no typing, no saved_at: the oldest drafts
    (tmp_path / f"{plan_id}.json").write_text(json.dumps(data, default=_plain))  # as drafts were kept before encryption
    draft = journal.read(plan_id)
    assert (draft.base_version, draft.content, draft.saved_at, draft.typing) == (3, CONTENT, None, None)
    assert not (tmp_path / f"{plan_id}.json").exists()  # read once, now kept encrypted
    assert journal.read(plan_id).content == CONTENT


def test_damaged_draft_is_set_aside(tmp_path):
    journal = DraftJournal(tmp_path)
    plan_id = uuid.uuid4()
    journal.folder.mkdir(parents=True)
    (journal.folder / f"{plan_id}.draft").write_text("{ half a dra")
    assert journal.read(plan_id) is None
    assert (journal.folder / f"{plan_id}.damaged").exists()


def test_a_killed_writer_leaves_the_last_whole_draft(tmp_path):
    plan_id = uuid.uuid4()
    script = textwrap.dedent(f"""
        import dataclasses, os, signal, uuid
        from pathlib import Path
        from tafdesk.services.draft_journal import DraftJournal, TypedText, _plain
        from tests.plans.test_draft_journal import CONTENT
        journal = DraftJournal(Path({str(tmp_path)!r}), key=bytes(32))
        for n in range(200):
            journal.write(uuid.UUID({str(plan_id)!r}), n, dataclasses.replace(CONTENT, strengths=f"typed {{n}}"))
        print("written", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == -signal.SIGKILL and result.stdout.strip() == "written", result.stderr
    draft = DraftJournal(tmp_path, key=bytes(32)).read(plan_id)
    assert (draft.base_version, draft.content.strengths) == (199, "typed 199")
    assert not list(tmp_path.rglob("*.partial"))
