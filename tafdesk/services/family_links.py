"""Linking a waiting profile to a family already known, by hand, and the
merge that a confirmed match makes.

Business support (or a locality manager) finds the family by its reference,
a case reference or a name, sees its people beside the profile's, and says
why they are one family. The link is made exactly as confirming a suggested
match is (`join_known_family`): the referral and case move to the known
family as a repeat referral, the people the matcher pairs become the known
people, and the rest join the family. What matched, the note, who and when
are kept with the profile (a confirmed MatchSuggestion) and in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from tafdesk.intake.keys import KEY_LENGTH, fold_name
from tafdesk.intake.matching import FamilyFacts, PersonFacts, address_lines, match_family
from tafdesk.models import (
    Case,
    Family,
    Locality,
    MatchSuggestion,
    Person,
    Profile360,
    ProfileMember,
    Referral,
    SuggestionStatus,
)
from tafdesk.services import audit, locks, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.current_record import take_joined_profile
from tafdesk.services.errors import ConflictError, NotFound, ValidationError
from tafdesk.services.family_index import FamilyIndex
from tafdesk.services.intake_queue import QUEUE_STATUSES, Pairing, pairings
from tafdesk.services.locks import lock_row
from tafdesk.services.lookup import existing
from tafdesk.services.repeats import mark_repeat

NOTE_REQUIRED = "Say why this profile is that family (at least a sentence): what you checked, and with whom."
SEARCH_LIMIT = 25


@dataclass(frozen=True)
class FamilyChoice:
    """A known family as the link dialog shows it, compared with the profile."""

    family_id: uuid.UUID
    reference: str
    family_name: str
    address: str
    locality: str
    score: int
    evidence: tuple[str, ...]
    pairings: tuple[Pairing, ...]
    pairs: tuple[tuple[str, uuid.UUID], ...]  # (profile member_ref, known person id), as the matcher paired them

    @property
    def title(self) -> str:
        return f"{self.family_name} ({self.reference}), {self.address}"


class FamilyLinkService(ClockedService):
    # -- finding ---------------------------------------------------------------

    def search(self, case_id: uuid.UUID, text: str = "") -> list[FamilyChoice]:
        """Known families by family reference (F-000123), case reference
        (N-2026-0012) or name ("White", "Sharon White"); with no text, those
        the matcher would look at (same postcode, alike people born the same
        day). Each is compared with the case's profile, the most alike first;
        the case's own family is never offered. Looked up through indexed keys,
        however large the council."""
        self._actor.require(Permission.CONFIRM_MATCHES)
        with self._db.reader() as s:
            case, profile = _waiting(s, case_id, self._actor)
            facts = _profile_facts(s, profile)
            ids = _found(s, text) if text.strip() else FamilyIndex(s).candidates(facts)
            return _choices(s, facts, ids - {case.family_id}, self.now().date())

    # -- linking ---------------------------------------------------------------

    def link(self, case_id: uuid.UUID, family_id: uuid.UUID, note: str) -> FamilyChoice:
        """Make the case's profile a repeat referral of the known family."""
        self._actor.require(Permission.CONFIRM_MATCHES)
        note = (note or "").strip()
        if len(note) < 10:
            raise ValidationError({"note": NOTE_REQUIRED})
        with self._db.session() as s:
            lock_row(s, Case, case_id)  # two people linking one profile at once: the second is told
            case, profile = _waiting(s, case_id, self._actor)
            provisional_id = case.family_id
            known = s.get(Family, family_id)
            if known is None:
                raise NotFound("That family is no longer in the database.")
            if family_id == provisional_id:
                raise ConflictError(
                    f"{case.reference} is already a referral of the {known.family_name} family ({known.reference})."
                )
            earlier = s.scalar(
                select(func.count()).select_from(Case).where(Case.family_id == provisional_id, Case.id != case.id)
            )
            if earlier:
                raise ConflictError(
                    f"The family {case.reference} belongs to has earlier referrals of its own, so it is not a new "
                    "family to link: two families with their own histories are not merged here."
                )
            [choice] = _choices(s, _profile_facts(s, profile), {family_id}, self.now().date())
            rejected = self._settle_suggestions(s, profile.id, choice, note)
            join_known_family(s, self._actor, profile, known.id, dict(choice.pairs))
            audit.record(
                s,
                self._actor,
                "match.linked_by_hand",
                "profile360",
                profile.id,
                {
                    "family": [str(provisional_id), str(known.id)],
                    "family_reference": [None, known.reference],
                    "note": [None, note],
                    "score": [None, choice.score],
                    "evidence": [None, list(choice.evidence)],
                    "pairs": [None, {ref: str(pid) for ref, pid in choice.pairs}],
                    **({"suggestions_rejected": [None, rejected]} if rejected else {}),
                },
            )
            return choice

    def _settle_suggestions(self, s: Session, profile_id: uuid.UUID, choice: FamilyChoice, note: str) -> list[str]:
        """Keep the link with the profile as a confirmed suggestion (with the
        note), and reject the other families suggested for it: it is this one.
        Returns the ids of the families rejected."""
        now, rejected, family_id = self.now(), [], choice.family_id
        link = None
        for suggestion in s.scalars(select(MatchSuggestion).where(MatchSuggestion.profile_id == profile_id)):
            if suggestion.family_id == family_id:
                link = suggestion
            elif suggestion.status is SuggestionStatus.PENDING:
                suggestion.status, suggestion.decided_by_id, suggestion.decided_at = (
                    SuggestionStatus.REJECTED,
                    self._actor.user_id,
                    now,
                )
                rejected.append(str(suggestion.family_id))
        if link is None:
            link = MatchSuggestion(profile_id=profile_id, family_id=family_id)
            s.add(link)
        link.score, link.evidence = choice.score, json.dumps(choice.evidence, ensure_ascii=False)
        link.pairs = json.dumps([[ref, str(pid)] for ref, pid in choice.pairs])
        link.status, link.note, link.decided_by_id, link.decided_at = (
            SuggestionStatus.CONFIRMED,
            note,
            self._actor.user_id,
            now,
        )
        s.flush()
        return rejected


