"""Actions followed up: each time an action agreed at a meeting or in a plan
is marked done, not done or carried forward, by whom and why."""

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import FollowUpState


class ActionFollowUp(Entity):
    """One marking of one action: a meeting's (decision_action) or a plan's
    (taf_action), never both. `meeting_id` is the meeting that reviewed it
    as a matter arising; empty when its owner, the lead or a manager marked it."""

    __tablename__ = "action_follow_up"
    __table_args__ = (
        CheckConstraint("(decision_action_id IS NULL) <> (taf_action_id IS NULL)", name="one_action"),
        CheckConstraint("state <> 'carried_forward' OR carried_to IS NOT NULL", name="carried_has_date"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    decision_action_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("decision_action.id", ondelete="CASCADE"), index=True
    )
    taf_action_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("taf_action.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    state: Mapped[FollowUpState] = mapped_column(enum_type(FollowUpState))
    note: Mapped[str] = mapped_column(Text)
    due_on: Mapped[dt.date | None]  # when the action was due as it was marked
    carried_to: Mapped[dt.date | None]  # carried forward: the new due date
    marked_on: Mapped[dt.date]  # the day in England it was marked
    marked_by: Mapped[str] = mapped_column(String(200))
    marked_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
