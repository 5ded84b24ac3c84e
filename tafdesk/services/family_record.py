"""Reading and correcting a family's current record (address, phone, who
lives in the household) by hand: business support or a locality manager,
at any time, a decision or not. A correction is checked field by field,
saved against the family's row version in one transaction, kept as a new
version of the record and audited (services/current_record.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk import clock
from tafdesk.contracts import max_length
from tafdesk.db.rowset import RowSet
from tafdesk.intake.contract import unsafe_character
from tafdesk.models import Family, FamilyRecordVersion, MemberRole, Person, Profile360, RecordSource, utcnow
from tafdesk.services import person_ids, scope, validation
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.current_record import FIELDS, RecordKeeper
from tafdesk.services.errors import ConflictError, NotFound, ValidationError
from tafdesk.services.intake_queue import age_text
from tafdesk.services.locks import lock_row

LABELS = {
    "address_line1": "Address",
    "address_line2": "Address, second line",
    "town": "Town",
    "postcode": "Postcode",
    "phone": "Phone",
}
LIMITS = {
    "address_line1": max_length("address", "line1"),
    "address_line2": max_length("address", "line2"),
    "town": max_length("address", "town"),
    "phone": max_length("profile", "family", "phone"),
}
REQUIRED = ("address_line1", "town", "postcode")
NAME_LIMIT = max_length("person", "first_name")


@dataclass(frozen=True)
class Newcomer:
    """Someone who has moved in and is new to the family. Text as typed; a
    date of birth as YYYY-MM-DD (anything else is named as a problem)."""

    first_name: str | None
    last_name: str | None
    role: str | None
    relationship: str | None = None
    date_of_birth: str | None = None


@dataclass(frozen=True)
class RecordCorrection:
    address_line1: str | None
    address_line2: str | None
    town: str | None
    postcode: str | None
    phone: str | None
    household: frozenset[uuid.UUID]  # the family's people who live in the household
    newcomers: tuple[Newcomer, ...] = ()  # people new to the family, who live in the household

    def values(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class Member:
    person_id: uuid.UUID
    name: str
    role: MemberRole
    relationship: str | None
    age: str
    in_household: bool
    shown_id: str = ""  # as a subject access request names them (services/person_ids.py)


@dataclass(frozen=True)
class RecordVersion:
    number: int
    source: RecordSource
    as_of: dt.datetime | None
    recorded_at: dt.datetime
    recorded_by: str
    profile_ref: str | None
    address: tuple[str, ...]
    phone: str | None
    household: tuple[str, ...]  # names, as the people are called now

    def source_text(self) -> str:
        if self.source is RecordSource.PROFILE:
            compiled = f", compiled {self.as_of.day} {self.as_of:%b %Y}" if self.as_of else ""
            return f"from profile {self.profile_ref or '(since removed)'}{compiled}"
        if self.source is RecordSource.CORRECTION:
            return f"corrected by {self.recorded_by}"
        return "as recorded before its first change"


@dataclass(frozen=True)
class FamilyRecord:
    family_id: uuid.UUID
    version: int  # the family row's, for optimistic locking
    reference: str
    family_name: str
    address_line1: str
    address_line2: str | None
    town: str | None
    postcode: str
    phone: str | None
    members: tuple[Member, ...]
    history: tuple[RecordVersion, ...] = field(default=())  # newest first

    @property
    def id(self) -> uuid.UUID:  # what forms tell records apart by
        return self.family_id


class FamilyRecordService:
    def __init__(self, db, actor: Actor, today: dt.date | None = None) -> None:
        self._db = db
        self._actor = actor
        self._today = today

    def family_of_case(self, case_id: uuid.UUID) -> uuid.UUID:
        self._actor.require(Permission.CORRECT_FAMILY_RECORD)
        with self._db.reader() as s:
            return scope.case(s, self._actor, case_id, "correct the address and household").family_id

    def record(self, family_id: uuid.UUID) -> FamilyRecord:
        """The family's current record, its people and its earlier versions."""
        self._actor.require(Permission.CORRECT_FAMILY_RECORD)
        with self._db.reader() as s:
            scope.require_family(s, self._actor, family_id, "correct the address and household")
            return _record(s, family_id, self._today or clock.today())

    def problems(self, correction: RecordCorrection) -> dict[str, str]:
        """Every problem with a correction, by field ('newcomers[0].first_name'
        for a cell of the new people's table); empty when it may be saved."""
        correction = clean(correction)
        found = {}
        for name in FIELDS:
            value = getattr(correction, name)
            problem = (validation.required(value, LABELS[name]) if name in REQUIRED else None) or _text(
                value, LABELS[name], LIMITS.get(name)
            )
            if not problem and name == "postcode":
                problem = validation.postcode(value)
            if not problem and name == "phone":
                problem = validation.phone(value)
            if problem:
                found[name] = problem
        for index, newcomer in enumerate(correction.newcomers):
            found.update({f"newcomers[{index}].{k}": v for k, v in _newcomer_problems(newcomer, self._today).items()})
        return found

    def correct(self, family_id: uuid.UUID, expected_version: int, correction: RecordCorrection) -> FamilyRecord:
        """Make the correction the family's current record."""
        self._actor.require(Permission.CORRECT_FAMILY_RECORD)
        correction = clean(correction)
        problems = self.problems(correction)
        if problems:
            raise ValidationError(problems)
        with self._db.session() as s:
            rows = RowSet()
            records = RecordKeeper(s, rows, self._actor)
            lock_row(s, Family, family_id)  # held until commit: one correction at a time
            scope.require_family(s, self._actor, family_id, "correct the address and household")
            family = s.get(Family, family_id)
            if family.version != expected_version:
                raise ConflictError(
                    "Someone else changed this family's address or household while you were "
                    "correcting it. Reload and try again."
                )
            people = set(s.scalars(select(Person.id).where(Person.family_id == family_id)))
            if not correction.household <= people:
                raise ValidationError({"household": "Someone ticked is no longer a member of this family. Reload."})
            joined = frozenset(_add(s, family_id, newcomer) for newcomer in correction.newcomers)
            records.change(
                family_id,
                correction.values(),
                correction.household | joined,
                source=RecordSource.CORRECTION,
                as_of=utcnow(),
                joined=joined,
            )
            rows.insert_all(s)
        return self.record(family_id)


