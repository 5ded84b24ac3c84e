"""A lead professional for every case on the agenda at once, maximising the
total suitability while respecting every professional's headroom.

The headroom rule becomes slots: a professional gets as many slots as the
heaviest cases they could take fit together in their headroom, so whatever the
proposal gives them fits. The t-th slot of a professional costs BALANCE x (t-1)
points, so work spreads across people rather than piling on the best placed.
With slots, choosing the leads is an assignment problem, solved exactly by
scipy's linear_sum_assignment; cases nobody can take are left for the chair.

`greedy` chooses case by case in agenda order under the same rules, as a chair
going down the list would; the proposal's total is never below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tafdesk.allocation.candidates import CaseFacts
from tafdesk.allocation.suitability import Pool

BALANCE = 5.0  # points each further case for the same person costs
MAX_SLOTS = 6  # no one is given more than this many new cases at one meeting


@dataclass(frozen=True)
class Proposal:
    leads: tuple[int | None, ...]  # for each case, the index of its candidate in the pool, or None
    total: float

    def assigned(self) -> int:
        return sum(lead is not None for lead in self.leads)


def slots(pool: Pool, cases: Sequence[CaseFacts], eligible: np.ndarray) -> np.ndarray:
    """How many of these cases each candidate may be given: the most of the
    heaviest cases open to them that still fit their headroom together."""
    weights = np.array([c.weight for c in cases], dtype=float)
    counts = np.zeros(len(pool.candidates), dtype=int)
    for j in range(len(pool.candidates)):
        open_to = np.sort(weights[eligible[:, j]])[::-1]
        if open_to.size:
            fits = np.cumsum(open_to) <= pool.headroom[j] + 1e-9
            counts[j] = min(int(fits.sum()), MAX_SLOTS)
    return counts


def propose(pool: Pool, cases: Sequence[CaseFacts]) -> Proposal:
    if not cases or not pool.candidates:
        return Proposal(tuple(None for _ in cases), 0.0)
    scores, eligible = pool.scores(cases)
    counts = slots(pool, cases, eligible)
    owners = np.repeat(np.arange(len(counts)), counts)  # slot -> candidate
    order = np.concatenate([np.arange(k) for k in counts]) if owners.size else np.zeros(0, dtype=int)
    value = scores[:, owners] - BALANCE * order[None, :]
    usable = eligible[:, owners] & (value > 0)
    # Gains as negative costs. A pair that cannot be made costs 0, the same as
    # no lead: then every full assignment the solver returns, with those pairs
    # dropped, is a best partial one, whichever of cases or slots is fewer.
    rows, cols = _assign(np.where(usable, -value, 0.0))
    leads: list[int | None] = [None] * len(cases)
    for i, col in zip(rows, cols):
        if usable[i, col]:
            leads[i] = int(owners[col])
    return Proposal(tuple(leads), _slot_total(scores, leads))


def greedy(pool: Pool, cases: Sequence[CaseFacts]) -> Proposal:
    """Case by case: the best-scoring candidate still with a slot free."""
    if not cases or not pool.candidates:
        return Proposal(tuple(None for _ in cases), 0.0)
    scores, eligible = pool.scores(cases)
    free = slots(pool, cases, eligible)
    taken = np.zeros_like(free)
    leads: list[int | None] = []
    for i in range(len(cases)):
        value = np.where(eligible[i] & (free > taken), scores[i] - BALANCE * taken, -np.inf)
        j = int(np.argmax(value))
        if value[j] > 0:
            leads.append(j)
            taken[j] += 1
        else:
            leads.append(None)
    return Proposal(tuple(leads), _slot_total(scores, leads))


def _slot_total(scores: np.ndarray, leads: Sequence[int | None]) -> float:
    """Total suitability less the balance cost of giving anyone several cases."""
    total = 0.0
    given: dict[int, int] = {}  # each lead's cases so far
    for i, j in enumerate(leads):
        if j is not None:
            total += float(scores[i, j]) - BALANCE * given.get(j, 0)
            given[j] = given.get(j, 0) + 1
    return total


def _assign(cost: np.ndarray):
    from tafdesk.allocation.assignment import linear_sum_assignment

    return linear_sum_assignment(cost)
