"""Two people saving the same version of a TAF plan at the same moment, from
two computers: one is saved, the other is told plainly and reloads."""

from __future__ import annotations

import dataclasses

from tafdesk.services.plans import PlanService
from tests.conftest import db_argument
from tests.races.harness import outcome, run_together

ROUNDS = 4


def _save_each_round(barrier, rounds, database, actor, plan_id, words):
    from tafdesk.db import Database

    service = PlanService(Database(database), actor)
    results = []
    for round_ in range(rounds):
        barrier.wait()  # both have read the same version
        plan = service.version(plan_id)
        content = dataclasses.replace(plan.content, voice_of_parents=f"{words} {round_}")
        barrier.wait()
        results.append(outcome(service.save_draft, plan.id, plan.row_version, content))
    return results


def test_the_second_of_two_saves_at_once_is_told_and_nothing_is_lost_silently(allocated, lead):
    service = PlanService(allocated.db, lead)
    plan = service.start(allocated.case_id)
    database = db_argument(allocated.db)

    one, other = run_together(
        _save_each_round, [(database, lead, plan.id, "first"), (database, lead, plan.id, "second")], rounds=ROUNDS
    )

    for round_, pair in enumerate(zip(one, other)):
        assert sorted(kind for kind, _ in pair) == ["ConflictError", "ok"], f"round {round_}: {pair}"
        assert "changed elsewhere" in next(message for kind, message in pair if kind == "ConflictError")
    saved = service.current(allocated.case_id).content.voice_of_parents
    winner = "first" if one[-1][0] == "ok" else "second"
    assert saved == f"{winner} {ROUNDS - 1}"
