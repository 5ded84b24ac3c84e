"""Rows read by their id that the caller needs to be there."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, TypeVar

from tafdesk.services.errors import NotFound

if TYPE_CHECKING:  # the ORM stays off the start-up path
    from sqlalchemy.orm import Session

T = TypeVar("T")


def existing(s: Session, model: type[T], row_id: uuid.UUID | None, noun: str) -> T:
    """The row, or NotFound in words: another session may have deleted it
    since its id was read (a key's row is still read, not assumed)."""
    found = s.get(model, row_id) if row_id is not None else None
    if found is None:
        raise NotFound(f"That {noun} is no longer in the database.")
    return found
