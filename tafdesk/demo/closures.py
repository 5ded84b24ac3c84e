"""The closures of the council's past Teams Around the Family, as the
closure service leaves them: proposed by the lead, approved by the
locality's manager, each need of the plan met, partly met or not met, the
family's view; and, for a case stepped up or down, the group's approval of
the lead's request first (a step-up with its referral to children's social
care and the answer). A request the group decided at one of the demo's
meetings is an item on that meeting's agenda."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable

from tafdesk.db.rowset import RowSet
from tafdesk.demo import texts
from tafdesk.demo import words_between as w
from tafdesk.demo.cases import OPEN, CaseRec, meeting_day, words_for
from tafdesk.demo.clock import uk_time
from tafdesk.demo.directory import Directory
from tafdesk.demo.meetings import Meetings
from tafdesk.models import (
    AgendaItem,
    AgendaKind,
    AgendaStatus,
    CaseClosure,
    CaseClosureNeed,
    CaseStatus,
    ClosureReason,
    ClosureStatus,
    GroupRequest,
    ReferralOutcome,
    RequestKind,
    RequestState,
)
from tafdesk.services.requests import KIND_WORDS

KIND = {ClosureReason.STEPPED_UP: RequestKind.STEP_UP, ClosureReason.STEPPED_DOWN: RequestKind.STEP_DOWN}
FLUSH_EVERY = 1000  # requests queued before their rows go to be written
MANAGER = "Locality manager"  # when the demo has no manager login for the locality


def closed_after_taf(case: CaseRec) -> bool:
    return not (case.closed is None or case.lead is None or case.decided is None or case.status in OPEN)


def write_requests(
    rng: random.Random,
    rows: RowSet,
    directory: Directory,
    cases: list[CaseRec],
    meetings: Meetings,
    today: dt.date,
    flush: Callable[[RowSet], None],
) -> None:
    """The group's approval of every case stepped up or down after a Team
    Around the Family (an item of the agenda if at one of the demo's
    meetings), flushed a part at a time."""
    positions = {key: held.next_position for key, held in meetings.past.items()}
    written = 0
    for case in cases:
        kind = KIND.get(case.reason) if case.reason is not None else None
        if kind is not None and closed_after_taf(case):
            manager, name = _manager(directory, case)
            _request(rng, rows, case, kind, manager, name, meetings, positions, today)
            written += 1
            if written % FLUSH_EVERY == 0:
                flush(rows)


def write_closure(rng: random.Random, rows: RowSet, directory: Directory, case: CaseRec) -> None:
    """A case closed after its Team Around the Family, once its plans are
    written: the closure with its needs. Its plan is then forgotten (at
    100,000 families the ids of the closed cases' plans and outcomes weigh
    tens of megabytes): only open cases' are wanted later (between.py)."""
    if case.plan_id is not None and closed_after_taf(case):
        _closure(rng, rows, case, *_manager(directory, case))
        case.plan_id, case.outcomes = None, ()


def _manager(directory: Directory, case: CaseRec) -> tuple[uuid.UUID | None, str]:
    manager = directory.managers.get(case.family.loc.id)
    return manager, directory.display_names.get(manager, MANAGER) if manager else MANAGER


def _request(
    rng: random.Random,
    rows: RowSet,
    case: CaseRec,
    kind: RequestKind,
    manager: uuid.UUID | None,
    manager_name: str,
    meetings: Meetings,
    positions: dict,
    today: dt.date,
) -> None:
    assert case.lead is not None and case.closed is not None and case.decided is not None
    loc = case.family.loc
    day = meeting_day(loc, case.closed - dt.timedelta(days=13))
    if day <= case.decided:  # one item per family per meeting: the next week's, if the case is that young
        day = case.decided + dt.timedelta(days=7)
    day = min(day, case.closed)
    raised = max(case.decided, day - dt.timedelta(days=rng.randint(3, 9)))
    words = words_for(case)
    held = meetings.past.get((loc.id, day))
    referral: dict = {}
    if kind is RequestKind.STEP_UP:
        outcome = ReferralOutcome.ACCEPTED if rng.random() < 0.85 else ReferralOutcome.NO_FURTHER_ACTION
        answered = min(day + dt.timedelta(days=rng.randint(1, 6)), today)
        referral = dict(
            referred_on=day,
            referral_outcome=outcome,
            referral_outcome_on=answered,
            referral_note=w.REFERRAL_NOTES[outcome],
            referral_recorded_by=case.lead.name,
        )
    verdict = (kind, "approve")
    reason = texts.fill(rng.choice(w.REQUEST_REASONS[kind]), words)
    request_id = rows.add(
        GroupRequest,
        case_id=case.id,
        locality_id=loc.id,
        kind=kind,
        reason=reason,
        raised_on=raised,
        raised_by=case.lead.name,
        state=RequestState.APPROVED,
        rationale=w.RATIONALES[verdict],
        decided_at=uk_time(day, *loc.spec.meeting_time) + dt.timedelta(minutes=45),
        decided_by=manager_name,
        decided_by_id=manager,
        meeting_id=held.id if held else None,
        **referral,
    )
    if held is not None:  # one of the demo's meetings: the request was an item of its agenda
        key = (loc.id, day)
        rows.add(
            AgendaItem,
            meeting_id=held.id,
            case_id=case.id,
            position=positions[key],
            kind=AgendaKind.REQUEST,
            status=AgendaStatus.DECIDED,
            reason=f"{KIND_WORDS[kind]}: {reason}",
            request_id=request_id,
        )
        positions[key] += 1


def _closure(rng: random.Random, rows: RowSet, case: CaseRec, manager: uuid.UUID | None, manager_name: str) -> None:
    assert case.lead is not None and case.closed is not None and case.decided is not None
    reason = case.reason
    assert reason is not None
    words = words_for(case)
    closure_id = rows.add(
        CaseClosure,
        case_id=case.id,
        locality_id=case.family.loc.id,
        plan_id=case.plan_id,
        status=ClosureStatus.APPROVED,
        reason=reason,
        summary=texts.fill(w.CLOSURE_SUMMARIES[reason], words),
        family_view=texts.fill(w.FAMILY_VIEWS[reason], words),
        status_before=CaseStatus.TAF_OPEN,
        proposed_on=max(case.decided, case.closed - dt.timedelta(days=rng.randint(2, 10))),
        proposed_by_name=case.lead.name,
        decided_on=case.closed,
        decided_by_id=manager,
        decided_by_name=manager_name,
    )
    met = w.NEEDS_MET[reason]
    start = rng.randrange(len(met))
    for position, (outcome_id, area, need) in enumerate(case.outcomes):
        rows.add(
            CaseClosureNeed,
            closure_id=closure_id,
            outcome_id=outcome_id,
            position=position,
            area=area,
            need=need,
            met=met[(start + position) % len(met)],
        )
