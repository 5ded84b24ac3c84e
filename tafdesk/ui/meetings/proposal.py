"""The whole agenda at once: the lead the optimum proposal gives each pending
family beside what choosing case by case (greedily) would give, with each
choice's suitability score and both totals. Plain Python: no Qt here."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from tafdesk.allocation.candidates import Candidate
from tafdesk.models.enums import AgendaKind
from tafdesk.services.allocation import MeetingAllocation
from tafdesk.services.meetings import AgendaRow


@dataclass(frozen=True)
class ProposalRow:
    item_id: uuid.UUID
    family: str
    case_reference: str
    lead: Candidate | None
    score: float | None
    greedy: Candidate | None
    greedy_score: float | None
    kind: AgendaKind = AgendaKind.NEW_PROFILE

    @property
    def id(self) -> uuid.UUID:
        return self.item_id

    @property
    def differs(self) -> bool:
        return (self.lead.key if self.lead else None) != (self.greedy.key if self.greedy else None)


@dataclass(frozen=True)
class ProposalTable:
    rows: tuple[ProposalRow, ...]
    total: float
    greedy_total: float
    assigned: int
    greedy_assigned: int

    @property
    def gain(self) -> float:
        """How much better the proposal is than case by case, as a share."""
        return self.total / self.greedy_total - 1 if self.greedy_total > 0 else 0.0


def build_proposal(allocation: MeetingAllocation, agenda: Sequence[AgendaRow]) -> ProposalTable:
    leads, best, simple = allocation.proposal()
    case_ids = list(allocation.facts)
    greedy = {cid: (allocation.pool.candidates[j] if j is not None else None) for cid, j in zip(case_ids, simple.leads)}
    rows = []
    for item in agenda:
        if item.kind is AgendaKind.REQUEST or item.case_id not in allocation.facts:
            continue  # a request is decided on itself: it has no lead to propose
        scores = {r.candidate.key: r.score for r in allocation.rank(item.case_id)}
        lead, other = leads.get(item.case_id), greedy.get(item.case_id)
        rows.append(
            ProposalRow(
                item.id,
                item.family_name,
                item.case_reference,
                lead,
                scores.get(lead.key) if lead else None,
                other,
                scores.get(other.key) if other else None,
                item.kind,
            )
        )
    return ProposalTable(tuple(rows), best.total, simple.total, best.assigned(), simple.assigned())
