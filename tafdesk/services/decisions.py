"""Recording the Case Management Group's decision on each agenda item, and
taking one back.

A decision is committed the moment it is confirmed, so a crash mid-meeting
loses nothing already decided. It remembers the case as it was before, so
that withdrawing it (undo, until the meeting is closed) restores the case
exactly. Both are in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tafdesk.clock import meeting_day
from tafdesk.ids import new_id
from tafdesk.models import (
    Agency,
    AgendaItem,
    AgendaStatus,
    Case,
    CaseStatus,
    CaseSupporter,
    ClosureReason,
    Decision,
    DecisionAction,
    DecisionOutcome,
    DecisionSupporter,
    Meeting,
    MeetingStatus,
    Professional,
    ReviewFlag,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.allocation_facts import CandidateSet, meeting_candidates, weight_of
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import ConflictError, NotFound, ValidationError
from tafdesk.services.locks import lock_row
from tafdesk.services.lookup import existing

O = DecisionOutcome
NEW_STATUS = {
    O.ALLOCATE_LEAD: CaseStatus.TAF_OPEN,
    O.MULTI_AGENCY_PLAN: CaseStatus.MULTI_AGENCY_PLAN,
    O.WORKING_TOGETHER_MEETING: CaseStatus.WORKING_TOGETHER_MEETING,
    O.STEP_UP: CaseStatus.STEPPED_UP,
    O.STEP_DOWN: CaseStatus.STEPPED_DOWN,
    O.INFORMATION_ADVICE_GUIDANCE: CaseStatus.CLOSED,
    O.DEFER: CaseStatus.DEFERRED,
}
CLOSURE = {
    O.STEP_UP: ClosureReason.STEPPED_UP,
    O.STEP_DOWN: ClosureReason.STEPPED_DOWN,
    O.INFORMATION_ADVICE_GUIDANCE: ClosureReason.INFORMATION_ADVICE_GUIDANCE,
}
NEEDS_LEAD = (O.ALLOCATE_LEAD, O.MULTI_AGENCY_PLAN)


@dataclass(frozen=True)
class ActionInput:
    description: str
    due_on: dt.date | None = None
    owner_professional_id: uuid.UUID | None = None
    owner_name: str | None = None


@dataclass(frozen=True)
class DecisionInput:
    outcome: DecisionOutcome
    lead_professional_id: uuid.UUID | None = None
    supporters: tuple[tuple[uuid.UUID, uuid.UUID | None], ...] = ()  # (agency, professional or None)
    rationale: str = ""
    actions: tuple[ActionInput, ...] = field(default_factory=tuple)
    capacity_override_reason: str | None = None
    deferred_until: dt.date | None = None
    deferral_reason: str | None = None


class DecisionService(ClockedService):
    def decide(self, item_id: uuid.UUID, choice: DecisionInput, *, decision_id: uuid.UUID | None = None) -> uuid.UUID:
        """Record and commit the decision; returns its id (give the same id to
        record it again after an undo)."""
        self._actor.require(Permission.CHAIR_MEETING)
        with self._db.session() as s:
            item, meeting, case = _open_item(s, item_id, self._actor)
            if item.status is AgendaStatus.DECIDED:
                raise ConflictError("This item has already been decided; undo that decision first.")
            # Another meeting allocating to the same person waits, then counts
            # this case in their load: two chairs cannot both fill their last room.
            lock_row(s, Professional, choice.lead_professional_id)
            day = meeting_day(meeting.starts_at)
            chosen = meeting_candidates(s, meeting, only=choice.lead_professional_id)
            self._check_meeting_can_decide(chosen, day)
            weight = _check(s, case, meeting, chosen, choice, day)
            supporters = s.scalars(select(CaseSupporter).where(CaseSupporter.case_id == case.id)).all()
            before = _snapshot(case, supporters)
            lead_agency = _agency_of(s, chosen, choice.lead_professional_id)
            decision = Decision(
                id=decision_id or new_id(),
                agenda_item_id=item.id,
                case_id=case.id,
                outcome=choice.outcome,
                lead_professional_id=choice.lead_professional_id,
                lead_agency_id=lead_agency,
                rationale=choice.rationale.strip() or None,
                capacity_override_reason=choice.capacity_override_reason,
                deferred_until=choice.deferred_until,
                deferral_reason=choice.deferral_reason,
                widening_note=_widening_note(s, chosen.widened, lead_agency, choice),
                decided_at=self.now(),
                decided_by_id=self._actor.user_id,
                case_before=json.dumps(before),
                supporters=[
                    DecisionSupporter(agency_id=a, professional_id=p) for a, p in dict.fromkeys(choice.supporters)
                ],
                actions=[
                    DecisionAction(
                        case_id=case.id,
                        agreed_on=day,
                        position=n,
                        description=a.description.strip(),
                        due_on=a.due_on,
                        owner_professional_id=a.owner_professional_id,
                        owner_name=a.owner_name,
                    )
                    for n, a in enumerate(choice.actions)
                ],
            )
            s.add(decision)
            _apply(s, case, choice, weight, day, {r.professional_id for r in supporters})
            item.status = AgendaStatus.DECIDED
            if meeting.status is MeetingStatus.PLANNED:
                meeting.status = MeetingStatus.IN_PROGRESS
            audit.record(
                s,
                self._actor,
                "decision.recorded",
                "decision",
                decision.id,
                {
                    "outcome": [None, choice.outcome],
                    "case": [None, case.reference],
                    "lead_professional_id": [None, choice.lead_professional_id],
                    "status": [before["status"], case.status],
                    **(
                        {"capacity_override_reason": [None, choice.capacity_override_reason]}
                        if choice.capacity_override_reason
                        else {}
                    ),
                    **({"widening_note": [None, decision.widening_note]} if decision.widening_note else {}),
                },
                locality_id=meeting.locality_id,
                meeting_id=meeting.id,
            )
            return decision.id

    def defer_remaining(self, meeting_id: uuid.UUID, until: dt.date, reason: str) -> int:
        """Defer every family still waiting to a later meeting, each as a decision
        of its own (undoable like any other until the meeting closes)."""
        self._actor.require(Permission.CHAIR_MEETING)
        with self._db.reader() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("That meeting is no longer in the database.")
            scope.require_meeting(s, self._actor, meeting, "record decisions")
            waiting = s.scalars(
                select(AgendaItem.id)
                .where(AgendaItem.meeting_id == meeting_id, AgendaItem.status == AgendaStatus.PENDING)
                .order_by(AgendaItem.position)
            ).all()
        for item_id in waiting:
            self.decide(item_id, DecisionInput(O.DEFER, deferred_until=until, deferral_reason=reason))
        return len(waiting)

    def _check_meeting_can_decide(self, chosen: CandidateSet, day: dt.date) -> None:
        check_decision_day(self.today(), day, attendance_taken=chosen.attendance_taken)

    def withdraw(self, decision_id: uuid.UUID) -> None:
        """Undo a decision: the case goes back to how it was before it."""
        self._actor.require(Permission.CHAIR_MEETING)
        with self._db.session() as s:
            decision = s.get(Decision, decision_id)
            if decision is None:
                raise NotFound("That decision is no longer recorded.")
            item, meeting, case = _open_item(s, decision.agenda_item_id, self._actor)
            if decision.case_before is None:  # retention anonymised the family since
                raise ConflictError(
                    "This decision cannot be undone: how the case stood before it is no longer "
                    "kept (the family's record was anonymised)."
                )
            _restore(s, case, json.loads(decision.case_before))
            item.status = AgendaStatus.PENDING
            audit.record(
                s,
                self._actor,
                "decision.withdrawn",
                "decision",
                decision.id,
                {"outcome": [decision.outcome, None], "case": [case.reference, None]},
                locality_id=meeting.locality_id,
                meeting_id=meeting.id,
            )
            s.delete(decision)


def check_decision_day(today: dt.date, day: dt.date, *, attendance_taken: bool) -> None:
    """The group decides at the meeting, on its day, once attendance is taken (decisions and requests alike)."""
    if today < day:
        raise ConflictError(
            f"This meeting is on {day:%A} {day.day} {day:%B %Y}: its decisions are recorded at the meeting, not before."
        )
    if not attendance_taken:
        raise ConflictError("Take attendance first: the group's decisions are recorded with who was at the table.")


def _open_item(s: Session, item_id: uuid.UUID, actor: Actor) -> tuple[AgendaItem, Meeting, Case]:
    # The item locked, so that a second chair deciding it waits and then sees
    # it decided; its meeting and case read with it, in one statement.
    found = s.execute(
        select(AgendaItem, Meeting, Case)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Case, Case.id == AgendaItem.case_id)
        .where(AgendaItem.id == item_id)
        .with_for_update(of=AgendaItem)
        .execution_options(populate_existing=True)
    ).first()
    if found is None:
        raise NotFound("That agenda item is no longer in the meeting.")
    item, meeting, case = found
    scope.require_meeting(s, actor, meeting, "record decisions")
    if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED):
        raise ConflictError(
            f"The meeting is {meeting.status.value}: reopen it (with a reason) to change its decisions."
        )
    return item, meeting, case


def _check(
    s: Session, case: Case, meeting: Meeting, chosen: CandidateSet, choice: DecisionInput, day: dt.date
) -> float:
    """Validate the decision; return the weight the case will carry."""
    errors = {}
    if choice.outcome in NEEDS_LEAD and choice.lead_professional_id is None:
        errors["lead_professional_id"] = "Choose the lead professional."
    if choice.outcome is O.DEFER:
        if not (choice.deferral_reason or "").strip():
            errors["deferral_reason"] = "Say what more is needed before the group can decide."
        if choice.deferred_until is None or choice.deferred_until <= day:
            errors["deferred_until"] = "Choose the date of a later meeting to come back to it."
    elif not choice.rationale.strip():
        errors["rationale"] = "Record why the group decided this."
    problem = _action_problem(choice.actions)
    if problem:
        errors["actions"] = problem
    weight = weight_of(s, case)
    if choice.lead_professional_id is not None and "lead_professional_id" not in errors:
        problem = _lead_problem(s, case, meeting, chosen, choice, weight)
        if problem:
            errors["lead_professional_id"] = problem
    if errors:
        raise ValidationError(errors)
    return weight


def _action_problem(actions: tuple[ActionInput, ...]) -> str | None:
    """Every action says what, who and by when: followed up at the next
    meetings, it needs an owner to mark it and a date to fall due."""
    for number, action in enumerate(actions, start=1):
        if not action.description.strip():
            return f"Action {number}: describe what will be done."
        if action.owner_professional_id is None and not (action.owner_name or "").strip():
            return f"Action {number} ({action.description.strip()[:40]}): the owner is missing. Say who will do it."
        if action.due_on is None:
            return f"Action {number} ({action.description.strip()[:40]}): the due date is missing. Say by when."
    return None


def _lead_problem(
    s: Session, case: Case, meeting: Meeting, chosen: CandidateSet, choice: DecisionInput, weight: float
) -> str | None:
    lead_id = choice.lead_professional_id
    lead = next((c for c in chosen.people if c.key == lead_id), None)
    if lead is None:
        return _not_a_candidate(s, lead_id, meeting) if lead_id else None
    load = lead.load if case.lead_professional_id != lead.key else lead.load.plus(-case.complexity_weight)
    after = load.plus(weight)
    if after.headroom < -1e-9 and not (choice.capacity_override_reason or "").strip():
        return (
            f"{lead.name} would be at {after.utilisation:.0%} of capacity. "
            "The chair may go ahead by recording a reason for the override."
        )
    return None


def _not_a_candidate(s: Session, professional_id: uuid.UUID, meeting: Meeting) -> str:
    """Why someone cannot lead from this meeting, in the chair's words."""
    person = s.get(Professional, professional_id)
    if person is None:
        return "That professional is not in the directory."
    day = meeting_day(meeting.starts_at)
    if not (person.active and person.agency.active):
        return f"{person.name} is no longer active."
    if any(leave.starts_on <= day <= leave.ends_on for leave in person.leave):
        return f"{person.name} is on leave on {day:%d %b %Y}."
    if person.locality_id != meeting.locality_id:
        return f"{person.name} works in another locality; this meeting allocates its own locality's professionals."
    return (
        f"{person.agency.name} is not at the table. The chair may include its professionals, "
        "saying why (for example, it sent a written update)."
    )


