"""Words and dates shown in the Intake area. Plain Python: no Qt here."""

from __future__ import annotations

from tafdesk.models.enums import (
    CaseStatus,
    ClosureReason,
    ConsentStatus,
    Gender,
    InvolvementStatus,
    Level,
    MemberRole,
    Pathway,
)

LEVEL_LABELS = {Level.LOW: "Low", Level.MEDIUM: "Medium", Level.HIGH: "High"}
LEVEL_ORDER = {None: 0, Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}

CONSENT_LABELS = {
    ConsentStatus.GIVEN: "Given",
    ConsentStatus.NOT_SOUGHT: "Not sought",
    ConsentStatus.REFUSED: "Refused",
    ConsentStatus.WITHDRAWN: "Withdrawn",
}
BLOCKING_CONSENT = frozenset({ConsentStatus.REFUSED, ConsentStatus.WITHDRAWN})

STATUS_LABELS = {
    CaseStatus.AWAITING_TRIAGE: "Awaiting triage",
    CaseStatus.AWAITING_MEETING: "Awaiting meeting",
}

PATHWAY_LABELS = {
    Pathway.LCMG_ALLOCATION: "Allocation of a lead professional at the LCMG",
    Pathway.MULTI_AGENCY_PLAN: "Multi-agency plan with the agencies involved",
    Pathway.WORKING_TOGETHER_MEETING: "Working Together Meeting",
    Pathway.STEP_UP: "Step up to social care",
    Pathway.STEP_DOWN: "Step down to universal services",
    Pathway.INFORMATION_ADVICE_GUIDANCE: "Information, advice and guidance",
}

CLOSURE_LABELS = {
    ClosureReason.NEEDS_MET: "needs met",
    ClosureReason.INFORMATION_ADVICE_GUIDANCE: "information, advice and guidance",
    ClosureReason.STEPPED_UP: "stepped up to social care",
    ClosureReason.STEPPED_DOWN: "stepped down to universal services",
    ClosureReason.DISENGAGED: "the family disengaged",
    ClosureReason.MOVED_AWAY: "the family moved to another council",
    ClosureReason.CONSENT_WITHDRAWN: "consent withdrawn",
    ClosureReason.MOVED_WITHIN_COUNCIL: "the family moved within the council",
    ClosureReason.OTHER: "other reasons",
}

INVOLVEMENT_LABELS = {
    InvolvementStatus.CURRENT: "Current",
    InvolvementStatus.HISTORIC: "Historic",
    InvolvementStatus.NONE_FOUND: "None found",
}

MEMBER_ROLE_LABELS = {
    MemberRole.PARENT: "Parent",
    MemberRole.CARER: "Carer",
    MemberRole.CHILD: "Child",
    MemberRole.YOUNG_PERSON: "Young person",
    MemberRole.ADULT: "Adult",
    MemberRole.OTHER: "Other",
}

GENDER_LABELS = {
    Gender.FEMALE: "Female",
    Gender.MALE: "Male",
    Gender.OTHER: "Other",
    Gender.NOT_KNOWN: "Not known",
}

LEVEL_OF_NEED_LABELS = {1: "1 – universal", 2: "2 – targeted", 3: "3 – enhanced", 4: "4 – specialist"}
