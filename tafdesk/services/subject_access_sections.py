"""What a subject access request gathers from each part of a family's records,
as items: a section, a title, labelled values, the people an item is about
(None: the whole family) and why someone must look at it before it is
disclosed. services/subject_access.py keeps the items about the person asked
for; services/subject_access_pack.py writes them out."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from tafdesk import models as m
from tafdesk.exports.quotes import keys
from tafdesk.plans.dates import long_day

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

RESTRICTED = (
    "Restricted: an agency shared this with the Case Management Group alone. Ask the agency before "
    "disclosing it (it may be withheld where disclosure would cause harm or prejudice a crime's "
    "investigation)."
)
MARKED = "Marked restricted by a member of staff: check why before disclosing it."
REFERRER = (
    "Who referred the family is a third party's information: decide whether to disclose it (a referrer "
    "who is a professional acting in their role usually may be named)."
)
OTHERS = "Also about other people: take out what is only theirs."
WHOLE_PROFILE = (
    "The profile as received names every member and holds any restricted items: take out what is not theirs."
)


@dataclass(frozen=True)
class Item:
    section: str
    title: str
    fields: tuple[tuple[str, str], ...]  # (label, value), empty values left out
    about: frozenset[uuid.UUID] | None = None  # the people it names; None: the whole family
    review: tuple[str, ...] = ()


def item(
    section: str,
    title: str,
    fields: Iterable[tuple[str, object]],
    about: Iterable[uuid.UUID] | None = None,
    review: Iterable[str] = (),
) -> Item:
    shown = tuple((label, _text(value)) for label, value in fields if value not in (None, "", (), []))
    return Item(section, title, shown, None if about is None else frozenset(about), tuple(review))


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return f"{long_day(value.date())} {value:%H:%M} UTC"
    if isinstance(value, dt.date):
        return long_day(value)
    if hasattr(value, "value"):  # an enumeration
        return str(value.value).replace("_", " ")
    return str(value)


class Names:
    """Which of the family's people a free text names: by a first name or a
    name they are known by (whole words, whatever the case or accents)."""

    def __init__(self, people: Iterable[m.Person]) -> None:
        self._names = [(p.id, keys(n)) for p in people for n in (p.given_name, p.known_as) if n and keys(n)]

    def in_text(self, *texts: str | None) -> set[uuid.UUID]:
        found = set()
        for text in texts:
            words = keys(text or "")
            for person_id, name in self._names:
                if any(words[i : i + len(name)] == name for i in range(len(words) - len(name) + 1)):
                    found.add(person_id)
        return found


def people(s: Session, family: m.Family, shown_ids: dict[uuid.UUID, str]) -> Iterator[Item]:
    for p in s.scalars(select(m.Person).where(m.Person.family_id == family.id).order_by(m.Person.position)):
        yield item(
            "People",
            p.name,
            [
                ("Id", shown_ids[p.id]),
                ("Known as", p.known_as),
                ("Date of birth", p.date_of_birth),
                ("Expected", p.expected_date),
                ("Gender", p.gender),
                ("Role in the family", p.role),
                ("Relationship", p.relationship_),
                ("Lives in the household", p.lives_in_household),
                ("School or setting", p.school_or_setting),
                ("Ethnicity", p.ethnicity),
                ("First language", p.first_language),
                ("Disability", p.disability),
                ("Letters are not addressed to them", p.do_not_write or None),
            ],
            about=[p.id],
        )


def family_record(s: Session, family: m.Family, names: dict[uuid.UUID, str]) -> Iterator[Item]:
    locality = s.get(m.Locality, family.locality_id)
    yield item(
        "The family's record",
        f"Family {family.reference}",
        [
            ("Family name", family.family_name),
            ("Address", _address(family)),
            ("Phone", family.phone),
            ("Language", family.language),
            ("Interpreter needed", family.interpreter_needed),
            ("Locality", locality.name if locality else None),
        ],
    )
    versions = s.scalars(
        select(m.FamilyRecordVersion)
        .where(m.FamilyRecordVersion.family_id == family.id)
        .order_by(m.FamilyRecordVersion.number)
    )
    for v in versions:
        household = [names.get(uuid.UUID(i), "someone no longer recorded") for i in json.loads(v.household)]
        yield item(
            "The family's record",
            f"Earlier record, version {v.number}",
            [
                ("Where it came from", v.source),
                ("True as of", v.as_of),
                ("Recorded by", v.recorded_by_name),
                ("Address", _address(v)),
                ("Phone", v.phone),
                ("Living in the household", ", ".join(household)),
            ],
        )


def _address(row: m.Family | m.FamilyRecordVersion | m.Profile360) -> str:
    return ", ".join(part for part in (row.address_line1, row.address_line2, row.town, row.postcode) if part)


def referrals(s: Session, family: m.Family, person: uuid.UUID | None) -> Iterator[Item]:
    for r in s.scalars(select(m.Referral).where(m.Referral.family_id == family.id).order_by(m.Referral.received_on)):
        case = s.get(m.Case, r.case_id) if r.case_id else None
        title = f"Referral received {long_day(r.received_on)}"
        yield item(
            "Referrals",
            title,
            [
                ("Case", case.reference if case else None),
                ("Reason", r.reason),
                ("Consent", r.consent_status),
                ("Consent given by", r.consent_given_by),
                ("Consent date", r.consent_date),
                ("Consent notes", r.consent_notes),
            ],
        )
        own = r.self_referral_person_id is not None and r.self_referral_person_id == person
        yield item(
            "Referrals",
            f"{title}: who referred",
            [
                ("Name", r.referrer_name),
                ("Role", r.referrer_role),
                ("Agency", r.referrer_agency),
                ("Email", r.referrer_email),
                ("Phone", r.referrer_phone),
                (
                    "Address",
                    ", ".join(
                        p
                        for p in (
                            r.referrer_address_line1,
                            r.referrer_address_line2,
                            r.referrer_town,
                            r.referrer_postcode,
                        )
                        if p
                    ),
                ),
                ("A member of the family referred", r.self_referral_person_id is not None or None),
            ],
            review=() if own else (REFERRER,),
        )


def profiles(s: Session, family: m.Family, names: Names) -> Iterator[Item]:
    referrals_ = select(m.Referral.id).where(m.Referral.family_id == family.id)
    for p in s.scalars(
        select(m.Profile360).where(m.Profile360.referral_id.in_(referrals_)).order_by(m.Profile360.compiled_at)
    ):
        section, title = "360° profiles", f"Profile {p.profile_ref}"
        yield item(
            section,
            title,
            [
                ("Compiled", p.compiled_at),
                (
                    "Compiled by",
                    ", ".join(x for x in (p.compiled_by_name, p.compiled_by_role, p.compiled_by_agency) if x),
                ),
                ("Family name", p.family_name),
                ("Address", _address(p)),
                ("Phone", p.family_phone),
                ("Language", p.language),
                ("The family's views", p.family_views),
                ("Pathway recommended", p.pathway),
                ("Lead agency suggested", p.suggested_lead_agency),
                ("Level of need", p.level_of_need),
                ("Rationale", p.rationale),
                ("Received as", p.source_name),
            ],
            about=None,
        )
        people_of = {pm.id: pm.person_id for pm in p.members}
        for pm in p.members:
            yield item(
                section,
                f"{title}: {pm.given_name} {pm.family_name}",
                [
                    ("Known as", pm.known_as),
                    ("Date of birth", pm.date_of_birth),
                    ("Expected", pm.expected_date),
                    ("Gender", pm.gender),
                    ("Role", pm.role),
                    ("Relationship", pm.relationship_),
                    ("Lives in the household", pm.lives_in_household),
                    ("School or setting", pm.school_or_setting),
                    ("Ethnicity", pm.ethnicity),
                    ("First language", pm.first_language),
                    ("Disability", pm.disability),
                ],
                about=[pm.person_id] if pm.person_id else [],
            )
        yield from _profile_parts(p, section, title, people_of, names)


def _profile_parts(p: m.Profile360, section: str, title: str, people_of: dict, names: Names) -> Iterator[Item]:
    def about(members: list[m.ProfileMember], *texts: str | None) -> set[uuid.UUID] | None:
        linked = {people_of[x.id] for x in members if people_of.get(x.id)}
        return (linked | names.in_text(*texts)) or None

    for n in p.needs:
        yield item(
            section,
            f"{title}: need, {n.area.label}",
            [("Level", n.level), ("Summary", n.summary)],
            about(n.members, n.summary),
        )
    for r in p.risks:
        yield item(section, f"{title}: risk", [("Level", r.level), ("Summary", r.summary)], about(r.members, r.summary))
    for st in p.strengths:
        yield item(section, f"{title}: strength", [("Strength", st.text)], about([], st.text))
    for inv in p.involvements:
        yield item(
            section,
            f"{title}: {inv.agency_name}",
            [
                ("Involvement", inv.status),
                ("Worker", inv.worker),
                ("Summary", inv.summary),
                ("Source", inv.source),
                ("Restricted", inv.restricted or None),
            ],
            about(inv.members, inv.summary),
            review=(RESTRICTED,) if inv.restricted else (),
        )


def amendments(s: Session, family: m.Family) -> Iterator[Item]:
    profiles_ = (
        select(m.Profile360.id)
        .join(m.Referral, m.Referral.id == m.Profile360.referral_id)
        .where(m.Referral.family_id == family.id)
    )
    for a in s.scalars(
        select(m.ProfileAmendment)
        .where(m.ProfileAmendment.profile_id.in_(profiles_))
        .order_by(m.ProfileAmendment.created_at)
    ):
        changed = "; ".join(f"{path}: {old!r} → {new!r}" for path, old, new in json.loads(a.differences))
        yield item(
            "360° profiles",
            f"A profile received again ({a.status.value})",
            [
                ("Received", a.created_at),
                ("Decided", a.decided_at),
                ("What differed", changed),
            ],
            review=(WHOLE_PROFILE,),
        )


def restricted_wording(s: Session, family: m.Family, names: Names) -> Iterator[Item]:
    for w in s.scalars(select(m.RestrictedWording).where(m.RestrictedWording.family_id == family.id)):
        yield item(
            "Wording marked restricted",
            f"Marked by {w.marked_by_name}",
            [("Wording", w.text)],
            names.in_text(w.text) or None,
            review=(MARKED,),
        )
