"""Requests to the Case Management Group between its meetings, and changes
of lead professional or locality agreed outside a meeting.

A lead professional raises a blockage, a step-up or a step-down request on
their case (group_request); it goes on the next meeting of the case's
locality as an agenda item of its own (agenda_item.request_id), and the group
approves, declines or defers it with a rationale. An approved step-up is a
dated referral to children's social care, whose outcome is recorded on the
request when known. A case stepped down from social care arrives with a
transition plan (transition_plan), recorded at intake. A change of lead
(lead_change) is proposed by a locality manager and accepted or declined by
the receiving professional or their manager.
"""

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import LeadChangeState, ReferralOutcome, RequestKind, RequestState


class GroupRequest(Entity):
    __tablename__ = "group_request"
    __table_args__ = (
        CheckConstraint("state <> 'deferred' OR deferred_until IS NOT NULL", name="deferred_has_date"),
        CheckConstraint("referral_outcome IS NULL OR referred_on IS NOT NULL", name="outcome_of_a_referral"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    kind: Mapped[RequestKind] = mapped_column(enum_type(RequestKind))
    reason: Mapped[str] = mapped_column(Text)
    raised_on: Mapped[dt.date]
    raised_by: Mapped[str] = mapped_column(String(160))
    raised_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    state: Mapped[RequestState] = mapped_column(enum_type(RequestState))
    deferred_until: Mapped[dt.date | None]
    # The group's decision: at which meeting, by whom, and why.
    rationale: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(160))
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    # An approved step-up: the referral to children's social care and its outcome.
    referred_on: Mapped[dt.date | None]
    referral_outcome: Mapped[ReferralOutcome | None] = mapped_column(enum_type(ReferralOutcome))
    referral_outcome_on: Mapped[dt.date | None]
    referral_note: Mapped[str | None] = mapped_column(Text)
    referral_recorded_by: Mapped[str | None] = mapped_column(String(160))


class TransitionPlan(Entity):
    """A case stepped down from children's social care into early help: who
    receives it, the social worker handing over, and their joint visit."""

    __tablename__ = "transition_plan"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), unique=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    receiving_lead_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("professional.id"))
    social_worker_name: Mapped[str] = mapped_column(String(160))
    social_worker_contact: Mapped[str] = mapped_column(String(200))
    joint_visit_on: Mapped[dt.date]
    recorded_on: Mapped[dt.date]
    recorded_by: Mapped[str] = mapped_column(String(160))
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))


class LeadChange(Entity):
    """A new lead professional, perhaps in another locality, agreed outside a meeting."""

    __tablename__ = "lead_change"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)  # the case's, when proposed
    to_locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    from_lead_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    to_lead_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("professional.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[LeadChangeState] = mapped_column(enum_type(LeadChangeState))
    proposed_on: Mapped[dt.date]
    proposed_by: Mapped[str] = mapped_column(String(160))
    proposed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    answered_on: Mapped[dt.date | None]
    answered_by: Mapped[str | None] = mapped_column(String(160))
    answered_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    answer_note: Mapped[str | None] = mapped_column(Text)
