"""A locality's open cases, for the managers who oversee them: the same
figures as a lead professional's own cases, with who leads each, most urgent
first. Read-only."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.models import Case, Family, Locality, Professional
from tafdesk.services import scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.my_cases import MyCase, newest_plans, open_action_counts, review_due
from tafdesk.services.open_loads import OPEN_STATUSES


@dataclass(frozen=True)
class LocalityCase(MyCase):
    lead_name: str = ""  # "" when nobody leads it yet


class LocalityCasesService:
    def __init__(self, db: Database, actor: Actor, today: dt.date | None = None) -> None:
        self._db = db
        self._actor = actor
        self._today = today or clock.today()

    def localities(self) -> list[tuple[uuid.UUID, str]]:
        """The localities whose cases the actor oversees, by name."""
        self._actor.require(Permission.VIEW_PLANS)
        if scope.by_own_cases(self._actor):
            return []
        with self._db.reader() as s:
            return list(
                s.execute(
                    select(Locality.id, Locality.name)
                    .where(scope.in_localities(self._actor, Locality.id))
                    .order_by(Locality.name)
                ).all()
            )

    def home_locality(self) -> uuid.UUID | None:
        """The signed-in user's own locality (the first by name, if they work in several)."""
        mine = self.localities()
        return mine[0][0] if mine and self._actor.localities else None

    def cases(self, locality_id: uuid.UUID) -> list[LocalityCase]:
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            if scope.by_own_cases(self._actor):
                raise PermissionDenied(f"{self._actor.who} may not see a locality's cases, only their own.")
            scope.require_locality(s, self._actor, locality_id, "see the open cases")
            cases = s.execute(
                select(Case, Family.family_name, Professional.given_name, Professional.family_name)
                .join(Family, Family.id == Case.family_id)
                .outerjoin(Professional, Professional.id == Case.lead_professional_id)
                .where(Case.locality_id == locality_id, Case.status.in_(OPEN_STATUSES))
            ).all()
            plans = newest_plans(s, [c.id for c, *_ in cases])
            counts = open_action_counts(s, list(plans.values()), self._today)
        rows = []
        for case, family, given, surname in cases:
            plan = plans.get(case.id)
            overdue, still_open = counts.get(plan.id, (0, 0)) if plan else (0, 0)
            review, late = review_due(plan, self._today)
            lead = f"{given} {surname}" if given else ""
            rows.append(
                LocalityCase(
                    case.id,
                    case.reference,
                    family,
                    "",
                    plan.status if plan else None,
                    plan.plan_version if plan else None,
                    review,
                    late,
                    overdue,
                    still_open,
                    lead_name=lead,
                )
            )
        return sorted(rows, key=lambda r: r.urgency)
