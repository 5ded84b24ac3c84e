"""Letter templates that business support edit in the app, kept as versions."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import DocumentType


class LetterTemplate(Entity):
    """One saved version of a letter type's template. Saving makes a new
    version and marks it current; earlier versions stay for the record.

    `body` is the template's text: paragraphs, **bold**, *italic*, # headings
    and - bullet lists, with merge fields written «lead_professional.name»."""

    __tablename__ = "letter_template"
    __table_args__ = (
        UniqueConstraint("letter_type", "template_version"),
        # At most one current version per letter type.
        Index("ix_letter_template_current", "letter_type", unique=True,
              sqlite_where=text("is_current"), postgresql_where=text("is_current")),
    )

    letter_type: Mapped[DocumentType] = mapped_column(enum_type(DocumentType))
    template_version: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(String(400))  # what changed, in the editor's words
    is_current: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    created_by_name: Mapped[str] = mapped_column(String(160))  # kept even if the user is renamed
