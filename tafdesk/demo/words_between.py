"""Words for the work between the meetings: case notes, requests to the
group and its answers, closures, follow-ups and evidence of outcomes.
Placeholders as in texts.py: {child}, {parent}, {school}, {lead}."""

from __future__ import annotations

from tafdesk.models import ClosureReason, NeedArea, NeedMet, NoteType, ReferralOutcome, RequestKind

A = NeedArea
R = ClosureReason

REQUEST_REASONS = {
    RequestKind.STEP_UP: (
        "{child} disclosed being hit at home at the weekend and was frightened to go back; bruising seen by "
        "{school}. The plan is not keeping {child} safe: request to step up to children's social care.",
        "Missing episodes are increasing and {child} has been found with older young people twice this month. "
        "Exploitation screening is high: request to step up to children's social care.",
    ),
    RequestKind.STEP_DOWN: (
        "Every outcome of the plan has been green for two reviews and {parent} is confident. "
        "{school} will keep the pastoral support going: request to step down to universal services.",
        "Attendance has stayed above 95% since the last review and the family no longer need a "
        "Team Around the Family: request to step down to the school's support.",
    ),
    RequestKind.BLOCKAGE: (
        "The housing application has been waiting three months with no decision; the family are still in one "
        "room. Housing have not come to the last two TAF meetings. The group's help is needed to unblock it.",
        "CAMHS have not offered {child} an assessment after four months on the waiting list and the school "
        "cannot manage the self-harm risk alone. Asking the group to escalate.",
        "{parent} has not been offered a place on the parenting course for two terms. Asking the group to "
        "find another provider.",
    ),
}
RATIONALES = {
    (RequestKind.STEP_UP, "approve"): "Threshold for statutory social care met on the information given; "
    "referred to the children's social care front door today. The lead keeps in touch until the "
    "assessment is allocated.",
    (RequestKind.STEP_DOWN, "approve"): "The outcomes are met and sustained; the school and the family's "
    "health visitor continue universal support. The lead agrees the closure summary with the family.",
    (RequestKind.STEP_DOWN, "decline"): "Too early: the improvement is one term old. Review again in six "
    "weeks before stepping down.",
    (RequestKind.BLOCKAGE, "defer"): "The Housing manager sends apologies today: the chair will ask Housing "
    "to bring the application to next week's meeting.",
    (RequestKind.BLOCKAGE, "approve"): "The chair escalates to the service manager of the agency concerned "
    "and reports back at the next meeting.",
}
REFERRAL_NOTES = {
    ReferralOutcome.ACCEPTED: "Accepted for a child and family assessment; the social worker is allocated.",
    ReferralOutcome.NO_FURTHER_ACTION: "No further action by children's social care; early help continues.",
}
CLOSURE_SUMMARIES = {
    R.NEEDS_MET: "The Team Around the Family met the needs it was set up for: {child}'s attendance and the "
    "family's routines have held for three months, and {parent} knows where to go for help.",
    R.STEPPED_DOWN: "Stepped down to universal services: {school} and the health visitor continue to support "
    "the family, who are managing well.",
    R.STEPPED_UP: "Stepped up to children's social care after the group's approval; the TAF closes now the "
    "social worker is allocated.",
    R.DISENGAGED: "The family stopped taking part: three visits missed and no answer to letters or calls. "
    "{parent} was told how to come back to early help.",
    R.MOVED_AWAY: "The family moved to another council; their early help team has the plan and the chronology.",
}
FAMILY_VIEWS = {
    R.NEEDS_MET: "{parent}: \u201cWe are in a much better place and we know who to call if things slip.\u201d",
    R.STEPPED_DOWN: "{parent} is happy to carry on with the school's support and thanked the team.",
    R.STEPPED_UP: "{parent} understands why social care are involved and is anxious about it.",
    R.DISENGAGED: "{parent} did not give a view: no contact since the last visit.",
    R.MOVED_AWAY: "{parent} agreed to the plan being passed on to the new council.",
}
# How far each need was met, by the reason the case closed (picked in turn).
NEEDS_MET = {
    R.NEEDS_MET: (NeedMet.MET, NeedMet.MET, NeedMet.PARTLY_MET),
    R.STEPPED_DOWN: (NeedMet.MET, NeedMet.PARTLY_MET),
    R.STEPPED_UP: (NeedMet.NOT_MET, NeedMet.PARTLY_MET, NeedMet.NOT_MET),
    R.DISENGAGED: (NeedMet.NOT_MET, NeedMet.PARTLY_MET),
    R.MOVED_AWAY: (NeedMet.PARTLY_MET, NeedMet.NOT_MET),
}
RETURNED_WHY = (
    "Not yet: the housing need is still open. Agree with Housing who holds it before closing, then propose again."
)
REOPEN_REASON = (
    "{parent} rang: {child} has stopped going to {school} again since the closure. Reopened rather than a new "
    "referral, with the same team."
)

