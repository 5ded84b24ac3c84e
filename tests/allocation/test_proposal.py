"""The whole-agenda proposal is optimal, feasible, and never worse than greedy."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tafdesk.allocation.candidates import Candidate, CaseFacts
from tafdesk.allocation.caseload import Load
from tafdesk.allocation.proposal import BALANCE, greedy, propose, slots
from tafdesk.allocation.suitability import Pool
from tafdesk.models.enums import Level, NeedArea

MEETING = dt.date(2026, 12, 1)
AREAS = list(NeedArea)[:4]
AGENCIES = ["EWS", "FS", "Police"]


@st.composite
def worlds(draw):
    m = draw(st.integers(1, 4))
    n = draw(st.integers(1, 5))
    candidates = [
        Candidate(
            j,
            f"Worker {j}",
            draw(st.sampled_from(AGENCIES)),
            "Agency",
            draw(st.sampled_from(["N", "S"])),
            Load(draw(st.sampled_from([4.0, 8.0, 12.0])), draw(st.sampled_from([0.0, 2.0, 5.0, 9.0])), 0.0),
            frozenset(draw(st.sets(st.sampled_from(AREAS), max_size=2))),
            active=draw(st.booleans()) or j == 0,
        )
        for j in range(m)
    ]
    cases = [
        CaseFacts(
            i,
            draw(st.sampled_from([1.0, 2.0, 3.0, 5.0])),
            draw(st.sampled_from(["N", "S"])),
            {a: draw(st.sampled_from(list(Level))) for a in draw(st.sets(st.sampled_from(AREAS), max_size=3))},
            {draw(st.sampled_from(AGENCIES)): draw(st.sampled_from(["current", "historic"]))},
            suggested_agency=draw(st.sampled_from([None, *AGENCIES])),
        )
        for i in range(n)
    ]
    share = {a: draw(st.sampled_from([0.0, 0.3, 0.6])) for a in AGENCIES}
    return Pool(candidates, MEETING, share), cases


def brute_force(pool: Pool, cases) -> float:
    scores, eligible = pool.scores(cases)
    limit = slots(pool, cases, eligible)
    best = 0.0
    options = [[None, *range(len(pool.candidates))]] * len(cases)
    for leads in itertools.product(*options):
        counts = np.zeros(len(pool.candidates), dtype=int)
        total, ok = 0.0, True
        for i, j in enumerate(leads):
            if j is None:
                continue
            if not eligible[i, j] or counts[j] >= limit[j]:
                ok = False
                break
            total += scores[i, j] - BALANCE * counts[j]
            counts[j] += 1
        if ok:
            best = max(best, total)
    return best


@settings(max_examples=300, deadline=None)
@given(worlds())
def test_proposal_equals_the_brute_force_optimum(world):
    pool, cases = world
    assert propose(pool, cases).total == pytest.approx(brute_force(pool, cases))


@settings(max_examples=200, deadline=None)
@given(worlds())
def test_proposal_respects_headroom_and_beats_greedy(world):
    pool, cases = world
    proposal = propose(pool, cases)
    _, eligible = pool.scores(cases)
    given_weight = {}
    for i, j in enumerate(proposal.leads):
        if j is not None:
            assert eligible[i, j]
            given_weight[j] = given_weight.get(j, 0.0) + cases[i].weight
    for j, weight in given_weight.items():
        assert weight <= pool.candidates[j].load.headroom + 1e-9
    assert proposal.total >= greedy(pool, cases).total - 1e-9


def test_proposal_spreads_work_when_scores_are_close():
    twins = [
        Candidate(j, f"W{j}", "EWS", "EWS", "N", Load(20.0, 0.0, 0.0), frozenset({NeedArea.EDUCATION}))
        for j in range(2)
    ]
    cases = [CaseFacts(i, 1.0, "N", {NeedArea.EDUCATION: Level.HIGH}) for i in range(2)]
    assert sorted(propose(Pool(twins, MEETING), cases).leads) == [0, 1]


def test_no_candidates_or_no_room_leaves_cases_for_the_chair():
    full = Candidate(0, "Full", "EWS", "EWS", "N", Load(5.0, 5.0, 0.0))
    cases = [CaseFacts(0, 2.0, "N", {})]
    assert propose(Pool([full], MEETING), cases).leads == (None,)
    assert propose(Pool([], MEETING), cases).leads == (None,)
