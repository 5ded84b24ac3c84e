"""Two chairs, two computers, one professional with room for one more case;
two planners pressing "plan the next four weeks" at once; two chairs on the
same agenda item. Each race is run by real processes released by a barrier."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from tafdesk.models import AgendaItem, Case, CaseStatus, Meeting, Professional
from tafdesk.services.allocation import AllocationService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.intake import IntakeService
from tests.conftest import db_argument
from tests.meetings.conftest import AT_MEETING, CHAIR, CLERK, NOW, _family
from tests.races.harness import outcome, run_together

ROUNDS = 4


def _decide_each_round(barrier, rounds, database, items, lead_ids):
    from tafdesk.db import Database
    from tafdesk.models import DecisionOutcome
    from tafdesk.services.decisions import DecisionInput, DecisionService

    service = DecisionService(Database(database), CHAIR, now=AT_MEETING)
    results = []
    for round_ in range(rounds):
        choice = DecisionInput(DecisionOutcome.ALLOCATE_LEAD, lead_ids[round_], rationale="Best placed.")
        barrier.wait()
        results.append(outcome(service.decide, items[round_], choice))
    return results


def _agenda_items(world, case_ids) -> list:
    with world.db.reader() as s:
        by_case = dict(
            s.execute(select(AgendaItem.case_id, AgendaItem.id).where(AgendaItem.meeting_id == world.meeting_id)).all()
        )
    return [by_case[c] for c in case_ids]


def _more_families(world, count: int) -> list:
    intake = IntakeService(world.db, CLERK)
    for n in range(count):
        intake.import_document(_family(10 + n, f"Racer{chr(65 + n)}"), f"racer{n}.json")
    with world.db.reader() as s:
        waiting = list(
            s.scalars(select(Case.id).where(Case.status == CaseStatus.AWAITING_TRIAGE).order_by(Case.reference))
        )
    door = FrontDoorService(world.db, CLERK, now=NOW)
    for case_id in waiting:
        door.send_to_meeting(case_id)
    return waiting


def _worker_with_room_for_one(world, weights: tuple[float, float], n: int):
    """A professional whose headroom takes either case but not both."""
    with world.db.session() as s:
        person = Professional(
            agency_id=world.agencies["Youth Service"],
            locality_id=_locality(s, world),
            given_name="Round",
            family_name=f"Worker{n}",
            job_title="Youth Worker",
            fte=1.0,
            capacity=max(weights) + min(weights) / 2,
        )
        s.add(person)
    return person.id


def _locality(s, world):
    return s.scalar(select(Meeting.locality_id).where(Meeting.id == world.meeting_id))


def test_two_chairs_cannot_both_fill_the_last_room(world):
    cases = _more_families(world, 2 * ROUNDS)
    facts = AllocationService(world.db, CHAIR).for_meeting(world.meeting_id).facts
    firsts, seconds = cases[:ROUNDS], cases[ROUNDS:]
    leads = [
        _worker_with_room_for_one(world, (facts[a].weight, facts[b].weight), n)
        for n, (a, b) in enumerate(zip(firsts, seconds))
    ]
    database = db_argument(world.db)

    one, other = run_together(
        _decide_each_round,
        [
            (database, _agenda_items(world, firsts), leads),
            (database, _agenda_items(world, seconds), leads),
        ],
        rounds=ROUNDS,
    )

    for round_, pair in enumerate(zip(one, other)):
        kinds = sorted(kind for kind, _ in pair)
        assert kinds == ["ValidationError", "ok"], f"round {round_}: {pair}"
        refused = next(message for kind, message in pair if kind == "ValidationError")
        assert "would be at" in refused and "capacity" in refused
    with world.db.reader() as s:
        led = dict(
            s.execute(
                select(Case.lead_professional_id, func.count())
                .where(Case.lead_professional_id.in_(leads))
                .group_by(Case.lead_professional_id)
            ).all()
        )
    assert led == dict.fromkeys(leads, 1)


def test_two_chairs_deciding_the_same_item_get_one_decision_and_a_plain_refusal(world):
    cases = _more_families(world, ROUNDS)
    items = _agenda_items(world, cases)
    lead = world.people["Tomas Okafor"]
    database = db_argument(world.db)

    one, other = run_together(_decide_each_round, [(database, items, [lead] * ROUNDS)] * 2, rounds=ROUNDS)

    for round_, pair in enumerate(zip(one, other)):
        kinds = sorted(kind for kind, _ in pair)
        assert kinds == ["ConflictError", "ok"], f"round {round_}: {pair}"
        assert "already been decided" in next(message for kind, message in pair if kind == "ConflictError")


def _plan_weeks(barrier, rounds, database, now):
    from tafdesk.db import Database
    from tafdesk.services.meetings import MeetingService

    results = []
    for round_ in range(rounds):
        service = MeetingService(Database(database), CHAIR, now=now + dt.timedelta(weeks=4 * round_))
        barrier.wait()
        results.append(outcome(service.schedule, 4))
    return results


def test_planning_the_weeks_twice_at_once_makes_each_meeting_once(world):
    database = db_argument(world.db)
    later = NOW + dt.timedelta(weeks=1)

    one, other = run_together(_plan_weeks, [(database, later)] * 2, rounds=ROUNDS)

    assert all(kind == "ok" for kind, _ in one + other), one + other
    with world.db.reader() as s:
        starts = list(s.scalars(select(Meeting.starts_at)))
    assert len(starts) == len(set(starts))
    assert sum(n for _, n in one + other) == len(starts) - 1  # all but the world's own meeting
