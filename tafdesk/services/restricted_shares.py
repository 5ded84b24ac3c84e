"""Sharing a restricted 360° item with one member of the Team Around the Family.

A restricted item (an agency's involvement the access team marked restricted)
is read by the managers and business support of the family's locality and by
nobody else, until the chair (a locality manager of that locality) shares it
with one member of the team: its lead or a supporter. The chair may withdraw
it again. Both are audited (ids, never what the item says). Who may then read
it is the profile summary's to apply (services/intake_queue.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.models import Case, Professional, Profile360, ProfileInvolvement, Referral, RestrictedShare
from tafdesk.services import audit, consent, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import NotFound, ValidationError
from tafdesk.services.lookup import existing
from tafdesk.services.plan_people import team_ids

WHAT = "share restricted information"


@dataclass(frozen=True)
class ShareChoice:
    """A member of the team, and whether the item is shared with them."""

    professional_id: uuid.UUID
    name: str
    role: str  # "Lead professional" or "Supporting"
    shared: bool


@dataclass(frozen=True)
class RestrictedItem:
    involvement_id: uuid.UUID
    agency: str
    summary: str
    choices: tuple[ShareChoice, ...]

    @property
    def shared_with(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.choices if c.shared)


class RestrictedShareService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def items(self, case_id: uuid.UUID) -> list[RestrictedItem]:
        """The restricted items of the case's profile, each with the team and
        whom it is shared with (empty when the family has no team yet)."""
        self._actor.require(Permission.SHARE_RESTRICTED)
        with self._db.reader() as s:
            case = scope.case(s, self._actor, case_id, WHAT)
            rows = s.scalars(
                select(ProfileInvolvement)
                .join(Profile360, Profile360.id == ProfileInvolvement.profile_id)
                .where(Profile360.referral_id == _newest_referral(s, case_id), ProfileInvolvement.restricted.is_(True))
                .order_by(ProfileInvolvement.position)
            ).all()
            team = _team(s, case)
            shared = {
                (row.involvement_id, row.professional_id)
                for row in s.execute(
                    select(RestrictedShare.involvement_id, RestrictedShare.professional_id).where(
                        RestrictedShare.involvement_id.in_([r.id for r in rows])
                    )
                )
            }
            return [
                RestrictedItem(
                    r.id,
                    r.agency_name,
                    r.summary or "",
                    tuple(ShareChoice(pid, name, role, (r.id, pid) in shared) for pid, name, role in team),
                )
                for r in rows
            ]

    def share(self, involvement_id: uuid.UUID, professional_id: uuid.UUID) -> None:
        """Let one member of the family's team read the restricted item."""
        self._actor.require(Permission.SHARE_RESTRICTED)
        with self._db.session() as s:
            item, case = self._item(s, involvement_id)
            if professional_id not in team_ids(s, case):
                raise ValidationError(
                    {
                        "professional_id": "A restricted item is shared only with a member of the "
                        "family's Team Around the Family: its lead or a supporter."
                    }
                )
            name = s.scalar(select(Professional).where(Professional.id == professional_id))
            consent.require_covered(
                s,
                case.id,
                consent.professional_agency(s, professional_id),
                f"Sharing this item with {name.name if name else 'them'}",
            )
            if _share(s, involvement_id, professional_id) is not None:
                return
            s.add(
                RestrictedShare(
                    involvement_id=item.id,
                    professional_id=professional_id,
                    shared_by_id=self._actor.user_id,
                    shared_by_name=self._actor.name,
                )
            )
            audit.record(
                s,
                self._actor,
                "restricted_item.shared",
                "profile_involvement",
                item.id,
                {"professional_id": [None, professional_id], "case": [None, case.reference]},
            )

    def withdraw(self, involvement_id: uuid.UUID, professional_id: uuid.UUID) -> None:
        """The member no longer reads the item (nothing happens if they did not)."""
        self._actor.require(Permission.SHARE_RESTRICTED)
        with self._db.session() as s:
            item, case = self._item(s, involvement_id)
            share = _share(s, involvement_id, professional_id)
            if share is None:
                return
            s.delete(share)
            audit.record(
                s,
                self._actor,
                "restricted_item.share_withdrawn",
                "profile_involvement",
                item.id,
                {"professional_id": [professional_id, None], "case": [case.reference, None]},
            )

    def _item(self, s: Session, involvement_id: uuid.UUID) -> tuple[ProfileInvolvement, Case]:
        item = s.get(ProfileInvolvement, involvement_id)
        if item is None:
            raise NotFound("That item of the profile is no longer in the database.")
        case_id = s.scalar(
            select(Referral.case_id)
            .join(Profile360, Profile360.referral_id == Referral.id)
            .where(Profile360.id == item.profile_id)
        )
        if case_id is None:
            raise NotFound("That profile belongs to no case.")
        case = scope.case(s, self._actor, case_id, WHAT)
        if not item.restricted:
            raise ValidationError({"involvement_id": "Only a restricted item is shared: the team reads the rest."})
        return item, case


def _newest_referral(s: Session, case_id: uuid.UUID) -> uuid.UUID | None:
    """The referral whose profile the case's summary shows."""
    return s.scalar(
        select(Referral.id).where(Referral.case_id == case_id).order_by(Referral.received_on.desc()).limit(1)
    )


def _team(s: Session, case: Case) -> list[tuple[uuid.UUID, str, str]]:
    team = []
    for index, professional_id in enumerate(team_ids(s, case)):
        p = existing(s, Professional, professional_id, "professional")
        team.append((p.id, p.name, "Lead professional" if index == 0 and case.lead_professional_id else "Supporting"))
    return team


def _share(s: Session, involvement_id: uuid.UUID, professional_id: uuid.UUID) -> RestrictedShare | None:
    return s.scalar(
        select(RestrictedShare).where(
            RestrictedShare.involvement_id == involvement_id, RestrictedShare.professional_id == professional_id
        )
    )
