"""TAF plans: drafting, agreeing, reviewing and closing, version by version.

Each TafPlan row is one numbered version. A draft can be saved at any moment
(the editor saves as it is typed). Agreeing freezes the version; a review
records progress and scores and makes the next version, agreed at the review;
revising an agreed plan starts a new draft from it. A plan closes only with
its case, when a locality manager approves the lead's proposal to close it
(services/closure.py): a lead professional never closes one on their own.
Every step is audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tafdesk import clock
from tafdesk.db import Database, changes
from tafdesk.models import (
    ActionStatus,
    Case,
    CaseStatus,
    Family,
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
from tafdesk.models.enums import NEED_AREA_ORDER
from tafdesk.plans.content import ActionItem, PlanContent
from tafdesk.plans.schedule import next_review
from tafdesk.plans.smart import smart_problems
from tafdesk.plans.versions import Change, differences
from tafdesk.plans.view import PlanView, ReviewView
from tafdesk.services import audit, scope, score_spans
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ConflictError, NotFound, ValidationError
from tafdesk.services.lookup import existing
from tafdesk.services.plan_people import (
    editable_case,
    first_draft,
    load_content,
    owner_choices,
    plan_people,
    write_content,
)
from tafdesk.services.views import Looks

OPEN_CASE = (CaseStatus.TAF_OPEN, CaseStatus.MULTI_AGENCY_PLAN, CaseStatus.WORKING_TOGETHER_MEETING)


@dataclass(frozen=True)
class ReviewInput:
    held_on: dt.date
    attendees: str = ""
    notes: str = ""
    scores: dict[NeedArea, int] = field(default_factory=dict)
    progress: dict[uuid.UUID, tuple[Rag, str | None]] = field(default_factory=dict)
    action_updates: dict[uuid.UUID, tuple[ActionStatus, str | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class CopyIds:
    """The ids a version made in an offline copy has there, which the
    server's making of it at sync takes (so that what the copy did to that
    version, or recorded of it, finds it): the plan's, and each item's by the
    id of the item it was copied from."""

    plan_id: uuid.UUID
    items: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)


@dataclass(frozen=True)
class OfflineReview:
    """A review as an offline copy recorded it: its id and when, and the
    ids of the version it made there."""

    review_id: uuid.UUID
    recorded_at: dt.datetime
    made: CopyIds | None = None


class PlanService:
    def __init__(self, db: Database, actor: Actor, today: dt.date | None = None) -> None:
        self._db = db
        self._actor = actor
        self._today = today
        self._looks = Looks(db, actor)

    def today(self) -> dt.date:
        return self._today or clock.today()

    @property
    def database(self) -> Database:
        """For services that work on the same plans (a copy of one as a document)."""
        return self._db

    # -- reading ---------------------------------------------------------------

    def current(self, case_id: uuid.UUID) -> PlanView | None:
        """The newest version of the case's plan, or None if it has none yet."""
        with self._db.reader() as s:
            self._readable_case(s, case_id)
            plan = s.scalar(
                select(TafPlan).where(TafPlan.case_id == case_id).order_by(TafPlan.plan_version.desc()).limit(1)
            )
            return self._view(s, plan) if plan else None

    def open(self, case_id: uuid.UUID, plan_id: uuid.UUID | None = None) -> PlanView | None:
        """The plan as a person opens it to read or edit (the newest version,
        or the version plan_id): the look is audited first (services/views.py)."""
        plan = self.version(plan_id) if plan_id else self.current(case_id)
        if plan is not None:
            self._looks.record("plan.viewed", "taf_plan", plan.id, "The plan")
        return plan

    def version(self, plan_id: uuid.UUID) -> PlanView:
        with self._db.reader() as s:
            plan = _plan(s, plan_id)
            self._readable_case(s, plan.case_id)
            return self._view(s, plan)

    def versions(self, case_id: uuid.UUID) -> list[tuple[uuid.UUID, int, PlanStatus, dt.date | None]]:
        with self._db.reader() as s:
            self._readable_case(s, case_id)
            return list(
                s.execute(
                    select(TafPlan.id, TafPlan.plan_version, TafPlan.status, TafPlan.agreed_on)
                    .where(TafPlan.case_id == case_id)
                    .order_by(TafPlan.plan_version)
                ).all()
            )

    def differences(self, older_id: uuid.UUID, newer_id: uuid.UUID) -> list[Change]:
        """What changed from one version to another (any two of the same case)."""
        with self._db.reader() as s:
            older, newer = _plan(s, older_id), _plan(s, newer_id)
            if older.case_id != newer.case_id:
                raise ValidationError({"version": "Both versions must be of the same family's plan."})
            self._readable_case(s, older.case_id)
            chain = _lineage(s, older.case_id)
            return differences(
                load_content(s, older), load_content(s, newer), same={item: _original(chain, item) for item in chain}
            )

    def score_history(self, case_id: uuid.UUID) -> dict[NeedArea, list[tuple[dt.date, int]]]:
        """Distance travelled: each area's scores at the reviews, oldest first."""
        with self._db.reader() as s:
            self._readable_case(s, case_id)
            rows = s.execute(
                select(TafReviewScore.area, TafReview.held_on, TafReviewScore.score)
                .join(TafReview, TafReview.id == TafReviewScore.review_id)
                .join(TafPlan, TafPlan.id == TafReview.plan_id)
                .where(TafPlan.case_id == case_id)
                .order_by(TafReview.held_on)
            ).all()
        history: dict[NeedArea, list[tuple[dt.date, int]]] = {}
        for area, held_on, score in rows:
            history.setdefault(area, []).append((held_on, score))
        return history

    def may_edit(self, case_id: uuid.UUID) -> bool:
        """Whether the actor may draft, agree, review or close this case's plan."""
        if not self._actor.can(Permission.EDIT_PLANS):
            return False
        with self._db.reader() as s:
            case = s.get(Case, case_id)
            return case is not None and scope.may_see_case(s, self._actor, case)

    def owner_choices(self, case_id: uuid.UUID):
        with self._db.reader() as s:
            return owner_choices(s, self._readable_case(s, case_id))

    # -- changing ----------------------------------------------------------------

    def start(self, case_id: uuid.UUID) -> PlanView:
        """A first draft for a newly allocated family, begun from its 360° profile."""
        with self._db.session() as s:
            case = self._editable_case(s, case_id)
            if case.status not in OPEN_CASE:
                raise ConflictError(f"{case.reference} has no open Team Around the Family, so it has no plan.")
            if s.scalar(select(TafPlan.id).where(TafPlan.case_id == case_id).limit(1)):
                raise ConflictError(f"{case.reference} already has a plan.")
            plan = TafPlan(case_id=case_id, plan_version=1, status=PlanStatus.DRAFT, review_interval_weeks=6)
            s.add(plan)
            s.flush()
            write_content(s, plan, first_draft(s, case))
            audit.record(
                s, self._actor, "plan.started", "taf_plan", plan.id, {"case": [None, case.reference]}, case_id=case_id
            )
            s.flush()
            return self._view(s, plan)

    def save_draft(self, plan_id: uuid.UUID, expected_version: int, content: PlanContent) -> int:
        """Save a draft as it stands (SMART problems allowed); returns its new row version."""
        with self._db.session() as s:
            plan = self._locked(s, plan_id, expected_version)
            if plan.status is not PlanStatus.DRAFT:
                raise ConflictError("Only a draft can be edited; revise the agreed plan to start a new draft.")
            _check_shape(content)
            write_content(s, plan, content)
            plan.updated_at = clock.now()  # a new row version even if only child rows changed
            plan.saved_by = self._actor.name
            s.flush()
            changes.announce(s, "taf_plan", plan.id, action="plan.draft_saved", case_id=plan.case_id)  # not audited
            return plan.version

    def agree(
        self, plan_id: uuid.UUID, expected_version: int, agreed_by: str, agreed_on: dt.date | None = None
    ) -> PlanView:
        with self._db.session() as s:
            plan = self._locked(s, plan_id, expected_version)
            if plan.status is not PlanStatus.DRAFT:
                raise ConflictError("This version has already been agreed.")
            content = load_content(s, plan)
            errors = {
                (f"actions[{p.action_index}].{p.field}" if p.action_index is not None else p.field): p.message
                for p in smart_problems(content, self.today())
            }
            if content.consent_confirmed_on is None:
                errors["consent_confirmed_on"] = "Record when the family gave consent to the plan."
            if not agreed_by.strip():
                errors["agreed_by"] = "Say who agreed the plan."
            if errors:
                raise ValidationError(errors)
            agreed_on = agreed_on or self.today()
            _supersede_agreed(s, plan.case_id)
            plan.status, plan.agreed_on, plan.agreed_by = PlanStatus.AGREED, agreed_on, agreed_by.strip()
            plan.next_review_on = next_review(agreed_on, plan.review_interval_weeks)
            audit.record(
                s,
                self._actor,
                "plan.agreed",
                "taf_plan",
                plan.id,
                {"plan_version": [None, plan.plan_version], "agreed_by": [None, plan.agreed_by]},
                case_id=plan.case_id,
            )
            s.flush()
            return self._view(s, plan)

    def revise(self, plan_id: uuid.UUID, ids: CopyIds | None = None) -> PlanView:
        """A new draft version from the agreed plan (the draft, if one exists).
        `ids`: those the draft has in an offline copy, sent at its sync."""
        with self._db.session() as s:
            plan = _plan(s, plan_id)
            self._editable_case(s, plan.case_id)
            newest = _newest(s, plan.case_id)
            if newest.status is PlanStatus.DRAFT:
                return self._view(s, newest)
            if newest.status is not PlanStatus.AGREED:
                raise ConflictError("This plan is closed.")
            draft = _copy(s, newest, PlanStatus.DRAFT, load_content(s, newest), ids)
            audit.record(
                s,
                self._actor,
                "plan.revised",
                "taf_plan",
                draft.id,
                {"plan_version": [None, draft.plan_version]},
                case_id=draft.case_id,
            )
            s.flush()
            return self._view(s, draft)

    def record_review(
        self, plan_id: uuid.UUID, expected_version: int, review: ReviewInput, offline: OfflineReview | None = None
    ) -> PlanView:
        """Record a TAF review of the agreed plan; the plan as updated at the
        review becomes the next agreed version. `offline`: a review recorded
        in an offline copy, sent at its sync (its id and time kept)."""
        with self._db.session() as s:
            plan = self._locked(s, plan_id, expected_version)
            if plan.status is not PlanStatus.AGREED:
                raise ConflictError("Reviews are of the agreed plan.")
            content = load_content(s, plan)
            _check_review(review, content, self.today())
            s.add(_review_row(plan, review, offline))
            updated = PlanContent(
                **{
                    **content.__dict__,
                    "actions": tuple(_updated(a, review.action_updates.get(a.id)) for a in content.actions),
                }
            )
            plan.status = PlanStatus.SUPERSEDED
            s.flush()
            score_spans.refresh(s, plan.case_id)
            new = _copy(s, plan, PlanStatus.AGREED, updated, offline.made if offline else None)
            new.agreed_on, new.agreed_by = review.held_on, review.attendees.strip() or self._actor.name
            new.next_review_on = next_review(review.held_on, new.review_interval_weeks)
            self._reviewed(s, plan, review, new.plan_version, offline)
            s.flush()
            return self._view(s, new)

    def record_late_review(self, plan_id: uuid.UUID, review: ReviewInput, offline: OfflineReview) -> None:
        """An offline review of a version the server has since moved on from
        (reviewed again, on another day): kept as that version's review, its
        scores and progress in the family's history; it makes no new version
        (its action updates reach the plan by the sync's merge)."""
        with self._db.session() as s:
            plan = _plan(s, plan_id, for_update=True)
            self._editable_case(s, plan.case_id)
            _check_review(review, load_content(s, plan), self.today())
            s.add(_review_row(plan, review, offline))
            s.flush()
            score_spans.refresh(s, plan.case_id)  # as record_review keeps them
            self._reviewed(s, plan, review, None, offline)

    def _reviewed(
        self, s: Session, plan: TafPlan, review: ReviewInput, new_version: int | None, offline: OfflineReview | None
    ) -> None:
        values = {
            "held_on": [None, review.held_on],
            "scores": [None, {a.value: v for a, v in review.scores.items()}],
            "new_version": [None, new_version],
        }
        if offline is not None:
            values["recorded_offline_at"] = [None, offline.recorded_at]
        audit.record(s, self._actor, "plan.reviewed", "taf_plan", plan.id, values, case_id=plan.case_id)

    # -- helpers -------------------------------------------------------------------

    def _readable_case(self, s: Session, case_id: uuid.UUID) -> Case:
        self._actor.require(Permission.VIEW_PLANS)
        return scope.case(s, self._actor, case_id, "see the plan")

    def _editable_case(self, s: Session, case_id: uuid.UUID) -> Case:
        return editable_case(s, self._actor, case_id)

    def _locked(self, s: Session, plan_id: uuid.UUID, expected_version: int) -> TafPlan:
        # Held until commit: a second save of the same version waits, then
        # finds the version moved on and is told so, rather than failing raw.
        plan = _plan(s, plan_id, for_update=True)
        self._editable_case(s, plan.case_id)
        if plan.version != expected_version:
            raise ConflictError("This plan was changed elsewhere since you opened it. It has been reloaded.")
        return plan

    def _view(self, s: Session, plan: TafPlan) -> PlanView:
        case = existing(s, Case, plan.case_id, "case")
        reviews = s.scalars(
            select(TafReview)
            .join(TafPlan, TafPlan.id == TafReview.plan_id)
            .where(TafPlan.case_id == plan.case_id)
            .order_by(TafReview.held_on)
            .options(selectinload(TafReview.scores), selectinload(TafReview.progress))
        ).all()
        versions = dict(
            s.execute(select(TafPlan.id, TafPlan.plan_version).where(TafPlan.case_id == plan.case_id)).all()
        )
        return PlanView(
            plan.id,
            case.id,
            case.reference,
            existing(s, Family, case.family_id, "family").family_name,
            plan.plan_version,
            plan.status,
            plan.version,
            load_content(s, plan),
            plan.next_review_on,
            plan.agreed_on,
            plan.agreed_by,
            plan.closed_on,
            plan.closure_reason,
            tuple(
                ReviewView(
                    r.id,
                    versions[r.plan_id],
                    r.held_on,
                    r.attendees,
                    r.notes,
                    {x.area: x.score for x in sorted(r.scores, key=lambda x: NEED_AREA_ORDER[x.area])},
                    {p.outcome_id: (p.rag, p.comment) for p in r.progress},
                )
                for r in reviews
            ),
            plan_people(s, case, self.today()),
            self._actor.can(Permission.EDIT_PLANS)
            and scope.may_see_case(s, self._actor, case)
            and plan.status is PlanStatus.DRAFT,
        )


