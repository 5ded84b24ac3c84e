"""What letters are made from.

`LetterFacts` is everything the service reads about one decision for its
letters: it never holds a restricted 360° profile item (the service does not
read them) nor any family member's date of birth, ethnicity, disability or
other sensitive detail beyond name, role and age.

Letters are never built from `LetterFacts` itself but from one of three
views cut from it in `redaction`: `FamilyView` (to the family),
`ReferrerView` (to the referrer) and `ProfessionalView` (to the lead
professional). A view holds only what its recipient may read, so whatever a
template asks for, there is nothing else to give it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tafdesk.models.enums import ClosureReason, DecisionOutcome


@dataclass(frozen=True)
class Contact:
    name: str
    job_title: str | None = None
    organisation: str | None = None
    address: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None

    def address_block(self) -> tuple[str, ...]:
        lines = [self.name]
        if self.job_title:
            lines.append(self.job_title)
        if self.organisation:
            lines.append(self.organisation)
        return (*lines, *self.address)


@dataclass(frozen=True)
class MeetingFacts:
    date: dt.date
    locality: str
    venue: str | None


@dataclass(frozen=True)
class MemberFacts:
    """A family member as letters may mention them."""

    name: str
    role: str  # parent, carer, child...
    relationship: str | None
    age: str  # "12", "7 months", "unknown"
    in_household: bool
    adult: bool  # a parent, carer or other adult (18 or over): who a family letter may be addressed to
    do_not_write: bool = False  # marked "risk to others here / do not write to this address"


@dataclass(frozen=True)
class ReviewFacts:
    date: dt.date
    plan_version: int
    team: tuple[str, ...]  # "Ruth Adeyemi, Family Support (lead professional)"


@dataclass(frozen=True)
class ClosureFacts:
    """A case's approved closure, as its letters may tell it: the day, the
    reason, and each need of the plan by its headline area alone (never the
    need's own words, which may hold what another agency shared)."""

    closed_on: dt.date
    reason: ClosureReason
    needs: tuple[tuple[str, str], ...]  # (area, "met" / "partly met" / "not met")


@dataclass(frozen=True)
class LetterFacts:
    case_reference: str
    family_name: str
    family_address: tuple[str, ...]
    family_phone: str | None
    family_language: str | None
    interpreter_needed: bool
    members: tuple[MemberFacts, ...]
    meeting: MeetingFacts | None
    outcome: DecisionOutcome | None
    lead: Contact | None
    manager: Contact | None  # the lead's agency manager (who sat at the meeting for it)
    referrer: Contact | None
    referral_date: dt.date | None
    referral_reason: str | None
    needs: tuple[str, ...]  # "Getting a good education (high): Attendance 68% this term."
    involvements: tuple[str, ...]  # non-restricted agency involvement only
    team: tuple[str, ...]
    rationale: str | None
    actions: tuple[str, ...]
    review: ReviewFacts | None = None
    self_referral: bool = False  # the referrer is a member of the family
    sensitive_agencies: tuple[str, ...] = ()  # agencies whose involvement with this family is restricted or sensitive
    may_name_sensitive: bool = False  # the chair chose to let letters home name them
    # Consent withdrawn (services/consent.py): why the lead's agency, or the
    # referrer's, may no longer be sent the family's information.
    lead_not_covered: str | None = None
    referrer_not_covered: str | None = None
    closure: ClosureFacts | None = None  # the case's approved closure, for the closure letters
    # Why what the group decided is not known here (an offline copy taken without it), if it is not.
    decision_unknown: str | None = None


@dataclass(frozen=True)
class FamilyView:
    case_reference: str
    family_name: str
    addressees: tuple[str, ...]  # the adults of the household who may be written to, by name
    address: tuple[str, ...]
    language: str | None
    interpreter_needed: bool
    meeting: MeetingFacts | None
    outcome: DecisionOutcome | None
    lead: Contact | None  # name, job title, agency and how to reach them; no home address of anyone
    team: tuple[str, ...]  # without sensitive agencies, unless the chair chose otherwise
    review: ReviewFacts | None
    closure: ClosureFacts | None = None


@dataclass(frozen=True)
class ReferrerView:
    case_reference: str
    family_name: str
    referrer: Contact
    referral_date: dt.date | None
    meeting: MeetingFacts | None
    outcome: DecisionOutcome | None
    lead: Contact | None
    closure: ClosureFacts | None = None


@dataclass(frozen=True)
class ProfessionalView:
    case_reference: str
    family_name: str
    family_address: tuple[str, ...]
    family_phone: str | None
    language: str | None
    interpreter_needed: bool
    members: tuple[str, ...]  # "Tobi Okonkwo-Hale, child, 12"
    meeting: MeetingFacts | None
    outcome: DecisionOutcome | None
    lead: Contact
    manager: Contact | None
    referrer: Contact | None
    referral_date: dt.date | None
    referral_reason: str | None
    needs: tuple[str, ...]
    involvements: tuple[str, ...]
    team: tuple[str, ...]
    rationale: str | None
    actions: tuple[str, ...]
