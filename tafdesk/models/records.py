"""What the system keeps about itself: documents produced and the audit trail."""

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, ForeignKey, String, Text, case, event, false, select, text
from sqlalchemy.orm import Mapped, column_property, mapped_column

from tafdesk.models.base import Entity, enum_type, utcnow
from tafdesk.models.enums import DocumentFormat, DocumentType, SendMethod


class GeneratedDocument(Entity):
    """The register of letters, minutes and plans tafdesk has produced."""

    __tablename__ = "generated_document"

    doc_type: Mapped[DocumentType] = mapped_column(enum_type(DocumentType))
    doc_format: Mapped[DocumentFormat] = mapped_column(enum_type(DocumentFormat))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_record.id"), index=True)
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    recipient: Mapped[str | None] = mapped_column(String(400))
    path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    generated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    generated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Each making of a document is kept under its own file name: the number
    # is its suffix ("_v2"), counted per document (type, case, meeting, format).
    file_version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    # Sent or posted, and who said so (the name as it was, for the record).
    sent_on: Mapped[dt.date | None]
    sent_how: Mapped[SendMethod | None] = mapped_column(enum_type(SendMethod))
    sent_by_name: Mapped[str | None] = mapped_column(String(160))
    # A letter's template as it was used: the saved version (its row keeps the
    # body and locality), or template_version 0 for the shipped default. Both
    # None: not a letter, or made before tafdesk recorded it.
    template_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("letter_template.id"))
    template_version: Mapped[int | None]


class AppSetting(Entity):
    """A setting shared by everyone using the database (JSON value), such as
    the case weight rules or the meeting quorum."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEvent(Entity):
    """Who did what to which record, and when. Append-only: the ORM refuses
    updates and deletes, and the migrations add database triggers that do too.

    Each event is a link of a keyed chain (AuditLink, made by the database as
    the event is written: see tafdesk/db/audit_chain.py). Its values (the old
    and new field values) are kept apart, in AuditValue, so that they can be
    anonymised without breaking the chain; `changes` reads them as before."""

    __tablename__ = "audit_event"

    occurred_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    actor_name: Mapped[str] = mapped_column(String(160))  # kept even if the user is renamed
    action: Mapped[str] = mapped_column(String(80))
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    # Whether values were written with it (chained: values that go missing
    # are noticed, and the database links the event once they are there).
    has_values: Mapped[bool] = mapped_column(default=False, server_default=false())
    if TYPE_CHECKING:  # mapped below, once AuditValue is
        changes: Mapped[str | None]


class AuditValue(Entity):
    """An audit event's values: JSON {"field": [old, new]}. Only a keyed MAC of
    them is chained (never a plain digest, which would let a date of birth be
    guessed), so retention may anonymise them (anonymised_at set, the values
    replaced) and the chain still verifies."""

    __tablename__ = "audit_value"

    id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit_event.id"), primary_key=True)
    changes: Mapped[str | None] = mapped_column(Text)
    anonymised_at: Mapped[dt.datetime | None]


class AuditLink(Entity):
    """One link of the audit trail's keyed chain, written only by the database
    (a trigger) as its event is written, under the event's own id: seq counts
    from 1 without gaps, and mac is an HMAC-SHA256, under its segment's key,
    of seq, the previous link's mac, the event's columns and values_mac (the
    keyed MAC of its values). A segment begins where the previous one's key
    was not found."""

    __tablename__ = "audit_link"

    id: Mapped[uuid.UUID] = mapped_column(ForeignKey("audit_event.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    segment: Mapped[uuid.UUID]
    prev_mac: Mapped[str | None] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))
    values_mac: Mapped[str | None] = mapped_column(String(64))


# Read as it always was: one query loads an event with its values. (Asked
# through has_values, so that the event's own table is always in the query:
# select(AuditEvent.changes) alone then reads every event's, not one.)
_event, _value = AuditEvent.__table__, AuditValue.__table__
AuditEvent.changes = column_property(
    case(
        (
            _event.c.has_values,
            select(_value.c.changes).where(_value.c.id == _event.c.id).correlate_except(_value).scalar_subquery(),
        )
    )
)


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
@event.listens_for(AuditLink, "before_update")
@event.listens_for(AuditLink, "before_delete")
def _refuse_change(mapper, connection, target) -> None:
    raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")
