"""What the system keeps about itself: documents produced and the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text, event, text
from sqlalchemy.orm import Mapped, mapped_column

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
    updates and deletes, and the migrations add database triggers that do too."""

    __tablename__ = "audit_event"

    occurred_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    actor_name: Mapped[str] = mapped_column(String(160))  # kept even if the user is renamed
    action: Mapped[str] = mapped_column(String(80))
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    changes: Mapped[str | None] = mapped_column(Text)  # JSON: {"field": [old, new]}


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(mapper, connection, target) -> None:  # noqa: ANN001 (SQLAlchemy hook)
    raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")
