"""Who a letter goes to and which letters a decision allows: the rules for
every letter type and every outcome, on made-up facts (no database)."""

from __future__ import annotations

import dataclasses

import pytest

from tafdesk.exports.builders.letters import build_letter, view_for
from tafdesk.exports.letter_data import Contact, MemberFacts
from tafdesk.exports.letter_rules import addressees, is_sensitive_agency, letters_for, refusal
from tafdesk.exports.merge_fields import LETTER_TYPES, RECIPIENT
from tafdesk.exports.samples import SAMPLE_LETTERHEAD, sample_common, sample_facts
from tafdesk.models.enums import DecisionOutcome, DocumentType, Sector
from tafdesk.services.templates import default_body

T = DocumentType
O = DecisionOutcome
A, R, F, UP, DOWN, IAG, INVITE = (
    T.LETTER_ALLOCATION,
    T.LETTER_REFERRER,
    T.LETTER_FAMILY,
    T.LETTER_STEP_UP,
    T.LETTER_STEP_DOWN,
    T.LETTER_IAG,
    T.LETTER_REVIEW_INVITATION,
)
# What each outcome allows; a self-referral swaps the referrer's letter for the family's.
ALLOWED = {
    O.ALLOCATE_LEAD: ({A, R, F}, {A, F}),
    O.MULTI_AGENCY_PLAN: ({A, R, F}, {A, F}),
    O.WORKING_TOGETHER_MEETING: ({R, F}, {F}),
    O.STEP_UP: ({R, UP}, {UP}),
    O.STEP_DOWN: ({R, DOWN}, {DOWN}),
    O.INFORMATION_ADVICE_GUIDANCE: ({IAG}, {F}),
    O.DEFER: (set(), set()),
}
POLICE_TEAM = (
    "Łukasz Nowak, Family Support Service (lead professional)",
    "Tomas Okafor, Education Welfare",
    "DC Example Officer, Police",
    "Aisha Example, Northtown Women's Aid",
    "Domestic Abuse Service",
    "Pat Example, Housing Options",
)


def facts_for(outcome: O, self_referral: bool = False, **changes):
    facts = sample_facts(outcome)
    if outcome not in (O.ALLOCATE_LEAD, O.MULTI_AGENCY_PLAN):
        facts = dataclasses.replace(facts, lead=None, team=())
    return dataclasses.replace(facts, self_referral=self_referral, **changes)


@pytest.mark.parametrize("outcome", list(O))
@pytest.mark.parametrize("self_referral", [False, True])
def test_only_the_letters_the_decision_calls_for_can_be_made(outcome, self_referral):
    facts = facts_for(outcome, self_referral)
    allowed = ALLOWED[outcome][self_referral]
    assert set(letters_for(facts)) == allowed
    for letter_type in set(LETTER_TYPES) - {INVITE}:
        reason = refusal(letter_type, facts)
        assert (reason is None) == (letter_type in allowed), (letter_type, reason)
        if letter_type in allowed:
            build_letter(
                letter_type, default_body(letter_type), view_for(letter_type, facts), sample_common(), SAMPLE_LETTERHEAD
            )


def test_refusals_say_why():
    allocated = facts_for(O.ALLOCATE_LEAD)
    assert (
        refusal(UP, allocated) == "the group decided a lead professional allocated, which calls for no step up "
        "letter to the family"
    )
    assert "member of the family" in refusal(R, facts_for(O.STEP_UP, self_referral=True))
    assert "made no decision yet" in refusal(F, dataclasses.replace(allocated, outcome=None))
    unknown = dataclasses.replace(allocated, outcome=None, decision_unknown="this copy does not hold it")
    assert refusal(F, unknown) == "this copy does not hold it"  # not "no decision yet": it is not known here
    assert "no TAF review booked" in refusal(INVITE, facts_for(O.ALLOCATE_LEAD, review=None))
    assert refusal(INVITE, allocated) is None


def test_a_family_letter_goes_only_to_adults_of_the_household_not_marked():
    members = (
        MemberFacts("Mother Example", "parent", "mother", "34", True, True),
        MemberFacts("Father Example", "parent", "father", "38", True, True, do_not_write=True),
        MemberFacts("Grandmother Example", "carer", "grandmother", "61", False, True),
        MemberFacts("Aunt Example", "adult", "aunt", "29", True, True),
        MemberFacts("Child Example", "child", "son", "12", True, False),
        MemberFacts("Older Example", "young person", "son", "18", True, True),
    )
    assert addressees(members) == ("Mother Example", "Aunt Example", "Older Example")
    facts = facts_for(O.ALLOCATE_LEAD, members=members)
    text = build_letter(F, default_body(F), view_for(F, facts), sample_common(), SAMPLE_LETTERHEAD).text()
    assert "Dear Mother Example, Aunt Example and Older Example" in text and "Father" not in text


