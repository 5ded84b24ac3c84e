"""Ethnicity recorded with the Department for Education's codes.

Wording that says one code and only one is mapped as it arrives (intake, and
migration 0024 for what was already held: tafdesk/intake/ethnicity.py). The
rest waits here for business support or a locality manager of the family's
locality to choose the code; each choice is audited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from tafdesk.db import Database
from tafdesk.models import ETHNICITY_LABELS, Ethnicity, Family, Person
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ConflictError, ValidationError
from tafdesk.services.lookup import existing


@dataclass(frozen=True)
class Uncoded:
    """A person whose ethnicity is held as words no code could be read from."""

    person_id: uuid.UUID
    version: int
    family_reference: str
    name: str
    wording: str


def code_choices() -> list[tuple[Ethnicity, str]]:
    """Each code with its words, in the DfE's order: 'WBRI White British'."""
    return [(code, f"{code.value} {ETHNICITY_LABELS[code]}") for code in Ethnicity]


class EthnicityService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def uncoded(self, limit: int = 500) -> list[Uncoded]:
        """The people of the actor's localities with wording but no code."""
        self._actor.require(Permission.CODE_ETHNICITY)
        with self._db.reader() as s:
            rows = s.execute(
                select(Person, Family.reference)
                .join(Family, Family.id == Person.family_id)
                .where(
                    Person.ethnicity.is_not(None),
                    Person.ethnicity != "",
                    Person.ethnicity_code.is_(None),
                    Family.anonymised_on.is_(None),
                    scope.in_localities(self._actor, Family.locality_id),
                )
                .order_by(Family.reference, Person.position)
                .limit(limit)
            ).all()
            return [Uncoded(p.id, p.version, ref, p.name, p.ethnicity or "") for p, ref in rows]

    def choose(self, person_id: uuid.UUID, expected_version: int, code: Ethnicity | str | None) -> None:
        """The person's code, chosen by hand (the wording held is kept)."""
        self._actor.require(Permission.CODE_ETHNICITY)
        try:
            chosen = Ethnicity(code) if code else None
        except ValueError:
            chosen = None
        if chosen is None:
            raise ValidationError({"ethnicity_code": "Choose one of the DfE's ethnicity codes."})
        with self._db.session() as s:
            s.execute(select(Person.id).where(Person.id == person_id).with_for_update())
            person = existing(s, Person, person_id, "person")
            family = existing(s, Family, person.family_id, "family")
            scope.require_locality(s, self._actor, family.locality_id, "record the ethnicity of a member of a family")
            if person.version != expected_version:
                raise ConflictError("Someone changed this person's record since you read it: read the list again.")
            old = person.ethnicity_code
            person.ethnicity_code = chosen
            audit.record(
                s,
                self._actor,
                "person.ethnicity_coded",
                "person",
                person.id,
                {"ethnicity_code": [old, chosen]},
                locality_id=family.locality_id,
            )
