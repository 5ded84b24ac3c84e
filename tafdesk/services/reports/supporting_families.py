"""Supporting Families: which families are eligible, which have a result to
claim (and from when), and what is missing for the rest.

One row of the report is one case: a family's period of work, from its
referral to its closure (a family referred again is a new case, and a new
claim). For a period and a locality (or every locality the user may see):

- In the period: work open at some time in it (opened by its last day, not
  closed before its first), or outcome evidence recorded in it (an outcome
  is often shown to be sustained months after the case closed).
- Needs identified: the headline needs (headline_needs.py) of the case's
  Early Help Assessments started by the period's last day and of the
  outcomes of its newest plan version. The assessment is the whole-family
  assessment the framework identifies needs with; the plan is agreed with
  the family, and only its outcomes can carry evidence. The 360° profile's
  needs do not count: they are the front door's reading of agencies'
  records before anyone has met the family, and the assessment confirms or
  sets them aside.
- Eligible: at least three distinct headline needs identified.
- A claim: every need identified has an outcome in the plan; the latest
  evidence of every such outcome, among records made by the period's last
  day, says "Achieved and sustained" from a day at least the headline's
  months (headline_needs.py) before the record was made; and the family had
  a lead professional, a completed whole-family Early Help Assessment and an
  agreed plan. The claim is possible from the day the last of its outcomes
  had been sustained for its months.
- Otherwise the claim's evidence is incomplete, and each thing missing is
  named: a condition of the family, or one outcome of one need.

Eligibility is counted in the database (the distinct headline needs of each
case, kept where there are at least three); for the eligible cases the
database picks the latest record of each plan outcome, following the
outcome through the plan's versions, and this module judges each case from
those rows. The case work (needs, plans, evidence) is as recorded when the
report is made; evidence counts if recorded by the period's last day.

Everyone who may see plans may run it, over the cases they may see
(services/scope.py): locality managers and business support their
localities', lead professionals the cases they lead or support.
Administrators do not read case content.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from tafdesk.db import Database
from tafdesk.models import (
    AssessmentNeed,
    Case,
    EarlyHelpAssessment,
    Family,
    Locality,
    NeedArea,
    OutcomeEvidence,
    OutcomeProgress,
    TafOutcome,
    TafPlan,
)
from tafdesk.services import scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import PermissionDenied, ValidationError
from tafdesk.services.outcome_evidence import PROGRESS_WORDS
from tafdesk.services.reports.headline_needs import MIN_NEEDS, headline
from tafdesk.services.retention_periods import add_months


@dataclass(frozen=True)
class OutcomeEvidenced:
    """One outcome of the case's newest plan and its latest record (None: none yet)."""

    position: int  # 1-based, as the plan lists its outcomes
    area: NeedArea
    progress: OutcomeProgress | None = None
    sustained_from: dt.date | None = None
    recorded_on: dt.date | None = None
    recorded_by: str | None = None

    @property
    def sustained_until(self) -> dt.date | None:
        """The day its headline's months of being sustained are complete."""
        if self.sustained_from is None:
            return None
        return add_months(self.sustained_from, headline(self.area).months)

    @property
    def label(self) -> str:
        return f"outcome {self.position} of the plan"


@dataclass(frozen=True)
class NeedIdentified:
    area: NeedArea
    in_assessment: bool
    in_plan: bool
    outcomes: tuple[OutcomeEvidenced, ...]  # the plan's outcomes in this area

    @property
    def headline(self) -> str:
        return headline(self.area).name

    @property
    def identified_in(self) -> str:
        return {(True, True): "Assessment and plan", (True, False): "Assessment", (False, True): "Plan"}[
            (self.in_assessment, self.in_plan)
        ]


@dataclass(frozen=True)
class Missing:
    """One thing a claim lacks. `outcome` names the outcome it is about, if
    one; `waiting`: only time is missing (the months are not over yet)."""

    text: str
    area: NeedArea | None = None
    outcome: OutcomeEvidenced | None = None
    waiting: bool = False


