"""Ranking and proposals on the database's facts, and crash safety."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

from sqlalchemy import select

from tafdesk.models import Case, CaseStatus, Decision, DecisionOutcome
from tafdesk.services.allocation import AllocationService
from tafdesk.services.decisions import DecisionInput, DecisionService
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW


def test_ranking_explains_the_worker_already_involved(world):
    allocation = AllocationService(world.db, CHAIR).for_meeting(world.meeting_id)
    first = next(iter(allocation.facts))
    ranked = allocation.rank(first)
    best = ranked[0]
    assert best.candidate.name == "Tomas Okafor"
    texts = [r.text for r in best.reasons]
    assert "already working with Tobi (Education Welfare, current)" in texts
    assert "specialisms match education" in texts
    full = next(r for r in ranked if r.candidate.name == "Full Person")
    assert not full.eligible and full.blocked.startswith("would be at")


def test_proposal_covers_the_agenda_and_is_not_worse_than_greedy(world):
    allocation = AllocationService(world.db, CHAIR).for_meeting(world.meeting_id)
    leads, best, simple = allocation.proposal()
    assert set(leads) == set(allocation.facts)
    assert all(lead is not None for lead in leads.values())
    assert best.total >= simple.total
    assert "Full Person" not in {lead.name for lead in leads.values()}


def test_balance_moves_when_a_decision_is_made(world):
    service = AllocationService(world.db, CHAIR)
    before = service.for_meeting(world.meeting_id)
    case_id = next(iter(before.facts))
    load_before = before.balance().by_agency["Education Welfare"].load
    item_id = _item_for(world, case_id)
    DecisionService(world.db, CHAIR, now=AT_MEETING).decide(
        item_id, DecisionInput(DecisionOutcome.ALLOCATE_LEAD, world.people["Tomas Okafor"], rationale="Best placed.")
    )
    after = service.for_meeting(world.meeting_id)
    assert after.balance().by_agency["Education Welfare"].load == load_before + before.facts[case_id].weight
    assert case_id not in after.facts  # decided items leave the pending set
    assert after.pool.agency_share == {_agency(after, "Education Welfare"): 1.0}


def _agency(allocation, name):
    return next(c.agency for c in allocation.pool.candidates if c.agency_name == name)


def _item_for(world, case_id):
    from tafdesk.services.meetings import MeetingService

    return next(
        r.id for r in MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda if r.case_id == case_id
    )


def test_a_killed_process_loses_no_confirmed_decision(world, tmp_path):
    """A decision confirmed in another process survives that process being killed at once."""
    item_id = _item_for(world, world.cases[0])
    script = textwrap.dedent(f"""
        import os, signal, uuid
        from tafdesk.db import Database
        from tafdesk.models import DecisionOutcome, Role
        from tafdesk.services.actor import Actor
        from tafdesk.services.decisions import DecisionInput, DecisionService
        db = Database({str(world.db.url)!r})
        chair = Actor(None, "Chair", Role.LOCALITY_MANAGER, localities=None)
        DecisionService(db, chair).decide(uuid.UUID({str(item_id)!r}), DecisionInput(
            DecisionOutcome.ALLOCATE_LEAD, uuid.UUID({str(world.people["Tomas Okafor"])!r}), rationale="Confirmed."))
        print("confirmed", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL and result.stdout.strip() == "confirmed", result.stderr
    with world.db.reader() as s:
        assert s.scalar(select(Decision.rationale)) == "Confirmed."
        assert s.get(Case, world.cases[0]).status is CaseStatus.TAF_OPEN


def test_an_open_case_without_a_profile_has_a_summary_from_its_family_and_plan(tmp_path):
    """Cases from before 360° profiles were kept still come back for review."""
    import datetime as dt

    from tafdesk.db import Database
    from tafdesk.db.location import resolve_url
    from tafdesk.db.schema import upgrade_schema
    from tafdesk.demo import generate
    from tafdesk.models import Case, CaseStatus, ReviewFlag, Role
    from tafdesk.services.actor import Actor
    from tafdesk.services.intake_queue import IntakeQueueService

    url = resolve_url(str(tmp_path / "demo.sqlite"))
    upgrade_schema(url)
    db = Database(url)
    generate(db, families=40, seed=3, today=dt.date(2026, 11, 25))
    with db.session() as s:
        case = s.scalars(select(Case).where(Case.status == CaseStatus.TAF_OPEN)).first()
        case.review_flag, case.review_note = ReviewFlag.BLOCKAGE, "School will not share attendance."
        case_id = case.id
    summary = IntakeQueueService(
        db, Actor(None, "Chair", Role.LOCALITY_MANAGER, localities=None), today=dt.date(2026, 11, 25)
    ).summary(case_id)
    assert summary.pathway is None and summary.profile_ref == ""
    assert summary.members and all(m.name for m in summary.members)
    assert summary.rationale == "School will not share attendance."
    db.dispose()