def _plan(s: Session, plan_id: uuid.UUID, *, for_update: bool = False) -> TafPlan:
    plan = s.get(TafPlan, plan_id, with_for_update=for_update, populate_existing=for_update)
    if plan is None:
        raise NotFound("That plan is no longer in the database.")
    return plan


def _newest(s: Session, case_id: uuid.UUID) -> TafPlan:
    """The case's newest plan; asked only for a case with a plan."""
    newest = select(TafPlan).where(TafPlan.case_id == case_id).order_by(TafPlan.plan_version.desc()).limit(1)
    return s.execute(newest).scalar_one()


def _supersede_agreed(s: Session, case_id: uuid.UUID) -> None:
    for older in s.scalars(select(TafPlan).where(TafPlan.case_id == case_id, TafPlan.status == PlanStatus.AGREED)):
        older.status = PlanStatus.SUPERSEDED


def _copy(s: Session, plan: TafPlan, status: PlanStatus, content: PlanContent, ids: CopyIds | None = None) -> TafPlan:
    """The next version, with copies of the outcomes and actions that remember
    their originals (under the ids an offline copy gave them, if it made it)."""
    kept = {"id": ids.plan_id} if ids is not None else {}
    new = TafPlan(
        **kept,
        case_id=plan.case_id,
        plan_version=_newest(s, plan.case_id).plan_version + 1,
        status=status,
        review_interval_weeks=plan.review_interval_weeks,
        next_review_on=plan.next_review_on,
    )
    s.add(new)
    s.flush()
    write_content(s, new, content, copy=True, ids=ids.items if ids is not None else None)
    return new


