"""What a Case page shows at its top: the family, the case's references and
locality, its lead professional and Team Around the Family, its state, its
plan's state, and the allocation letter's promises (for those who read case
notes). Opening it is a look at the family's records, audited
(services/views.py); everyone who may see the case may open it
(services/scope.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from tafdesk.models import Agency, Case, CaseSupporter, Family, Locality, Person, PlanStatus, Professional
from tafdesk.services import scope
from tafdesk.services.actor import Permission
from tafdesk.services.case_promises import Promise, promises_for
from tafdesk.services.chronology import CLOSURE_WORDS
from tafdesk.services.clock import ClockedService
from tafdesk.services.family_search import STATUS_WORDS
from tafdesk.services.lookup import existing
from tafdesk.services.my_cases import newest_plans
from tafdesk.services.views import Looks

FLAG_WORDS = {
    "blockage": "a blockage raised for the group",
    "overdue_review": "a TAF review overdue",
    "step_down_request": "a step-down asked of the group",
}


@dataclass(frozen=True)
class TeamMember:
    name: str
    agency: str
    role: str  # "Lead professional", "Supporting"
    since: dt.date | None


@dataclass(frozen=True)
class CaseSummary:
    case_id: uuid.UUID
    case_reference: str
    family_id: uuid.UUID
    family_reference: str
    family_name: str
    locality: str
    address: str
    people: tuple[str, ...]  # "Sharon White, born 3 Apr 1985 (mother)"
    state: str  # "TAF open since 1 Dec 2026", "Closed 3 Mar 2027: needs met"
    flag: str | None  # why the group will see it again
    is_repeat: bool
    team: tuple[TeamMember, ...]  # the lead first
    plan: str  # "Version 2, agreed; next review 12 Jan 2027", "No plan yet"
    promises: tuple[Promise, ...]

    @property
    def lead(self) -> str:
        lead = next((m for m in self.team if m.role == "Lead professional"), None)
        return f"{lead.name} ({lead.agency})" if lead else "No lead professional yet"


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "—"


class CasePageService(ClockedService):
    def __init__(self, db, actor, now: dt.datetime | None = None) -> None:
        super().__init__(db, actor, now)
        self._looks = Looks(db, actor)

    def summary(self, case_id: uuid.UUID) -> CaseSummary:
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the case page")
        self._looks.record("case.viewed", "case", case_id, "The case page")
        today = self.now().date()
        with self._db.reader() as s:
            case = scope.case(s, self._actor, case_id, "see the case page")
            family = existing(s, Family, case.family_id, "family")
            locality = s.scalar(select(Locality.name).where(Locality.id == case.locality_id)) or ""
            people = tuple(
                f"{p.given_name} {p.family_name}"
                + (f", born {_day(p.date_of_birth)}" if p.date_of_birth else "")
                + (f" ({p.relationship_})" if p.relationship_ else "")
                for p in s.scalars(select(Person).where(Person.family_id == case.family_id).order_by(Person.position))
            )
            team = []
            if case.lead_professional_id is not None:
                team += [
                    TeamMember(f"{g} {f}", a, "Lead professional", case.allocated_on)
                    for g, f, a in s.execute(
                        select(Professional.given_name, Professional.family_name, Agency.name)
                        .join(Agency, Agency.id == Professional.agency_id)
                        .where(Professional.id == case.lead_professional_id)
                    )
                ]
            team += [
                TeamMember(f"{g} {f}", a, "Supporting", since)
                for g, f, a, since in s.execute(
                    select(Professional.given_name, Professional.family_name, Agency.name, CaseSupporter.since)
                    .join(Professional, Professional.id == CaseSupporter.professional_id)
                    .join(Agency, Agency.id == Professional.agency_id)
                    .where(CaseSupporter.case_id == case.id)
                    .order_by(Professional.family_name, Professional.given_name)
                )
            ]
            plan = newest_plans(s, [case.id]).get(case.id)
            promises = (
                promises_for(s, [case], today).get(case.id, ()) if self._actor.can(Permission.READ_CASE_NOTES) else ()
            )
            address = ", ".join(
                p for p in (family.address_line1, family.address_line2, family.town, family.postcode) if p
            )
            return CaseSummary(
                case.id,
                case.reference,
                family.id,
                family.reference,
                family.family_name,
                locality,
                address,
                people,
                _state(case),
                FLAG_WORDS.get(case.review_flag.value) if case.review_flag else None,
                case.is_repeat,
                tuple(team),
                _plan_words(plan),
                promises,
            )


def _state(case: Case) -> str:
    words = STATUS_WORDS.get(case.status, str(case.status))
    if case.closed_on:
        reason = CLOSURE_WORDS.get(case.closure_reason) if case.closure_reason else None
        return f"{words} {_day(case.closed_on)}" + (f": {reason}" if reason else "")
    if case.allocated_on:
        return f"{words}, allocated {_day(case.allocated_on)} (opened {_day(case.opened_on)})"
    return f"{words} (opened {_day(case.opened_on)})"


def _plan_words(plan) -> str:
    if plan is None:
        return "No plan yet"
    words = f"Version {plan.plan_version}, {plan.status.value.replace('_', ' ')}"
    if plan.status is PlanStatus.AGREED and plan.next_review_on:
        words += f"; next review {_day(plan.next_review_on)}"
    return words
