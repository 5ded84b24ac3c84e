"""Words for the demo: referral reasons, needs, outcomes, SMART actions, risks,
strengths and the family's voice, per need area.

Placeholders: {child} a child's first name, {parent} the main carer's first
name, {school} the child's school or setting, {lead} the lead professional.
"""

from __future__ import annotations

import random

from tafdesk.models import NeedArea

A = NeedArea


class Words(dict):
    """Fills placeholders, leaving unknown ones as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, words: Words) -> str:
    return template.format_map(words)


REASONS: dict[NeedArea, tuple[str, ...]] = {
    A.EDUCATION: (
        "{child}'s attendance at {school} has fallen below 80% this term and {child} is often late.",
        "{child} has had three fixed-term exclusions this year and is at risk of permanent exclusion.",
        "{child} is refusing to go to {school}; {parent} cannot get {child} out of the house most mornings.",
    ),
    A.EARLY_YEARS: (
        "{child} is not meeting developmental milestones at the two-year check; speech is delayed.",
        "{parent} is struggling with routines for a young baby and has missed health appointments.",
        "{child} has not taken up the funded nursery place and has limited play at home.",
    ),
    A.HEALTH: (
        "{parent} reports low mood and anxiety and finds it hard to leave the house.",
        "{child} is self-harming and is on the waiting list for specialist support.",
        "{child} has a long-term health condition that is not being managed; appointments are missed.",
    ),
    A.SUBSTANCE_USE: (
        "Concerns that a parent's alcohol use is affecting the care of the children.",
        "{parent} has disclosed cannabis use most evenings and wants help to cut down.",
        "{child} has been found with alcohol and is thought to be using cannabis with older peers.",
    ),
    A.FAMILY_RELATIONSHIPS: (
        "Frequent arguments at home; {parent} says {child}'s behaviour is out of control.",
        "Parents have separated acrimoniously and contact arrangements cause conflict.",
        "{child} is caring for younger siblings and for {parent} and is struggling.",
    ),
    A.CHILD_SAFETY: (
        "{child} has been missing from home twice this month and returned late at night.",
        "{child} has been seen with older young people suspected of exploitation.",
        "Concerns about supervision: the younger children have been left alone in the home.",
    ),
    A.CRIME: (
        "{child} was arrested for criminal damage and is involved in anti-social behaviour locally.",
        "Police have received complaints of anti-social behaviour at the family home.",
        "{child} received a community resolution for shoplifting and is associating with peers who offend.",
    ),
    A.DOMESTIC_ABUSE: (
        "Police were called to a domestic incident at the address; the children were present.",
        "{parent} has disclosed controlling behaviour by a former partner who still visits.",
        "Domestic abuse in the family's history; {parent} is worried about the children's contact with their father.",
    ),
    A.HOUSING: (
        "The family has been served notice by their landlord and risks homelessness.",
        "The family are living in overcrowded, damp accommodation that affects the children's health.",
        "Rent arrears have built up and the tenancy is at risk.",
    ),
    A.FINANCIAL_STABILITY: (
        "{parent} has lost work and the family are relying on food banks.",
        "Debts are building up; the family have had their energy supply cut off.",
        "{parent} wants to find work but has no childcare and little confidence.",
    ),
}

NEEDS: dict[NeedArea, tuple[str, ...]] = {
    A.EDUCATION: (
        "{child}'s attendance is poor and {child} is falling behind at {school}.",
        "{child} is at risk of exclusion from {school}.",
    ),
    A.EARLY_YEARS: (
        "{child}'s speech and language are behind what is expected for their age.",
        "{child} needs a settled routine and more chances to play and learn.",
    ),
    A.HEALTH: (
        "{parent}'s mental health makes day-to-day family life hard.",
        "{child}'s emotional wellbeing is poor and getting worse.",
    ),
    A.SUBSTANCE_USE: (
        "Alcohol or drug use in the household is affecting the children.",
        "{child} is experimenting with cannabis and alcohol.",
    ),
    A.FAMILY_RELATIONSHIPS: (
        "Relationships at home are strained and arguments escalate.",
        "{parent} needs support with boundaries and routines.",
    ),
    A.CHILD_SAFETY: (
        "{child} goes missing and is at risk of exploitation.",
        "The children are not always supervised safely.",
    ),
    A.CRIME: (
        "{child} is involved in anti-social behaviour and low-level offending.",
        "Anti-social behaviour at the home is affecting neighbours.",
    ),
    A.DOMESTIC_ABUSE: (
        "{parent} and the children have experienced domestic abuse.",
        "The children are affected by conflict between their parents.",
    ),
    A.HOUSING: ("The family's tenancy is at risk.", "The home is overcrowded and in poor repair."),
    A.FINANCIAL_STABILITY: (
        "The family do not have enough money for essentials.",
        "{parent} is out of work and wants to find employment.",
    ),
}

OUTCOMES: dict[NeedArea, tuple[str, ...]] = {
    A.EDUCATION: (
        "{child} attends {school} at least 95% of the time.",
        "{child} stays in school with no further exclusions.",
    ),
    A.EARLY_YEARS: (
        "{child} is using more words and is ready for nursery.",
        "{child} takes up the funded nursery place.",
    ),
    A.HEALTH: (
        "{parent} feels well enough to manage family life and keeps appointments.",
        "{child} feels better and knows where to get help.",
    ),
    A.SUBSTANCE_USE: ("No drug or alcohol use affects the care of the children.", "{child} stops using cannabis."),
    A.FAMILY_RELATIONSHIPS: (
        "Fewer arguments; the family agree and keep to house rules.",
        "{parent} feels confident setting boundaries.",
    ),
    A.CHILD_SAFETY: (
        "{child} is not missing from home and is safe from exploitation.",
        "The children are always supervised by a safe adult.",
    ),
    A.CRIME: (
        "{child} is not involved in offending or anti-social behaviour.",
        "No further complaints from neighbours.",
    ),
    A.DOMESTIC_ABUSE: (
        "{parent} and the children feel safe at home.",
        "The children understand what happened and feel safe.",
    ),
    A.HOUSING: ("The family have a secure tenancy they can afford.", "The family live in a safe, suitable home."),
    A.FINANCIAL_STABILITY: (
        "The family manage their money and debts are under control.",
        "{parent} is in work or training.",
    ),
}

# (what, how we will know, who): who is "lead", "family" or "partner".
ACTIONS: dict[NeedArea, tuple[tuple[str, str, str], ...]] = {
    A.EDUCATION: (
        (
            "Agree an attendance plan with {school} and review it weekly.",
            "Weekly attendance figures from the school.",
            "partner",
        ),
        ("Walk {child} to school on Mondays and Wednesdays for four weeks.", "Attendance on those days.", "lead"),
        ("Set a morning routine and bedtime for {child}.", "Morning lateness logged by the school.", "family"),
    ),
    A.EARLY_YEARS: (
        ("Refer {child} to speech and language therapy.", "Referral accepted and first appointment booked.", "partner"),
        ("Support {parent} to visit and apply for a nursery place.", "Nursery start date agreed.", "lead"),
        ("Share a book with {child} every day.", "Reading diary kept by the family.", "family"),
    ),
    A.HEALTH: (
        ("Support {parent} to see the GP about low mood.", "Appointment attended.", "lead"),
        ("Complete a wellbeing assessment with {child}.", "Assessment done and next steps agreed.", "partner"),
        ("Keep all health appointments for the children.", "No missed appointments recorded.", "family"),
    ),
    A.SUBSTANCE_USE: (
        ("Refer to the recovery service for an assessment.", "Assessment completed.", "partner"),
        (
            "Agree a safety plan for the children when adults are drinking.",
            "Plan written and shared with the family.",
            "lead",
        ),
        ("Attend the weekly recovery group.", "Attendance record from the group.", "family"),
    ),
    A.FAMILY_RELATIONSHIPS: (
        ("Complete a six-week parenting programme.", "Sessions attended out of six.", "family"),
        ("Hold a family meeting to agree house rules.", "House rules written up and displayed.", "lead"),
        ("Offer one-to-one sessions with {child} about feelings and behaviour.", "Sessions held.", "partner"),
    ),
    A.CHILD_SAFETY: (
        ("Agree a return-home plan for {child} with the family.", "Missing episodes each month.", "lead"),
        ("Complete an exploitation screening with {child}.", "Screening done and shared with the TAF.", "partner"),
        ("Let the lead professional know the same day if {child} is missing.", "Notifications made.", "family"),
    ),
    A.CRIME: (
        ("Join a positive activities group at the youth centre.", "Sessions attended each month.", "partner"),
        (
            "Meet {child} fortnightly to work on choices and consequences.",
            "Meetings held; no new police reports.",
            "lead",
        ),
        ("Agree and sign an acceptable behaviour contract.", "Contract signed and kept.", "family"),
    ),
    A.DOMESTIC_ABUSE: (
        ("Complete a risk assessment and safety plan with {parent}.", "Safety plan in place.", "partner"),
        ("Arrange support for the children about what they have seen.", "Sessions started.", "lead"),
        ("Keep to the agreed safety plan.", "No further incidents reported.", "family"),
    ),
    A.HOUSING: (
        ("Negotiate a repayment plan for rent arrears with the landlord.", "Arrears falling each month.", "partner"),
        ("Support an application to the housing register.", "Application accepted and banding confirmed.", "lead"),
        ("Pay the agreed amount towards arrears each month.", "Rent statement.", "family"),
    ),
    A.FINANCIAL_STABILITY: (
        ("Complete a benefits check and debt advice referral.", "Referral made; income maximised.", "lead"),
        ("Meet a work coach and agree a job search plan.", "Plan agreed; applications made.", "partner"),
        ("Keep a weekly household budget.", "Budget sheet reviewed at each visit.", "family"),
    ),
}

RISKS: dict[NeedArea, tuple[str, ...]] = {
    A.CHILD_SAFETY: ("Repeated missing episodes; links to older peers suspected of exploitation.",),
    A.DOMESTIC_ABUSE: ("Former partner still visits the home; risk of further incidents.",),
    A.CRIME: ("Escalating anti-social behaviour and offending.",),
    A.SUBSTANCE_USE: ("Parental alcohol use when caring for the children.",),
    A.HEALTH: ("Self-harm; waiting for specialist assessment.",),
    A.HOUSING: ("Possession hearing listed; family may become homeless.",),
}

STRENGTHS = (
    "{parent} recognises the family needs help and wants to engage.",
    "Grandparents live nearby and help with childcare.",
    "{child} has a good relationship with a teacher at {school}.",
    "The children are warm and affectionate with each other.",
    "{parent} has kept every appointment offered so far.",
    "{child} enjoys football and goes to a local club.",
    "The family are well connected at their place of worship.",
    "{parent} has managed well in the past and knows what helped then.",
)

FAMILY_VIEWS = (
    "{parent} wants help to get {child} back into a routine and says the family cannot manage this alone.",
    "{parent} is worried about {child} and would welcome one person to coordinate the help.",
    "{parent} feels let down by services in the past but is willing to try again.",
    "The family agree with the referral and want support quickly.",
)

VOICE_OF_CHILD = (
    '{child} says home is "too shouty" and wants things to be calmer.',
    "{child} says they want to stay at {school} and see their friends.",
    "{child} wants their mum to be happier.",
    "{child} did not want to talk at first; they like the youth worker and will meet again.",
)

VOICE_OF_PARENTS = (
    "{parent} wants the children to be happy and to have a fresh start.",
    '{parent} says: "I just need someone on my side."',
    "{parent} wants to feel in control again and to get back to work.",
)

RATIONALES = (
    "Needs across several areas below the social care threshold; a TAF led by the agency with the strongest relationship is recommended.",
    "The family consent and want help; multi-agency support is needed to stop needs escalating.",
    "Previous single-agency support has not been enough; a coordinated plan is needed.",
)

REVIEW_NOTES = (
    "Family engaging well; most actions completed.",
    "Slow progress this period; actions carried forward and dates revised.",
    "Attendance improving; housing situation still unsettled.",
    "Family missed one TAF meeting; lead to visit at home before the next review.",
)

RAG_COMMENTS = {"green": "Good progress.", "amber": "Some progress; keep going.", "red": "No progress; plan changed."}


def pick(rng: random.Random, options: tuple[str, ...], words: Words, about_child: bool | None = None) -> str:
    """One of options, filled in. about_child True prefers sentences naming
    {child}, False those that do not; None takes any."""
    if about_child is not None:
        options = tuple(o for o in options if ("{child}" in o) == about_child) or options
    return fill(rng.choice(options), words)
