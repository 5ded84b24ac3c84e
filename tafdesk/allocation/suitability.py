"""Who is best placed to lead: a suitability score with every part explained.

Points for one candidate lead professional and one family (the defaults; the
numbers are in SCORING so that they can be tuned and tested):

- eligible at all: 40 (so that any eligible lead is better than none);
- already working with a family member (named as the worker in the 360°
  profile's agency involvement, status current): 30;
- their agency is involved now: 12, or was before: 4;
- each need area among their specialisms: 10 if the need is high, 6 medium, 3 low;
- headroom left after taking the case: 2 per point, at most 12;
- same locality as the family: 10;
- their agency is the one the access team suggested: 8;
- their agency already leads more than a quarter of today's decisions: minus
  1 per percentage point above a quarter, at most 25 (balance between agencies).

Hard rules make a candidate ineligible: not active; on leave on the meeting
date; the case would take them over capacity (unless the chair overrides,
with a reason the service records).

Scores are computed for many cases and candidates at once with numpy, so
ranking one case over 500 professionals and building a whole-agenda proposal
use the same arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from tafdesk.allocation.candidates import Candidate, CaseFacts, Ranked, Reason
from tafdesk.intake.keys import fold_name
from tafdesk.models.enums import Level, NeedArea

AREAS = tuple(NeedArea)
SCORING: dict[str, float] = {
    "eligible": 40.0,
    "already_working": 30.0,
    "agency_current": 12.0,
    "agency_historic": 4.0,
    "headroom_per_point": 2.0,
    "headroom_cap": 12.0,
    "same_locality": 10.0,
    "suggested_agency": 8.0,
    "fair_share": 0.25,
    "per_point_over_share": 1.0,
    "most_for_share": 25.0,
}
NEED_POINTS: dict[Level, float] = {Level.HIGH: 10.0, Level.MEDIUM: 6.0, Level.LOW: 3.0}  # for each area of need


class Pool:
    """Candidates prepared once as arrays, for scoring many cases quickly."""

    def __init__(
        self, candidates: Sequence[Candidate], meeting_date: dt.date, agency_share: Mapping[object, float] | None = None
    ) -> None:
        self.candidates = list(candidates)
        self.meeting_date = meeting_date
        self.agency_share = dict(agency_share or {})
        self.headroom = np.array([c.load.headroom for c in self.candidates], dtype=float)
        self.specialisms = np.array(
            [[a in c.specialisms for a in AREAS] for c in self.candidates], dtype=float
        ).reshape(-1, len(AREAS))
        self.available = np.array([c.active and not _on_leave(c, meeting_date) for c in self.candidates], dtype=bool)
        self._by_agency: dict[object, list[int]] = defaultdict(list)
        self._by_name: dict[str, list[int]] = defaultdict(list)
        self._by_locality: dict[object, list[int]] = defaultdict(list)
        for j, c in enumerate(self.candidates):
            self._by_agency[c.agency].append(j)
            self._by_name[fold_name(c.name)].append(j)
            self._by_locality[c.locality].append(j)
        self.share_penalty = np.array([_share_penalty(self.agency_share.get(c.agency, 0.0)) for c in self.candidates])

    def components(self, cases: Sequence[CaseFacts]) -> dict[str, np.ndarray]:
        """Each part of the score as a cases x candidates matrix."""
        n, m = len(cases), len(self.candidates)
        working, agency, locality, suggested = (np.zeros((n, m)) for _ in range(4))
        needs = np.zeros((n, len(AREAS)))
        for i, case in enumerate(cases):
            for name in case.workers:
                working[i, self._by_name.get(fold_name(name), [])] = SCORING["already_working"]
            for agency_key, status in case.agencies.items():
                points = SCORING["agency_current"] if status == "current" else SCORING["agency_historic"]
                idx = self._by_agency.get(agency_key, [])
                agency[i, idx] = np.maximum(agency[i, idx], points)
            locality[i, self._by_locality.get(case.locality, [])] = SCORING["same_locality"]
            if case.suggested_agency is not None:
                suggested[i, self._by_agency.get(case.suggested_agency, [])] = SCORING["suggested_agency"]
            for area, level in case.needs.items():
                needs[i, AREAS.index(area)] = NEED_POINTS[level]
        weights = np.array([c.weight for c in cases], dtype=float)[:, None]
        after = self.headroom[None, :] - weights
        return {
            "eligible": np.full((n, m), SCORING["eligible"]),
            "working": working,
            "agency": agency,
            "specialisms": needs @ self.specialisms.T,
            "headroom": np.clip(after, 0, None).clip(max=SCORING["headroom_cap"] / SCORING["headroom_per_point"])
            * SCORING["headroom_per_point"],
            "locality": locality,
            "suggested": suggested,
            "share": np.broadcast_to(-self.share_penalty, (n, m)),
        }

    def scores(self, cases: Sequence[CaseFacts], *, allow_over_capacity: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Total scores and the eligibility mask, cases x candidates."""
        parts = self.components(cases)
        total = sum(parts.values(), np.zeros_like(parts["eligible"]))
        weights = np.array([c.weight for c in cases], dtype=float)[:, None]
        eligible = self.available[None, :] & (allow_over_capacity | (self.headroom[None, :] - weights >= -1e-9))
        return total, eligible

    def rank(self, case: CaseFacts, *, allow_over_capacity: bool = False) -> list[Ranked]:
        """Every candidate for one case, best first, with the reasons."""
        parts = {name: values[0] for name, values in self.components([case]).items()}
        total = sum(parts.values())
        ranked = []
        for j, candidate in enumerate(self.candidates):
            blocked, over = self._blocked(candidate, j, case, allow_over_capacity)
            reasons = tuple(_reasons(case, candidate, {k: float(v[j]) for k, v in parts.items()}, self.agency_share))
            ranked.append(Ranked(candidate, float(total[j]), blocked is None, reasons, blocked, over))
        ranked.sort(key=lambda r: (not r.eligible, -r.score, r.candidate.name))
        return ranked

    def _blocked(self, c: Candidate, j: int, case: CaseFacts, allow_over: bool) -> tuple[str | None, bool]:
        if not c.active:
            return "no longer active", False
        if _on_leave(c, self.meeting_date):
            return f"on leave on {self.meeting_date:%d %b}", False
        after = c.load.plus(case.weight)
        if after.headroom < -1e-9:
            if allow_over:
                return None, True
            return f"would be at {after.utilisation:.0%} of capacity", True
        return None, False