@pytest.mark.parametrize("outcome", [o for o in O if o is not O.DEFER])
def test_nobody_left_to_write_to_means_no_family_letter_of_any_kind(outcome):
    marked = tuple(dataclasses.replace(m, do_not_write=True) for m in sample_facts().members)
    facts = facts_for(outcome, True, members=marked)
    assert not any(RECIPIENT[t] == "family" for t in letters_for(facts))
    for letter_type in (F, UP, DOWN, INVITE):
        assert refusal(letter_type, facts) is not None
    for letter_type in (t for t in ALLOWED[outcome][True] if RECIPIENT[t] == "family"):
        assert "do not write to this address" in refusal(letter_type, facts)


@pytest.mark.parametrize("letter_type", [F, UP, DOWN, INVITE])
def test_letters_home_never_name_sensitive_agencies_unless_the_chair_chose(letter_type):
    outcome = {UP: O.STEP_UP, DOWN: O.STEP_DOWN}.get(letter_type, O.ALLOCATE_LEAD)
    facts = dataclasses.replace(
        sample_facts(outcome), team=POLICE_TEAM, sensitive_agencies=("Police", "Housing Options")
    )  # Housing's involvement is restricted
    facts = dataclasses.replace(facts, review=dataclasses.replace(facts.review, team=POLICE_TEAM))
    text = build_letter(
        letter_type, default_body(letter_type), view_for(letter_type, facts), sample_common(), SAMPLE_LETTERHEAD
    ).text()
    for word in ("Police", "Women's Aid", "Domestic Abuse", "Housing Options", "DC Example", "Pat Example"):
        assert word not in text
    if letter_type in (F, INVITE):
        assert "Łukasz Nowak" in text
    if letter_type is INVITE:
        assert "Tomas Okafor, Education Welfare" in text
        chosen = dataclasses.replace(facts, may_name_sensitive=True)
        text = build_letter(
            letter_type, default_body(letter_type), view_for(letter_type, chosen), sample_common(), SAMPLE_LETTERHEAD
        ).text()
        assert "DC Example Officer, Police" in text and "Domestic Abuse Service" in text


def test_a_lead_from_a_sensitive_agency_is_named_to_the_home_without_the_agency():
    lead = Contact(
        "Rowan Example",
        "Domestic Abuse Advocate",
        "Northtown Domestic Abuse Service",
        (),
        "01632 960555",
        "rowan@das.example",
    )
    facts = dataclasses.replace(
        sample_facts(), lead=lead, team=("Rowan Example, Northtown Domestic Abuse Service (lead professional)",)
    )
    text = build_letter(F, default_body(F), view_for(F, facts), sample_common(), SAMPLE_LETTERHEAD).text()
    assert "Rowan Example" in text and "01632 960555" in text
    assert "Domestic Abuse" not in text
    allocation = build_letter(A, default_body(A), view_for(A, facts), sample_common(), SAMPLE_LETTERHEAD).text()
    assert "Northtown Domestic Abuse Service" in allocation  # the professional's own letter


def test_agencies_sensitive_by_their_kind():
    for name in (
        "Northshire Police",
        "Northshire Constabulary",
        "Women's Aid",
        "Adult Mental Health",
        "CAMHS",
        "Drug and Alcohol Recovery Service",
        "Domestic Abuse Service",
    ):
        assert is_sensitive_agency(name), name
    assert is_sensitive_agency("Neighbourhood Team", Sector.POLICE)
    for name in ("Education Welfare", "Family Support", "Health Visiting", "Housing"):
        assert not is_sensitive_agency(name, Sector.LOCAL_AUTHORITY), name


@pytest.mark.parametrize(
    "outcome", [O.WORKING_TOGETHER_MEETING, O.MULTI_AGENCY_PLAN, O.ALLOCATE_LEAD, O.INFORMATION_ADVICE_GUIDANCE]
)
def test_the_family_letter_says_something_true_for_each_outcome(outcome):
    facts = facts_for(outcome, self_referral=outcome is O.INFORMATION_ADVICE_GUIDANCE)
    text = " ".join(
        build_letter(F, default_body(F), view_for(F, facts), sample_common(), SAMPLE_LETTERHEAD).text().split()
    )
    assert "no lead professional" not in text.lower() and "not allocated" not in text
    expected = {
        O.WORKING_TOGETHER_MEETING: "Who will be your main contact will be agreed at the Working Together Meeting.",
        O.MULTI_AGENCY_PLAN: "will make one plan with you",
        O.ALLOCATE_LEAD: "Team Around the Family meeting",
        O.INFORMATION_ADVICE_GUIDANCE: "You do not have a lead professional.",
    }[outcome]
    assert expected in text
    if facts.lead:
        assert "Your lead professional is Łukasz Nowak (Family Support Worker, Family Support Service)" in text