def _widening_note(
    s: Session, widened: dict[uuid.UUID, str], lead_agency: uuid.UUID | None, choice: DecisionInput
) -> str | None:
    """The chair's reason, when the lead or a team member comes from an agency not at the table."""
    agencies = [lead_agency] + [agency for agency, _ in choice.supporters]
    notes = dict.fromkeys(
        f"{existing(s, Agency, a, 'agency').name} was not at the table: {widened[a]}" for a in agencies if a in widened
    )
    return " ".join(notes) or None


def _agency_of(s: Session, chosen: CandidateSet, professional_id: uuid.UUID | None) -> uuid.UUID | None:
    """The lead's agency: from the candidate set already read, which a lead
    who passed the checks is in."""
    if professional_id is None:
        return None
    known = next((c.agency for c in chosen.people if c.key == professional_id), None)
    return known or s.scalar(select(Professional.agency_id).where(Professional.id == professional_id))


def _snapshot(case: Case, supporters: Sequence[CaseSupporter]) -> dict:
    return {
        "status": case.status.value,
        "lead_professional_id": _text(case.lead_professional_id),
        "allocated_on": _text(case.allocated_on),
        "complexity_weight": case.complexity_weight,
        "closed_on": _text(case.closed_on),
        "closure_reason": case.closure_reason.value if case.closure_reason else None,
        "review_flag": case.review_flag.value if case.review_flag else None,
        "review_note": case.review_note,
        "supporters": [[str(r.professional_id), r.since.isoformat()] for r in supporters],
    }


