"""Closing a case, and reopening it: the one way a plan and its case close.

A lead professional proposes closing their family's case: the reason, a
closure summary, the family's view, and for each need of the plan whether it
was met, partly met or not met. Nothing closes yet. A locality manager of the
case's locality then approves it, which closes the plan's current version and
the case together (`_close`), or returns it saying why; the lead may propose
again. Closing as stepped up or stepped down also needs the Case Management
Group's approval (`closing_needs_approval`).

An approved closure may be reopened, with a reason, for as many months after
it as the council's shared setting says (services/shared_settings.py): the
case and its plan take up where they were, a reopening rather than a new
referral. A family referred again after that is a repeat referral
(services/repeats.py).

Two people deciding the same proposal at once: its row is locked and its
version checked, so the second is told it was decided elsewhere.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.ids import new_id
from tafdesk.models import (
    Case,
    CaseClosure,
    CaseClosureNeed,
    CaseStatus,
    ClosureReason,
    ClosureStatus,
    Family,
    NeedArea,
    NeedMet,
    PlanStatus,
    RequestKind,
    Role,
    TafOutcome,
    TafPlan,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from tafdesk.services.requests import KIND_WORDS, approved
from tafdesk.services.retention_periods import add_months
from tafdesk.services.shared_settings import reopen_months

OPEN_CASE = (CaseStatus.TAF_OPEN, CaseStatus.MULTI_AGENCY_PLAN, CaseStatus.WORKING_TOGETHER_MEETING)
CLOSED_CASE = (CaseStatus.CLOSED, CaseStatus.STEPPED_UP, CaseStatus.STEPPED_DOWN)
# The reasons a Team Around the Family closes for, in the order they are offered.
REASONS = (
    ClosureReason.NEEDS_MET,
    ClosureReason.CONSENT_WITHDRAWN,
    ClosureReason.DISENGAGED,
    ClosureReason.MOVED_AWAY,
    ClosureReason.MOVED_WITHIN_COUNCIL,
    ClosureReason.STEPPED_UP,
    ClosureReason.STEPPED_DOWN,
    ClosureReason.OTHER,
)
REASON_WORDS = {
    ClosureReason.NEEDS_MET: "Needs met",
    ClosureReason.CONSENT_WITHDRAWN: "Consent withdrawn",
    ClosureReason.DISENGAGED: "The family disengaged",
    ClosureReason.MOVED_AWAY: "Moved to another council",
    ClosureReason.MOVED_WITHIN_COUNCIL: "Moved within the council",
    ClosureReason.STEPPED_UP: "Stepped up to children's social care",
    ClosureReason.STEPPED_DOWN: "Stepped down to universal services",
    ClosureReason.OTHER: "Other",
    ClosureReason.INFORMATION_ADVICE_GUIDANCE: "Information, advice and guidance",
}
CASE_AFTER = dict.fromkeys(REASONS, CaseStatus.CLOSED) | {
    ClosureReason.STEPPED_UP: CaseStatus.STEPPED_UP,
    ClosureReason.STEPPED_DOWN: CaseStatus.STEPPED_DOWN,
}
MET_WORDS = {NeedMet.MET: "Met", NeedMet.PARTLY_MET: "Partly met", NeedMet.NOT_MET: "Not met"}
STATUS_WORDS = {
    ClosureStatus.PROPOSED: "Waiting for approval",
    ClosureStatus.APPROVED: "Closed",
    ClosureStatus.RETURNED: "Returned",
}
TEXT_LIMIT = 20_000

# Closing as stepped up or down needs the group's approval of that request.
APPROVAL_NEEDED = {ClosureReason.STEPPED_UP: RequestKind.STEP_UP, ClosureReason.STEPPED_DOWN: RequestKind.STEP_DOWN}


def closing_needs_approval(session: Session, case_id: uuid.UUID, reason: ClosureReason) -> str | None:
    """Why the case may not be closed for this reason yet, or None if it may.

    Closing as stepped up or stepped down needs the Case Management Group's
    approval of the family's step-up or step-down request (services/requests.py),
    checked when closing is proposed and again when it is approved. Every other
    reason needs no approval of the group.
    """
    needed = APPROVAL_NEEDED.get(reason)
    if needed is None or approved(session, case_id, needed):
        return None
    return (
        f"The case cannot be closed as {reason.value.replace('_', ' ')} without the group's approval: "
        f"raise a {KIND_WORDS[needed].lower()} with the group first."
    )


@dataclass(frozen=True)
class NeedAssessed:
    """How far one outcome of the plan (its id) was met."""

    outcome_id: uuid.UUID
    met: NeedMet


@dataclass(frozen=True)
class ClosureInput:
    reason: ClosureReason
    summary: str
    family_view: str
    needs: tuple[NeedAssessed, ...] = ()


@dataclass(frozen=True)
class NeedToAssess:
    outcome_id: uuid.UUID
    area: NeedArea
    need: str
    outcome_wanted: str


@dataclass(frozen=True)
class ClosureForm:
    """What the proposal dialog shows: the plan's needs, and any proposal waiting."""

    case_id: uuid.UUID
    case_reference: str
    family_name: str
    needs: tuple[NeedToAssess, ...]
    waiting: ClosureView | None
    reopen_months: int


