"""A family's current record: its address, phone and who lives in the
household, as Family and Person hold it and every letter reads it.

It changes in two ways, inside the caller's unit of work:

- The family's newest 360° profile states it (a repeat referral, a confirmed
  match, a corrected or amended profile). Newest by when the profile was
  compiled, not when it was imported: a profile compiled before the newest
  thing known of the family changes nothing, so an old profile imported late
  never overwrites a newer record. Members the profile says have left, or
  does not list, no longer live in the household; members new to the family
  join it.
- Someone corrects it by hand (services/family_record.py); the correction is
  then the newest thing known.

Each change is kept as a new FamilyRecordVersion (the first change keeps the
record as it stood too, as version 1) and written to the audit trail with the
old and new values. Rows are queued on the caller's RowSet, as the importer
writes a profile's rows only at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tafdesk.db.rowset import RowSet
from tafdesk.models import (
    Family,
    FamilyRecordVersion,
    Person,
    Profile360,
    ProfileMember,
    RecordSource,
    Referral,
    utcnow,
)
from tafdesk.services import audit
from tafdesk.services.actor import Actor
from tafdesk.services.locks import lock_row
from tafdesk.services.lookup import existing

FIELDS = ("address_line1", "address_line2", "town", "postcode", "phone")


@dataclass(frozen=True)
class Stated:
    """What one profile says the family's record is."""

    profile_id: uuid.UUID
    compiled_at: dt.datetime
    values: dict[str, str | None]  # FIELDS
    household: frozenset[uuid.UUID]  # the people it says live in the household

    @classmethod
    def of_document(cls, document: dict, profile_id: uuid.UUID, person_ids: dict[str, uuid.UUID]) -> Stated:
        family = document["family"]
        address = family["address"]
        return cls(
            profile_id,
            dt.datetime.fromisoformat(document["compiled_at"]),
            {
                "address_line1": address["line1"],
                "address_line2": address.get("line2"),
                "town": address.get("town"),
                "postcode": address["postcode"].upper(),
                "phone": family.get("phone"),
            },
            frozenset(person_ids[m["member_id"]] for m in family["members"] if m.get("lives_in_household", True)),
        )

    @classmethod
    def of_profile(cls, s: Session, profile: Profile360) -> Stated:
        at_home = s.scalars(
            select(ProfileMember.person_id).where(
                ProfileMember.profile_id == profile.id, ProfileMember.lives_in_household.is_(True)
            )
        )
        return cls(
            profile.id,
            profile.compiled_at,
            {
                "address_line1": profile.address_line1,
                "address_line2": profile.address_line2,
                "town": profile.town,
                "postcode": profile.postcode.upper(),
                "phone": profile.family_phone,
            },
            frozenset(person_id for person_id in at_home if person_id),  # members not (yet) linked to a person left out
        )


@dataclass
class _Known:
    as_of: dt.datetime | None  # the newest thing known of the record
    versions: int  # how many versions are kept


