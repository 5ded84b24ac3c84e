"""Who is best placed, for one family or the whole agenda, and how the
caseloads stand: the allocation arithmetic on the database's facts.

`MeetingAllocation` is read once when a meeting opens (the candidates and
their loads, every agenda family's facts) and then answers rankings without
going back to the database; after each decision the caller asks for a fresh
one, which is a handful of grouped queries.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from tafdesk.allocation.candidates import Candidate, CaseFacts, Ranked
from tafdesk.allocation.caseload import GroupTotal, totals
from tafdesk.clock import meeting_day
from tafdesk.db import Database
from tafdesk.models import AgendaItem, AgendaStatus, Decision, Locality, Meeting
from tafdesk.services import scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.allocation_facts import candidates, case_facts, meeting_candidates
from tafdesk.services.errors import NotFound
from tafdesk.services.shared_settings import weight_rules

if TYPE_CHECKING:
    from tafdesk.allocation.proposal import Proposal
    from tafdesk.allocation.suitability import Pool

LEADING = ("allocate_lead", "multi_agency_plan", "working_together_meeting")


@dataclass(frozen=True)
class Balance:
    """Capacity and load per agency in the meeting's locality."""

    by_agency: dict[str, GroupTotal]


@dataclass
class MeetingAllocation:
    meeting_id: uuid.UUID
    locality_id: uuid.UUID
    day: dt.date
    pool: Pool  # the meeting's candidate set (see allocation_facts.meeting_candidates)
    facts: dict[uuid.UUID, CaseFacts]  # case id -> facts, for the pending agenda items
    widened: dict[uuid.UUID, str] = field(default_factory=dict)  # agency id -> why it was included
    attendance_taken: bool = True

    def rank(self, case_id: uuid.UUID, *, allow_over_capacity: bool = False) -> list[Ranked]:
        return self.pool.rank(self.facts[case_id], allow_over_capacity=allow_over_capacity)

    def proposal(self) -> tuple[dict[uuid.UUID, Candidate | None], Proposal, Proposal]:
        """The best lead for each pending case, with the optimum and greedy's totals."""
        from tafdesk.allocation.proposal import greedy, propose  # numpy: only when the chair asks for a proposal

        case_ids = list(self.facts)
        cases = [self.facts[c] for c in case_ids]
        best, simple = propose(self.pool, cases), greedy(self.pool, cases)
        leads = {cid: (self.pool.candidates[j] if j is not None else None) for cid, j in zip(case_ids, best.leads)}
        return leads, best, simple

    def balance(self) -> Balance:
        return _balance(self.pool.candidates, self.locality_id)


class AllocationService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def for_meeting(self, meeting_id: uuid.UUID) -> MeetingAllocation:
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.reader() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("That meeting is no longer in the database.")
            scope.require_meeting(s, self._actor, meeting, "see who is best placed")
            items = s.scalars(
                select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)
            ).all()
            pending = [i.case_id for i in items if i.status is AgendaStatus.PENDING]
            leading = s.scalars(
                select(Decision.lead_agency_id)
                .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
                .where(
                    AgendaItem.meeting_id == meeting_id,
                    Decision.outcome.in_(LEADING),
                    Decision.lead_agency_id.is_not(None),
                )
            ).all()
            shares: dict[object, float] = {agency: n / len(leading) for agency, n in Counter(leading).items()}
            from tafdesk.allocation.suitability import Pool  # numpy: once a meeting is read, not at start-up

            chosen = meeting_candidates(s, meeting)
            facts = case_facts(s, pending, weight_rules(s))
            day = meeting_day(meeting.starts_at)
            return MeetingAllocation(
                meeting_id,
                meeting.locality_id,
                day,
                Pool(chosen.people, day, shares),
                {cid: facts[cid] for cid in pending},
                chosen.widened,
                chosen.attendance_taken,
            )

    def locality_balance(self, locality_id: uuid.UUID, day: dt.date | None = None) -> Balance:
        """Counts per agency, no family's data: for any locality."""
        self._actor.require(Permission.VIEW_CASELOADS)
        with self._db.reader() as s:
            if s.get(Locality, locality_id) is None:
                raise NotFound("That locality is no longer in the database.")
            people = candidates(s)
        return _balance(people, locality_id)


def _balance(people: list[Candidate], locality_id: uuid.UUID) -> Balance:
    """Totals per agency over the active professionals of one locality, by agency name."""
    local = [c for c in people if c.locality == locality_id and c.active]
    return Balance(dict(sorted(totals((c.agency_name, c.load) for c in local).items())))
