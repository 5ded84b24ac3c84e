"""Changes made in an offline copy to a case its user may no longer work on
(their access was withdrawn before they synced): held on the server for the
case's locality manager, who applies or discards them."""

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import HeldState


class OfflineHeld(Entity):
    __tablename__ = "offline_held"
    __table_args__ = (UniqueConstraint("case_id", "copy_id"),)  # one copy's changes to a case: held once

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    copy_id: Mapped[str] = mapped_column(String(32))
    held_by: Mapped[str] = mapped_column(String(160))  # the name as it was
    held_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    held_by_professional_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    held_at: Mapped[dt.datetime]
    summary: Mapped[str] = mapped_column(Text)  # "the plan changed, 1 note added"
    # The copy's rows as taken and as left (JSON, offline/rows_json.py): what the merge needs.
    changes: Mapped[str] = mapped_column(Text)
    state: Mapped[HeldState] = mapped_column(enum_type(HeldState))
    decided_at: Mapped[dt.datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(160))
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    decision_note: Mapped[str | None] = mapped_column(Text)
