"""Business support's side of amended profiles: see what differs, then take
the amendment as the profile's next version or reject it. Both are audited;
the original as received and every amendment stay on record."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.models import AmendmentStatus, Case, Profile360, ProfileAmendment, Referral, utcnow
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.amendments import Difference, differences
from tafdesk.services.errors import ConflictError, NotFound
from tafdesk.services.profile_document import to_document
from tafdesk.services.profile_editing import load_profile, replace_content


@dataclass(frozen=True)
class PendingAmendment:
    id: uuid.UUID
    version: int  # of the amendment row, for optimistic locking
    profile_ref: str
    family_name: str
    amended_family_name: str
    case_id: uuid.UUID | None
    case_reference: str | None
    received_at: dt.datetime
    source: str | None
    differences: tuple[Difference, ...]


class AmendmentService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def pending(self) -> list[PendingAmendment]:
        """Amendments waiting for a decision, oldest first, with the differences
        found when each arrived."""
        self._actor.require(Permission.VIEW_INTAKE)
        with self._db.reader() as s:
            rows = s.execute(
                select(ProfileAmendment, Profile360, Referral)
                .join(Profile360, Profile360.id == ProfileAmendment.profile_id)
                .join(Referral, Referral.id == Profile360.referral_id)
                .where(
                    ProfileAmendment.status == AmendmentStatus.PENDING,
                    scope.in_localities(self._actor, Referral.locality_id),
                )
                .order_by(ProfileAmendment.created_at)
            ).all()
            cases = _case_references(s, [referral.case_id for _, _, referral in rows])
            return [_pending(amendment, profile, referral, cases) for amendment, profile, referral in rows]

    def accept(self, amendment_id: uuid.UUID, expected_version: int) -> int:
        """Take the amendment as the profile's next version; return its number."""
        self._actor.require(Permission.IMPORT_PROFILES)
        with self._db.session() as s:
            amendment = _waiting(s, amendment_id, expected_version)
            case_id = s.scalar(
                select(Referral.case_id)
                .join(Profile360, Profile360.referral_id == Referral.id)
                .where(Profile360.id == amendment.profile_id)
            )
            if case_id is None:
                raise NotFound("The profile this amendment is for is no longer in the database.")
            case, referral, profile = load_profile(s, case_id, self._actor)
            document = json.loads(amendment.document)
            changed = differences(to_document(profile, referral), document)
            replace_content(s, self._actor, case, referral, profile, document)
            number = 1 + (
                s.scalar(
                    select(func.max(ProfileAmendment.version_number)).where(ProfileAmendment.profile_id == profile.id)
                )
                or 1
            )
            _decide(amendment, self._actor, AmendmentStatus.ACCEPTED)
            amendment.version_number = number
            case.updated_at = utcnow()  # a new case version, so that open editors see the change
            audit.record(
                s,
                self._actor,
                "profile.amended",
                "profile360",
                profile.id,
                {
                    "profile_version": [number - 1, number],
                    "amendment": [None, str(amendment.id)],
                    **{d.path: [d.stored, d.amended] for d in changed},
                },
            )
            return number

    def reject(self, amendment_id: uuid.UUID, expected_version: int) -> None:
        """The stored profile stays as it is; the amendment stays on record as rejected."""
        self._actor.require(Permission.IMPORT_PROFILES)
        with self._db.session() as s:
            amendment = _waiting(s, amendment_id, expected_version)
            referral = s.scalar(
                select(Referral)
                .join(Profile360, Profile360.referral_id == Referral.id)
                .where(Profile360.id == amendment.profile_id)
            )
            if referral is None:
                raise NotFound("The profile this amendment is for is no longer in the database.")
            scope.require_locality(s, self._actor, referral.locality_id, "reject an amended profile")
            _decide(amendment, self._actor, AmendmentStatus.REJECTED)
            audit.record(
                s,
                self._actor,
                "profile.amendment_rejected",
                "profile_amendment",
                amendment.id,
                {"status": [AmendmentStatus.PENDING, AmendmentStatus.REJECTED]},
            )


def _waiting(s: Session, amendment_id: uuid.UUID, expected_version: int) -> ProfileAmendment:
    amendment = s.get(ProfileAmendment, amendment_id)
    if amendment is None:
        raise NotFound("That amended profile is no longer in the database.")
    if amendment.version != expected_version or amendment.status is not AmendmentStatus.PENDING:
        raise ConflictError("Someone else has already dealt with this amended profile. The list has been refreshed.")
    return amendment


def _decide(amendment: ProfileAmendment, actor: Actor, status: AmendmentStatus) -> None:
    amendment.status = status
    amendment.decided_by_id = actor.user_id
    amendment.decided_at = utcnow()


def _case_references(s: Session, case_ids: list[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = [c for c in case_ids if c]
    if not wanted:
        return {}
    return dict(s.execute(select(Case.id, Case.reference).where(Case.id.in_(wanted))).all())


def _pending(
    amendment: ProfileAmendment, profile: Profile360, referral: Referral, cases: dict[uuid.UUID, str]
) -> PendingAmendment:
    document = json.loads(amendment.document)
    found = tuple(Difference(*entry) for entry in json.loads(amendment.differences))
    return PendingAmendment(
        amendment.id,
        amendment.version,
        profile.profile_ref,
        profile.family_name,
        document["family"]["family_name"],
        referral.case_id,
        cases.get(referral.case_id) if referral.case_id else None,
        amendment.created_at,
        amendment.source_name,
        found,
    )
