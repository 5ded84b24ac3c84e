"""A short, stable id for each person in a family: the family's reference and
four characters drawn from the person's own key, e.g. F-000042-7KQ2. The
family's record shows it beside each person (the Correct family address and
household window, the case summary), so that a subject access request can
name one person: `tafdesk sar --person F-000042-7KQ2`.

The characters are the first bits of a hash of the person's UUID, which
never changes (hashed because some ids rise in the order they were made, so
their first bits say little), in Crockford's base 32 (no I, L, O or U; typed
I, L and O are read as 1, 1 and 0). Two people of one family whose first four agree (about one family in
fifty thousand) are both shown with as many more as tells them apart."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tafdesk.services.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SHORTEST = 4
_TYPED = str.maketrans({"I": "1", "L": "1", "O": "0"})


def _code(person_id: uuid.UUID, length: int) -> str:
    digest = int.from_bytes(hashlib.blake2b(person_id.bytes, digest_size=16).digest())
    bits = digest >> (128 - 5 * length)
    return "".join(ALPHABET[(bits >> (5 * (length - 1 - i))) & 31] for i in range(length))


def short_ids(family_reference: str, person_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each of one family's people's id as shown (pass all of the family's people)."""
    people = list(dict.fromkeys(person_ids))
    shown = {}
    for person in people:
        length = SHORTEST
        while length < 25 and any(_code(o, length) == _code(person, length) for o in people if o != person):
            length += 1
        shown[person] = f"{family_reference}-{_code(person, length)}"
    return shown


def find(s: Session, typed: str) -> uuid.UUID:
    """The person a typed id names, or a sentence saying why there is none."""
    from sqlalchemy import select

    from tafdesk.models import Family, Person

    reference, _, code = typed.strip().upper().rpartition("-")
    code = code.translate(_TYPED)
    if "-" not in reference or len(code) < SHORTEST or any(c not in ALPHABET for c in code):
        raise ValidationError(
            {
                "person": f"“{typed.strip()}” is not a person's id: it is the family's reference and "
                "four or more letters and digits, e.g. F-000042-7KQ2, as the family's "
                "record shows it."
            }
        )
    family_id = s.scalar(select(Family.id).where(Family.reference == reference))
    if family_id is None:
        raise NotFound(f"There is no family with the reference {reference}.")
    people = list(s.scalars(select(Person.id).where(Person.family_id == family_id)))
    named = [p for p in people if _code(p, len(code)) == code]
    if not named:
        raise NotFound(f"Nobody in {reference} has the id {reference}-{code}.")
    if len(named) > 1:
        longer = ", ".join(sorted(short_ids(reference, people)[p] for p in named))
        raise ValidationError(
            {"person": f"Two people in {reference} have ids beginning {code}: give the whole id ({longer})."}
        )
    return named[0]