@dataclass(frozen=True)
class FamilyClaim:
    case_id: uuid.UUID
    case_reference: str
    family_reference: str
    locality: str
    needs: tuple[NeedIdentified, ...]  # in the framework's order
    missing: tuple[Missing, ...]
    # The day the last outcome had been sustained for its months; None while
    # a need has no achieved outcome to count from.
    claim_from: dt.date | None

    @property
    def claimable(self) -> bool:
        return not self.missing

    @property
    def only_waiting(self) -> bool:
        """Nothing missing but time: every outcome achieved, its months not over."""
        return bool(self.missing) and all(m.waiting for m in self.missing)


@dataclass(frozen=True)
class SupportingFamiliesReport:
    start: dt.date
    end: dt.date
    locality: str | None  # None: every locality the user may see
    eligible: tuple[FamilyClaim, ...]  # by family reference

    @property
    def claims(self) -> tuple[FamilyClaim, ...]:
        return tuple(f for f in self.eligible if f.claimable)

    @property
    def incomplete(self) -> tuple[FamilyClaim, ...]:
        return tuple(f for f in self.eligible if not f.claimable)

    @property
    def summary(self) -> str:
        waiting = sum(f.only_waiting for f in self.incomplete)
        where = f" in {self.locality}" if self.locality else ""
        return (
            f"Supporting Families{where}, {self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}: "
            f"{_count(len(self.eligible), 'eligible family', 'eligible families')}, "
            f"{_count(len(self.claims), 'claim', 'claims')}, "
            f"{len(self.incomplete)} with evidence incomplete "
            f"({waiting} waiting only for their sustained period to end)."
        )


class SupportingFamiliesService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def report(self, start: dt.date, end: dt.date, locality: str | None = None) -> SupportingFamiliesReport:
        """`locality`: a locality's name or code; None for every one the user may see."""
        self._require_allowed()
        if end < start:
            raise ValidationError({"to": f"The period ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y})."})
        with self._db.reader() as s:
            locality_id, name = _locality(s, locality) if locality else (None, None)
            if locality_id is not None and not scope.by_own_cases(self._actor):
                scope.require_locality(s, self._actor, locality_id, "see the Supporting Families report")
            needs = _needs(end, _in_period(self._actor, start, end, locality_id)).cte("needs")
            eligible = (
                select(needs.c.case_id)
                .group_by(needs.c.case_id)
                .having(func.count(distinct(needs.c.area)) >= MIN_NEEDS)
            )
            families = _assemble(
                s.execute(_case_facts(eligible, end)).all(),
                s.execute(_need_rows(needs, eligible)).all(),
                s.execute(_outcome_rows(eligible, end)).all(),
                end,
            )
        return SupportingFamiliesReport(start, end, name, tuple(sorted(families, key=_order)))

    def _require_allowed(self) -> None:
        if not self._actor.can(Permission.VIEW_PLANS):
            raise PermissionDenied(
                f"{self._actor.who} may not see the Supporting Families report: it is drawn from families' "
                "plans and outcomes, which administrators do not read."
            )


# -- the queries -----------------------------------------------------------------------


def _in_period(actor: Actor, start: dt.date, end: dt.date, locality_id: uuid.UUID | None) -> ColumnElement[bool]:
    evidenced = exists().where(OutcomeEvidence.case_id == Case.id, OutcomeEvidence.recorded_on.between(start, end))
    return and_(
        scope.case_rows(actor),
        Case.opened_on <= end,
        or_(Case.closed_on.is_(None), Case.closed_on >= start, evidenced),
        Case.locality_id == locality_id if locality_id is not None else true(),
    )


def _newest_plan() -> ColumnElement[bool]:
    """TafPlan is its case's newest version (the one evidence is recorded against)."""
    later = aliased(TafPlan)
    newest = select(func.max(later.plan_version)).where(later.case_id == TafPlan.case_id).scalar_subquery()
    return TafPlan.plan_version == newest


