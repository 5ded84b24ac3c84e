"""A lead professional's own cases: the families they lead or support, with
what is overdue, most urgent first."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from tafdesk.db import Database
from tafdesk.models import ActionStatus, Case, CaseSupporter, Family, PlanStatus, TafAction, TafPlan
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.allocation_facts import OPEN_STATUSES


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

    @property
    def urgency(self) -> tuple:
        """Sort key: overdue reviews first, then overdue actions, then the soonest review; no plan yet counts as urgent."""
        no_plan = self.plan_status is None
        return (-self.review_overdue_days, -no_plan, -self.overdue_actions, self.next_review_on or dt.date.max)


class MyCasesService:
    def __init__(self, db: Database, actor: Actor, today: dt.date | None = None) -> None:
        self._db = db
        self._actor = actor
        self._today = today or dt.date.today()

    def cases(self, professional_id: uuid.UUID | None = None) -> list[MyCase]:
        self._actor.require(Permission.VIEW_PLANS)
        who = professional_id or self._actor.professional_id
        if who is None:
            return []
        with self._db.reader() as s:
            supported = set(s.scalars(select(CaseSupporter.case_id).where(CaseSupporter.professional_id == who)))
            cases = s.execute(select(Case, Family.family_name).join(Family, Family.id == Case.family_id).where(
                Case.status.in_(OPEN_STATUSES), (Case.lead_professional_id == who) | Case.id.in_(supported))).all()
            newest = {}
            for plan in s.scalars(select(TafPlan).where(TafPlan.case_id.in_([c.id for c, _ in cases]))
                                  .order_by(TafPlan.plan_version)):
                newest[plan.case_id] = plan  # the last wins: the newest version
            counts = dict(((pid, overdue), n) for pid, overdue, n in s.execute(
                select(TafAction.plan_id, TafAction.due_on < self._today, func.count())
                .where(TafAction.plan_id.in_([p.id for p in newest.values()]), TafAction.status == ActionStatus.OPEN)
                .group_by(TafAction.plan_id, TafAction.due_on < self._today)))
        rows = []
        for case, family in cases:
            plan = newest.get(case.id)
            overdue = counts.get((plan.id, True), 0) if plan else 0
            still_open = overdue + (counts.get((plan.id, False), 0) if plan else 0)
            review = plan.next_review_on if plan and plan.status is PlanStatus.AGREED else None
            late = max(0, (self._today - review).days) if review else 0
            rows.append(MyCase(case.id, case.reference, family, "Lead" if case.lead_professional_id == who else "Supporting",
                               plan.status if plan else None, plan.plan_version if plan else None, review, late, overdue,
                               still_open))
        return sorted(rows, key=lambda r: r.urgency)
