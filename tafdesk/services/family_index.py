"""Finding the known families an incoming profile may belong to.

Candidates are looked up in the database through indexed keys, so the cost
follows the file, not the council: the families at the same postcode, and
the families with someone born on an incoming member's birthday (or on it
with day and month or two digits swapped, 30/04 for 03/04) under a name
alike by the matcher's own rule. Only those families are read and scored.
Families this import has written (new ones, or known ones it added people
to) are kept here too, as the database does not hold them until the import's
rows are inserted: the same family twice in one file is recognised.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.intake.keys import fold_name, postcode_key
from tafdesk.intake.matching import (
    FamilyFacts,
    Match,
    PersonFacts,
    Verdict,
    address_lines,
    folded_alike,
    match_family,
    swapped_dates,
)
from tafdesk.models import Family, Person

KnownFamily = FamilyFacts[uuid.UUID, uuid.UUID]  # a family of the database (or of this import), by ids


class FamilyIndex:
    def __init__(self, s: Session) -> None:
        self._s = s
        self._written: dict[uuid.UUID, KnownFamily] = {}  # by this import, not yet in the database
        self._by_birthday: dict[dt.date, set[uuid.UUID]] = defaultdict(set)
        self._by_postcode: dict[str, set[uuid.UUID]] = defaultdict(set)
        self._read: dict[uuid.UUID, KnownFamily] = {}

    def facts(self, family_id: uuid.UUID) -> KnownFamily:
        """A candidate family as last seen (what this import added included)."""
        return self._written.get(family_id) or self._read[family_id]

    def add(self, family: KnownFamily) -> None:
        """A family this import has written, in full (replacing what was read)."""
        self._written[family.key] = family
        self._by_postcode[postcode_key(family.postcode)].add(family.key)
        for member in family.members:
            if member.date_of_birth:
                self._by_birthday[member.date_of_birth].add(family.key)

    def best_match(self, incoming: FamilyFacts) -> Match | None:
        """The most likely known family, or None if none is even worth asking about."""
        matches = [match_family(incoming, self.facts(key)) for key in self.candidates(incoming)]
        matches = [m for m in matches if m.verdict is not Verdict.NONE]
        if not matches:
            return None
        return max(matches, key=lambda m: (m.verdict is Verdict.CONFIDENT, m.score, str(m.family_key)))

    def candidates(self, incoming: FamilyFacts) -> set[uuid.UUID]:
        postcode = postcode_key(incoming.postcode)
        born = _birthdays(incoming.members)
        db = self._s.connection()  # plain rows: no ORM needed for these lookups
        found = set(db.scalars(select(Family.id).where(Family.postcode_key == postcode)))
        found |= self._by_postcode.get(postcode, set())
        if born:
            people = db.execute(
                select(Person.family_id, Person.given_key, Person.family_key, Person.date_of_birth).where(
                    Person.date_of_birth.in_(born)
                )
            )
            found |= {
                family_id for family_id, given, family, date in people if date and _alike(born[date], given, family)
            }
        for date, members in born.items():
            for key in self._by_birthday.get(date, ()):
                if any(
                    _alike(members, fold_name(p.given_name), fold_name(p.family_name))
                    for p in self._written[key].members
                    if p.date_of_birth == date
                ):
                    found.add(key)
        self._read_facts(found - self._written.keys() - self._read.keys())
        return found

    def _read_facts(self, family_ids: set[uuid.UUID]) -> None:
        if not family_ids:
            return
        db = self._s.connection()
        members: dict[uuid.UUID, list[PersonFacts[uuid.UUID]]] = defaultdict(list)
        rows = db.execute(
            select(Person.id, Person.family_id, Person.given_name, Person.family_name, Person.date_of_birth)
            .where(Person.family_id.in_(family_ids))
            .order_by(Person.family_id, Person.position)
        )
        for person_id, family_id, given, family, born in rows:
            members[family_id].append(PersonFacts(person_id, given, family, born))
        for family_id, name, postcode, line1, line2 in db.execute(
            select(Family.id, Family.family_name, Family.postcode, Family.address_line1, Family.address_line2).where(
                Family.id.in_(family_ids)
            )
        ):
            self._read[family_id] = FamilyFacts(
                family_id, name, postcode, tuple(members.get(family_id, ())), address_lines(line1, line2)
            )


def _birthdays(members: Iterable[PersonFacts]) -> dict[dt.date, list[tuple[str, str]]]:
    """Each date a known person could be born on to pair with an incoming member
    (their birthday, and it with something swapped), with the folded names of
    the incoming members it would pair."""
    born: dict[dt.date, list[tuple[str, str]]] = defaultdict(list)
    for member in members:
        date = member.date_of_birth
        if date is None:
            continue
        names = (fold_name(member.given_name), fold_name(member.family_name))
        for possible in (date, *swapped_dates(date)):
            born[possible].append(names)
    return born


def _alike(incoming: list[tuple[str, str]], given: str, family: str) -> bool:
    return any(folded_alike(g, f, given, family) for g, f in incoming)