def join_known_family(
    s: Session, actor: Actor, profile: Profile360, known_id: uuid.UUID, pairs: dict[str, str | uuid.UUID]
) -> None:
    """The profile's family is the known one: move the referral and case to
    it as a repeat, make each paired member the known person (every mention
    of the duplicate then names them), and bring anyone else over (a baby
    since, say). The family made for the profile on import goes. If the
    profile is the family's newest, its address and household become the
    family's current record (services/current_record.py)."""
    locks.hold(s, "intake")  # an import recognising families meanwhile would link to the one going
    referral = existing(s, Referral, profile.referral_id, "referral")
    provisional_id = referral.family_id
    members = s.scalars(select(ProfileMember).where(ProfileMember.profile_id == profile.id)).all()
    joined = frozenset(m.person_id for m in members if m.person_id and not pairs.get(m.member_ref))  # new to the family
    for member in members:
        known_person = pairs.get(member.member_ref)
        if member.person_id is not None and known_person:
            duplicate = member.person_id
            s.execute(
                update(ProfileMember)
                .where(ProfileMember.person_id == duplicate)
                .values(person_id=uuid.UUID(str(known_person)), version=ProfileMember.version + 1)
            )
            s.execute(delete(Person).where(Person.id == duplicate))
    for model in (Person, Referral, Case, MatchSuggestion):
        s.execute(
            update(model).where(model.family_id == provisional_id).values(family_id=known_id, version=model.version + 1)
        )
    s.expire_all()
    mark_repeat(s, existing(s, Case, referral.case_id, "case"))
    s.delete(s.get(Family, provisional_id))
    take_joined_profile(s, actor, known_id, profile, joined)


# -- reading -------------------------------------------------------------------


