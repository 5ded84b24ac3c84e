"""A stored profile as a profile360-v1 document again: what the correction
form edits, and what corrections are compared by."""

from __future__ import annotations

from typing import Any

from tafdesk.models import Profile360, Referral


def to_document(profile: Profile360, referral: Referral) -> dict[str, Any]:
    names = {m.id: m.member_ref for m in profile.members}
    document = {
        "format": profile.format,
        "profile_id": profile.profile_ref,
        "compiled_at": profile.compiled_at.isoformat(),
        "compiled_by": _contact(profile, "compiled_by"),
        "locality": profile.locality_name,
        "referral": {
            "received_on": referral.received_on.isoformat(),
            "referrer": _contact(referral, "referrer"),
            "reason": referral.reason,
            "consent": _compact(
                {
                    "status": referral.consent_status.value,
                    "given_by": referral.consent_given_by,
                    "date": _iso(referral.consent_date),
                    "notes": referral.consent_notes,
                }
            ),
        },
        "family": _compact(
            {
                "family_name": profile.family_name,
                "address": _address(profile.address_line1, profile.address_line2, profile.town, profile.postcode),
                "phone": profile.family_phone,
                "language": profile.language,
                "interpreter_needed": profile.interpreter_needed,
                "members": [_member(m) for m in profile.members],
            }
        ),
        "needs": [
            _compact(
                {
                    "area": n.area.value,
                    "level": n.level.value,
                    "summary": n.summary,
                    "members": [names[m.id] for m in n.members] or None,
                }
            )
            for n in profile.needs
        ],
        "agency_involvement": [
            _compact(
                {
                    "agency": i.agency_name,
                    "status": i.status.value,
                    "worker": i.worker,
                    "summary": i.summary,
                    "source": i.source,
                    "members": [names[m.id] for m in i.members] or None,
                    "restricted": i.restricted or None,
                }
            )
            for i in profile.involvements
        ],
        "risks": [
            _compact(
                {"summary": r.summary, "level": r.level.value, "members": [names[m.id] for m in r.members] or None}
            )
            for r in profile.risks
        ],
        "strengths": [st.text for st in profile.strengths],
        "family_views": profile.family_views,
        "recommendation": _compact(
            {
                "pathway": profile.pathway.value,
                "suggested_lead_agency": profile.suggested_lead_agency,
                "level_of_need": profile.level_of_need,
                "rationale": profile.rationale,
            }
        ),
    }
    return _compact(document)


def flatten(document: Any, prefix: str = "") -> dict[str, Any]:
    """{"family.members[0].first_name": "Zoë", ...}: for saying what a correction changed."""
    if isinstance(document, dict):
        flat: dict[str, Any] = {}
        for key, value in document.items():
            flat.update(flatten(value, f"{prefix}.{key}" if prefix else key))
        return flat
    if isinstance(document, list):
        flat = {}
        for index, value in enumerate(document):
            flat.update(flatten(value, f"{prefix}[{index}]"))
        return flat
    return {prefix: document}


def _member(m) -> dict[str, Any]:
    return _compact(
        {
            "member_id": m.member_ref,
            "first_name": m.given_name,
            "last_name": m.family_name,
            "known_as": m.known_as,
            "date_of_birth": _iso(m.date_of_birth),
            "expected_date": _iso(m.expected_date),
            "gender": m.gender.value if m.gender else None,
            "role": m.role.value,
            "relationship": m.relationship_,
            "lives_in_household": None if m.lives_in_household else False,
            "school_or_setting": m.school_or_setting,
            "ethnicity": m.ethnicity,
            "first_language": m.first_language,
            "disability": m.disability,
        }
    )


def _contact(row: Any, prefix: str) -> dict[str, Any] | None:
    def get(name: str) -> Any:
        return getattr(row, f"{prefix}_{name}")

    address = _address(get("address_line1"), get("address_line2"), get("town"), get("postcode"))
    contact = _compact(
        {
            "name": get("name"),
            "role": get("role"),
            "agency": get("agency"),
            "email": get("email"),
            "phone": get("phone"),
            "address": address,
        }
    )
    return contact or None


def _address(line1, line2, town, postcode) -> dict | None:
    return _compact({"line1": line1, "line2": line2, "town": town, "postcode": postcode}) or None


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, [], {})}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None
