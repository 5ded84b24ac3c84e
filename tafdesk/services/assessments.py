"""Early Help Assessments: of a child, or of a family with its children.

Each records when it started and was completed, the organisation completing
it, each child it is of and whether they were seen, and the needs it found
in each area with their level (1-4). The needs feed the family's plan: a
plan begun after an assessment starts from its needs (plan_people.first_draft),
and `feed_plan` adds them to a draft already begun. The lead professional
and supporters, and the locality's managers and business support, record
them; every change is audited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.ids import new_id
from tafdesk.models import (
    Agency,
    AssessmentChild,
    AssessmentNeed,
    Case,
    EarlyHelpAssessment,
    NeedArea,
    Person,
    PlanStatus,
    TafPlan,
)
from tafdesk.plans.content import OutcomeItem
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.case_notes import CHILD_ROLES
from tafdesk.services.errors import ConflictError, ValidationError
from tafdesk.services.lookup import existing
from tafdesk.services.plan_people import load_content, write_content

LEVEL_WORDS = {1: "1 universal", 2: "2 targeted", 3: "3 enhanced", 4: "4 specialist"}


@dataclass(frozen=True)
class NeedInput:
    area: NeedArea
    description: str
    level: int


@dataclass(frozen=True)
class ChildInput:
    person_id: uuid.UUID
    seen: bool


@dataclass(frozen=True)
class AssessmentInput:
    started_on: dt.date
    organisation_id: uuid.UUID | None
    children: tuple[ChildInput, ...]
    needs: tuple[NeedInput, ...] = ()
    completed_on: dt.date | None = None
    whole_family: bool = False


@dataclass(frozen=True)
class ChildView:
    person_id: uuid.UUID
    name: str
    seen: bool


@dataclass(frozen=True)
class AssessmentView:
    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    started_on: dt.date
    completed_on: dt.date | None
    organisation_id: uuid.UUID | None
    organisation: str
    whole_family: bool
    children: tuple[ChildView, ...]
    needs: tuple[NeedInput, ...]

    @property
    def of_words(self) -> str:
        names = ", ".join(c.name for c in self.children)
        return f"The family ({names})" if self.whole_family else names

    @property
    def seen_words(self) -> str:
        return ", ".join(f"{c.name.split()[0]}: {'seen' if c.seen else 'not seen'}" for c in self.children)


class AssessmentService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def assessments(self, case_id: uuid.UUID) -> list[AssessmentView]:
        self._actor.require(Permission.RECORD_ASSESSMENTS)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the Early Help Assessments")
            rows = s.scalars(
                select(EarlyHelpAssessment)
                .where(EarlyHelpAssessment.case_id == case_id)
                .order_by(EarlyHelpAssessment.started_on.desc())
            ).all()
            return [_view(s, r) for r in rows]

    def children(self, case_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
        self._actor.require(Permission.RECORD_ASSESSMENTS)
        with self._db.reader() as s:
            case = scope.case(s, self._actor, case_id, "see the Early Help Assessments")
            return _children(s, case)

    def organisations(self) -> list[tuple[uuid.UUID, str]]:
        self._actor.require(Permission.RECORD_ASSESSMENTS)
        with self._db.reader() as s:
            return [(a, n) for a, n in s.execute(select(Agency.id, Agency.name).order_by(Agency.name))]

    def start(self, case_id: uuid.UUID, given: AssessmentInput) -> AssessmentView:
        self._actor.require(Permission.RECORD_ASSESSMENTS)
        with self._db.session() as s:
            case = scope.case(s, self._actor, case_id, "record an Early Help Assessment")
            organisation = _check(s, case, given)
            row = EarlyHelpAssessment(id=new_id(), case_id=case.id, recorded_by_name=self._actor.name)
            _fill(row, given, organisation)
            s.add(row)
            audit.record(
                s, self._actor, "assessment.started", "early_help_assessment", row.id, _values(given), **_where(case)
            )
            if given.completed_on is not None:
                audit.record(
                    s, self._actor, "assessment.completed", "early_help_assessment", row.id, None, **_where(case)
                )
            s.flush()
            return _view(s, row)

    def update(self, assessment_id: uuid.UUID, expected_version: int, given: AssessmentInput) -> AssessmentView:
        """Its dates, organisation, children and needs as they now stand (completing it too)."""
        self._actor.require(Permission.RECORD_ASSESSMENTS)
        with self._db.session() as s:
            s.execute(select(EarlyHelpAssessment.id).where(EarlyHelpAssessment.id == assessment_id).with_for_update())
            row = existing(s, EarlyHelpAssessment, assessment_id, "Early Help Assessment")
            case = scope.case(s, self._actor, row.case_id, "change an Early Help Assessment")
            if row.version != expected_version:
                raise ConflictError("Someone changed this assessment since you opened it: it has been read again.")
            organisation = _check(s, case, given)
            was_completed = row.completed_on
            before = {
                "started_on": row.started_on,
                "completed_on": row.completed_on,
                "organisation": row.organisation_name,
            }
            row.children.clear()  # gone before the new rows go in (one row a child)
            row.needs.clear()
            s.flush()
            _fill(row, given, organisation)
            row.updated_at = clock.now()  # a new version even if only the children or needs changed
            changes = {
                k: [v, getattr(row, k if k != "organisation" else "organisation_name")] for k, v in before.items()
            }
            changes = {k: v for k, v in changes.items() if v[0] != v[1]} | {
                "needs": [None, [[n.area, n.level] for n in given.needs]]
            }
            audit.record(s, self._actor, "assessment.changed", "early_help_assessment", row.id, changes, **_where(case))
            if was_completed is None and given.completed_on is not None:
                audit.record(
                    s, self._actor, "assessment.completed", "early_help_assessment", row.id, None, **_where(case)
                )
            s.flush()
            return _view(s, row)

    def feed_plan(self, assessment_id: uuid.UUID) -> int:
        """The assessment's needs added to the family's draft plan as outcomes
        to fill in (those it already has left as they are); how many were added."""
        self._actor.require(Permission.EDIT_PLANS)
        with self._db.session() as s:
            row = existing(s, EarlyHelpAssessment, assessment_id, "Early Help Assessment")
            case = scope.case(s, self._actor, row.case_id, "change the plan")
            plan = s.scalar(
                select(TafPlan)
                .where(TafPlan.case_id == case.id, TafPlan.status == PlanStatus.DRAFT)
                .with_for_update()
                .limit(1)
            )
            if plan is None:
                raise ConflictError(f"{case.reference} has no draft plan: begin or revise the plan first.")
            content = load_content(s, plan)
            added = needs_as_outcomes(s, [row], content.outcomes)
            if added:
                write_content(s, plan, dataclasses.replace(content, outcomes=content.outcomes + added))
                plan.updated_at = clock.now()
                audit.record(
                    s,
                    self._actor,
                    "plan.needs_from_assessment",
                    "taf_plan",
                    plan.id,
                    {"assessment": [None, row.id], "outcomes_added": [None, len(added)]},
                    **_where(case),
                )
            return len(added)


def needs_as_outcomes(
    s: Session, assessments: list[EarlyHelpAssessment], already: tuple[OutcomeItem, ...] = ()
) -> tuple[OutcomeItem, ...]:
    """The assessments' needs as plan outcomes to fill in, with their level,
    leaving out any the plan already has (same area and need)."""
    have = {(o.area, o.need.strip().casefold()) for o in already}
    out = []
    for assessment in assessments:
        for need in s.scalars(
            select(AssessmentNeed)
            .where(AssessmentNeed.assessment_id == assessment.id)
            .order_by(AssessmentNeed.position)
        ):
            text = f"{need.description} (level {LEVEL_WORDS.get(need.level, need.level)})"
            key = (need.area, text.casefold())
            if key not in have and (need.area, need.description.strip().casefold()) not in have:
                have.add(key)
                out.append(OutcomeItem(new_id(), need.area, text, ""))
    return tuple(out)


def newest_assessments(s: Session, case_id: uuid.UUID) -> list[EarlyHelpAssessment]:
    """The case's assessments, completed ones first, newest first."""
    rows = s.scalars(
        select(EarlyHelpAssessment)
        .where(EarlyHelpAssessment.case_id == case_id)
        .order_by(EarlyHelpAssessment.started_on.desc())
    ).all()
    return sorted(rows, key=lambda a: a.completed_on is None)


