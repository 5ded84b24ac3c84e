"""Going round the table for one family: each agency at the meeting with what
it knows of the family (from the 360° profile), how its professionals'
specialisms cover the family's needs, its headroom in the locality and its
best-placed professional. Plain Python: no Qt here."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tafdesk.allocation.candidates import Candidate, CaseFacts, Ranked
from tafdesk.allocation.caseload import Load
from tafdesk.models.enums import AttendanceStatus, NeedArea, at_table
from tafdesk.services.intake_queue import ProfileSummary
from tafdesk.services.meetings import AttendanceRow

INVOLVEMENT_ORDER = {"current": 0, "historic": 1, None: 2}


@dataclass(frozen=True)
class RoundRow:
    agency_id: uuid.UUID
    agency: str
    core: bool
    at_table: bool  # present or deputised (everyone, while attendance is not recorded)
    attendance: str  # "Present: Jo Hart", "Deputy: Sam Lee", "Apologies", "Not recorded"
    involvement: str | None  # "current" | "historic" | None
    involved_with: tuple[str, ...]  # the family members the agency works or worked with
    restricted: bool  # its information is restricted to the LCMG
    matched: tuple[NeedArea, ...]  # the family's need areas its local professionals cover
    needs: int  # how many need areas the family has
    capacity: float  # its local professionals' capacity and load together
    load: float
    professionals: int
    best: Ranked | None  # its best-placed professional within capacity

    @property
    def id(self) -> uuid.UUID:
        return self.agency_id

    @property
    def headroom(self) -> float:
        return self.capacity - self.load

    @property
    def utilisation(self) -> float:
        return self.load / self.capacity if self.capacity > 0 else (float("inf") if self.load > 0 else 0.0)


def attendance_text(row: AttendanceRow, considered_because: str | None = None) -> str:
    if considered_because and not at_table(row.status):
        return f"Not at the table; considered: {considered_because}"
    if row.status is AttendanceStatus.PRESENT:
        return f"Present: {row.attendee_name}" if row.attendee_name else "Present"
    if row.status is AttendanceStatus.DEPUTY:
        return f"Deputy: {row.deputy_name}"
    if row.status is AttendanceStatus.APOLOGIES:
        return "Apologies"
    return "Not recorded"


def local_candidates(candidates: Iterable[Candidate], locality: object) -> dict[object, list[Candidate]]:
    """Active professionals of the locality, by agency."""
    by_agency: dict[object, list[Candidate]] = {}
    for c in candidates:
        if c.active and c.locality == locality:
            by_agency.setdefault(c.agency, []).append(c)
    return by_agency


def for_agency(ranked: Sequence[Ranked], agency: object, locality: object) -> list[Ranked]:
    """The agency's professionals for this family, best placed first: those of
    the meeting's locality, and anyone already working with the family."""
    chosen = [
        r
        for r in ranked
        if r.candidate.agency == agency
        and (r.candidate.locality == locality or any(x.text.startswith("already working") for x in r.reasons))
    ]
    return sorted(chosen, key=lambda r: (_band(r), -r.score, r.candidate.name))


def _band(r: Ranked) -> int:
    """Within capacity first, then over it (the chair may override), then unavailable."""
    if not r.eligible:
        return 2
    return 1 if r.over_capacity else 0


def build_round(
    attendance: Sequence[AttendanceRow],
    locality: object,
    candidates: Sequence[Candidate],
    facts: CaseFacts | None,
    summary: ProfileSummary | None,
    ranked: Sequence[Ranked],
    widened: Mapping[uuid.UUID, str] | None = None,
) -> list[RoundRow]:
    """One row per agency at the table (or that the chair chose to consider),
    then agencies involved with the family that are not here; involved
    agencies first, then the best placed."""
    widened = widened or {}
    recorded = any(a.status is not None for a in attendance)
    by_agency = local_candidates(candidates, locality)
    involvement = dict(facts.agencies) if facts else {}
    items = {item.heading.casefold(): item for item in summary.involvement} if summary else {}
    needs = tuple(facts.needs) if facts else ()
    rows = []
    for a in attendance:
        item = items.get(a.agency.casefold())
        status = involvement.get(a.agency_id) or _status_of(item)
        here = at_table(a.status) or a.agency_id in widened or not recorded
        if not here and status != "current":
            continue
        people = by_agency.get(a.agency_id, [])
        covered = frozenset().union(*(c.specialisms for c in people)) if people else frozenset()
        total = _total(c.load for c in people)
        best = next((r for r in for_agency(ranked, a.agency_id, locality) if r.eligible and not r.over_capacity), None)
        rows.append(
            RoundRow(
                a.agency_id,
                a.agency,
                a.core,
                here,
                attendance_text(a, widened.get(a.agency_id)),
                status,
                item.members if item else (),
                bool(item and item.restricted),
                tuple(n for n in needs if n in covered),
                len(needs),
                total.capacity,
                total.load,
                len(people),
                best,
            )
        )
    rows.sort(
        key=lambda r: (
            not r.at_table,
            INVOLVEMENT_ORDER.get(r.involvement, 2),
            -(r.best.score if r.best else -1),
            r.agency.casefold(),
        )
    )
    return rows


def _status_of(item) -> str | None:
    """'current' or 'historic' from a profile item's detail ('current; worker: …')."""
    if item is None:
        return None
    first = item.detail.split(";", 1)[0].strip()
    return first if first in ("current", "historic") else None


def _total(loads: Iterable[Load]) -> Load:
    capacity = led = 0.0
    for load in loads:
        capacity += load.capacity
        led += load.load
    return Load(capacity, led, 0.0)