@dataclass(frozen=True)
class NeedView:
    area: NeedArea
    need: str
    met: NeedMet

    @property
    def words(self) -> str:
        return f"{self.area.label}: {MET_WORDS[self.met].lower()}"


@dataclass(frozen=True)
class ClosureView:
    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    case_reference: str
    family_name: str
    status: ClosureStatus
    reason: ClosureReason
    summary: str
    family_view: str
    proposed_on: dt.date
    proposed_by: str
    decided_on: dt.date | None
    decided_by: str | None
    returned_why: str | None
    reopened_on: dt.date | None
    reopened_by: str | None
    reopen_reason: str | None
    needs: tuple[NeedView, ...]
    reopen_until: dt.date | None = None  # an approved closure: the last day it may be reopened

    @property
    def reason_words(self) -> str:
        return REASON_WORDS[self.reason]

    @property
    def status_words(self) -> str:
        if self.reopened_on is not None:
            return "Reopened"
        return STATUS_WORDS[self.status]

    def may_reopen_on(self, day: dt.date) -> bool:
        return (
            self.status is ClosureStatus.APPROVED
            and self.reopened_on is None
            and self.reopen_until is not None
            and day <= self.reopen_until
        )


class ClosureService(ClockedService):
    # -- reading ---------------------------------------------------------------

    def form(self, case_id: uuid.UUID) -> ClosureForm:
        """The case's needs to assess (its plan's outcomes) and any proposal waiting."""
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            case = scope.case(s, self._actor, case_id, "see the closure")
            plan = _current_plan(s, case.id)
            outcomes = _outcomes(s, plan)
            waiting = s.scalar(
                select(CaseClosure).where(CaseClosure.case_id == case.id, CaseClosure.status == ClosureStatus.PROPOSED)
            )
            return ClosureForm(
                case.id,
                case.reference,
                _family_name(s, case),
                tuple(NeedToAssess(o.id, o.area, o.need, o.outcome_wanted) for o in outcomes),
                _views(s, [waiting], reopen_months(s))[0] if waiting else None,
                reopen_months(s),
            )

    def closures(self, case_id: uuid.UUID) -> list[ClosureView]:
        """Every proposal to close the case, the newest first."""
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the closure")
            rows = s.scalars(
                select(CaseClosure)
                .where(CaseClosure.case_id == case_id)
                .order_by(CaseClosure.proposed_on.desc(), CaseClosure.created_at.desc())
            ).all()
            return _views(s, rows, reopen_months(s))

    def waiting(self, locality_id: uuid.UUID | None = None) -> list[ClosureView]:
        """Proposals waiting for a locality manager's approval: for a manager
        those of their localities (or the one given), for a lead professional
        their own cases' (to see where theirs stand). Oldest first."""
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            query = (
                select(CaseClosure)
                .join(Case, Case.id == CaseClosure.case_id)
                .where(CaseClosure.status == ClosureStatus.PROPOSED, scope.case_rows(self._actor))
                .order_by(CaseClosure.proposed_on, CaseClosure.created_at)
            )
            if locality_id is not None:
                query = query.where(Case.locality_id == locality_id)
            return _views(s, s.scalars(query).all(), reopen_months(s))

    def recently_closed(self) -> list[ClosureView]:
        """The actor's cases closed by an approved closure that may still be
        reopened today, the most recently closed first; with those returned
        in the last period too, for a lead to see why."""
        self._actor.require(Permission.VIEW_PLANS)
        today = self.today()
        with self._db.reader() as s:
            months = reopen_months(s)
            since = add_months(today, -max(months, 1))
            rows = s.scalars(
                select(CaseClosure)
                .join(Case, Case.id == CaseClosure.case_id)
                .where(
                    CaseClosure.status.in_((ClosureStatus.APPROVED, ClosureStatus.RETURNED)),
                    CaseClosure.decided_on >= since,
                    scope.case_rows(self._actor),
                )
                .order_by(CaseClosure.decided_on.desc(), CaseClosure.created_at.desc())
            ).all()
            return _views(s, rows, months)

    def may_decide(self, closure: ClosureView) -> bool:
        with self._db.reader() as s:
            case = s.get(Case, closure.case_id)
            return case is not None and self._decides(case)

    def may_reopen(self, closure: ClosureView) -> bool:
        with self._db.reader() as s:
            case = s.get(Case, closure.case_id)
            return case is not None and self._reopens(s, case) and closure.may_reopen_on(self.today())

    # -- proposing ---------------------------------------------------------------

    def propose(self, case_id: uuid.UUID, proposal: ClosureInput) -> ClosureView:
        """The lead professional's proposal to close the case; it waits for a
        locality manager's approval."""
        self._actor.require(Permission.EDIT_PLANS)
        summary, family_view = (proposal.summary or "").strip(), (proposal.family_view or "").strip()
        errors = {}
        if proposal.reason not in REASONS:
            errors["reason"] = "Choose why the case is closing."
        else:
            proposal = ClosureInput(
                ClosureReason(proposal.reason),
                proposal.summary,
                proposal.family_view,
                tuple(NeedAssessed(n.outcome_id, NeedMet(n.met)) for n in proposal.needs),
            )
        if not summary:
            errors["summary"] = "Write a closure summary: what the Team Around the Family did and what changed."
        elif len(summary) > TEXT_LIMIT:
            errors["summary"] = f"Keep the closure summary under {TEXT_LIMIT:,} characters."
        if not family_view:
            errors["family_view"] = "Record the family's view of closing (if they would not give one, say so)."
        elif len(family_view) > TEXT_LIMIT:
            errors["family_view"] = f"Keep the family's view under {TEXT_LIMIT:,} characters."
        if errors:
            raise ValidationError(errors)
        today = self.today()
        with self._db.session() as s:
            case = scope.case(s, self._actor, case_id, "propose closing the case")
            s.refresh(case, with_for_update=True)  # one proposal at a time, and none for a case closing meanwhile
            if not self._proposes(case):
                raise PermissionDenied(
                    f"{self._actor.who} may not propose closing this case: its lead professional "
                    "or a locality manager of its locality may."
                )
            if case.status not in OPEN_CASE:
                raise ConflictError(f"{case.reference} is not open, so there is nothing to close.")
            waiting = s.scalar(
                select(CaseClosure.id).where(
                    CaseClosure.case_id == case.id, CaseClosure.status == ClosureStatus.PROPOSED
                )
            )
            if waiting is not None:
                raise ConflictError(f"Closing {case.reference} has already been proposed and waits for approval.")
            refused = closing_needs_approval(s, case.id, proposal.reason)
            if refused:
                raise ConflictError(refused)
            plan = _current_plan(s, case.id)
            outcomes = _outcomes(s, plan)
            _check_needs(proposal.needs, outcomes)
            met = {n.outcome_id: n.met for n in proposal.needs}
            row = CaseClosure(
                id=new_id(),
                case_id=case.id,
                locality_id=case.locality_id,
                plan_id=plan.id if plan else None,
                status=ClosureStatus.PROPOSED,
                reason=proposal.reason,
                summary=summary,
                family_view=family_view,
                status_before=case.status,
                proposed_on=today,
                proposed_by_id=self._actor.user_id,
                proposed_by_name=self._actor.name,
                needs=[
                    CaseClosureNeed(outcome_id=o.id, position=i, area=o.area, need=o.need, met=met[o.id])
                    for i, o in enumerate(outcomes)
                ],
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self._actor,
                "case.closure_proposed",
                "case_closure",
                row.id,
                {
                    "reason": [None, proposal.reason],
                    "summary": [None, summary],
                    "family_view": [None, family_view],
                    "needs": [None, [[o.area.value, met[o.id].value] for o in outcomes]],
                },
                locality_id=case.locality_id,
                case_id=case.id,
            )
            return _views(s, [row], reopen_months(s))[0]

    # -- deciding ------------------------------------------------------------------

    def approve(self, closure_id: uuid.UUID, expected_version: int) -> ClosureView:
        """A locality manager approves: the plan and the case close today."""
        today = self.today()
        with self._db.session() as s:
            row, case = self._locked(s, closure_id, expected_version, "approve closing the case")
            refused = closing_needs_approval(s, case.id, row.reason)
            if refused:
                raise ConflictError(refused)
            before = case.status
            plan = _close(s, case, row.reason, today)
            row.status, row.decided_on = ClosureStatus.APPROVED, today
            row.decided_by_id, row.decided_by_name = self._actor.user_id, self._actor.name
            row.plan_id = plan.id if plan else row.plan_id
            audit.record(
                s,
                self._actor,
                "case.closure_approved",
                "case_closure",
                row.id,
                {
                    "reason": [None, row.reason],
                    "case_status": [before, case.status],
                    "closed_on": [None, case.closed_on],
                    "plan_version": [None, plan.plan_version if plan else None],
                },
                locality_id=case.locality_id,
                case_id=case.id,
            )
            s.flush()
            return _views(s, [row], reopen_months(s))[0]

    def return_to_lead(self, closure_id: uuid.UUID, expected_version: int, why: str) -> ClosureView:
        """A locality manager returns the proposal, saying why; the case stays open."""
        why = (why or "").strip()
        if not why:
            raise ValidationError({"why": "Say why the proposal is returned, so the lead knows what to do."})
        if len(why) > TEXT_LIMIT:
            raise ValidationError({"why": f"Keep it under {TEXT_LIMIT:,} characters."})
        today = self.today()
        with self._db.session() as s:
            row, case = self._locked(s, closure_id, expected_version, "return a proposal to close the case")
            row.status, row.decided_on, row.returned_why = ClosureStatus.RETURNED, today, why
            row.decided_by_id, row.decided_by_name = self._actor.user_id, self._actor.name
            audit.record(
                s,
                self._actor,
                "case.closure_returned",
                "case_closure",
                row.id,
                {"status": [ClosureStatus.PROPOSED, ClosureStatus.RETURNED], "why": [None, why]},
                locality_id=case.locality_id,
                case_id=case.id,
            )
            s.flush()
            return _views(s, [row], reopen_months(s))[0]

    # -- reopening -------------------------------------------------------------------

    def reopen(self, closure_id: uuid.UUID, expected_version: int, reason: str) -> ClosureView:
        """Reopen the case this closure closed, within the council's period:
        the case and its plan take up where they were (no new referral)."""
        self._actor.require(Permission.EDIT_PLANS)
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reason": "Say why the case is reopened."})
        if len(reason) > TEXT_LIMIT:
            raise ValidationError({"reason": f"Keep the reason under {TEXT_LIMIT:,} characters."})
        today = self.today()
        with self._db.session() as s:
            row = _closure(s, closure_id, for_update=True)
            case = scope.case(s, self._actor, row.case_id, "reopen the case")
            if not self._reopens(s, case):
                raise PermissionDenied(
                    f"{self._actor.who} may not reopen this case: its lead professional "
                    "or a locality manager of its locality may."
                )
            s.refresh(case, with_for_update=True)
            if row.version != expected_version:
                raise ConflictError("This closure was changed elsewhere since you opened it. It has been reloaded.")
            if row.status is not ClosureStatus.APPROVED or row.reopened_on is not None or case.status in OPEN_CASE:
                raise ConflictError(f"{case.reference} is not closed by this closure, so it cannot be reopened.")
            newest = s.scalar(
                select(CaseClosure.id)
                .where(CaseClosure.case_id == case.id, CaseClosure.status == ClosureStatus.APPROVED)
                .order_by(CaseClosure.decided_on.desc(), CaseClosure.created_at.desc())
                .limit(1)
            )
            if newest != row.id:
                raise ConflictError("Only the case's latest closure can be reopened.")
            months = reopen_months(s)
            until = add_months(row.decided_on or today, months)
            if today > until:
                raise ConflictError(
                    f"{case.reference} closed on {_day(row.decided_on)}: it could be reopened until "
                    f"{_day(until)}. The family needs a new referral now (it will count as a repeat referral)."
                )
            before = case.status
            case.status, case.closed_on, case.closure_reason = row.status_before, None, None
            plan = s.get(TafPlan, row.plan_id, with_for_update=True) if row.plan_id else None
            if plan is not None and plan.status is PlanStatus.CLOSED and plan.id == _newest_plan_id(s, case.id):
                plan.status = PlanStatus.AGREED if plan.agreed_on is not None else PlanStatus.DRAFT
                plan.closed_on, plan.closure_reason = None, None
            row.reopened_on, row.reopen_reason = today, reason
            row.reopened_by_id, row.reopened_by_name = self._actor.user_id, self._actor.name
            audit.record(
                s,
                self._actor,
                "case.reopened",
                "case_closure",
                row.id,
                {"case_status": [before, case.status], "reason": [None, reason]},
                locality_id=case.locality_id,
                case_id=case.id,
            )
            s.flush()
            return _views(s, [row], months)[0]

    # -- who may -----------------------------------------------------------------------

    def _manages(self, case: Case) -> bool:
        return self._actor.is_system or (
            self._actor.role is Role.LOCALITY_MANAGER and self._actor.works_in(case.locality_id)
        )

    def _leads(self, case: Case) -> bool:
        me = self._actor.professional_id
        return me is not None and me == case.lead_professional_id

    def _proposes(self, case: Case) -> bool:
        return self._leads(case) or self._manages(case)

    def _decides(self, case: Case) -> bool:
        return self._actor.can(Permission.APPROVE_CLOSURE) and self._manages(case)

    def _reopens(self, s: Session, case: Case) -> bool:
        return self._actor.can(Permission.EDIT_PLANS) and (self._leads(case) or self._manages(case))

    def _locked(self, s: Session, closure_id: uuid.UUID, expected_version: int, what: str) -> tuple[CaseClosure, Case]:
        self._actor.require(Permission.APPROVE_CLOSURE)
        row = _closure(s, closure_id, for_update=True)
        case = scope.case(s, self._actor, row.case_id, what)
        if not self._decides(case):
            raise PermissionDenied(f"{self._actor.who} may not {what}: a locality manager of its locality may.")
        s.refresh(case, with_for_update=True)
        if row.version != expected_version or row.status is not ClosureStatus.PROPOSED:
            raise ConflictError(
                "This proposal was decided or changed elsewhere since you opened it. It has been reloaded."
            )
        if case.status not in OPEN_CASE:
            raise ConflictError(f"{case.reference} is no longer open.")
        return row, case