def _children(s: Session, case: Case) -> list[tuple[uuid.UUID, str]]:
    people = s.execute(
        select(Person.id, Person.given_name, Person.family_name)
        .where(Person.family_id == case.family_id, Person.role.in_(CHILD_ROLES))
        .order_by(Person.position, Person.given_name)
    )
    return [(pid, f"{given} {family}") for pid, given, family in people]


def _check(s: Session, case: Case, given: AssessmentInput) -> Agency:
    problems = {}
    today = clock.today()
    if given.started_on > today:
        problems["started_on"] = "An assessment is recorded once begun: the start cannot be in the future."
    if given.completed_on is not None:
        if given.completed_on > today:
            problems["completed_on"] = "The completion date cannot be in the future."
        elif given.completed_on < given.started_on:
            problems["completed_on"] = "An assessment is completed on or after the day it started."
    organisation = s.get(Agency, given.organisation_id) if given.organisation_id else None
    if organisation is None:
        problems["organisation_id"] = "Name the organisation completing the assessment."
    children = {pid for pid, _ in _children(s, case)}
    if not given.children:
        problems["children"] = "Choose the child the assessment is of (or each child, for the family)."
    elif any(c.person_id not in children for c in given.children):
        problems["children"] = "Only the family's own children can be assessed here."
    elif len({c.person_id for c in given.children}) != len(given.children):
        problems["children"] = "Each child once."
    for n, need in enumerate(given.needs):
        if not need.description.strip():
            problems[f"needs[{n}].description"] = "Say what the need is."
        if need.level not in LEVEL_WORDS:
            problems[f"needs[{n}].level"] = "A level of need is 1 (universal) to 4 (specialist)."
    if given.completed_on is not None and not given.needs:
        problems["needs"] = "A completed assessment records the needs it found."
    if problems:
        raise ValidationError(problems)
    assert organisation is not None
    return organisation


