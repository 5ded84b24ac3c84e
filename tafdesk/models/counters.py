"""Numbering of references (F-000042, N-2026-0012): the last number used for
each prefix, in one row that an import locks while it numbers."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tafdesk.models.base import Entity


class ReferenceCounter(Entity):
    __tablename__ = "reference_counter"

    prefix: Mapped[str] = mapped_column(String(20), unique=True)
    last_number: Mapped[int]
