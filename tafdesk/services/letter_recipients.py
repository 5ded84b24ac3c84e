"""Who a family's letters may go to, as people record it: the 360° contract
cannot say who in a household poses a risk to whom, nor that the referrer is
a family member.

- "Risk to others here / do not write to this address", per person: set at
  intake by business support or by the chair. A marked person is never an
  addressee, and letters home never name sensitive agencies.
- A self-referral: the referral's referrer is this family member (suggested
  when the referrer's name matches a member's, and taken as one until
  someone records the answer). They get the family letter.
- The chair may let letters home name sensitive agencies, with a reason.

Every change is audited (ids and the marker, never a name).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from tafdesk.db import Database
from tafdesk.exports.letter_rules import is_member_name
from tafdesk.models import Person, Referral
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import NotFound, PermissionDenied, ValidationError

MARKER_WORDS = "risk to others here / do not write to this address"
WHAT = "see or set who the letters go to"


@dataclass(frozen=True)
class Member:
    person_id: uuid.UUID
    name: str
    role: str
    in_household: bool
    do_not_write: bool


@dataclass(frozen=True)
class Recipients:
    case_id: uuid.UUID
    members: tuple[Member, ...]
    referrer_name: str | None
    self_referral_person_id: uuid.UUID | None
    suggested_self_referrer: uuid.UUID | None  # a member whose name is the referrer's, if not yet confirmed
    names_sensitive_agencies: bool


def matching_member(referrer_name: str | None, members: tuple[Member, ...]) -> uuid.UUID | None:
    """The member the referrer's name is, whatever its accents or order
    ("Nguyen Thi Mai" for "Thị Mai Nguyễn")."""
    found = [m.person_id for m in members if is_member_name(referrer_name, m.name)]
    return found[0] if len(found) == 1 else None


class LetterRecipientService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def recipients(self, case_id: uuid.UUID) -> Recipients:
        self._require_marking()
        with self._db.reader() as s:
            case = scope.case(s, self._actor, case_id, WHAT)
            people = s.scalars(select(Person).where(Person.family_id == case.family_id).order_by(Person.position))
            members = tuple(
                Member(p.id, p.name, p.role.value.replace("_", " "), p.lives_in_household, p.do_not_write)
                for p in people
            )
            referral = _latest_referral(s, case_id)
        chosen = referral.self_referral_person_id if referral else None
        recorded = bool(referral and referral.self_referral_recorded)
        suggested = None if recorded else matching_member(referral.referrer_name if referral else None, members)
        return Recipients(
            case_id,
            members,
            referral.referrer_name if referral else None,
            chosen,
            suggested,
            case.names_sensitive_agencies,
        )

    def mark_do_not_write(self, person_id: uuid.UUID, marked: bool) -> None:
        """Mark (or unmark) a person "risk to others here / do not write to
        this address"."""
        self._require_marking()
        with self._db.session() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise NotFound("That person is no longer in the database.")
            scope.require_family(s, self._actor, person.family_id, WHAT)
            if person.do_not_write != marked:
                audit.record(
                    s,
                    self._actor,
                    "person.do_not_write",
                    "person",
                    person.id,
                    {"do_not_write": [person.do_not_write, marked]},
                )
                person.do_not_write = marked

    def mark_self_referral(self, case_id: uuid.UUID, person_id: uuid.UUID | None) -> None:
        """Record that the latest referral was made by this family member
        (None: by somebody outside the family)."""
        self._require_marking()
        with self._db.session() as s:
            case = scope.case(s, self._actor, case_id, WHAT)
            referral = _latest_referral(s, case_id)
            if referral is None:
                raise NotFound("This case has no referral to mark.")
            if person_id is not None:
                person = s.get(Person, person_id)
                if person is None or person.family_id != case.family_id:
                    raise ValidationError({"person": "The self-referrer must be a member of this family."})
            if referral.self_referral_person_id != person_id or not referral.self_referral_recorded:
                audit.record(
                    s,
                    self._actor,
                    "referral.self_referral",
                    "referral",
                    referral.id,
                    {"self_referral_person_id": [referral.self_referral_person_id, person_id]},
                )
                referral.self_referral_person_id, referral.self_referral_recorded = person_id, True

    def let_letters_name_sensitive_agencies(self, case_id: uuid.UUID, allowed: bool, reason: str = "") -> None:
        """The chair's choice to let letters to the family's home name police,
        domestic abuse, substance misuse or mental health services."""
        self._actor.require(Permission.CHAIR_MEETING)
        if allowed and not reason.strip():
            raise ValidationError({"reason": "Say why letters to this home may name these services."})
        with self._db.session() as s:
            case = scope.case(s, self._actor, case_id, "choose what letters may name")
            if case.names_sensitive_agencies != allowed:
                audit.record(
                    s,
                    self._actor,
                    "case.names_sensitive_agencies",
                    "case_record",
                    case.id,
                    {
                        "names_sensitive_agencies": [case.names_sensitive_agencies, allowed],
                        "reason": [None, reason.strip() or None],
                    },
                )
                case.names_sensitive_agencies = allowed

    def _require_marking(self) -> None:
        # Business support at intake, or the chair in the meeting.
        if not (self._actor.can(Permission.IMPORT_PROFILES) or self._actor.can(Permission.CHAIR_MEETING)):
            raise PermissionDenied(f"{self._actor.who} may not see or set who a family's letters go to.")


def _latest_referral(s, case_id: uuid.UUID) -> Referral | None:
    return s.scalar(select(Referral).where(Referral.case_id == case_id).order_by(Referral.received_on.desc()).limit(1))
