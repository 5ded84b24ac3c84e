"""What documents must not quote, read once per family inside a session the
caller opens: each family's restricted 360° profile items, its members'
sensitive details, the wording users marked restricted, its home address and
every name its people go by, from the family record (its earlier versions
too) and from every profile received about it."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.exports.quotes import PersonName
from tafdesk.exports.redaction import FamilySecrets
from tafdesk.models import (
    AgendaItem,
    Attendance,
    Case,
    Family,
    FamilyRecordVersion,
    Person,
    Professional,
    Profile360,
    ProfileInvolvement,
    ProfileMember,
    Referral,
    RestrictedWording,
)


def for_families(s: Session, family_ids: Iterable[uuid.UUID]) -> list[FamilySecrets]:
    ids = set(family_ids)
    if not ids:
        return []
    parts: dict[uuid.UUID, dict[str, list]] = {
        f: {"names": [], "people": [], "restricted": [], "address": [], "marked": []} for f in ids
    }
    for family in s.scalars(select(Family).where(Family.id.in_(ids))):
        parts[family.id]["names"].append(family.family_name)
        parts[family.id]["address"] += [family.address_line1, family.postcode]
    for family_id, line1, postcode in s.execute(
        select(FamilyRecordVersion.family_id, FamilyRecordVersion.address_line1, FamilyRecordVersion.postcode).where(
            FamilyRecordVersion.family_id.in_(ids)
        )
    ):
        parts[family_id]["address"] += [line1, postcode]  # addresses it had, corrected ones too
    for p in s.scalars(select(Person).where(Person.family_id.in_(ids))):
        parts[p.family_id]["people"].append(PersonName(p.given_name, p.family_name, p.known_as))
        parts[p.family_id]["restricted"].append(p.disability)
    profiles = s.execute(
        select(Profile360.id, Referral.family_id, Profile360.family_name, Profile360.address_line1, Profile360.postcode)
        .join(Referral, Referral.id == Profile360.referral_id)
        .where(Referral.family_id.in_(ids))
    ).all()
    family_of = {profile_id: family_id for profile_id, family_id, *_ in profiles}
    for _, family_id, family_name, line1, postcode in profiles:
        parts[family_id]["names"].append(family_name)
        parts[family_id]["address"] += [line1, postcode]
    for m in s.scalars(select(ProfileMember).where(ProfileMember.profile_id.in_(list(family_of)))):
        found = parts[family_of[m.profile_id]]
        found["people"].append(PersonName(m.given_name, m.family_name, m.known_as))
        found["restricted"].append(m.disability)
    for item in s.scalars(
        select(ProfileInvolvement).where(
            ProfileInvolvement.profile_id.in_(list(family_of)), ProfileInvolvement.restricted.is_(True)
        )
    ):
        # A one-word source ("Police") names an agency rather than what it knows.
        source = item.source if item.source and len(item.source.split()) > 1 else None
        parts[family_of[item.profile_id]]["restricted"] += [item.summary, item.worker, source]
    for family_id, text in s.execute(
        select(RestrictedWording.family_id, RestrictedWording.text).where(RestrictedWording.family_id.in_(ids))
    ):
        parts[family_id]["marked"].append(text)
        parts[family_id]["restricted"].append(text)
    return [_secrets(found) for found in parts.values()]


def for_meeting(s: Session, meeting_id: uuid.UUID) -> list[FamilySecrets]:
    """The secrets of every family on the meeting's agenda."""
    family_ids = s.scalars(
        select(Case.family_id)
        .join(AgendaItem, AgendaItem.case_id == Case.id)
        .where(AgendaItem.meeting_id == meeting_id)
    )
    return for_families(s, family_ids)


def for_case(s: Session, case_id: uuid.UUID) -> list[FamilySecrets]:
    return for_families(s, s.scalars(select(Case.family_id).where(Case.id == case_id)))


def professional_names(s: Session, meeting_id: uuid.UUID | None = None) -> list[str]:
    """Names never to cut from the circulation edition: everyone in the
    directory, and whoever sat at the meeting."""
    names = [
        f"{given} {family}" for given, family in s.execute(select(Professional.given_name, Professional.family_name))
    ]
    if meeting_id is not None:
        rows = s.execute(
            select(Attendance.attendee_name, Attendance.deputy_name).where(Attendance.meeting_id == meeting_id)
        )
        names += [name for row in rows for name in row if name]
    return names


def _secrets(found: dict[str, list]) -> FamilySecrets:
    def unique(values: list) -> tuple:
        return tuple(dict.fromkeys(v for v in values if v))

    return FamilySecrets(
        unique(found["names"]),
        unique(found["people"]),
        unique(found["restricted"]),
        unique(found["address"]),
        unique(found["marked"]),
    )
