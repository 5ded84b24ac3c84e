"""The Team Around the Family plan, its versions and its reviews."""

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import ActionStatus, ClosureReason, NeedArea, PlanStatus, Rag

# A partial index's condition: a query uses the index only if it says the
# same, with the number written in the SQL (not a bound parameter).
TRAVELLED_TIMES = 2
TRAVELLED_WHERE = f"scored_times >= {TRAVELLED_TIMES}"
TRAVELLED_COLUMNS = ("held_on", "area", "first_score", "score", "next_held_on", "scored_times")


class TafPlan(Entity):
    """One version of a family's plan; agreeing or reviewing makes the next."""

    __tablename__ = "taf_plan"
    __table_args__ = (
        UniqueConstraint("case_id", "plan_version"),
        CheckConstraint("review_interval_weeks BETWEEN 1 AND 52", name="review_interval_range"),
        # A family's plans, and the day each was agreed, from the index alone (the reports).
        Index("ix_taf_plan_case_plans", "case_id", "id", "agreed_on"),
        # The reports' reviews due in a period, from the index alone.
        Index("ix_taf_plan_next_review_on", "next_review_on", "agreed_on", "status", "case_id", "id", "reviewed_on"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id"), index=True)
    plan_version: Mapped[int] = mapped_column(default=1)
    status: Mapped[PlanStatus] = mapped_column(enum_type(PlanStatus))
    voice_of_child: Mapped[str | None] = mapped_column(Text)
    voice_of_parents: Mapped[str | None] = mapped_column(Text)
    strengths: Mapped[str | None] = mapped_column(Text)
    consent_confirmed_on: Mapped[dt.date | None]
    review_interval_weeks: Mapped[int] = mapped_column(default=6)
    next_review_on: Mapped[dt.date | None]
    agreed_on: Mapped[dt.date | None]
    agreed_by: Mapped[str | None] = mapped_column(String(400))
    # Who last saved the version: a draft's autosaves are not audited, and a
    # sync's conflict on the draft names them (migration 0038).
    saved_by: Mapped[str | None] = mapped_column(String(200))
    closed_on: Mapped[dt.date | None]
    closure_reason: Mapped[ClosureReason | None] = mapped_column(enum_type(ClosureReason))
    # The day of this version's first review, None until it is reviewed: kept
    # by services/score_spans.py as reviews are recorded (the reports' reviews on time).
    reviewed_on: Mapped[dt.date | None]

    outcomes: Mapped[list["TafOutcome"]] = relationship(cascade="all, delete-orphan", order_by="TafOutcome.position")
    actions: Mapped[list["TafAction"]] = relationship(cascade="all, delete-orphan", order_by="TafAction.position")
    reviews: Mapped[list["TafReview"]] = relationship(cascade="all, delete-orphan", order_by="TafReview.held_on")


class TafOutcome(Entity):
    """A need in one area and the outcome the family wants."""

    __tablename__ = "taf_outcome"

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("taf_plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    area: Mapped[NeedArea] = mapped_column(enum_type(NeedArea))
    need: Mapped[str] = mapped_column(Text)
    outcome_wanted: Mapped[str] = mapped_column(Text)
    copied_from_id: Mapped[uuid.UUID | None]  # the same outcome in the version before


class TafAction(Entity):
    """A SMART action: what, who, when, and how we will know it is done."""

    __tablename__ = "taf_action"
    __table_args__ = (
        CheckConstraint("due_on IS NULL OR starts_on IS NULL OR due_on >= starts_on", name="due_after_start"),
        CheckConstraint("status <> 'dropped' OR dropped_reason IS NOT NULL", name="dropped_has_reason"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("taf_plan.id", ondelete="CASCADE"), index=True)
    outcome_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("taf_outcome.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text)
    owner_professional_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    owner_agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agency.id"))
    owner_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    starts_on: Mapped[dt.date | None]
    due_on: Mapped[dt.date | None]
    measure: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus))
    dropped_reason: Mapped[str | None] = mapped_column(Text)
    copied_from_id: Mapped[uuid.UUID | None]  # the same action in the version before


class TafReview(Entity):
    __tablename__ = "taf_review"
    __table_args__ = (  # the reports' reviews held in a period, and a plan's reviews from the index alone
        Index("ix_taf_review_held_on", "held_on", "id", "plan_id"),
        Index("ix_taf_review_plan_reviews", "plan_id", "held_on", "id"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("taf_plan.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[dt.date]
    attendees: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    scores: Mapped[list["TafReviewScore"]] = relationship(cascade="all, delete-orphan")
    progress: Mapped[list["TafReviewProgress"]] = relationship(cascade="all, delete-orphan")


class TafReviewScore(Entity):
    """Distance travelled: a 1-10 score per need area, chosen with the family."""

    __tablename__ = "taf_review_score"
    __table_args__ = (
        UniqueConstraint("review_id", "area"),
        CheckConstraint("score BETWEEN 1 AND 10", name="score_range"),
        # The reports' distance travelled, read from the index alone.
        Index(
            "ix_taf_review_score_scores", "review_id", "area", "score", "first_score", "scored_times", "next_held_on"
        ),
        # The whole council's distance travelled: the scores held in a period
        # that have one before them, from the index alone, no review read.
        Index(
            "ix_taf_review_score_travelled",
            *TRAVELLED_COLUMNS,
            sqlite_where=text(TRAVELLED_WHERE),
            postgresql_where=text(TRAVELLED_WHERE),
        ),
    )

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("taf_review.id", ondelete="CASCADE"))
    area: Mapped[NeedArea] = mapped_column(enum_type(NeedArea))
    score: Mapped[int]
    # Kept by services/score_spans.py as reviews are recorded (the family's
    # scores in the area in order): its first score, how many so far, and
    # the day of the next (None while this is the latest).
    first_score: Mapped[int | None]
    scored_times: Mapped[int | None]
    next_held_on: Mapped[dt.date | None]
    held_on: Mapped[dt.date | None]  # its review's day, kept with the three


class TafReviewProgress(Entity):
    """Red, amber or green progress towards one outcome at a review."""

    __tablename__ = "taf_review_progress"
    __table_args__ = (UniqueConstraint("review_id", "outcome_id"),)

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("taf_review.id", ondelete="CASCADE"))
    outcome_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("taf_outcome.id", ondelete="CASCADE"))
    rag: Mapped[Rag] = mapped_column(enum_type(Rag))
    comment: Mapped[str | None] = mapped_column(Text)
