"""A checked 360-degree profile as rows for the tables that hold it, queued
on a RowSet for bulk insertion. The importer, corrections and the demo
council all store profiles through here."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from tafdesk.db.rowset import RowSet
from tafdesk.models import (
    ConsentStatus,
    Gender,
    InvolvementStatus,
    Level,
    MemberRole,
    NeedArea,
    Pathway,
    Profile360,
    ProfileInvolvement,
    ProfileInvolvementMember,
    ProfileMember,
    ProfileNeed,
    ProfileNeedMember,
    ProfileRisk,
    ProfileRiskMember,
    ProfileStrength,
    Referral,
)


def document_text(profile: dict) -> str:
    return json.dumps(profile, ensure_ascii=False, indent=2, sort_keys=False)


def person_values(member: dict, position: int) -> dict[str, Any]:
    """The columns Person and ProfileMember share, from a profile member."""
    return {
        "position": position,
        "given_name": member["first_name"].strip(),
        "family_name": member["last_name"].strip(),
        "known_as": member.get("known_as"),
        "date_of_birth": _date(member.get("date_of_birth")),
        "expected_date": _date(member.get("expected_date")),
        "gender": Gender(member["gender"]) if member.get("gender") else None,
        "role": MemberRole(member["role"]),
        "relationship": member.get("relationship"),
        "lives_in_household": member.get("lives_in_household", True),
        "school_or_setting": member.get("school_or_setting"),
        "ethnicity": member.get("ethnicity"),
        "first_language": member.get("first_language"),
        "disability": member.get("disability"),
    }


def add_profile(
    rows: RowSet,
    profile: dict,
    *,
    original: str,
    source: str,
    family_id: uuid.UUID,
    locality_id: uuid.UUID,
    case_id: uuid.UUID,
    person_ids: dict[str, uuid.UUID],
    agency_ids: dict[str, uuid.UUID],
    imported_by: uuid.UUID | None,
) -> uuid.UUID:
    """Add the referral, the profile and all its parts; return the profile's id."""
    referral_id = rows.add(
        Referral, family_id=family_id, locality_id=locality_id, case_id=case_id, **referral_values(profile)
    )
    profile_id = rows.add(
        Profile360,
        referral_id=referral_id,
        original_document=original,
        original_sha256=hashlib.sha256(original.encode("utf-8")).hexdigest(),
        source_name=source,
        imported_by_id=imported_by,
        **profile_values(profile, agency_ids),
    )
    add_parts(rows, profile, profile_id, person_ids, agency_ids)
    return profile_id


def referral_values(profile: dict) -> dict[str, Any]:
    """The Referral columns a profile sets (a correction sets them again)."""
    referral = profile["referral"]
    consent = referral["consent"]
    return {
        "received_on": _date(referral["received_on"]),
        "reason": referral["reason"],
        "consent_status": ConsentStatus(consent["status"]),
        "consent_given_by": consent.get("given_by"),
        "consent_date": _date(consent.get("date")),
        "consent_notes": consent.get("notes"),
        **_contact("referrer", referral["referrer"]),
    }


def profile_values(profile: dict, agency_ids: dict[str, uuid.UUID]) -> dict[str, Any]:
    """The Profile360 columns a profile sets, apart from the record of the original."""
    family, recommendation = profile["family"], profile["recommendation"]
    address = family["address"]
    suggested = recommendation.get("suggested_lead_agency")
    return {
        "profile_ref": profile["profile_id"],
        "format": profile["format"],
        "compiled_at": dt.datetime.fromisoformat(profile["compiled_at"]),
        **_contact("compiled_by", profile.get("compiled_by") or {}),
        "locality_name": profile["locality"],
        "family_name": family["family_name"],
        "address_line1": address["line1"],
        "address_line2": address.get("line2"),
        "town": address.get("town"),
        "postcode": address["postcode"],
        "family_phone": family.get("phone"),
        "language": family.get("language"),
        "interpreter_needed": family.get("interpreter_needed"),
        "family_views": profile.get("family_views"),
        "pathway": Pathway(recommendation["pathway"]),
        "suggested_lead_agency": suggested,
        "suggested_lead_agency_id": agency_ids.get(suggested.casefold()) if suggested else None,
        "level_of_need": recommendation.get("level_of_need"),
        "rationale": recommendation["rationale"],
    }


def add_parts(
    rows: RowSet, profile: dict, profile_id: uuid.UUID, person_ids: dict[str, uuid.UUID], agency_ids: dict
) -> None:
    """The members, needs, involvement, risks and strengths of a profile."""
    member_ids = {
        member["member_id"]: rows.add(
            ProfileMember,
            profile_id=profile_id,
            member_ref=member["member_id"],
            person_id=person_ids.get(member["member_id"]),
            **person_values(member, position),
        )
        for position, member in enumerate(profile["family"]["members"])
    }
    _add_parts(rows, profile, profile_id, member_ids, agency_ids)


def _add_parts(rows: RowSet, profile: dict, profile_id: uuid.UUID, member_ids: dict, agency_ids: dict) -> None:
    for position, need in enumerate(profile["needs"]):
        need_id = rows.add(
            ProfileNeed,
            profile_id=profile_id,
            position=position,
            area=NeedArea(need["area"]),
            level=Level(need["level"]),
            summary=need["summary"],
        )
        for ref in need.get("members", []):
            rows.add(ProfileNeedMember, need_id=need_id, member_id=member_ids[ref])
    for position, item in enumerate(profile.get("agency_involvement", [])):
        involvement_id = rows.add(
            ProfileInvolvement,
            profile_id=profile_id,
            position=position,
            agency_name=item["agency"],
            agency_id=agency_ids.get(item["agency"].casefold()),
            status=InvolvementStatus(item["status"]),
            worker=item.get("worker"),
            summary=item.get("summary"),
            source=item.get("source"),
            restricted=item.get("restricted", False),
        )
        for ref in item.get("members", []):
            rows.add(ProfileInvolvementMember, involvement_id=involvement_id, member_id=member_ids[ref])
    for position, risk in enumerate(profile.get("risks", [])):
        risk_id = rows.add(
            ProfileRisk, profile_id=profile_id, position=position, summary=risk["summary"], level=Level(risk["level"])
        )
        for ref in risk.get("members", []):
            rows.add(ProfileRiskMember, risk_id=risk_id, member_id=member_ids[ref])
    for position, text in enumerate(profile.get("strengths", [])):
        rows.add(ProfileStrength, profile_id=profile_id, position=position, text=text)


def _contact(prefix: str, contact: dict) -> dict[str, Any]:
    address = contact.get("address") or {}
    return {
        f"{prefix}_name": contact.get("name"),
        f"{prefix}_role": contact.get("role"),
        f"{prefix}_agency": contact.get("agency"),
        f"{prefix}_email": contact.get("email"),
        f"{prefix}_phone": contact.get("phone"),
        f"{prefix}_address_line1": address.get("line1"),
        f"{prefix}_address_line2": address.get("line2"),
        f"{prefix}_town": address.get("town"),
        f"{prefix}_postcode": address.get("postcode"),
    }


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
