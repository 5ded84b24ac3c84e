"""Team Around the Family plans: versions from draft to agreed, reviews with
scores and red/amber/green progress, SMART actions, and closure."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from tafdesk.db.rowset import RowSet
from tafdesk.demo import texts
from tafdesk.demo.cases import OPEN, CaseRec, about_child, words_for
from tafdesk.demo.directory import Pro
from tafdesk.demo.odds import Odds
from tafdesk.models import (
    ActionStatus,
    ClosureReason,
    NeedArea,
    PlanStatus,
    Rag,
    TafAction,
    TafOutcome,
    TafPlan,
    TafReview,
    TafReviewProgress,
    TafReviewScore,
)

# Cases opened before this many days ago came from the council's old system:
# they keep their case and referral but no plan.
PLAN_HISTORY_DAYS = 730
MAX_REVIEWS = 6
SCORE_CHANGE = Odds((-1, 0, 1, 2), (15, 25, 40, 20))  # an outcome's score at each review
DROPPED_REASONS = (
    "No longer needed: the family found their own solution.",
    "Family declined this support.",
    "Replaced by a different action at review.",
)


def has_plan(case: CaseRec, today: dt.date) -> bool:
    return case.lead is not None and case.opened >= today - dt.timedelta(days=PLAN_HISTORY_DAYS)


def build_plans(rng: random.Random, rows: RowSet, case: CaseRec, today: dt.date) -> None:
    """Every version of the case's plan, with outcomes, actions and reviews."""
    assert case.decided is not None and case.lead is not None
    words = words_for(case)
    is_open = case.status in OPEN
    end = today if is_open else case.closed
    assert end is not None
    interval = rng.choice((6, 6, 8, 8, 12))
    start = case.decided + dt.timedelta(days=rng.randint(3, 10))
    agreed = case.decided + dt.timedelta(days=rng.randint(14, 35))
    never_agreed = agreed >= end or (case.reason is ClosureReason.DISENGAGED and rng.random() < 0.4)
    plan = _PlanText(rng, case, words, interval, today)
    if never_agreed:
        status = PlanStatus.DRAFT if is_open else PlanStatus.CLOSED
        case.plan_id, case.outcomes = plan.version(
            rows, 1, status, start, None, None, review=None, closed=None if is_open else end
        )
        return
    span = (end - agreed).days
    count = min(MAX_REVIEWS, max(0, (span - 1) // (interval * 7)))
    step = max(interval * 7, span // (count + 1)) if count else 0
    reviews = [agreed + dt.timedelta(days=step * k + rng.randint(-3, 6)) for k in range(1, count + 1)]
    reviews = [d for d in reviews if agreed < d < end]
    dates = [agreed, *reviews]
    held = [*reviews, *([] if is_open else [end])]  # every review's day, the closing one's too
    for number, (agreed_on, reviewed_on) in enumerate(zip(dates, reviews), start=1):
        plan.then = held[number] if number < len(held) else None
        plan.version(rows, number, PlanStatus.SUPERSEDED, agreed_on, agreed_on, reviewed_on, review=reviewed_on)
    plan.then = None
    last = dates[-1]
    if is_open:
        case.plan_id, case.outcomes = plan.version(
            rows, len(dates), PlanStatus.AGREED, last, last, last + dt.timedelta(weeks=interval), review=None
        )
    else:
        case.plan_id, case.outcomes = plan.version(
            rows, len(dates), PlanStatus.CLOSED, last, last, None, review=end, closed=end
        )
    case.plan_agreed = True


class _PlanText:
    """What stays the same across a case's plan versions, and writing one version."""

    def __init__(self, rng: random.Random, case: CaseRec, words: texts.Words, interval: int, today: dt.date) -> None:
        assert case.lead is not None  # a case with a plan has a lead
        self.rng, self.case, self.words, self.interval, self.today = rng, case, words, interval, today
        self.areas = [area for area, _ in case.needs]
        self.need = {a: texts.pick(rng, texts.NEEDS[a], words, about_child(case, a)) for a in self.areas}
        self.wanted = {a: texts.pick(rng, texts.OUTCOMES[a], words, about_child(case, a)) for a in self.areas}
        self.scores = {a: rng.randint(2, 5) for a in self.areas}
        self.first: dict[NeedArea, int] = {}  # each area's score at the first review
        self.reviewed = 0  # reviews written so far
        self.then: dt.date | None = None  # the day of the review after the one being written
        self.voice_child = texts.pick(rng, texts.VOICE_OF_CHILD, words) if case.family.children else None
        self.voice_parents = texts.pick(rng, texts.VOICE_OF_PARENTS, words)
        self.strengths = " ".join(texts.fill(s, words) for s in rng.sample(texts.STRENGTHS, k=2))
        carer = case.family.carer
        team = [
            f"{carer.given} {carer.family} ({carer.relationship})",
            f"{case.lead.name} (lead professional, {case.lead.agency.name})",
        ]
        team += [f"{p.name} ({p.agency.name})" for p, _ in case.supporters]
        self.team = "; ".join(team)

    def version(
        self,
        rows: RowSet,
        number: int,
        status: PlanStatus,
        made_on: dt.date,
        agreed_on: dt.date | None,
        next_review: dt.date | None,
        *,
        review: dt.date | None,
        closed: dt.date | None = None,
    ) -> tuple[uuid.UUID, tuple[tuple[uuid.UUID, NeedArea, str], ...]]:
        """Write the version; its id and its outcomes (id, area, need)."""
        rng, case = self.rng, self.case
        plan_id = rows.add(
            TafPlan,
            case_id=case.id,
            plan_version=number,
            status=status,
            voice_of_child=self.voice_child,
            voice_of_parents=self.voice_parents,
            strengths=self.strengths,
            consent_confirmed_on=agreed_on or made_on,
            review_interval_weeks=self.interval,
            next_review_on=next_review,
            agreed_on=agreed_on,
            agreed_by=self.team if agreed_on else None,
            closed_on=closed,
            closure_reason=case.reason if closed else None,
            reviewed_on=review,  # a version's one review (as services/score_spans.py keeps it)
        )
        outcome_ids = []
        for position, area in enumerate(self.areas):
            outcome_ids.append(
                rows.add(
                    TafOutcome,
                    plan_id=plan_id,
                    position=position,
                    area=area,
                    need=self.need[area],
                    outcome_wanted=self.wanted[area],
                )
            )
        position = 0
        for area, outcome_id in zip(self.areas, outcome_ids):
            for template in rng.sample(texts.ACTIONS[area], k=rng.choice((1, 1, 2))):
                self._action(rows, plan_id, outcome_id, position, area, template, made_on, review or closed, status)
                position += 1
        if review is not None:
            self._review(rows, plan_id, outcome_ids, review, final=closed is not None)
        return plan_id, tuple((o, area, self.need[area]) for o, area in zip(outcome_ids, self.areas))

    def _action(
        self,
        rows: RowSet,
        plan_id: uuid.UUID,
        outcome_id: uuid.UUID,
        position: int,
        area,
        template,
        made_on: dt.date,
        looked_at: dt.date | None,
        plan_status: PlanStatus,
    ) -> None:
        rng, case = self.rng, self.case
        description, measure, who = template
        owner: Pro | None = case.lead
        person_id = None
        if who == "partner":
            helpers = [p for p, _ in case.supporters if area in p.specialisms] or [p for p, _ in case.supporters]
            owner = rng.choice(helpers) if helpers else case.lead
        elif who == "family":
            owner = None
            person_id = case.family.carer.id
        starts = made_on + dt.timedelta(days=rng.randint(0, 7))
        due = starts + dt.timedelta(days=rng.randint(14, 70))
        status = self._action_status(due, starts, looked_at, plan_status)
        rows.add(
            TafAction,
            plan_id=plan_id,
            outcome_id=outcome_id,
            position=position,
            description=texts.fill(description, self.words),
            owner_professional_id=owner.id if owner else None,
            owner_agency_id=owner.agency.id if owner else None,
            owner_person_id=person_id,
            starts_on=starts,
            due_on=due,
            measure=texts.fill(measure, self.words),
            status=status,
            dropped_reason=rng.choice(DROPPED_REASONS) if status is ActionStatus.DROPPED else None,
        )

    def _action_status(
        self, due: dt.date, starts: dt.date, looked_at: dt.date | None, plan_status: PlanStatus
    ) -> ActionStatus:
        roll = self.rng.random()
        if plan_status is PlanStatus.DRAFT:
            return ActionStatus.OPEN
        if plan_status is PlanStatus.CLOSED:
            return ActionStatus.DONE if roll < 0.8 else ActionStatus.DROPPED
        when = looked_at or self.today  # the current version of an open plan: as of today
        if due <= when:
            return ActionStatus.DONE if roll < 0.72 else ActionStatus.DROPPED if roll < 0.8 else ActionStatus.OPEN
        return ActionStatus.DONE if starts < when and roll < 0.15 else ActionStatus.OPEN

    def _review(
        self, rows: RowSet, plan_id: uuid.UUID, outcome_ids: list[uuid.UUID], held_on: dt.date, *, final: bool
    ) -> None:
        rng, case = self.rng, self.case
        review_id = rows.add(
            TafReview, plan_id=plan_id, held_on=held_on, attendees=self.team, notes=rng.choice(texts.REVIEW_NOTES)
        )
        for area, outcome_id in zip(self.areas, outcome_ids):
            before = self.scores[area]
            after = min(10, max(1, before + SCORE_CHANGE.pick(rng)))
            if final and case.reason in (ClosureReason.NEEDS_MET, ClosureReason.STEPPED_DOWN):
                after = max(after, rng.randint(7, 9))
            elif final and case.reason is ClosureReason.STEPPED_UP:
                after = min(after, rng.randint(1, 3))
            self.scores[area] = after
            if after - before >= 2 or (after > before and after >= 6):
                rag = Rag.GREEN
            else:
                rag = Rag.AMBER if after >= before else Rag.RED
            rows.add(
                TafReviewScore,
                review_id=review_id,
                area=area,
                score=after,
                first_score=self.first.setdefault(area, after),
                scored_times=self.reviewed + 1,
                next_held_on=self.then,
                held_on=held_on,
            )
            rows.add(
                TafReviewProgress,
                review_id=review_id,
                outcome_id=outcome_id,
                rag=rag,
                comment=texts.RAG_COMMENTS[rag.value],
            )
        self.reviewed += 1
