"""Entering a profile by hand and correcting one, under the same rules as an
import. Problems come back keyed by JSON path (family.members[0].date_of_birth),
so a form can show each at its field."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from tafdesk.db import Database
from tafdesk.db.rowset import RowSet
from tafdesk.intake.contract import profiles_in
from tafdesk.intake.ethnicity import code_for
from tafdesk.models import (
    Agency,
    Case,
    CaseStatus,
    Locality,
    Person,
    Profile360,
    ProfileInvolvement,
    ProfileMember,
    ProfileNeed,
    ProfileRisk,
    ProfileStrength,
    Referral,
    utcnow,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.current_record import RecordKeeper, Stated
from tafdesk.services.errors import ConflictError, NotFound, ValidationError
from tafdesk.services.intake import IntakeService, ProfileOutcome
from tafdesk.services.profile_document import flatten, to_document
from tafdesk.services.profile_rows import add_parts, person_values, profile_values, referral_values
from tafdesk.services.views import Looks

EDITABLE = (CaseStatus.AWAITING_TRIAGE, CaseStatus.AWAITING_MEETING)


class ProfileEditingService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor
        self._looks = Looks(db, actor)

    def problems(self, document: dict) -> dict[str, str]:
        """Every problem with a profile, by JSON path; empty when it may be saved."""
        _, problems = profiles_in(document)
        found = {p.path or "profile": p.message for p in problems}
        if not problems:
            with self._db.reader() as s:
                found.update(_locality_problem(s, document))
        return found

    def create(self, document: dict) -> ProfileOutcome:
        """A profile entered in the form: imported exactly as a file would be."""
        self._actor.require(Permission.IMPORT_PROFILES)
        problems = self.problems(document)
        if problems:
            raise ValidationError(problems)
        with self._db.reader() as s:  # by hand, a reference in use is a mistake, not an amendment
            _require_locality(s, self._actor, document)
            if s.scalar(select(Profile360.id).where(Profile360.profile_ref == document["profile_id"])):
                raise ValidationError({"profile_id": f"“{document['profile_id']}” has already been imported."})
        report = IntakeService(self._db, self._actor).import_document(document, f"entered by {self._actor.name}")
        if report.errors:
            raise ValidationError({"profile": "; ".join(report.errors)})
        if not report.imported:
            raise ValidationError({"profile_id": f"“{document['profile_id']}” has already been imported."})
        return report.imported[0]

    def document(self, case_id: uuid.UUID) -> tuple[dict, int]:
        """The case's profile as a document to correct, and the case version it was read at."""
        self._actor.require(Permission.VIEW_INTAKE)
        with self._db.reader() as s:
            case, referral, profile = load_profile(s, case_id, self._actor)
            document, version = to_document(profile, referral), case.version
        restricted = any(item.get("restricted") for item in document.get("agency_involvement", ()))
        self._looks.record(
            "profile.viewed_restricted" if restricted else "profile.viewed", "case_record", case_id, "The 360° profile"
        )
        return document, version

    def correct(self, case_id: uuid.UUID, expected_version: int, document: dict) -> None:
        """Replace what is stored with the corrected document. The original as
        received stays on record; the audit trail says what changed, by path."""
        self._actor.require(Permission.IMPORT_PROFILES)
        problems = self.problems(document)
        if problems:
            raise ValidationError(problems)
        with self._db.session() as s:
            case, referral, profile = load_profile(s, case_id, self._actor)
            _require_locality(s, self._actor, document)
            if case.version != expected_version:
                raise ConflictError(
                    "Someone else changed this case while you were correcting it. Reload and try again."
                )
            if case.status not in EDITABLE:
                raise ConflictError(f"{case.reference} has been decided; its profile can no longer be corrected.")
            if document["profile_id"] != profile.profile_ref:
                raise ValidationError({"profile_id": "The access team's reference cannot be changed."})
            before = flatten(to_document(profile, referral))
            replace_content(s, self._actor, case, referral, profile, document)
            after = flatten(document)
            changes = {
                path: [before.get(path), after.get(path)]
                for path in sorted(set(before) | set(after))
                if before.get(path) != after.get(path)
            }
            case.updated_at = utcnow()  # a new case version, so that other editors see the correction
            audit.record(s, self._actor, "profile.corrected", "profile360", profile.id, changes)


