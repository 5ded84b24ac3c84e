"""Profiles that arrive again under a profile_id already imported.

The same content again changes nothing. Different content (a corrected
re-issue, or another family under a reused reference) is never dropped: it is
held as an amendment for business support, who see the differences field by
field and take it as the profile's next version or reject it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.db.rowset import RowSet
from tafdesk.models import AmendmentStatus, Profile360, ProfileAmendment, Referral
from tafdesk.services import audit
from tafdesk.services.actor import Actor
from tafdesk.services.lookup import existing
from tafdesk.services.profile_document import flatten, to_document
from tafdesk.services.profile_rows import document_text


@dataclass(frozen=True)
class AmendedProfile:
    """What an import says of one amended profile."""

    profile_ref: str
    fields: tuple[str, ...]  # JSON paths whose values differ from what is stored


@dataclass(frozen=True)
class Difference:
    path: str
    stored: Any
    amended: Any


def sort_present(
    s: Session, rows: RowSet, actor: Actor, source: str, profiles: list[dict]
) -> tuple[list[str], list[AmendedProfile]]:
    """Split profiles already imported into the unchanged and the amended,
    queueing a new amendment for each different content not already waiting."""
    unchanged, amended = [], []
    for incoming in profiles:
        stored = s.execute(select(Profile360).where(Profile360.profile_ref == incoming["profile_id"])).scalar_one()
        known = _known_documents(s, stored)
        if any(doc == incoming for doc in known[AmendmentStatus.ACCEPTED]):
            unchanged.append(incoming["profile_id"])
            continue
        differences = _differences(s, stored, incoming)
        if not differences:  # only spacing or how a time zone is written
            unchanged.append(incoming["profile_id"])
            continue
        if not any(doc == incoming for doc in known[AmendmentStatus.PENDING]):
            _queue(rows, actor, source, stored.id, incoming, differences)
        amended.append(AmendedProfile(incoming["profile_id"], tuple(d.path for d in differences)))
    return unchanged, amended


def _known_documents(s: Session, profile: Profile360) -> dict[AmendmentStatus, list[dict]]:
    """Documents received for the profile: the original counts as accepted."""
    known = {AmendmentStatus.ACCEPTED: [json.loads(profile.original_document)], AmendmentStatus.PENDING: []}
    for status, document in s.execute(
        select(ProfileAmendment.status, ProfileAmendment.document).where(
            ProfileAmendment.profile_id == profile.id, ProfileAmendment.status != AmendmentStatus.REJECTED
        )
    ):
        known[status].append(json.loads(document))
    return known


def _queue(
    rows: RowSet, actor: Actor, source: str, profile_id: uuid.UUID, document: dict, differences: list[Difference]
) -> None:
    text = document_text(document)
    amendment_id = rows.add(
        ProfileAmendment,
        profile_id=profile_id,
        document=text,
        document_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        differences=json.dumps([[d.path, d.stored, d.amended] for d in differences], ensure_ascii=False),
        source_name=source,
        received_by_id=actor.user_id,
        status=AmendmentStatus.PENDING,
    )
    audit.queue(
        rows,
        actor.user_id,
        actor.name,
        "profile.amendment_received",
        "profile_amendment",
        amendment_id,
        {
            "profile_id": [None, str(profile_id)],
            "source": [None, source],
            "fields": [None, [d.path for d in differences]],
        },
    )


def _differences(s: Session, profile: Profile360, incoming: dict) -> list[Difference]:
    referral = existing(s, Referral, profile.referral_id, "referral")
    return differences(to_document(profile, referral), incoming)


def differences(stored: dict, incoming: dict) -> list[Difference]:
    """Field by field, by JSON path, after the defaults the contract allows
    to be left out (an empty list, lives_in_household true) are set aside."""
    before, after = flatten(normalise(stored)), flatten(normalise(incoming))
    return [
        Difference(path, before.get(path), after.get(path))
        for path in sorted(set(before) | set(after), key=_path_order)
        if before.get(path) != after.get(path)
    ]


_DEFAULTS = {"lives_in_household": True, "restricted": False}


def normalise(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        kept = {k: normalise(v, k) for k, v in value.items() if not (k in _DEFAULTS and v is _DEFAULTS[k])}
        return {k: v for k, v in kept.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if key == "compiled_at" and isinstance(value, str):  # the same moment however its zone is written
        return dt.datetime.fromisoformat(value).astimezone(dt.UTC).isoformat()
    return value.strip() if isinstance(value, str) else value


def _path_order(path: str) -> list[Any]:
    parts = path.replace("]", "").replace("[", ".").split(".")
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts]