def clean(correction: RecordCorrection) -> RecordCorrection:
    """Text stripped, blank as None, the postcode as it is written (NT3 9QA)."""
    values = {name: validation.clean_text(getattr(correction, name)) for name in FIELDS}
    compact = re.sub(r"\s+", "", values["postcode"] or "").upper()
    if compact and validation.postcode(compact) is None:
        values["postcode"] = f"{compact[:-3]} {compact[-3:]}"
    newcomers = tuple(
        Newcomer(*(validation.clean_text(getattr(n, k)) for k in Newcomer.__dataclass_fields__))
        for n in correction.newcomers
    )
    return RecordCorrection(**values, household=frozenset(correction.household), newcomers=newcomers)


def _text(value: str | None, label: str, limit: int | None) -> str | None:
    if not value:
        return None
    problem = unsafe_character(value)
    if problem:
        return f"{label} {problem}"
    return validation.max_length(value, limit, label) if limit else None


def _newcomer_problems(newcomer: Newcomer, today: dt.date | None) -> dict[str, str]:
    found = {}
    for key, label in (("first_name", "First name"), ("last_name", "Last name")):
        value = getattr(newcomer, key)
        problem = validation.required(value, label) or _text(value, label, NAME_LIMIT)
        if problem:
            found[key] = problem
    if newcomer.role not in {role.value for role in MemberRole}:
        found["role"] = "Choose a role."
    problem = _text(newcomer.relationship, "Relationship", max_length("person", "relationship"))
    if problem:
        found["relationship"] = problem
    if newcomer.date_of_birth:
        try:
            born = dt.date.fromisoformat(newcomer.date_of_birth)
        except ValueError:
            found["date_of_birth"] = f"“{newcomer.date_of_birth}” is not a date (dd/mm/yyyy)."
        else:
            if born > (today or clock.today()):
                found["date_of_birth"] = "A date of birth cannot be in the future."
    return found


def _add(s: Session, family_id: uuid.UUID, newcomer: Newcomer) -> uuid.UUID:
    position = s.execute(
        select(func.coalesce(func.max(Person.position), -1)).where(Person.family_id == family_id)
    ).scalar_one()
    assert newcomer.role is not None  # checked by _newcomer_problems
    born = dt.date.fromisoformat(newcomer.date_of_birth) if newcomer.date_of_birth else None
    person = Person(
        family_id=family_id,
        position=position + 1,
        given_name=newcomer.first_name,
        family_name=newcomer.last_name,
        role=MemberRole(newcomer.role),
        relationship_=newcomer.relationship,
        date_of_birth=born,
        lives_in_household=True,
    )
    s.add(person)
    s.flush()
    return person.id


def _record(s: Session, family_id: uuid.UUID, today: dt.date) -> FamilyRecord:
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound("That family is no longer in the database.")
    people = s.scalars(select(Person).where(Person.family_id == family_id).order_by(Person.position)).all()
    names = {p.id: p.name for p in people}
    shown = person_ids.short_ids(family.reference, names)
    members = tuple(
        Member(
            p.id,
            p.name,
            p.role,
            p.relationship_,
            age_text(p.date_of_birth, p.expected_date, today),
            p.lives_in_household,
            shown[p.id],
        )
        for p in people
    )
    versions = s.execute(
        select(FamilyRecordVersion, Profile360.profile_ref)
        .outerjoin(Profile360, Profile360.id == FamilyRecordVersion.profile_id)
        .where(FamilyRecordVersion.family_id == family_id)
        .order_by(FamilyRecordVersion.number.desc())
    ).all()
    history = tuple(_version(v, ref, names) for v, ref in versions)
    return FamilyRecord(
        family.id,
        family.version,
        family.reference,
        family.family_name,
        **{name: getattr(family, name) for name in FIELDS},
        members=members,
        history=history,
    )


def _version(v: FamilyRecordVersion, profile_ref: str | None, names: Mapping[uuid.UUID, str]) -> RecordVersion:
    household: list[Any] = json.loads(v.household)
    return RecordVersion(
        v.number,
        v.source,
        v.as_of,
        v.created_at,
        v.recorded_by_name,
        profile_ref,
        tuple(x for x in (v.address_line1, v.address_line2, v.town, v.postcode) if x),
        v.phone,
        tuple(names.get(uuid.UUID(pid), "someone since removed") for pid in household),
    )