def _fill(row: EarlyHelpAssessment, given: AssessmentInput, organisation: Agency) -> None:
    row.started_on, row.completed_on = given.started_on, given.completed_on
    row.organisation_id, row.organisation_name = organisation.id, organisation.name
    row.whole_family = given.whole_family
    row.children = [
        AssessmentChild(person_id=c.person_id, position=n, seen=c.seen) for n, c in enumerate(given.children)
    ]
    row.needs = [
        AssessmentNeed(position=n, area=need.area, description=need.description.strip(), level=need.level)
        for n, need in enumerate(given.needs)
    ]


def _values(given: AssessmentInput) -> dict:
    return {
        "started_on": [None, given.started_on],
        "completed_on": [None, given.completed_on],
        "organisation_id": [None, given.organisation_id],
        "children": [None, [[str(c.person_id), c.seen] for c in given.children]],
        "needs": [None, [[n.area, n.level] for n in given.needs]],
    }


def _where(case: Case) -> dict:
    return {"case_id": case.id, "locality_id": case.locality_id}


def _view(s: Session, row: EarlyHelpAssessment) -> AssessmentView:
    names = {
        pid: f"{given} {family}"
        for pid, given, family in s.execute(
            select(Person.id, Person.given_name, Person.family_name).where(
                Person.id.in_([c.person_id for c in row.children])
            )
        )
    }
    return AssessmentView(
        row.id,
        row.version,
        row.case_id,
        row.started_on,
        row.completed_on,
        row.organisation_id,
        row.organisation_name,
        row.whole_family,
        tuple(ChildView(c.person_id, names.get(c.person_id, ""), c.seen) for c in row.children),
        tuple(NeedInput(n.area, n.description, n.level) for n in row.needs),
    )
