"""Who a letter may go to, what it may name, and which letters a decision
allows. Pure functions of `LetterFacts`, so that the meeting pack, a single
letter and the tests apply the same rules.

- A family's letter is addressed only to the adults of the household who are
  not marked "risk to others here / do not write to this address". With
  nobody left to write to, no family letter is made.
- A letter to the family's home never names an agency whose involvement is
  restricted in the profile or sensitive by its nature (police, domestic
  abuse, substance misuse, mental health), unless the chair chose to let it:
  the person the family is kept safe from may open the post.
- A self-referring family member gets the family's letter, never the
  professionals' letter to the referrer. Until someone records who referred,
  a referrer whose name is a member's is taken to be that member.
- Only the letters the decision calls for can be made: no step-up letter for
  an allocated case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tafdesk.exports.letter_data import LetterFacts, MemberFacts
from tafdesk.exports.merge_fields import LETTER_NAMES, RECIPIENT
from tafdesk.intake.keys import fold_name
from tafdesk.models.enums import DecisionOutcome, DocumentType, Sector

T = DocumentType
O = DecisionOutcome
LETTERS_FOR_OUTCOME: dict[DecisionOutcome, tuple[DocumentType, ...]] = {
    O.ALLOCATE_LEAD: (T.LETTER_ALLOCATION, T.LETTER_REFERRER, T.LETTER_FAMILY),
    O.MULTI_AGENCY_PLAN: (T.LETTER_ALLOCATION, T.LETTER_REFERRER, T.LETTER_FAMILY),
    O.WORKING_TOGETHER_MEETING: (T.LETTER_REFERRER, T.LETTER_FAMILY),
    O.STEP_UP: (T.LETTER_REFERRER, T.LETTER_STEP_UP),
    O.STEP_DOWN: (T.LETTER_REFERRER, T.LETTER_STEP_DOWN),
    O.INFORMATION_ADVICE_GUIDANCE: (T.LETTER_IAG,),
    O.DEFER: (),  # nothing is posted until the group decides
}
OUTCOME_WORDS = {
    O.ALLOCATE_LEAD: "a lead professional allocated",
    O.MULTI_AGENCY_PLAN: "a multi-agency plan",
    O.WORKING_TOGETHER_MEETING: "a Working Together Meeting",
    O.STEP_UP: "step up to social care",
    O.STEP_DOWN: "step down to universal services",
    O.INFORMATION_ADVICE_GUIDANCE: "information, advice and guidance",
    O.DEFER: "deferred",
}
ADULT_ROLES = ("parent", "carer", "adult")
# Agencies whose very name tells a household what is known about it.
SENSITIVE_SECTORS = (Sector.POLICE,)
_SENSITIVE = re.compile(
    r"\b(police|constabulary|domestic (abuse|violence)|idva|women'?s aid|refuge|substance|drugs?|alcohol|recovery|"
    r"addiction|mental health|camhs|psychiatr\w*|probation|youth offending|sexual)\b",
    re.IGNORECASE,
)


def is_sensitive_agency(name: str, sector: Sector | None = None) -> bool:
    return sector in SENSITIVE_SECTORS or bool(_SENSITIVE.search(name))


def names_sensitive(text: str, agencies: Iterable[str]) -> bool:
    """Whether a line of text names a sensitive agency: one of this family's
    (their restricted or sensitive involvement) or any by its kind."""
    folded = text.casefold()
    return bool(_SENSITIVE.search(text)) or any(a.casefold() in folded for a in agencies if a)


def is_member_name(referrer_name: str | None, member_name: str) -> bool:
    """Whether the referrer's name is this member's, whatever its accents or
    order ("Nguyen Thi Mai" for "Thị Mai Nguyễn")."""
    words = sorted(fold_name(referrer_name or "").split())
    return bool(words) and words == sorted(fold_name(member_name).split())


def addressees(members: Iterable[MemberFacts]) -> tuple[str, ...]:
    """The adults of the household a family letter may be addressed to."""
    return tuple(m.name for m in members if m.in_household and m.adult and not m.do_not_write)


def letters_for(facts: LetterFacts) -> tuple[DocumentType, ...]:
    """The letters a decision calls for that can be sent to somebody."""
    return tuple(t for t in _wanted(facts) if _nobody(t, facts) is None)


def refusal(letter_type: DocumentType, facts: LetterFacts) -> str | None:
    """Why this letter cannot be made for these facts, or None if it can."""
    name = LETTER_NAMES[letter_type].lower()
    if letter_type is T.LETTER_REVIEW_INVITATION:
        if facts.review is None:
            return "there is no TAF review booked, so there is nothing to invite to"
        return _nobody(letter_type, facts)
    if letter_type in (T.LETTER_CLOSURE_FAMILY, T.LETTER_CLOSURE_REFERRER):
        if facts.closure is None:
            return "the case has no approved closure, so there is nothing to tell of it"
        if letter_type is T.LETTER_CLOSURE_REFERRER and facts.self_referral:
            return "the referrer is a member of the family, so they get the family's letter instead"
        return _nobody(letter_type, facts)
    if facts.outcome is None and facts.decision_unknown:
        return facts.decision_unknown
    if facts.outcome is None:
        return f"the group has made no decision yet, so there is no {name} to send"
    if letter_type not in _wanted(facts):
        if facts.self_referral and RECIPIENT[letter_type] == "referrer":
            return "the referrer is a member of the family, so they get the family's letter instead"
        return f"the group decided {OUTCOME_WORDS[facts.outcome]}, which calls for no {name}"
    return _nobody(letter_type, facts)


def _wanted(facts: LetterFacts) -> tuple[DocumentType, ...]:
    if facts.outcome is None:
        return ()
    wanted = LETTERS_FOR_OUTCOME[facts.outcome]
    if not facts.self_referral or not wanted:
        return wanted
    # The referrer is family: their letter is the family's letter.
    kept = tuple(t for t in wanted if RECIPIENT[t] != "referrer")
    return kept if any(RECIPIENT[t] == "family" for t in kept) else (*kept, T.LETTER_FAMILY)


def _nobody(letter_type: DocumentType, facts: LetterFacts) -> str | None:
    recipient = RECIPIENT[letter_type]
    if recipient == "referrer" and facts.referrer is None:
        return "no referrer is recorded to write to"
    if recipient == "referrer" and facts.referrer_not_covered:
        return f"consent no longer covers writing to the referrer's agency: {facts.referrer_not_covered}"
    if recipient == "professional" and facts.lead is None:
        return "no lead professional was allocated to write to"
    if recipient == "professional" and facts.lead_not_covered:
        return f"consent no longer covers writing to the lead's agency: {facts.lead_not_covered}"
    if recipient == "family" and not addressees(facts.members):
        return (
            "no adult in the household can be written to (each is marked \u201crisk to others here / do not write "
            "to this address\u201d, or none is recorded)"
        )
    return None
