"""The allocation letter's promises, measured: the lead professional contacts
the family and the referrer within 5 working days of allocation, and the
family has an agreed plan within 20.

A contact is done on the date of the first current case note flagged as the
first contact with the family (or with the referrer); the plan on the day its
first version was agreed. Working days are England's (bank holidays out).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.intake.workdays import add_working_days, working_days_between
from tafdesk.models import Case, CaseNote, TafPlan
from tafdesk.services import scope
from tafdesk.services.actor import Actor, Permission

CONTACT_DAYS = 5
PLAN_DAYS = 20


class PromiseState(enum.StrEnum):
    DONE = "done"
    DONE_LATE = "done late"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Promise:
    what: str  # "Contact the family", "Contact the referrer", "Agree a plan"
    short: str  # "Contact family", for a narrow column
    due_on: dt.date
    done_on: dt.date | None
    today: dt.date

    @property
    def state(self) -> PromiseState:
        if self.done_on is not None:
            return PromiseState.DONE if self.done_on <= self.due_on else PromiseState.DONE_LATE
        return PromiseState.OVERDUE if self.today > self.due_on else PromiseState.DUE

    @property
    def working_days_overdue(self) -> int:
        return working_days_between(self.due_on, self.today) if self.state is PromiseState.OVERDUE else 0

    @property
    def words(self) -> str:
        """'Contact the family: overdue by 3 working days (due 12 Jan 2027)'."""
        due = _day(self.due_on)
        match self.state:
            case PromiseState.DONE:
                return f"{self.what}: done {_day(self.done_on)} (due {due})"
            case PromiseState.DONE_LATE:
                return f"{self.what}: done late, {_day(self.done_on)} (due {due})"
            case PromiseState.OVERDUE:
                n = self.working_days_overdue
                return f"{self.what}: overdue by {n} working day{'s' * (n != 1)} (due {due})"
        return f"{self.what}: due {due}"


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "—"


def promises(
    allocated_on: dt.date, family: dt.date | None, referrer: dt.date | None, plan: dt.date | None, today: dt.date
):
    contact_due = add_working_days(allocated_on, CONTACT_DAYS)
    return (
        Promise("Contact the family", "Family contact", contact_due, family, today),
        Promise("Contact the referrer", "Referrer contact", contact_due, referrer, today),
        Promise("Agree a plan", "Plan", add_working_days(allocated_on, PLAN_DAYS), plan, today),
    )


def promises_for(s: Session, cases: Sequence[Case], today: dt.date) -> dict[uuid.UUID, tuple[Promise, ...]]:
    """Each allocated case's promises, in three queries for any number of cases."""
    allocated = {c.id: c.allocated_on for c in cases if c.allocated_on is not None}
    if not allocated:
        return {}
    ids = list(allocated)
    later = aliased(CaseNote)
    current = ~select(later.id).where(later.corrects_id == CaseNote.id).exists()
    first_contacts: dict[str, dict[uuid.UUID, dt.date]] = {}
    for flag in ("first_contact_family", "first_contact_referrer"):
        rows = s.execute(
            select(CaseNote.case_id, func.min(CaseNote.contact_on))
            .where(CaseNote.case_id.in_(ids), getattr(CaseNote, flag).is_(True), current)
            .group_by(CaseNote.case_id)
        )
        first_contacts[flag] = dict(rows.all())
    agreed = s.execute(
        select(TafPlan.case_id, func.min(TafPlan.agreed_on))
        .where(TafPlan.case_id.in_(ids), TafPlan.agreed_on.is_not(None))
        .group_by(TafPlan.case_id)
    )
    plans = dict(agreed.all())
    return {
        case_id: promises(
            day,
            _since(first_contacts["first_contact_family"].get(case_id), day),
            _since(first_contacts["first_contact_referrer"].get(case_id), day),
            _since(plans.get(case_id), day),
            today,
        )
        for case_id, day in allocated.items()
    }


def _since(done: dt.date | None, allocated_on: dt.date) -> dt.date | None:
    """A contact before this allocation (a case allocated again) does not keep its promise."""
    return done if done is not None and done >= allocated_on else None


def summary(found: Sequence[Promise]) -> str:
    """For a list's cell: what is overdue, else what is due next; '' once all are kept."""
    overdue = [p for p in found if p.state is PromiseState.OVERDUE]
    if overdue:
        return "Overdue: " + ", ".join(p.short.lower() for p in overdue)
    due = sorted((p for p in found if p.state is PromiseState.DUE), key=lambda p: p.due_on)
    if due:
        return f"{due[0].short} due {_day(due[0].due_on)}"
    return ""


class CasePromisesService:
    def __init__(self, db: Database, actor: Actor, today: dt.date | None = None) -> None:
        self._db = db
        self._actor = actor
        self._today = today or clock.today()

    def for_case(self, case_id: uuid.UUID) -> tuple[Promise, ...]:
        """The case's three promises; none before a lead professional is allocated."""
        self._actor.require(Permission.READ_CASE_NOTES)
        with self._db.reader() as s:
            case = scope.case(s, self._actor, case_id, "see the case notes")
            return promises_for(s, [case], self._today).get(case.id, ())
