"""Whom a letterhead or a letter template is for: the whole council, or one
locality, which either has its own or follows the council-wide one. The
letterhead dialog and the template editor offer the same "For:" choice."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.models import Locality
from tafdesk.services.errors import NotFound

COUNCIL_WIDE = "Council-wide"


@dataclass(frozen=True)
class ForChoice:
    locality_id: uuid.UUID | None  # None: council-wide
    name: str  # "Council-wide", or the locality's name
    own: bool  # the locality has its own (always True for council-wide)
    code: str | None = None  # the locality's code ("N")


def choices(s: Session, own: set[uuid.UUID] | None = None, own_codes: set[str] | None = None) -> list[ForChoice]:
    """Council-wide, then each locality by name; a locality has its own when
    its id is in `own` or its code in `own_codes`."""
    rows = s.execute(select(Locality.id, Locality.name, Locality.code).order_by(Locality.name)).all()
    own, own_codes = own or set(), own_codes or set()
    return [
        ForChoice(None, COUNCIL_WIDE, True),
        *(ForChoice(i, name, i in own or code in own_codes, code) for i, name, code in rows),
    ]


def name_and_code(s: Session, locality_id: uuid.UUID) -> tuple[str, str]:
    """(name, code) of a locality, or NotFound."""
    row = s.execute(select(Locality.name, Locality.code).where(Locality.id == locality_id)).first()
    if row is None:
        raise NotFound("That locality is no longer in the database.")
    return row.name, row.code