def _on_leave(c: Candidate, day: dt.date) -> bool:
    return any(start <= day <= end for start, end in c.leave)


def _share_penalty(share: float) -> float:
    over = max(0.0, share - SCORING["fair_share"]) * 100 * SCORING["per_point_over_share"]
    return min(over, SCORING["most_for_share"])


def _reasons(case: CaseFacts, c: Candidate, parts: dict[str, float], shares: Mapping[object, float]) -> list[Reason]:
    reasons = [Reason(parts["eligible"], "active, here on the day and within capacity")]
    for name, described in case.workers.items():
        if parts["working"] and fold_name(name) == fold_name(c.name):
            reasons.append(Reason(parts["working"], f"already working with {described}"))
    if parts["agency"]:
        status = case.agencies.get(c.agency)
        reasons.append(
            Reason(
                parts["agency"],
                f"{c.agency_name} {'is involved now' if status == 'current' else 'was involved before'}",
            )
        )
    if parts["specialisms"]:
        matched = [a for a in AREAS if a in case.needs and a in c.specialisms]
        reasons.append(
            Reason(parts["specialisms"], f"specialisms match {_and([a.value.replace('_', ' ') for a in matched])}")
        )
    after = c.load.plus(case.weight)
    reasons.append(
        Reason(
            parts["headroom"],
            f"{max(after.headroom, 0):.1f} points of headroom after this case ({c.load.utilisation:.0%} used now)",
        )
    )
    if parts["locality"]:
        reasons.append(Reason(parts["locality"], "same locality"))
    if parts["suggested"]:
        reasons.append(Reason(parts["suggested"], "the access team suggested this agency"))
    if parts["share"]:
        reasons.append(Reason(parts["share"], f"agency already leads {shares.get(c.agency, 0):.0%} of today's cases"))
    return reasons


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
