"""Closing a case, reopening it, and the evidence of a plan's outcomes.

A lead professional proposes closing their family's case (`CaseClosure`,
proposed) with a summary, the family's view, the reason and, for each need
of the plan, whether it was met (`CaseClosureNeed`); a locality manager
approves it, which closes the plan and the case, or returns it saying why.
An approved closure may be reopened within the period the council sets; the
reopening is kept on the same row (when, by whom, why).

`OutcomeEvidence` keeps each record of progress towards one outcome of a
plan, with its evidence and the day from which it was sustained: never
edited, a later record is added instead.
"""

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import CaseStatus, ClosureReason, ClosureStatus, NeedArea, NeedMet, OutcomeProgress


def _where(condition: str) -> dict:
    return {"sqlite_where": text(condition), "postgresql_where": text(condition)}


class CaseClosure(Entity):
    __tablename__ = "case_closure"
    __table_args__ = (
        # One proposal waiting per case: a second is refused by the database too.
        Index("ix_case_closure_one_proposed", "case_id", unique=True, **_where("status = 'proposed'")),
        CheckConstraint("status <> 'returned' OR returned_why IS NOT NULL", name="returned_has_why"),
        CheckConstraint("status = 'proposed' OR decided_on IS NOT NULL", name="decided_has_day"),
        CheckConstraint("reopened_on IS NULL OR status = 'approved'", name="reopened_was_approved"),
        CheckConstraint("reopened_on IS NULL OR reopen_reason IS NOT NULL", name="reopened_has_reason"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("taf_plan.id", ondelete="SET NULL"))
    status: Mapped[ClosureStatus] = mapped_column(enum_type(ClosureStatus))
    reason: Mapped[ClosureReason] = mapped_column(enum_type(ClosureReason))
    summary: Mapped[str] = mapped_column(Text)
    family_view: Mapped[str] = mapped_column(Text)
    # The case's status when closing was proposed: reopening puts it back.
    status_before: Mapped[CaseStatus] = mapped_column(enum_type(CaseStatus))
    proposed_on: Mapped[dt.date]
    proposed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    proposed_by_name: Mapped[str] = mapped_column(String(160))
    decided_on: Mapped[dt.date | None]
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    decided_by_name: Mapped[str | None] = mapped_column(String(160))
    returned_why: Mapped[str | None] = mapped_column(Text)
    reopened_on: Mapped[dt.date | None]
    reopened_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    reopened_by_name: Mapped[str | None] = mapped_column(String(160))
    reopen_reason: Mapped[str | None] = mapped_column(Text)

    needs: Mapped[list["CaseClosureNeed"]] = relationship(
        cascade="all, delete-orphan", order_by="CaseClosureNeed.position"
    )


class CaseClosureNeed(Entity):
    """One need of the plan at closure, and whether it was met."""

    __tablename__ = "case_closure_need"

    closure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_closure.id", ondelete="CASCADE"), index=True)
    outcome_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("taf_outcome.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    area: Mapped[NeedArea] = mapped_column(enum_type(NeedArea))
    need: Mapped[str] = mapped_column(Text)
    met: Mapped[NeedMet] = mapped_column(enum_type(NeedMet))


class OutcomeEvidence(Entity):
    """Progress towards one outcome of a plan, its evidence, and the day from
    which it was sustained. `outcome_id` is the outcome in the version it was
    recorded against; versions copy outcomes (copied_from_id), so a record
    follows its outcome into later versions."""

    __tablename__ = "outcome_evidence"
    __table_args__ = (
        CheckConstraint(
            "progress NOT IN ('achieved', 'sustained') OR sustained_from IS NOT NULL", name="achieved_has_day"
        ),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    outcome_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("taf_outcome.id", ondelete="CASCADE"), index=True)
    area: Mapped[NeedArea] = mapped_column(enum_type(NeedArea))
    progress: Mapped[OutcomeProgress] = mapped_column(enum_type(OutcomeProgress))
    evidence: Mapped[str] = mapped_column(Text)
    sustained_from: Mapped[dt.date | None]
    recorded_on: Mapped[dt.date]
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(160))
