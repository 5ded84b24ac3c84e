"""Ranking and whole-agenda proposals on synthetic councils of the sizes the
issue names: 500 professionals for one locality's meeting, 1,000 for a region."""

from __future__ import annotations

import datetime as dt
import random
import time

from bench.common import Result, median

MEETING = dt.date(2026, 12, 1)


def _world(cases: int, professionals: int, seed: int = 3):
    from tafdesk.allocation.candidates import Candidate, CaseFacts
    from tafdesk.allocation.caseload import Load
    from tafdesk.allocation.suitability import Pool
    from tafdesk.models.enums import Level, NeedArea

    rng = random.Random(seed)
    agencies = [f"Agency {k}" for k in range(14)]
    areas, levels = list(NeedArea), list(Level)
    people = [
        Candidate(
            j,
            f"Worker {j}",
            agencies[j % 14],
            agencies[j % 14],
            j % 3,
            Load(rng.uniform(8, 24), rng.uniform(3, 22), rng.uniform(0, 6)),
            frozenset(rng.sample(areas, 3)),
            active=rng.random() > 0.03,
            leave=((MEETING, MEETING),) if rng.random() < 0.04 else (),
        )
        for j in range(professionals)
    ]
    agenda = [
        CaseFacts(
            i,
            rng.choice([1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0]),
            i % 3,
            {a: rng.choice(levels) for a in rng.sample(areas, 3)},
            {rng.choice(agencies): rng.choice(["current", "historic"])},
            {f"Worker {rng.randrange(professionals)}": "a family member (current)"},
            rng.choice(agencies),
        )
        for i in range(cases)
    ]
    return Pool(people, MEETING, {agencies[0]: 0.4}), agenda


def _timed(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return median(times) * 1000


def run() -> list[Result]:
    from tafdesk.allocation.proposal import greedy, propose

    pool, agenda = _world(40, 500)
    pool.rank(agenda[0])  # imports and first-call costs are not what is measured
    rank_ms = _timed(lambda: pool.rank(agenda[1]), 21)
    small_ms = _timed(lambda: propose(pool, agenda), 11)
    region, big_agenda = _world(2000, 1000)
    big_ms = _timed(lambda: propose(region, big_agenda), 3)
    ratio = propose(pool, agenda).total / greedy(pool, agenda).total
    region_ratio = propose(region, big_agenda).total / greedy(region, big_agenda).total
    return [
        Result("rank_one_case_ms", rank_ms, "ms", "<= 20"),
        Result("proposal_40x500_ms", small_ms, "ms", "<= 50"),
        Result("proposal_2000x1000_ms", big_ms, "ms", "<= 1000"),
        Result("proposal_over_greedy_ratio", ratio, "x", ">= 1"),
        Result("proposal_over_greedy_ratio_2000x1000", region_ratio, "x", ">= 1"),
    ]