def _lineage(s: Session, case_id: uuid.UUID) -> dict[uuid.UUID, uuid.UUID | None]:
    """Every outcome and action of the case's plan: id -> the id it was copied from."""
    chain = dict(
        s.execute(
            select(TafOutcome.id, TafOutcome.copied_from_id).join(TafPlan).where(TafPlan.case_id == case_id)
        ).all()
    )
    chain.update(
        s.execute(select(TafAction.id, TafAction.copied_from_id).join(TafPlan).where(TafPlan.case_id == case_id)).all()
    )
    return chain


def _original(chain: dict, item_id: uuid.UUID) -> uuid.UUID:
    """Follow copies back to the first version, so that items in any two versions match."""
    while chain.get(item_id):
        item_id = chain[item_id]
    return item_id


def _check_shape(content: PlanContent) -> None:
    if not 1 <= content.review_interval_weeks <= 52:
        raise ValidationError({"review_interval_weeks": "Review every 1 to 52 weeks."})
    """What the database would refuse, said at the field before it is asked:
    a refusal is the user's to mend, not an outage to wait out."""
    errors = {}
    for i, a in enumerate(content.actions):
        if a.status is ActionStatus.DROPPED and not (a.dropped_reason or "").strip():
            errors[f"actions[{i}].dropped_reason"] = "Say why the action was dropped."
        if a.due_on and a.starts_on and a.due_on < a.starts_on:
            errors[f"actions[{i}].due_on"] = (
                f"Due {a.due_on.day} {a.due_on:%b %Y} is before it starts ({a.starts_on.day} {a.starts_on:%b %Y})."
            )
    if errors:
        raise ValidationError(errors)


