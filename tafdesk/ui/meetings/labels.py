"""Words and dates shown in the Meetings area and meeting mode. Plain Python:
no Qt here."""

from __future__ import annotations

from tafdesk.models.enums import AgendaKind, AttendanceStatus, DecisionOutcome, MeetingStatus, Verdict

O = DecisionOutcome
# In the order they are offered; Alt+1 … Alt+7 choose them in meeting mode.
OUTCOMES = (
    O.ALLOCATE_LEAD,
    O.MULTI_AGENCY_PLAN,
    O.WORKING_TOGETHER_MEETING,
    O.STEP_UP,
    O.STEP_DOWN,
    O.INFORMATION_ADVICE_GUIDANCE,
    O.DEFER,
)
OUTCOME_LABELS = {
    O.ALLOCATE_LEAD: "Allocate a lead professional and open a TAF",
    O.MULTI_AGENCY_PLAN: "Multi-agency plan with the agencies involved",
    O.WORKING_TOGETHER_MEETING: "Refer to a Working Together Meeting",
    O.STEP_UP: "Step up to children's social care",
    O.STEP_DOWN: "Step down to universal services",
    O.INFORMATION_ADVICE_GUIDANCE: "Information, advice and guidance",
    O.DEFER: "Defer for more information",
}
OUTCOME_SHORT = {  # on the buttons; the full wording is their accessible name and tooltip
    O.ALLOCATE_LEAD: "Allocate lead, open TAF",
    O.MULTI_AGENCY_PLAN: "Multi-agency plan",
    O.WORKING_TOGETHER_MEETING: "Working Together Meeting",
    O.STEP_UP: "Step up",
    O.STEP_DOWN: "Step down",
    O.INFORMATION_ADVICE_GUIDANCE: "Advice and guidance",
    O.DEFER: "Defer",
}
OUTCOME_DONE = {
    O.ALLOCATE_LEAD: "Lead allocated",
    O.MULTI_AGENCY_PLAN: "Multi-agency plan",
    O.WORKING_TOGETHER_MEETING: "Working Together Meeting",
    O.STEP_UP: "Stepped up",
    O.STEP_DOWN: "Stepped down",
    O.INFORMATION_ADVICE_GUIDANCE: "Advice and guidance",
    O.DEFER: "Deferred",
}
NEEDS_LEAD = frozenset({O.ALLOCATE_LEAD, O.MULTI_AGENCY_PLAN})
TAKES_LEAD = NEEDS_LEAD | {O.WORKING_TOGETHER_MEETING}  # a lead and a team may be named

MEETING_STATUS_LABELS = {
    MeetingStatus.PLANNED: "Planned",
    MeetingStatus.IN_PROGRESS: "In progress",
    MeetingStatus.CLOSED: "Closed",
    MeetingStatus.CANCELLED: "Cancelled",
}
ATTENDANCE_LABELS = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.APOLOGIES: "Apologies",
    AttendanceStatus.DEPUTY: "Deputy",
    None: "Not recorded",
}
KIND_LABELS = {
    AgendaKind.NEW_PROFILE: "New profile",
    AgendaKind.DEFERRED: "Deferred",
    AgendaKind.REVIEW: "Review",
    AgendaKind.CONSENT_WITHDRAWN: "Consent withdrawn",
    AgendaKind.REQUEST: "Request to the group",
}

CHAIR_ONLY = "Only a locality manager may record, undo and close meeting decisions."
MANAGERS_ONLY = "Only a locality manager or business support may keep meetings."
SHARE_ONLY = "Only the chair, a locality manager of the family's locality, may share restricted information."

# The group's answers to a request put to it (a blockage, a step up or a step down).
VERDICT_LABELS = {Verdict.APPROVE: "Approve", Verdict.DECLINE: "Decline", Verdict.DEFER: "Defer"}
