"""Outcomes evidenced: for each outcome of a family's plan, the Team Around
the Family records progress with its evidence and the day from which it was
sustained. Each record is kept as written, dated and audited; a later record
says what changed. The Supporting Families outcome claims count from the
`sustained_from` days of records that say an outcome was achieved or
sustained.

Plan versions copy their outcomes (each copy names the one it was copied
from), so a record made against one version's outcome is shown with the
same outcome in every later version. Evidence may still be recorded once the
plan has closed: an outcome is often shown to be sustained months later.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.ids import new_id
from tafdesk.models import NeedArea, OutcomeEvidence, OutcomeProgress, TafOutcome, TafPlan
from tafdesk.services import audit, scope
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import ConflictError, NotFound, ValidationError

PROGRESS_WORDS = {
    OutcomeProgress.NO_CHANGE: "No change yet",
    OutcomeProgress.IMPROVING: "Improving",
    OutcomeProgress.ACHIEVED: "Achieved",
    OutcomeProgress.SUSTAINED: "Achieved and sustained",
}
DATED = (OutcomeProgress.ACHIEVED, OutcomeProgress.SUSTAINED)
EVIDENCE_LIMIT = 5000


@dataclass(frozen=True)
class EvidenceInput:
    progress: OutcomeProgress
    evidence: str
    sustained_from: dt.date | None = None


@dataclass(frozen=True)
class EvidenceView:
    id: uuid.UUID
    case_id: uuid.UUID
    outcome_id: uuid.UUID  # the outcome as it was in the version recorded against
    area: NeedArea
    progress: OutcomeProgress
    evidence: str
    sustained_from: dt.date | None
    recorded_on: dt.date
    recorded_by: str

    @property
    def progress_words(self) -> str:
        return PROGRESS_WORDS[self.progress]

    @property
    def words(self) -> str:
        since = f", sustained from {_day(self.sustained_from)}" if self.sustained_from else ""
        return f"{self.area.label}: {self.progress_words.lower()}{since}. {self.evidence}"


@dataclass(frozen=True)
class OutcomeEvidenced:
    """One outcome of a plan version, with every record of it, newest first."""

    outcome_id: uuid.UUID
    area: NeedArea
    need: str
    outcome_wanted: str
    records: tuple[EvidenceView, ...]

    @property
    def latest(self) -> EvidenceView | None:
        return self.records[0] if self.records else None


class OutcomeEvidenceService(ClockedService):
    def for_plan(self, plan_id: uuid.UUID) -> list[OutcomeEvidenced]:
        """The plan version's outcomes, each with its records (from any version)."""
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            plan = _plan(s, plan_id)
            scope.case(s, self._actor, plan.case_id, "see the plan")
            outcomes = list(
                s.scalars(select(TafOutcome).where(TafOutcome.plan_id == plan.id).order_by(TafOutcome.position))
            )
            chain = _lineage(s, plan.case_id)
            by_origin: dict[uuid.UUID, list[EvidenceView]] = {}
            for view in case_evidence(s, [plan.case_id]):
                by_origin.setdefault(_original(chain, view.outcome_id), []).append(view)
            return [
                OutcomeEvidenced(
                    o.id, o.area, o.need, o.outcome_wanted, tuple(by_origin.get(_original(chain, o.id), ()))
                )
                for o in outcomes
            ]

    def record(self, outcome_id: uuid.UUID, entry: EvidenceInput) -> EvidenceView:
        """Record progress towards an outcome of the case's newest plan version."""
        self._actor.require(Permission.EDIT_PLANS)
        evidence = (entry.evidence or "").strip()
        today = self.today()
        errors = {}
        if not evidence:
            errors["evidence"] = (
                "Say what shows the progress (attendance figures, a tenancy signed, a course finished…)."
            )
        elif len(evidence) > EVIDENCE_LIMIT:
            errors["evidence"] = f"Keep the evidence under {EVIDENCE_LIMIT:,} characters."
        if entry.progress in DATED and entry.sustained_from is None:
            errors["sustained_from"] = "Give the day from which the outcome was achieved and has been sustained."
        elif entry.progress not in DATED and entry.sustained_from is not None:
            errors["sustained_from"] = "Only an achieved or sustained outcome has a day it was sustained from."
        elif entry.sustained_from is not None and entry.sustained_from > today:
            errors["sustained_from"] = "The day it was sustained from cannot be in the future."
        if errors:
            raise ValidationError(errors)
        with self._db.session() as s:
            outcome = s.get(TafOutcome, outcome_id)
            if outcome is None:
                raise NotFound("That outcome is no longer in the plan.")
            plan = _plan(s, outcome.plan_id)
            case = scope.case(s, self._actor, plan.case_id, "record evidence of the plan's outcomes")
            newest = s.scalar(
                select(TafPlan.id).where(TafPlan.case_id == case.id).order_by(TafPlan.plan_version.desc()).limit(1)
            )
            if newest != plan.id:
                raise ConflictError("The plan has a newer version: record evidence against its outcomes.")
            if entry.sustained_from is not None and entry.sustained_from < case.opened_on:
                raise ValidationError(
                    {"sustained_from": f"The case was opened on {_day(case.opened_on)}: the day cannot be before it."}
                )
            row = OutcomeEvidence(
                id=new_id(),
                case_id=case.id,
                locality_id=case.locality_id,
                outcome_id=outcome.id,
                area=outcome.area,
                progress=entry.progress,
                evidence=evidence,
                sustained_from=entry.sustained_from,
                recorded_on=today,
                recorded_by_id=self._actor.user_id,
                recorded_by_name=self._actor.name,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self._actor,
                "outcome.evidenced",
                "outcome_evidence",
                row.id,
                {
                    "area": [None, outcome.area],
                    "progress": [None, entry.progress],
                    "evidence": [None, evidence],
                    "sustained_from": [None, entry.sustained_from],
                },
                locality_id=case.locality_id,
                case_id=case.id,
            )
            return _view(row)


def case_evidence(s: Session, case_ids: list[uuid.UUID]) -> list[EvidenceView]:
    """Every record of these cases, newest first."""
    rows = s.scalars(
        select(OutcomeEvidence)
        .where(OutcomeEvidence.case_id.in_(case_ids))
        .order_by(OutcomeEvidence.recorded_on.desc(), OutcomeEvidence.created_at.desc())
    )
    return [_view(r) for r in rows]


def _view(r: OutcomeEvidence) -> EvidenceView:
    return EvidenceView(
        r.id,
        r.case_id,
        r.outcome_id,
        r.area,
        r.progress,
        r.evidence,
        r.sustained_from,
        r.recorded_on,
        r.recorded_by_name,
    )


def _plan(s: Session, plan_id: uuid.UUID) -> TafPlan:
    plan = s.get(TafPlan, plan_id)
    if plan is None:
        raise NotFound("That plan is no longer in the database.")
    return plan


def _lineage(s: Session, case_id: uuid.UUID) -> dict[uuid.UUID, uuid.UUID | None]:
    return dict(
        s.execute(
            select(TafOutcome.id, TafOutcome.copied_from_id).join(TafPlan).where(TafPlan.case_id == case_id)
        ).all()
    )


def _original(chain: dict[uuid.UUID, uuid.UUID | None], item_id: uuid.UUID) -> uuid.UUID:
    seen = set()
    while chain.get(item_id) and item_id not in seen:
        seen.add(item_id)
        item_id = chain[item_id]  # type: ignore[assignment]
    return item_id


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""
