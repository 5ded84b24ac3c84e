"""Letter templates that business support edit in the app, kept as versions."""

import uuid

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from tafdesk.models.base import Entity, enum_type
from tafdesk.models.enums import DocumentType


def _where(condition: str) -> dict:
    return {"sqlite_where": text(condition), "postgresql_where": text(condition)}


class LetterTemplate(Entity):
    """One saved version of a letter type's template, council-wide or for one
    locality (`locality_id`). Saving makes a new version and marks it current;
    earlier versions stay for the record. A locality without a current
    version of its own uses the council-wide one.

    `body` is the template's text: paragraphs, **bold**, *italic*, # headings
    and - bullet lists, with merge fields written «lead_professional.name»."""

    __tablename__ = "letter_template"
    # Versions are numbered, and at most one is current, per letter type and
    # locality. A unique rule sees no two NULLs as equal (on SQLite and on
    # PostgreSQL before 15), so council-wide rows have partial indexes of their own.
    __table_args__ = (
        Index(
            "uq_letter_template_council_version",
            "letter_type",
            "template_version",
            unique=True,
            **_where("locality_id IS NULL"),
        ),
        Index(
            "uq_letter_template_locality_version",
            "letter_type",
            "locality_id",
            "template_version",
            unique=True,
            **_where("locality_id IS NOT NULL"),
        ),
        Index("ix_letter_template_current", "letter_type", unique=True, **_where("is_current AND locality_id IS NULL")),
        Index(
            "ix_letter_template_current_locality",
            "letter_type",
            "locality_id",
            unique=True,
            **_where("is_current AND locality_id IS NOT NULL"),
        ),
    )

    letter_type: Mapped[DocumentType] = mapped_column(enum_type(DocumentType))
    locality_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("locality.id"))  # None: council-wide
    template_version: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(String(400))  # what changed, in the editor's words
    is_current: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    created_by_name: Mapped[str] = mapped_column(String(160))  # kept even if the user is renamed