# Case notes: (type, who was seen, summary, follow-ups)
NOTES = {
    "referrer": (
        NoteType.PHONE,
        "The referrer",
        "Spoke to the referrer to say the family is allocated and who leads; agreed to share updates at the TAF.",
        "",
    ),
    "first visit": (
        NoteType.HOME_VISIT,
        "{parent} and the children",
        "First home visit. Explained early help and the Team Around the Family; {parent} signed consent. "
        "Talked with {child} about school and home; the home was warm and tidy.",
        "Book the first TAF meeting; ask {school} for attendance figures.",
    ),
    "school": (
        NoteType.SCHOOL_VISIT,
        "{child}, the pastoral lead at {school}",
        "Met {child} at {school} with the pastoral lead. {child} is settling better and likes the lunchtime club.",
        "Pastoral lead to send the weekly attendance.",
    ),
    "visit": (
        NoteType.HOME_VISIT,
        "{parent} and {child}",
        "Home visit. Went through the plan's actions with {parent}; the morning routine chart is being used.",
        "",
    ),
    "taf": (
        NoteType.TAF_MEETING,
        "{parent}, {lead} and the team",
        "TAF meeting held at {school}. Progress reviewed against the plan; the family's view recorded.",
        "Next TAF meeting in six weeks.",
    ),
    "call": (
        NoteType.PHONE,
        "{parent}",
        "Phone call with {parent}: a difficult week, arguments at bedtime. Agreed to visit sooner.",
        "",
    ),
    "agency": (
        NoteType.OTHER_AGENCY,
        "Health visitor",
        "Health visitor confirmed the developmental review is booked and attended the last appointment.",
        "",
    ),
    "restricted": (
        NoteType.HOME_VISIT,
        "{parent}, alone",
        "{parent} disclosed that her former partner has been coming to the house and making threats. "
        "Safety plan made; advised to call 999 if he comes again. Not to be shared beyond the team.",
        "Refer to the domestic abuse service with {parent}'s agreement.",
    ),
}
CORRECTION = "The visit was on the day before: date put right, and who was seen added."
FOLLOW_UP_DONE = (
    "Done: seen at home and the referrer told the same week.",
    "Done: the first TAF meeting held at school with the family.",
    "Done: confirmed by the school's attendance figures.",
    "Done as agreed; the family say it helped.",
    "Done: the referral was accepted and the first session booked.",
)
FOLLOW_UP_NOT_DONE = (
    "Not done: the course was cancelled by the provider; a new date is being found.",
    "Not done: {parent} was unwell and the appointment was missed; rebooked.",
)
CARRIED_FORWARD = "The provider's waiting list moved: carried forward to the next meeting."
# Evidence of an outcome, by its need's area: (improving, achieved and sustained).
EVIDENCE = {
    A.EDUCATION: (
        "Attendance up from 78% to 91% this half term (school register).",
        "Attendance above 95% every week since the date given (school register); no lates.",
    ),
    A.EARLY_YEARS: (
        "{child} goes to nursery three mornings a week; the keyworker sees new words each week.",
        "Developmental review shows {child} on track since the date given (health visitor).",
    ),
    A.HEALTH: (
        "{parent} has been to two of three GP appointments and started the self-help course.",
        "Appointments kept since the date given; the GP confirms the medication is taken.",
    ),
    A.SUBSTANCE_USE: (
        "{parent} is going to the drop-in weekly; drinking down to weekends (own account).",
        "Tests clear since the date given (substance misuse service); {parent} finished the group.",
    ),
    A.FAMILY_RELATIONSHIPS: (
        "Morning routine kept on most school days; {parent} and the school confirm it.",
        "No reported arguments at home since the date given; {child} says home is calmer.",
    ),
    A.CHILD_SAFETY: (
        "{child} home by the agreed time on most nights (parent's log, checked at visits).",
        "No missing episodes since the date given (police and school).",
    ),
    A.CRIME: (
        "{child} is going to the youth project twice a week; no new incidents this month.",
        "No offending or anti-social behaviour reported since the date given (police).",
    ),
    A.DOMESTIC_ABUSE: (
        "{parent} is working with the domestic abuse service; the safety plan is in place.",
        "No incidents since the date given (police); {parent} finished the recovery programme.",
    ),
    A.HOUSING: (
        "Rent arrears repayment plan agreed; first three payments made (housing officer).",
        "Tenancy secure since the date given: arrears cleared and the notice withdrawn.",
    ),
    A.FINANCIAL_STABILITY: (
        "Benefits check done and the missing claim made; food bank no longer needed weekly.",
        "Debts in a managed plan since the date given; payments up to date (money adviser).",
    ),
}
WITHDRAWAL_NOTE = "{parent} rang the office: she does not want the police told about the family's plan any more."
TRANSITION = ("Sam Whitfield", "Children's social care, 01632 960555")
LEAD_CHANGE_REASON = "{lead} is on maternity leave: the family need a lead who can see them now."