def _waiting(s: Session, case_id: uuid.UUID, actor: Actor) -> tuple[Case, Profile360]:
    case = scope.case(s, actor, case_id, "link to a known family the profile")
    if case.status not in QUEUE_STATUSES:
        raise ConflictError(
            f"{case.reference} has been decided ({case.status.value.replace('_', ' ')}), so its "
            "profile can no longer be linked to another family."
        )
    profile = s.scalar(
        select(Profile360)
        .join(Referral, Referral.id == Profile360.referral_id)
        .where(Referral.case_id == case.id)
        .order_by(Referral.received_on.desc())
        .limit(1)
    )
    if profile is None:
        raise NotFound(f"{case.reference} has no 360° profile to link.")
    return case, profile


def _found(s: Session, text: str) -> set[uuid.UUID]:
    """Families whose reference or case reference this is, or with someone of that name."""
    wanted = " ".join(text.split())
    if not wanted:
        return set()
    upper = wanted.upper()
    found = set(s.scalars(select(Family.id).where(Family.reference == upper)))
    found |= set(s.scalars(select(Case.family_id).where(Case.reference == upper)))
    folded = fold_name(wanted)
    if not folded:
        return found
    queries = [select(Person.family_id).where(*_starts(Person.family_key, folded))]  # "White", "Okonkwo-Hale"
    given, _, family = folded.partition(" ")
    if family:  # "Sharon White", "Adaeze Okonkwo-Hale"
        queries.append(
            select(Person.family_id).where(*_starts(Person.given_key, given), *_starts(Person.family_key, family))
        )
    for query in queries:
        found |= set(s.scalars(query.distinct().limit(SEARCH_LIMIT)))
    return found


def _starts(column, prefix: str) -> tuple:
    """column starts with prefix, as a range the index answers (LIKE may not use it)."""
    prefix = prefix[:KEY_LENGTH]
    return column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _profile_facts(s: Session, profile: Profile360) -> FamilyFacts:
    members = s.scalars(
        select(ProfileMember).where(ProfileMember.profile_id == profile.id).order_by(ProfileMember.position)
    ).all()
    return FamilyFacts(
        profile.id,
        profile.family_name,
        profile.postcode,
        tuple(PersonFacts(m.member_ref, m.given_name, m.family_name, m.date_of_birth) for m in members),
        address_lines(profile.address_line1, profile.address_line2),
    )


def _people(s: Session, family_ids: set[uuid.UUID]) -> dict[uuid.UUID, list[Person]]:
    people: dict[uuid.UUID, list[Person]] = {family_id: [] for family_id in family_ids}
    for person in s.scalars(select(Person).where(Person.family_id.in_(family_ids)).order_by(Person.position)):
        people[person.family_id].append(person)
    return people


def _known_facts(family: Family, people: list[Person]) -> FamilyFacts:
    return FamilyFacts(
        family.id,
        family.family_name,
        family.postcode,
        tuple(PersonFacts(p.id, p.given_name, p.family_name, p.date_of_birth) for p in people),
        address_lines(family.address_line1, family.address_line2),
    )


def _choices(s: Session, incoming: FamilyFacts, family_ids: set[uuid.UUID], today: dt.date) -> list[FamilyChoice]:
    if not family_ids:
        return []
    people = _people(s, family_ids)
    localities = dict(s.execute(select(Locality.id, Locality.name)).all())
    ours = s.scalars(
        select(ProfileMember).where(ProfileMember.profile_id == incoming.key).order_by(ProfileMember.position)
    ).all()
    choices = []
    for family in s.scalars(select(Family).where(Family.id.in_(family_ids))):
        match = match_family(incoming, _known_facts(family, people[family.id]))
        choices.append(
            FamilyChoice(
                family.id,
                family.reference,
                family.family_name,
                ", ".join(p for p in (family.address_line1, family.address_line2, family.town, family.postcode) if p),
                localities.get(family.locality_id, ""),
                match.score,
                match.evidence,
                pairings(ours, people[family.id], dict(match.pairs), today),
                match.pairs,
            )
        )
    return sorted(choices, key=lambda c: (-c.score, c.family_name, c.reference))
