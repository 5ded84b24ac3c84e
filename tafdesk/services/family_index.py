"""Finding the known families an incoming profile may belong to.

The whole directory of people is read once per import into small in-memory
indexes by date of birth and by postcode; only the families sharing one of
those are scored. A family added during the import is added to the index, so
the same family twice in one file is recognised too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.intake.matching import FamilyFacts, Match, PersonFacts, Verdict, match_family, postcode_key
from tafdesk.models import Family, Person

MAX_CANDIDATES = 200  # a shared birthday in a city is common; beyond this, the postcode decides


@dataclass
class FamilyIndex:
    families: dict[uuid.UUID, FamilyFacts]
    by_birthday: dict[dt.date, set[uuid.UUID]]
    by_postcode: dict[str, set[uuid.UUID]]

    @classmethod
    def load(cls, s: Session) -> FamilyIndex:
        index = cls({}, defaultdict(set), defaultdict(set))
        members: dict[uuid.UUID, list[PersonFacts]] = defaultdict(list)
        rows = s.execute(select(Person.id, Person.family_id, Person.given_name, Person.family_name, Person.date_of_birth))
        for person_id, family_id, given, family, born in rows:
            members[family_id].append(PersonFacts(person_id, given, family, born))
        for family_id, name, postcode in s.execute(select(Family.id, Family.family_name, Family.postcode)):
            index.add(FamilyFacts(family_id, name, postcode, tuple(members.get(family_id, ()))))
        return index

    def add(self, family: FamilyFacts) -> None:
        self.families[family.key] = family
        self.by_postcode[postcode_key(family.postcode)].add(family.key)
        for member in family.members:
            if member.date_of_birth:
                self.by_birthday[member.date_of_birth].add(family.key)

    def candidates(self, incoming: FamilyFacts) -> set[uuid.UUID]:
        found = set(self.by_postcode.get(postcode_key(incoming.postcode), ()))
        for member in incoming.members:
            born = member.date_of_birth
            if born:
                found |= self.by_birthday.get(born, set())
                if born.day <= 12 and born.day != born.month:  # day and month written the other way round
                    found |= self.by_birthday.get(born.replace(month=born.day, day=born.month), set())
        return found if len(found) <= MAX_CANDIDATES else set(self.by_postcode.get(postcode_key(incoming.postcode), ()))

    def best_match(self, incoming: FamilyFacts) -> Match | None:
        """The most likely known family, or None if none is even worth asking about."""
        matches = [match_family(incoming, self.families[key]) for key in self.candidates(incoming)]
        matches = [m for m in matches if m.verdict is not Verdict.NONE]
        if not matches:
            return None
        return max(matches, key=lambda m: (m.verdict is Verdict.CONFIDENT, m.score, str(m.family_key)))