def load_profile(s: Session, case_id: uuid.UUID, actor: Actor) -> tuple[Case, Referral, Profile360]:
    """The case's newest profile (its original as received too), once the actor may correct it."""
    case = scope.case(s, actor, case_id, "correct the 360° profile")
    referral = s.scalar(
        select(Referral).where(Referral.case_id == case_id).order_by(Referral.received_on.desc()).limit(1)
    )
    profile = (
        None
        if referral is None
        else s.scalar(
            select(Profile360)
            .where(Profile360.referral_id == referral.id)
            .options(
                selectinload(Profile360.members),
                selectinload(Profile360.needs).selectinload(ProfileNeed.members),
                selectinload(Profile360.involvements).selectinload(ProfileInvolvement.members),
                selectinload(Profile360.risks).selectinload(ProfileRisk.members),
                selectinload(Profile360.strengths),
            )
        )
    )
    if referral is None or profile is None:  # entered by hand, or from before profiles were kept
        raise NotFound(f"{case.reference} has no 360° profile to correct.")
    return case, referral, profile


def _require_locality(s: Session, actor: Actor, document: dict) -> None:
    """A profile is entered or corrected for one of the actor's localities."""
    locality_id = s.scalar(select(Locality.id).where(func.lower(Locality.name) == document["locality"].strip().lower()))
    if locality_id is not None:
        scope.require_locality(s, actor, locality_id, "enter profiles")


def _locality_problem(s: Session, document: dict) -> dict[str, str]:
    names = {name.casefold(): name for name in s.scalars(select(Locality.name))}
    if document["locality"].strip().casefold() in names:
        return {}
    return {
        "locality": f"“{document['locality']}” is not a locality in the directory (known: {', '.join(sorted(names.values()))})."
    }


def _agency_ids(s: Session) -> dict[str, uuid.UUID]:
    ids = {}
    for agency_id, name, short in s.execute(select(Agency.id, Agency.name, Agency.short_name)):
        ids[name.casefold()] = agency_id
        if short:
            ids.setdefault(short.casefold(), agency_id)
    return ids


def replace_content(
    s: Session, actor: Actor, case: Case, referral: Referral, profile: Profile360, document: dict
) -> None:
    """The profile as the document says; if it is the family's newest, its
    address and household become the family's current record too."""
    agency_ids = _agency_ids(s)
    rows = RowSet()
    records = RecordKeeper(s, rows, actor)
    newest = records.is_newest(case.family_id, dt.datetime.fromisoformat(document["compiled_at"]), profile.id)
    for name, value in referral_values(document).items():
        setattr(referral, name, value)
    for name, value in profile_values(document, agency_ids).items():
        setattr(profile, name, value)
    # People keep their link to the family by member_id; anyone new joins the family.
    person_ids = {m.member_ref: m.person_id for m in profile.members if m.person_id}
    joined = set()
    for position, member in enumerate(document["family"]["members"]):
        if member["member_id"] not in person_ids:
            person = Person(family_id=case.family_id, **_person_attributes(member, position, newest))
            s.add(person)
            s.flush()
            person_ids[member["member_id"]] = person.id
            joined.add(person.id)
    for model in (ProfileNeed, ProfileInvolvement, ProfileRisk, ProfileStrength, ProfileMember):
        s.execute(delete(model).where(model.profile_id == profile.id))  # link rows go by ON DELETE CASCADE
    s.expire(profile)
    add_parts(rows, document, profile.id, person_ids, agency_ids)
    if newest:
        records.take_profile(case.family_id, Stated.of_document(document, profile.id, person_ids), frozenset(joined))
    rows.insert_all(s)
    case.level_of_need = document["recommendation"].get("level_of_need")


def _person_attributes(member: dict, position: int, newest: bool) -> dict[str, Any]:
    values = person_values(member, position)
    values["ethnicity_code"] = code_for(member.get("ethnicity"))  # unclear wording: listed for a person to choose
    values["relationship_"] = values.pop("relationship")
    values["lives_in_household"] = values["lives_in_household"] and newest  # not in the household of now, if older
    return values