@dataclass
class RecordKeeper:
    """Changes families' current records in one unit of work. What it knows
    of each family is read once and kept up to date, so two profiles of one
    family in one import are weighed against each other."""

    s: Session
    rows: RowSet
    actor: Actor
    _known: dict[uuid.UUID, _Known] = field(default_factory=dict)

    def created(self, family_id: uuid.UUID, as_of: dt.datetime) -> None:
        """A family this unit of work made from a profile compiled then."""
        self._known[family_id] = _Known(as_of, 0)

    def is_newest(self, family_id: uuid.UUID, compiled_at: dt.datetime, profile_id: uuid.UUID | None = None) -> bool:
        """Whether a profile compiled then is newer than all else known of the
        family (`profile_id`, if stored already, not counted against itself).
        Compiled at the same moment as the newest known, it counts as newer:
        the later word on the same day's facts."""
        as_of = self._read(family_id, profile_id).as_of
        return as_of is None or compiled_at >= as_of

    def take_profile(self, family_id: uuid.UUID, stated: Stated, joined: frozenset[uuid.UUID] = frozenset()) -> bool:
        """Make what the profile states the current record if it is the
        newest; `joined` are people it brought to the family. Returns
        whether the record was changed."""
        if not self.is_newest(family_id, stated.compiled_at, stated.profile_id):
            return False
        return self.change(
            family_id,
            stated.values,
            stated.household,
            source=RecordSource.PROFILE,
            as_of=stated.compiled_at,
            profile_id=stated.profile_id,
            joined=joined,
        )

    def change(
        self,
        family_id: uuid.UUID,
        values: dict[str, Any],
        household: frozenset[uuid.UUID],
        *,
        source: RecordSource,
        as_of: dt.datetime,
        profile_id: uuid.UUID | None = None,
        joined: frozenset[uuid.UUID] = frozenset(),
    ) -> bool:
        """Set the record, keeping a version and auditing it if anything
        differs. People not in `household` no longer live there; `joined`
        are people new to the family in this change."""
        known = self._read(family_id, profile_id)
        known.as_of = max(known.as_of or as_of, as_of)
        family = existing(self.s, Family, family_id, "family")
        people = [
            p
            for p in self.s.scalars(select(Person).where(Person.family_id == family_id).order_by(Person.position))
            if p.id not in joined
        ]
        before = {name: getattr(family, name) for name in FIELDS}
        was_home = [p.id for p in people if p.lives_in_household]
        now_home = [p.id for p in people if p.id in household] + sorted(household & joined)
        changes = {name: [before[name], values[name]] for name in FIELDS if before[name] != values[name]}
        if not changes and set(was_home) == set(now_home):
            return False
        if known.versions == 0:  # the record as it stood, before its first change
            self._version(family_id, before, was_home, RecordSource.EARLIER, None, None)
        self._version(family_id, values, now_home, source, as_of, profile_id)
        for name, value in values.items():
            setattr(family, name, value)
        for person in people:
            person.lives_in_household = person.id in household
        family.updated_at = utcnow()  # a new row version, even when only the household changed
        changes["household"] = [was_home, now_home]
        if joined:
            changes["joined"] = [None, sorted(joined)]
        changes["record_version"] = [known.versions - 1, known.versions]
        action = "family.record_corrected" if source is RecordSource.CORRECTION else "family.record_updated"
        if profile_id is not None:
            changes["profile"] = [None, profile_id]
        audit.queue(self.rows, self.actor.user_id, self.actor.name, action, "family", family_id, changes)
        return True

    def _version(
        self,
        family_id: uuid.UUID,
        values: dict[str, Any],
        household: list[uuid.UUID],
        source: RecordSource,
        as_of: dt.datetime | None,
        profile_id: uuid.UUID | None,
    ) -> None:
        known = self._known[family_id]
        known.versions += 1
        self.rows.add(
            FamilyRecordVersion,
            family_id=family_id,
            number=known.versions,
            source=source,
            profile_id=profile_id,
            as_of=as_of,
            recorded_by_id=self.actor.user_id,
            recorded_by_name=self.actor.name,
            household=json.dumps([str(pid) for pid in household]),
            **values,
        )

    def _read(self, family_id: uuid.UUID, profile_id: uuid.UUID | None) -> _Known:
        """The newest thing known of the record: its newest profile or its
        latest correction. Read once, holding the family's row until commit."""
        known = self._known.get(family_id)
        if known is not None:
            return known
        lock_row(self.s, Family, family_id)
        profiles = (
            select(func.max(Profile360.compiled_at))
            .join(Referral, Referral.id == Profile360.referral_id)
            .where(Referral.family_id == family_id)
        )
        if profile_id is not None:
            profiles = profiles.where(Profile360.id != profile_id)
        kept = FamilyRecordVersion.family_id == family_id
        corrected = select(func.max(FamilyRecordVersion.as_of)).where(
            kept, FamilyRecordVersion.source == RecordSource.CORRECTION
        )
        versions = select(func.count(FamilyRecordVersion.id)).where(kept)
        compiled, corrected_at, count = (
            self.s.connection()
            .execute(select(profiles.scalar_subquery(), corrected.scalar_subquery(), versions.scalar_subquery()))
            .one()
        )
        dates = [d for d in (compiled, corrected_at) if d is not None]
        known = self._known[family_id] = _Known(max(dates, default=None), count)
        return known


def take_joined_profile(
    s: Session, actor: Actor, family_id: uuid.UUID, profile: Profile360, joined: frozenset[uuid.UUID]
) -> None:
    """A stored profile just joined to a known family (a confirmed match, a
    link by hand): the family's current record if it is its newest; if not,
    the people it brought (`joined`) join the family but not the household."""
    rows = RowSet()
    if not RecordKeeper(s, rows, actor).take_profile(family_id, Stated.of_profile(s, profile), joined):
        s.execute(
            update(Person)
            .where(Person.id.in_(joined), Person.lives_in_household.is_(True))
            .values(lives_in_household=False, version=Person.version + 1)
        )
    rows.insert_all(s)
