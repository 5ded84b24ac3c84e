"""Case notes: the contacts a Team Around the Family records between meetings.

A note is never edited in place: a correction is a new note that names the
one it corrects (`corrects_id`), and both are kept. The current version of a
note is the one no other note corrects.
"""

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import NoteType


class CaseNote(Entity):
    __tablename__ = "case_note"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_record.id", ondelete="CASCADE"), index=True)
    # The note this one corrects: each note is corrected at most once.
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_note.id"), unique=True)
    contact_on: Mapped[dt.date]
    note_type: Mapped[NoteType] = mapped_column(enum_type(NoteType))
    who_seen: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    follow_ups: Mapped[str | None] = mapped_column(Text)
    # Withheld from the editions made for other agencies.
    restricted: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The first contact with the family, or with the referrer, since allocation.
    first_contact_family: Mapped[bool] = mapped_column(default=False, server_default=false())
    first_contact_referrer: Mapped[bool] = mapped_column(default=False, server_default=false())
    written_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    written_by_name: Mapped[str] = mapped_column(String(160))
    correction_reason: Mapped[str | None] = mapped_column(Text)

    children: Mapped[list["CaseNoteChild"]] = relationship(
        cascade="all, delete-orphan", order_by="CaseNoteChild.position"
    )


class CaseNoteChild(Entity):
    """Whether one child of the family was seen at the contact, and seen alone."""

    __tablename__ = "case_note_child"
    __table_args__ = (
        UniqueConstraint("note_id", "person_id"),
        CheckConstraint("seen OR NOT seen_alone", name="alone_means_seen"),
    )

    note_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_note.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    seen: Mapped[bool] = mapped_column(default=False)
    seen_alone: Mapped[bool] = mapped_column(default=False)