def _check_review(review: ReviewInput, content: PlanContent, today: dt.date) -> None:
    errors = {}
    if review.held_on > today:
        errors["held_on"] = "A review is recorded after it has been held."
    for area, score in review.scores.items():
        if not 1 <= score <= 10:
            errors[f"scores.{area.value}"] = "Scores run from 1 to 10."
    outcomes = {o.id for o in content.outcomes}
    if set(review.progress) - outcomes:
        errors["progress"] = "Progress is given for the plan's own outcomes."
    actions = {a.id for a in content.actions}
    for action_id, (status, reason) in review.action_updates.items():
        if action_id not in actions:
            errors["action_updates"] = "Updates are for the plan's own actions."
        elif status is ActionStatus.DROPPED and not (reason or "").strip():
            errors["action_updates"] = "Say why an action was dropped."
    if errors:
        raise ValidationError(errors)


def _review_row(plan: TafPlan, review: ReviewInput, offline: OfflineReview | None) -> TafReview:
    kept = {} if offline is None else {"id": offline.review_id, "created_at": offline.recorded_at}
    return TafReview(
        plan_id=plan.id,
        held_on=review.held_on,
        attendees=review.attendees.strip() or None,
        notes=review.notes.strip() or None,
        scores=[TafReviewScore(area=a, score=v) for a, v in review.scores.items()],
        progress=[TafReviewProgress(outcome_id=o, rag=r, comment=c) for o, (r, c) in review.progress.items()],
        **kept,
    )


def _updated(action: ActionItem, update: tuple[ActionStatus, str | None] | None) -> ActionItem:
    if update is None:
        return action
    status, reason = update
    return ActionItem(
        **{**action.__dict__, "status": status, "dropped_reason": reason if status is ActionStatus.DROPPED else None}
    )