def _close(s: Session, case: Case, reason: ClosureReason, day: dt.date) -> TafPlan | None:
    """Close the case's plan (its current version, draft or agreed) and the
    case, for this reason on this day: the one place either is closed."""
    plan = _current_plan(s, case.id)
    if plan is not None:
        s.refresh(plan, with_for_update=True)
        plan.status, plan.closed_on, plan.closure_reason = PlanStatus.CLOSED, day, reason
    case.status, case.closed_on, case.closure_reason = CASE_AFTER[reason], max(day, case.opened_on), reason
    return plan


def _closure(s: Session, closure_id: uuid.UUID, *, for_update: bool = False) -> CaseClosure:
    row = s.get(CaseClosure, closure_id, with_for_update=for_update, populate_existing=for_update)
    if row is None:
        raise NotFound("That closure is no longer in the database.")
    return row


def _current_plan(s: Session, case_id: uuid.UUID) -> TafPlan | None:
    """The plan version a closure closes: the newest, if it is a draft or agreed."""
    plan = s.scalar(select(TafPlan).where(TafPlan.case_id == case_id).order_by(TafPlan.plan_version.desc()).limit(1))
    return plan if plan is not None and plan.status in (PlanStatus.DRAFT, PlanStatus.AGREED) else None


def _newest_plan_id(s: Session, case_id: uuid.UUID) -> uuid.UUID | None:
    return s.scalar(select(TafPlan.id).where(TafPlan.case_id == case_id).order_by(TafPlan.plan_version.desc()).limit(1))


