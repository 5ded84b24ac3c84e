"""A profile that arrived again under a profile_id already imported, with
different content: held for business support to take or reject. An accepted
one is the profile's next version; the original as received stays on record."""

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import AmendmentStatus


class ProfileAmendment(Entity):
    __tablename__ = "profile_amendment"

    profile_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("profile360.id", ondelete="CASCADE"), index=True)
    document: Mapped[str] = mapped_column(Text)
    document_sha256: Mapped[str] = mapped_column(String(64))
    # JSON list of [path, stored value, amended value], against the profile as stored when it arrived
    differences: Mapped[str] = mapped_column(Text)
    source_name: Mapped[str | None] = mapped_column(String(400))
    received_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    status: Mapped[AmendmentStatus] = mapped_column(enum_type(AmendmentStatus), index=True)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    decided_at: Mapped[dt.datetime | None]
    version_number: Mapped[int | None]  # 2, 3, ... once accepted; the original is version 1