def _needs(end: dt.date, in_period: ColumnElement[bool]):
    """(case, area, from the assessment, from the plan): every need identified
    of the cases in the period."""
    assessed = (
        select(
            EarlyHelpAssessment.case_id.label("case_id"),
            AssessmentNeed.area.label("area"),
            literal(1, Integer).label("assessed"),
            literal(0, Integer).label("planned"),
        )
        .join(AssessmentNeed, AssessmentNeed.assessment_id == EarlyHelpAssessment.id)
        .join(Case, Case.id == EarlyHelpAssessment.case_id)
        .where(EarlyHelpAssessment.started_on <= end, in_period)
    )
    planned = (
        select(TafPlan.case_id, TafOutcome.area, literal(0, Integer), literal(1, Integer))
        .join(TafOutcome, TafOutcome.plan_id == TafPlan.id)
        .join(Case, Case.id == TafPlan.case_id)
        .where(_newest_plan(), in_period)
    )
    return union_all(assessed, planned)


def _need_rows(needs, eligible: Select) -> Select:
    return (
        select(needs.c.case_id, needs.c.area, func.max(needs.c.assessed), func.max(needs.c.planned))
        .where(needs.c.case_id.in_(eligible))
        .group_by(needs.c.case_id, needs.c.area)
    )


def _case_facts(eligible: Select, end: dt.date) -> Select:
    """Each eligible case's references and the conditions every claim needs."""
    whole_family = exists().where(
        EarlyHelpAssessment.case_id == Case.id,
        EarlyHelpAssessment.whole_family.is_(True),
        EarlyHelpAssessment.completed_on <= end,
    )
    agreed = exists().where(TafPlan.case_id == Case.id, TafPlan.agreed_on <= end)
    return (
        select(
            Case.id,
            Case.reference,
            Family.reference,
            Locality.name,
            Case.lead_professional_id.is_not(None),
            whole_family,
            agreed,
        )
        .join(Family, Family.id == Case.family_id)
        .join(Locality, Locality.id == Case.locality_id)
        .where(Case.id.in_(eligible))
    )


def _outcome_rows(eligible: Select, end: dt.date) -> Select:
    """Each outcome of the eligible cases' newest plans with its latest record
    made by `end`. A record made against an earlier version's outcome counts
    for its copy: the chain climbs copied_from_id from each current outcome
    (UNION, not UNION ALL, so that even a loop in the chain ends)."""
    current = (
        select(TafOutcome.id.label("current_id"), TafOutcome.id.label("ancestor_id"))
        .join(TafPlan, TafPlan.id == TafOutcome.plan_id)
        .where(TafPlan.case_id.in_(eligible), _newest_plan())
        .cte("chain", recursive=True)
    )
    parent = aliased(TafOutcome)
    chain = current.union(
        select(current.c.current_id, parent.copied_from_id)
        .join(parent, parent.id == current.c.ancestor_id)
        .where(parent.copied_from_id.is_not(None))
    )
    ranked = (
        select(
            chain.c.current_id,
            OutcomeEvidence.progress,
            OutcomeEvidence.sustained_from,
            OutcomeEvidence.recorded_on,
            OutcomeEvidence.recorded_by_name,
            func.row_number()
            .over(
                partition_by=chain.c.current_id,
                order_by=(OutcomeEvidence.recorded_on.desc(), OutcomeEvidence.created_at.desc()),
            )
            .label("newest"),
        )
        .join(OutcomeEvidence, OutcomeEvidence.outcome_id == chain.c.ancestor_id)
        .where(OutcomeEvidence.recorded_on <= end)
        .subquery()
    )
    return (
        select(
            TafPlan.case_id,
            TafOutcome.area,
            TafOutcome.position,
            ranked.c.progress,
            ranked.c.sustained_from,
            ranked.c.recorded_on,
            ranked.c.recorded_by_name,
        )
        .join(TafPlan, TafPlan.id == TafOutcome.plan_id)
        .outerjoin(ranked, and_(ranked.c.current_id == TafOutcome.id, ranked.c.newest == 1))
        .where(TafPlan.case_id.in_(eligible), _newest_plan())
        .order_by(TafPlan.case_id, TafOutcome.position)
    )


def _locality(s: Session, given: str) -> tuple[uuid.UUID, str]:
    """A locality by its name or code, in any case."""
    wanted = given.strip().casefold()
    every = s.execute(select(Locality.id, Locality.name, Locality.code).order_by(Locality.name)).all()
    for locality_id, name, code in every:
        if wanted in (name.casefold(), code.casefold()):
            return locality_id, name
    known = ", ".join(row.name for row in every) or "none yet"
    raise ValidationError({"locality": f"There is no locality called “{given}” (there are: {known})."})