def _outcomes(s: Session, plan: TafPlan | None) -> list[TafOutcome]:
    if plan is None:
        return []
    return list(s.scalars(select(TafOutcome).where(TafOutcome.plan_id == plan.id).order_by(TafOutcome.position)))


def _check_needs(needs: tuple[NeedAssessed, ...], outcomes: list[TafOutcome]) -> None:
    ids = [n.outcome_id for n in needs]
    known = {o.id for o in outcomes}
    if len(set(ids)) != len(ids) or set(ids) - known:
        raise ValidationError({"needs": "Say once for each need of the plan whether it was met."})
    missing = [o for o in outcomes if o.id not in set(ids)]
    if missing:
        names = ", ".join(o.area.label for o in missing)
        raise ValidationError({"needs": f"Say whether each need was met, partly met or not met: {names}."})


def _family_name(s: Session, case: Case) -> str:
    return s.scalar(select(Family.family_name).where(Family.id == case.family_id)) or ""


def _views(s: Session, rows, months: int) -> list[ClosureView]:
    rows = [r for r in rows if r is not None]
    if not rows:
        return []
    ids = [r.id for r in rows]
    needs: dict[uuid.UUID, list[NeedView]] = {}
    for need in s.scalars(
        select(CaseClosureNeed).where(CaseClosureNeed.closure_id.in_(ids)).order_by(CaseClosureNeed.position)
    ):
        needs.setdefault(need.closure_id, []).append(NeedView(need.area, need.need, need.met))
    cases = {
        case_id: (reference, family)
        for case_id, reference, family in s.execute(
            select(Case.id, Case.reference, Family.family_name)
            .join(Family, Family.id == Case.family_id)
            .where(Case.id.in_({r.case_id for r in rows}))
        )
    }
    return [
        ClosureView(
            r.id,
            r.version,
            r.case_id,
            *cases[r.case_id],
            r.status,
            r.reason,
            r.summary,
            r.family_view,
            r.proposed_on,
            r.proposed_by_name,
            r.decided_on,
            r.decided_by_name,
            r.returned_why,
            r.reopened_on,
            r.reopened_by_name,
            r.reopen_reason,
            tuple(needs.get(r.id, ())),
            add_months(r.decided_on, months) if r.status is ClosureStatus.APPROVED and r.decided_on else None,
        )
        for r in rows
    ]


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "an unknown day"
