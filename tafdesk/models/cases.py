"""A family's case, from the front door to closure."""

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.models.base import Entity, access_locality_column, enum_type
from tafdesk.models.directory import Professional
from tafdesk.models.enums import CaseStatus, ClosureReason, ReviewFlag
from tafdesk.models.families import Family


class Case(Entity):
    # "case" is an SQL keyword; the table name avoids quoting everywhere.
    __tablename__ = "case_record"
    __table_args__ = (
        CheckConstraint("complexity_weight >= 0", name="weight_not_negative"),
        CheckConstraint("level_of_need BETWEEN 1 AND 4", name="level_of_need_range"),
        CheckConstraint("closed_on IS NULL OR closed_on >= opened_on", name="closed_after_opened"),
        # A lead professional's cases from the index alone: on PostgreSQL
        # row-level security asks for them in every statement they make.
        Index("ix_case_record_lead_professional_cases", "lead_professional_id", "id"),
        # The reports' cases closed in a period or still open on a day (NULL),
        # with what they count of each case: from the index alone.
        Index(
            "ix_case_record_closed_on",
            "closed_on",
            "closure_reason",
            "opened_on",
            "allocated_on",
            "lead_professional_id",
            "complexity_weight",
            "locality_id",
            "id",
        ),
        # The reports' cases allocated in a period outside a meeting, with what they count of each.
        Index("ix_case_record_allocated_on", "allocated_on", "id", "opened_on", "closed_on", "locality_id"),
    )

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family.id"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    status: Mapped[CaseStatus] = mapped_column(enum_type(CaseStatus), index=True)
    lead_professional_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    complexity_weight: Mapped[float] = mapped_column(default=1.0)
    level_of_need: Mapped[int | None]
    is_repeat: Mapped[bool] = mapped_column(default=False)
    # A repeat referral: the family's case closed before this one was opened,
    # and whether that closure was within the 12 months before it.
    repeat_of_case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_record.id", ondelete="SET NULL"))
    repeat_within_12_months: Mapped[bool] = mapped_column(default=False, server_default=false())
    opened_on: Mapped[dt.date]
    # The day a lead professional was last allocated: the allocation letter's
    # promises (contact within 5 working days, a plan within 20) run from it.
    allocated_on: Mapped[dt.date | None]  # the reports count by these days (indexed above)
    closed_on: Mapped[dt.date | None]
    closure_reason: Mapped[ClosureReason | None] = mapped_column(enum_type(ClosureReason))
    consent_override_reason: Mapped[str | None] = mapped_column(String(1000))
    front_door_note: Mapped[str | None] = mapped_column(Text)
    review_flag: Mapped[ReviewFlag | None] = mapped_column(enum_type(ReviewFlag))
    review_note: Mapped[str | None] = mapped_column(Text)
    # The chair chose to let letters to the family's home name sensitive
    # agencies (police, domestic abuse, substance misuse, mental health).
    names_sensitive_agencies: Mapped[bool] = mapped_column(default=False, server_default=false())

    family: Mapped[Family] = relationship()
    lead_professional: Mapped[Professional | None] = relationship()
    supporters: Mapped[list["CaseSupporter"]] = relationship(back_populates="case", cascade="all, delete-orphan")


class CaseSupporter(Entity):
    """A professional in the Team Around the Family who does not lead it."""

    __tablename__ = "case_supporter"
    __table_args__ = (
        UniqueConstraint("case_id", "professional_id"),
        Index("ix_case_supporter_professional_cases", "professional_id", "case_id"),  # as the lead's cases above
        Index("ix_case_supporter_case_days", "case_id", "since", "professional_id"),  # the reports' caseloads
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"))
    professional_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("professional.id"))
    since: Mapped[dt.date]
    access_locality: Mapped[uuid.UUID | None] = access_locality_column()

    case: Mapped[Case] = relationship(back_populates="supporters")
    professional: Mapped[Professional] = relationship()
