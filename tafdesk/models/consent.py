"""Consent to share a family's information, and Early Help Assessments."""

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import ConsentMethod, ConsentPurpose, NeedArea


class Consent(Entity):
    """One person's consent for one purpose: sharing within the Team Around
    the Family, or with one named agency; withdrawn by filling in the
    withdrawal. Consent given again after a withdrawal is a new row."""

    __tablename__ = "consent"
    __table_args__ = (
        CheckConstraint("(purpose = 'agency') = (agency_id IS NOT NULL)", name="agency_named_for_agency"),
        CheckConstraint("withdrawn_on IS NULL OR withdrawn_on >= given_on", name="withdrawn_after_given"),
        CheckConstraint("(withdrawn_on IS NULL) = (withdrawn_how IS NULL)", name="withdrawal_says_how"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[ConsentPurpose] = mapped_column(enum_type(ConsentPurpose))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agency.id"))
    given_on: Mapped[dt.date]
    given_how: Mapped[ConsentMethod] = mapped_column(enum_type(ConsentMethod))
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(160))
    withdrawn_on: Mapped[dt.date | None]
    withdrawn_how: Mapped[ConsentMethod | None] = mapped_column(enum_type(ConsentMethod, "withdrawn_method"))
    withdrawal_note: Mapped[str | None] = mapped_column(Text)
    withdrawal_recorded_at: Mapped[dt.datetime | None]
    withdrawal_recorded_by: Mapped[str | None] = mapped_column(String(160))


class EarlyHelpAssessment(Entity):
    """An Early Help Assessment of one child, or of a family with its children."""

    __tablename__ = "early_help_assessment"
    __table_args__ = (
        CheckConstraint("completed_on IS NULL OR completed_on >= started_on", name="completed_after_started"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[dt.date]
    completed_on: Mapped[dt.date | None]
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agency.id"))
    organisation_name: Mapped[str] = mapped_column(String(200))  # as it was when recorded
    whole_family: Mapped[bool] = mapped_column(default=False, server_default=false())
    recorded_by_name: Mapped[str] = mapped_column(String(160))

    children: Mapped[list["AssessmentChild"]] = relationship(
        cascade="all, delete-orphan", order_by="AssessmentChild.position"
    )
    needs: Mapped[list["AssessmentNeed"]] = relationship(
        cascade="all, delete-orphan", order_by="AssessmentNeed.position"
    )


class AssessmentChild(Entity):
    """A child the assessment is of, and whether they were seen for it."""

    __tablename__ = "early_help_assessment_child"
    __table_args__ = (UniqueConstraint("assessment_id", "person_id"),)

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("early_help_assessment.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    seen: Mapped[bool] = mapped_column(default=False)


class AssessmentNeed(Entity):
    """A need the assessment found, in one area, at a level of need (1-4)."""

    __tablename__ = "early_help_assessment_need"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 4", name="level_range"),)

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("early_help_assessment.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    area: Mapped[NeedArea] = mapped_column(enum_type(NeedArea))
    description: Mapped[str] = mapped_column(Text)
    level: Mapped[int]