def _apply(s: Session, case: Case, choice: DecisionInput, weight: float, day: dt.date, current: set[uuid.UUID]) -> None:
    case.status = NEW_STATUS[choice.outcome]
    case.review_flag = case.review_note = None
    if choice.outcome in CLOSURE:
        case.closure_reason, case.closed_on = CLOSURE[choice.outcome], max(day, case.opened_on)
        return
    if choice.outcome is O.DEFER:
        return
    case.complexity_weight = weight
    if choice.lead_professional_id is not None:
        case.lead_professional_id = choice.lead_professional_id
        case.allocated_on = day
    for _agency, professional in choice.supporters:
        if professional and professional not in current and professional != choice.lead_professional_id:
            s.add(CaseSupporter(case_id=case.id, professional_id=professional, since=day))
            current.add(professional)


def _restore(s: Session, case: Case, before: dict) -> None:
    case.status = CaseStatus(before["status"])
    case.lead_professional_id = uuid.UUID(before["lead_professional_id"]) if before["lead_professional_id"] else None
    case.complexity_weight = before["complexity_weight"]
    allocated = before.get("allocated_on")  # absent from decisions recorded before 0020
    case.allocated_on = dt.date.fromisoformat(allocated) if allocated else None
    case.closed_on = dt.date.fromisoformat(before["closed_on"]) if before["closed_on"] else None
    case.closure_reason = ClosureReason(before["closure_reason"]) if before["closure_reason"] else None
    case.review_flag = ReviewFlag(before["review_flag"]) if before["review_flag"] else None
    case.review_note = before["review_note"]
    s.execute(delete(CaseSupporter).where(CaseSupporter.case_id == case.id))
    for professional, since in before["supporters"]:
        s.add(
            CaseSupporter(case_id=case.id, professional_id=uuid.UUID(professional), since=dt.date.fromisoformat(since))
        )


def _text(value) -> str | None:
    return None if value is None else (value.isoformat() if isinstance(value, dt.date) else str(value))