# -- judging each case -------------------------------------------------------------------


def _assemble(facts: Iterable, need_rows: Iterable, outcome_rows: Iterable, end: dt.date) -> list[FamilyClaim]:
    outcomes: dict[uuid.UUID, list[OutcomeEvidenced]] = defaultdict(list)
    for case_id, area, _position, *latest in outcome_rows:
        # Positions are 0-based and may have gaps once outcomes are removed: number them as listed.
        outcomes[case_id].append(OutcomeEvidenced(len(outcomes[case_id]) + 1, area, *latest))
    needs: dict[uuid.UUID, list[NeedIdentified]] = defaultdict(list)
    for case_id, area, assessed, planned in need_rows:
        mine = tuple(o for o in outcomes[case_id] if o.area == area)
        needs[case_id].append(NeedIdentified(area, bool(assessed), bool(planned), mine))
    return [_judge(row, sorted(needs[row[0]], key=lambda n: headline(n.area).number), end) for row in facts]


def _judge(facts, needs: list[NeedIdentified], end: dt.date) -> FamilyClaim:
    case_id, case_ref, family_ref, locality, has_lead, assessed, agreed = facts
    missing = []
    if not has_lead:
        missing.append(Missing("No lead professional: a claim needs one for the family."))
    if not assessed:
        missing.append(Missing(f"No whole-family Early Help Assessment completed by {end:%d/%m/%Y}."))
    if not agreed:
        missing.append(Missing(f"No plan agreed with the family by {end:%d/%m/%Y}."))
    untils: list[dt.date | None] = []
    for need in needs:
        if not need.outcomes:
            missing.append(
                Missing(
                    f"{need.headline}: identified in the assessment but the plan has no outcome for it, "
                    "so nothing can evidence it.",
                    need.area,
                )
            )
            untils.append(None)
        for outcome in need.outcomes:
            untils.append(outcome.sustained_until)
            gap = _outcome_gap(need, outcome, end)
            if gap is not None:
                missing.append(gap)
    claim_from = None if not untils or None in untils else max(u for u in untils if u is not None)
    return FamilyClaim(case_id, case_ref, family_ref, locality, tuple(needs), tuple(missing), claim_from)


def _outcome_gap(need: NeedIdentified, outcome: OutcomeEvidenced, end: dt.date) -> Missing | None:
    """What this outcome still lacks for a claim, or None."""
    what = f"{need.headline} ({outcome.label})"
    if outcome.progress is None:
        return Missing(f"{what}: no progress recorded yet.", need.area, outcome)
    latest = _latest_words(outcome)
    until = outcome.sustained_until
    if until is None:
        return Missing(f"{what}: not achieved yet (the latest record {latest}).", need.area, outcome)
    months = headline(need.area).months
    if until > end:
        return Missing(
            f"{what}: sustained from {outcome.sustained_from:%d/%m/%Y}; its {months} months end on {until:%d/%m/%Y}.",
            need.area,
            outcome,
            waiting=True,
        )
    if outcome.progress is not OutcomeProgress.SUSTAINED or outcome.recorded_on is None or outcome.recorded_on < until:
        return Missing(
            f"{what}: record it as “{PROGRESS_WORDS[OutcomeProgress.SUSTAINED]}” on or after {until:%d/%m/%Y}, "
            f"{months} months from {outcome.sustained_from:%d/%m/%Y} (the latest record {latest}).",
            need.area,
            outcome,
        )
    return None


def _latest_words(outcome: OutcomeEvidenced) -> str:
    """'says “Improving”, 14/03/2026, by Ruth Adeyemi'"""
    assert outcome.progress is not None and outcome.recorded_on is not None
    return f"says “{PROGRESS_WORDS[outcome.progress]}”, {outcome.recorded_on:%d/%m/%Y}, by {outcome.recorded_by}"


def _order(family: FamilyClaim) -> tuple[str, str]:
    return family.family_reference, family.case_reference


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
