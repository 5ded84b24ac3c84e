"""Importing 360-degree profiles: a file goes in whole or not at all.

Each file is read and checked against the contract first; then, in one
transaction, every profile not already present is stored with its family,
referral and case; one already present with different content is held as
an amendment for business support (services/amendments.py). A family already known is recognised: a confident match
links the profile to it as a repeat referral; an uncertain one is stored as a
suggestion for a person to confirm or reject in the Intake view. A repeat
referral's profile, if it is the family's newest, becomes the family's
current address and household (services/current_record.py).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.db.rowset import RowSet
from tafdesk.intake.contract import profiles_in
from tafdesk.intake.ethnicity import code_for
from tafdesk.intake.matching import FamilyFacts, Match, Verdict, address_lines, document_facts, member_facts
from tafdesk.intake.reader import UnreadableFile, read_json
from tafdesk.models import (
    Agency,
    Case,
    CaseStatus,
    Family,
    Locality,
    MatchSuggestion,
    Person,
    Profile360,
    SuggestionStatus,
)
from tafdesk.services import audit, locks
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.amendments import AmendedProfile, sort_present
from tafdesk.services.current_record import RecordKeeper, Stated
from tafdesk.services.family_index import FamilyIndex
from tafdesk.services.numbering import Numbering
from tafdesk.services.profile_rows import add_profile, document_text, person_values
from tafdesk.services.repeats import previous_closure


@dataclass(frozen=True)
class ProfileOutcome:
    profile_ref: str
    family_name: str
    locality: str
    case_reference: str
    repeat: bool
    match_to_confirm: bool


@dataclass(frozen=True)
class FileReport:
    source: str
    imported: tuple[ProfileOutcome, ...] = ()
    already_present: tuple[str, ...] = ()
    amended: tuple[AmendedProfile, ...] = ()  # imported before with other content: waiting for business support
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def rejected(self) -> bool:
        return bool(self.errors)

    @property
    def needs_attention(self) -> bool:
        """Rejected, or holding an amended profile a person must take or reject."""
        return bool(self.errors or self.amended)

    def summary(self) -> str:
        if self.errors:
            return f"{self.source}: rejected, nothing imported. {self.errors[0]}" + (
                f" (and {len(self.errors) - 1} more problems)" if len(self.errors) > 1 else ""
            )
        parts = []
        if self.imported:
            repeats = sum(p.repeat for p in self.imported)
            confirm = sum(p.match_to_confirm for p in self.imported)
            extra = [f"{repeats} repeat referral{'s' * (repeats != 1)}"] if repeats else []
            extra += [f"{confirm} possible match{'es' * (confirm != 1)} to confirm"] if confirm else []
            parts.append(
                f"imported {_count(len(self.imported), 'profile')}" + (f" ({', '.join(extra)})" if extra else "")
            )
        if self.already_present:
            parts.append(
                f"{_count(len(self.already_present), 'profile')} already imported, unchanged ({', '.join(self.already_present[:3])}{'…' if len(self.already_present) > 3 else ''})"
            )
        if self.amended:
            parts.append(
                f"{_count(len(self.amended), 'profile')} already imported with different content, "
                f"waiting for business support to take or reject ({'; '.join(map(_amended, self.amended))})"
            )
        return f"{self.source}: {'; '.join(parts)}"


def _amended(amended: AmendedProfile) -> str:
    fields = ", ".join(amended.fields[:6]) + (f" and {len(amended.fields) - 6} more" if len(amended.fields) > 6 else "")
    return f"{amended.profile_ref} differs in {fields}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


class _Rejected(Exception):
    def __init__(self, errors: list[str]) -> None:
        self.errors = errors


class IntakeService:
    def __init__(self, db: Database, actor: Actor, today: dt.date | None = None) -> None:
        self._db = db
        self._actor = actor
        self._today = today

    def import_path(self, path: Path) -> FileReport:
        self._actor.require(Permission.IMPORT_PROFILES)
        try:
            document = read_json(path)
        except UnreadableFile as exc:
            return FileReport(path.name, errors=(str(exc),))
        return self.import_document(document, path.name)

    def import_document(self, document: Any, source: str) -> FileReport:
        """Import what one file holds. Nothing is written unless all of it is good."""
        self._actor.require(Permission.IMPORT_PROFILES)
        profiles, problems = profiles_in(document)
        if problems:
            return FileReport(source, errors=tuple(f"{source}: {p}" for p in problems))
        try:
            # One import recognises and numbers at a time: another's families
            # are committed before this one looks for them.
            with self._db.session() as s:
                locks.hold(s, "intake")
                return self._store(s, profiles, source)
        except _Rejected as rejected:
            return FileReport(source, errors=tuple(rejected.errors))

    def _store(self, s: Session, profiles: list[dict], source: str) -> FileReport:
        localities = {loc.name.casefold(): loc for loc in s.scalars(select(Locality))}
        agencies = {}
        for agency in s.scalars(select(Agency)):
            agencies[agency.name.casefold()] = agency.id
            if agency.short_name:
                agencies.setdefault(agency.short_name.casefold(), agency.id)
        refs = [p["profile_id"] for p in profiles]
        present = set(s.scalars(select(Profile360.profile_ref).where(Profile360.profile_ref.in_(refs))))
        numbered = len(profiles) > 1
        errors, warnings = [], []
        for index, profile in enumerate(profiles, start=1):
            where = _where(source, index if numbered else None, profile["profile_id"])
            locality = localities.get(profile["locality"].strip().casefold())
            if locality is None:
                known = ", ".join(sorted(loc.name for loc in localities.values()))
                errors.append(
                    f"{where}locality: “{profile['locality']}” is not a locality in the directory (known: {known})."
                )
            elif not self._actor.works_in(locality.id):
                errors.append(
                    f"{where}locality: {self._actor.who} may not import profiles for {locality.name}, "
                    "which is not one of their localities."
                )
            warnings += _unknown_agencies(where, profile, agencies)
        if errors:
            raise _Rejected(errors)
        new = [p for p in profiles if p["profile_id"] not in present]
        writer = _Writer(s, self._actor, self._today or clock.today(), agencies, source)
        outcomes = [writer.add(p, localities[p["locality"].strip().casefold()]) for p in new]
        unchanged, amended = sort_present(
            s, writer.rows, self._actor, source, [p for p in profiles if p["profile_id"] in present]
        )
        writer.write()
        return FileReport(source, tuple(outcomes), tuple(unchanged), tuple(amended), tuple(warnings))


def _where(source: str, index: int | None, ref: str) -> str:
    return f"{source}: " + (f"profile {index} ({ref}): " if index else "")


def _unknown_agencies(where: str, profile: dict, agencies: dict) -> list[str]:
    warnings = []
    for j, item in enumerate(profile.get("agency_involvement", [])):
        if item["agency"].casefold() not in agencies:
            warnings.append(
                f"{where}agency_involvement[{j}].agency: “{item['agency']}” is not in the directory; kept as text."
            )
    suggested = profile["recommendation"].get("suggested_lead_agency")
    if suggested and suggested.casefold() not in agencies:
        warnings.append(
            f"{where}recommendation.suggested_lead_agency: “{suggested}” is not in the directory; kept as text."
        )
    return warnings


@dataclass
class _Writer:
    """Turns each new profile into rows, matching its family as it goes."""

    s: Session
    actor: Actor
    today: dt.date
    agencies: dict[str, uuid.UUID]
    source: str
    rows: RowSet = field(default_factory=RowSet)
    index: FamilyIndex = field(init=False)
    numbering: Numbering = field(init=False)
    records: RecordKeeper = field(init=False)
    unwritten: set[uuid.UUID] = field(default_factory=set)  # families made by this import, still in `rows`

    def __post_init__(self) -> None:
        self.index = FamilyIndex(self.s)
        self.numbering = Numbering(self.s)
        self.records = RecordKeeper(self.s, self.rows, self.actor)

    def write(self) -> None:
        self.numbering.save()
        self.rows.insert_all(self.s)

    def add(self, profile: dict, locality: Locality) -> ProfileOutcome:
        incoming = document_facts(profile)
        match = self.index.best_match(incoming)
        joined = None  # the people a repeat referral brought to the family
        if match and match.verdict is Verdict.CONFIDENT:
            family_id, person_ids, joined = self._join_known_family(profile, match)
        else:
            family_id, person_ids = self._new_family(profile, locality)
        case_reference = self._case_reference(locality)
        received_on = dt.date.fromisoformat(profile["referral"]["received_on"])
        repeat_of, within_year = (
            previous_closure(self.s, family_id, received_on)
            if match and match.verdict is Verdict.CONFIDENT and family_id not in self.unwritten
            else (None, False)
        )
        case_id = self.rows.add(
            Case,
            reference=case_reference,
            family_id=family_id,
            locality_id=locality.id,
            status=CaseStatus.AWAITING_TRIAGE,
            is_repeat=bool(match and match.verdict is Verdict.CONFIDENT),
            repeat_of_case_id=repeat_of,
            repeat_within_12_months=within_year,
            level_of_need=profile["recommendation"].get("level_of_need"),
            opened_on=received_on,
            complexity_weight=1.0,
        )
        original = document_text(profile)
        profile_id = add_profile(
            self.rows,
            profile,
            original=original,
            source=self.source,
            family_id=family_id,
            locality_id=locality.id,
            case_id=case_id,
            person_ids=person_ids,
            agency_ids=self.agencies,
            imported_by=self.actor.user_id,
        )
        if joined is not None:
            self._take_record(family_id, Stated.of_document(profile, profile_id, person_ids), joined)
        uncertain = bool(match and match.verdict is Verdict.UNCERTAIN)
        if match and uncertain:
            self.rows.add(
                MatchSuggestion,
                profile_id=profile_id,
                family_id=match.family_key,
                score=match.score,
                evidence=json.dumps(match.evidence, ensure_ascii=False),
                pairs=json.dumps([[ref, str(pid)] for ref, pid in match.pairs]),
                status=SuggestionStatus.PENDING,
            )
        changes = {"profile_ref": [None, profile["profile_id"]], "source": [None, self.source]}
        if match:
            changes["match"] = [None, f"{match.verdict.value} ({match.score}) with family {match.family_key}"]
        audit.queue(
            self.rows,
            self.actor.user_id,
            self.actor.name,
            "profile.imported",
            "profile360",
            profile_id,
            changes,
            locality_id=locality.id,
        )
        return ProfileOutcome(
            profile["profile_id"],
            profile["family"]["family_name"],
            locality.name,
            case_reference,
            repeat=bool(match and match.verdict is Verdict.CONFIDENT),
            match_to_confirm=uncertain,
        )

    def _join_known_family(
        self, profile: dict, match: Match
    ) -> tuple[uuid.UUID, dict[str, uuid.UUID], frozenset[uuid.UUID]]:
        family_id = match.family_key
        person_ids = dict(match.pairs)
        known = self.index.facts(family_id)
        # An older profile imported late adds its people to the family, but not to the household of now.
        newest = self.records.is_newest(family_id, dt.datetime.fromisoformat(profile["compiled_at"]))
        added = []
        for position, member in enumerate(profile["family"]["members"], start=len(known.members)):
            if member["member_id"] not in person_ids:  # new since the last referral, e.g. a baby
                values = person_values(member, position)
                values["ethnicity_code"] = code_for(member.get("ethnicity"))
                values["lives_in_household"] = values["lives_in_household"] and newest
                person_ids[member["member_id"]] = self.rows.add(Person, family_id=family_id, **values)
                added.append(member_facts(member, person_ids[member["member_id"]]))
        if added:
            self.index.add(
                FamilyFacts(family_id, known.family_name, known.postcode, known.members + tuple(added), known.address)
            )
        return family_id, person_ids, frozenset(p.key for p in added)

    def _take_record(self, family_id: uuid.UUID, stated: Stated, joined: frozenset[uuid.UUID]) -> None:
        """The newest profile's address and household become the family's;
        the family is then looked for at its new address too."""
        if family_id in self.unwritten:  # made earlier in this file: written now, to be changed
            self.rows.insert_all(self.s)
            self.unwritten.clear()
        if self.records.take_profile(family_id, stated, joined):
            known, values = self.index.facts(family_id), stated.values
            self.index.add(
                FamilyFacts(
                    family_id,
                    known.family_name,
                    values["postcode"] or "",
                    known.members,
                    address_lines(values["address_line1"] or "", values["address_line2"]),
                )
            )

    def _new_family(self, profile: dict, locality: Locality) -> tuple[uuid.UUID, dict[str, uuid.UUID]]:
        family, address = profile["family"], profile["family"]["address"]
        family_id = self.rows.add(
            Family,
            reference=f"F-{self.numbering.next('F-', Family.reference):06d}",
            family_name=family["family_name"],
            locality_id=locality.id,
            address_line1=address["line1"],
            address_line2=address.get("line2"),
            town=address.get("town"),
            postcode=address["postcode"].upper(),
            phone=family.get("phone"),
            language=family.get("language"),
            interpreter_needed=bool(family.get("interpreter_needed")),
        )
        person_ids = {
            member["member_id"]: self.rows.add(
                Person,
                family_id=family_id,
                ethnicity_code=code_for(member.get("ethnicity")),
                **person_values(member, position),
            )
            for position, member in enumerate(family["members"])
        }
        self.records.created(family_id, dt.datetime.fromisoformat(profile["compiled_at"]))
        self.unwritten.add(family_id)
        self.index.add(
            FamilyFacts(
                family_id,
                family["family_name"],
                address["postcode"],
                tuple(member_facts(m, person_ids[m["member_id"]]) for m in family["members"]),
                address_lines(address["line1"], address.get("line2")),
            )
        )
        return family_id, person_ids

    def _case_reference(self, locality: Locality) -> str:
        prefix = f"{locality.code}-{self.today.year}-"
        return f"{prefix}{self.numbering.next(prefix, Case.reference):04d}"
