"""A lead professional's own cases: the families they lead or support, with
what is overdue, most urgent first."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.models import ActionStatus, Case, CaseSupporter, Family, PlanStatus, Professional, TafAction, TafPlan
from tafdesk.services import scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.case_promises import Promise, promises_for
from tafdesk.services.case_promises import summary as promise_summary
from tafdesk.services.errors import NotFound, PermissionDenied
from tafdesk.services.open_loads import OPEN_STATUSES


@dataclass(frozen=True)
class MyCase:
    case_id: uuid.UUID
    case_reference: str
    family_name: str
    role: str  # "Lead" or "Supporting"
    plan_status: PlanStatus | None
    plan_version: int | None
    next_review_on: dt.date | None
    review_overdue_days: int
    overdue_actions: int
    open_actions: int
    # The allocation letter's promises (services/case_promises.py), for those who read case notes.
    promises: tuple[Promise, ...] = ()

    @property
    def promise_summary(self) -> str:
        return promise_summary(self.promises)

    @property
    def urgency(self) -> tuple:
        """Sort key: overdue reviews first, then overdue actions, then the soonest review; no plan yet counts as urgent."""
        no_plan = self.plan_status is None
        return (-self.review_overdue_days, -no_plan, -self.overdue_actions, self.next_review_on or dt.date.max)


class MyCasesService:
    def __init__(self, db: Database, actor: Actor, today: dt.date | None = None) -> None:
        self._db = db
        self._actor = actor
        self._today = today or clock.today()

    def cases(self, professional_id: uuid.UUID | None = None) -> list[MyCase]:
        """The actor's own cases; or, for a manager, a professional's (those in the manager's localities)."""
        self._actor.require(Permission.VIEW_PLANS)
        who = professional_id or self._actor.professional_id
        if who is None:
            return []
        with self._db.reader() as s:
            if who != self._actor.professional_id:
                self._require_colleague(s, who)
            supported = set(s.scalars(select(CaseSupporter.case_id).where(CaseSupporter.professional_id == who)))
            cases = s.execute(
                select(Case, Family.family_name)
                .join(Family, Family.id == Case.family_id)
                .where(
                    Case.status.in_(OPEN_STATUSES),
                    (Case.lead_professional_id == who) | Case.id.in_(supported),
                    scope.case_rows(self._actor),
                )
            ).all()
            newest = newest_plans(s, [c.id for c, _ in cases])
            counts = open_action_counts(s, list(newest.values()), self._today)
            kept = (
                promises_for(s, [c for c, _ in cases], self._today)
                if self._actor.can(Permission.READ_CASE_NOTES)
                else {}
            )
        rows = []
        for case, family in cases:
            plan = newest.get(case.id)
            overdue, still_open = counts.get(plan.id, (0, 0)) if plan else (0, 0)
            review, late = review_due(plan, self._today)
            rows.append(
                MyCase(
                    case.id,
                    case.reference,
                    family,
                    "Lead" if case.lead_professional_id == who else "Supporting",
                    plan.status if plan else None,
                    plan.plan_version if plan else None,
                    review,
                    late,
                    overdue,
                    still_open,
                    kept.get(case.id, ()),
                )
            )
        return sorted(rows, key=lambda r: r.urgency)

    def _require_colleague(self, s: Session, professional_id: uuid.UUID) -> None:
        if scope.by_own_cases(self._actor):
            raise PermissionDenied(f"{self._actor.who} may not see a colleague's cases.")
        locality_id = s.scalar(select(Professional.locality_id).where(Professional.id == professional_id))
        if locality_id is None:
            raise NotFound("That professional is no longer in the directory.")
        scope.require_locality(s, self._actor, locality_id, "see the cases of a professional")


def newest_plans(s: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, TafPlan]:
    """Each case's newest plan version."""
    newest = {}
    for plan in s.scalars(select(TafPlan).where(TafPlan.case_id.in_(case_ids)).order_by(TafPlan.plan_version)):
        newest[plan.case_id] = plan  # the last wins: the newest version
    return newest


def open_action_counts(s: Session, plans: list[TafPlan], today: dt.date) -> dict[uuid.UUID, tuple[int, int]]:
    """Per plan: (overdue, open) actions, counted by the database in one row each."""
    overdue = func.sum(sql_case((TafAction.due_on < today, 1), else_=0))
    rows = s.execute(
        select(TafAction.plan_id, overdue, func.count())
        .where(TafAction.plan_id.in_([p.id for p in plans]), TafAction.status == ActionStatus.OPEN)
        .group_by(TafAction.plan_id)
    )
    return {plan_id: (int(late or 0), n) for plan_id, late, n in rows}


def review_due(plan: TafPlan | None, today: dt.date) -> tuple[dt.date | None, int]:
    """An agreed plan's next review, and how many days it is overdue."""
    review = plan.next_review_on if plan and plan.status is PlanStatus.AGREED else None
    return review, max(0, (today - review).days) if review else 0
