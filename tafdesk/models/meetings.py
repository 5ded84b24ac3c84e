"""The weekly Locality Case Management Group and what it decides."""

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, ForeignKeyConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import AgendaKind, AgendaStatus, AttendanceStatus, DecisionOutcome, MeetingStatus


class Meeting(Entity):
    __tablename__ = "meeting"
    # One meeting per locality at any time: two people planning the weeks at
    # once must not make two.
    __table_args__ = (UniqueConstraint("locality_id", "starts_at"),)

    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    venue: Mapped[str | None] = mapped_column(String(200))
    chair_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    status: Mapped[MeetingStatus] = mapped_column(enum_type(MeetingStatus))
    closed_at: Mapped[dt.datetime | None]
    minutes_notes: Mapped[str | None] = mapped_column(Text)
    minute_taker: Mapped[str | None] = mapped_column(String(200))  # who took the minutes, as the minutes name them
    declarations: Mapped[str | None] = mapped_column(Text)  # declarations of interest made at the start

    attendance: Mapped[list["Attendance"]] = relationship(cascade="all, delete-orphan")
    agenda: Mapped[list["AgendaItem"]] = relationship(cascade="all, delete-orphan", order_by="AgendaItem.position")


class Attendance(Entity):
    __tablename__ = "attendance"

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"))
    professional_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    attendee_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[AttendanceStatus] = mapped_column(enum_type(AttendanceStatus))
    deputy_name: Mapped[str | None] = mapped_column(String(200))
    arrived_at: Mapped[dt.time | None]  # for one who came late, the local time they arrived


class CandidateWidening(Entity):
    """An agency not at the table whose professionals the chair chose to
    consider all the same (it sent a written update), and why."""

    __tablename__ = "candidate_widening"
    __table_args__ = (UniqueConstraint("meeting_id", "agency_id"),)

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"))
    reason: Mapped[str] = mapped_column(Text)


class AgendaItem(Entity):
    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("meeting_id", "case_id"),)

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[AgendaKind] = mapped_column(enum_type(AgendaKind))
    status: Mapped[AgendaStatus] = mapped_column(enum_type(AgendaStatus))
    reason: Mapped[str | None] = mapped_column(Text)
    minute_text: Mapped[str | None] = mapped_column(Text)  # business support's wording, if edited
    # A REQUEST item: the lead professional's request the group decides on.
    request_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("group_request.id", ondelete="SET NULL"))

    decision: Mapped["Decision | None"] = relationship(back_populates="agenda_item")


class Decision(Entity):
    __tablename__ = "decision"
    # What its actions' copy of the case refers to (DecisionAction).
    __table_args__ = (UniqueConstraint("id", "case_id"),)

    agenda_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), unique=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id"), index=True)
    outcome: Mapped[DecisionOutcome] = mapped_column(enum_type(DecisionOutcome))
    lead_professional_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    lead_agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agency.id"))
    rationale: Mapped[str | None] = mapped_column(Text)
    capacity_override_reason: Mapped[str | None] = mapped_column(Text)
    deferred_until: Mapped[dt.date | None]
    deferral_reason: Mapped[str | None] = mapped_column(Text)
    # Set when the lead or a team member came from an agency not at the table.
    widening_note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime]
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    # The case as it was before this decision (JSON), so that undoing it restores it.
    case_before: Mapped[str | None] = mapped_column(Text)

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="decision")
    supporters: Mapped[list["DecisionSupporter"]] = relationship(cascade="all, delete-orphan")
    actions: Mapped[list["DecisionAction"]] = relationship(
        cascade="all, delete-orphan", order_by="DecisionAction.position"
    )


class DecisionSupporter(Entity):
    """An agency, and perhaps a named professional, joining the TAF."""

    __tablename__ = "decision_supporter"
    __table_args__ = (UniqueConstraint("decision_id", "agency_id", "professional_id"),)

    decision_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"))
    professional_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))


class DecisionAction(Entity):
    """An action agreed with a decision. It carries the decision's case (the
    key on both columns keeps the copy the decision's) and the day it was
    agreed, so that the family's team read and mark it without reading the
    decision or the meeting, which on PostgreSQL they may not (migration 0026)."""

    __tablename__ = "decision_action"
    __table_args__ = (
        ForeignKeyConstraint(["decision_id", "case_id"], ["decision.id", "decision.case_id"], ondelete="CASCADE"),
    )

    decision_id: Mapped[uuid.UUID] = mapped_column(index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(index=True)
    agreed_on: Mapped[dt.date]  # the day of the meeting that agreed it
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text)
    owner_professional_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    owner_name: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[dt.date | None]
    done: Mapped[bool] = mapped_column(default=False)
