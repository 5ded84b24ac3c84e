"""The merge fields each letter type offers, and their values.

A letter type's catalogue is exactly the fields its values function gives,
computed from sample data: a field cannot be listed and not supplied, or
supplied and not listed. Each function takes only the view its recipient may
see (see `redaction`), so a letter to a family or a referrer has no field
that could reach a restricted or another member's detail.

Values are never blank: a detail not recorded reads as a plain fallback,
such as "the Early Help team".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tafdesk.exports.document import Letterhead
from tafdesk.exports.letter_data import Contact, FamilyView, MeetingFacts, ProfessionalView, ReferrerView
from tafdesk.exports.template_text import Unavailable, Value
from tafdesk.models.enums import ClosureReason, DecisionOutcome, DocumentType

T = DocumentType
LETTER_TYPES = (
    T.LETTER_ALLOCATION,
    T.LETTER_REFERRER,
    T.LETTER_FAMILY,
    T.LETTER_STEP_UP,
    T.LETTER_STEP_DOWN,
    T.LETTER_IAG,
    T.LETTER_REVIEW_INVITATION,
    T.LETTER_CLOSURE_FAMILY,
    T.LETTER_CLOSURE_REFERRER,
)
RECIPIENT = {
    T.LETTER_ALLOCATION: "professional",
    T.LETTER_REFERRER: "referrer",
    T.LETTER_IAG: "referrer",
    T.LETTER_FAMILY: "family",
    T.LETTER_STEP_UP: "family",
    T.LETTER_STEP_DOWN: "family",
    T.LETTER_REVIEW_INVITATION: "family",
    T.LETTER_CLOSURE_FAMILY: "family",
    T.LETTER_CLOSURE_REFERRER: "referrer",
}
LETTER_NAMES = {
    T.LETTER_ALLOCATION: "Allocation letter to the lead professional",
    T.LETTER_REFERRER: "Outcome letter to the referrer",
    T.LETTER_FAMILY: "Letter to the family",
    T.LETTER_STEP_UP: "Step up letter to the family",
    T.LETTER_STEP_DOWN: "Step down letter to the family",
    T.LETTER_IAG: "Information, advice and guidance to the referrer",
    T.LETTER_REVIEW_INVITATION: "TAF review invitation",
    T.LETTER_CLOSURE_FAMILY: "Closure letter to the family",
    T.LETTER_CLOSURE_REFERRER: "Closure letter to the referrer",
}
R = ClosureReason
CLOSURE_FOR_FAMILIES = {
    R.NEEDS_MET: "the things you wanted to change have changed, and you told us you are ready to carry on without "
    "the Team Around the Family",
    R.CONSENT_WITHDRAWN: "you told us you no longer want the Team Around the Family to work with you",
    R.DISENGAGED: "we have not been able to keep working with you",
    R.MOVED_AWAY: "you have moved to another area, and the council there can offer you help",
    R.MOVED_WITHIN_COUNCIL: "you have moved, and the team where you live now can help you",
    R.STEPPED_UP: "children's social care are now working with your family",
    R.STEPPED_DOWN: "everyday services, such as your school, health visitor, doctor or children's centre, are the "
    "right people to help your family now",
    R.OTHER: "the Team Around the Family has finished its work with you",
    R.INFORMATION_ADVICE_GUIDANCE: "we have shared information and advice about help you can get",
}
CLOSURE_FOR_PROFESSIONALS = {
    R.NEEDS_MET: "the family's needs were met",
    R.CONSENT_WITHDRAWN: "the family withdrew their consent",
    R.DISENGAGED: "the family did not engage with the plan",
    R.MOVED_AWAY: "the family moved to another council's area",
    R.MOVED_WITHIN_COUNCIL: "the family moved within the council's area",
    R.STEPPED_UP: "the case was stepped up to children's social care",
    R.STEPPED_DOWN: "the case was stepped down to universal services",
    R.OTHER: "the Team Around the Family's work with the family ended",
    R.INFORMATION_ADVICE_GUIDANCE: "information, advice and guidance was given",
}
CLOSURES = (T.LETTER_CLOSURE_FAMILY, T.LETTER_CLOSURE_REFERRER)

FOR_FAMILIES = {
    DecisionOutcome.ALLOCATE_LEAD: "agreed that one professional, your lead professional, will work with your family "
    "and bring together a small team of the people who can help: a Team Around the Family",
    DecisionOutcome.MULTI_AGENCY_PLAN: "agreed that the services already working with your family will make one plan "
    "with you, with one of them as your lead professional",
    DecisionOutcome.WORKING_TOGETHER_MEETING: "asked for a Working Together Meeting, so that all the services who can "
    "help can meet with you and agree what to do",
    DecisionOutcome.STEP_UP: "asked children's social care to work with your family, because they can offer more help "
    "than we can",
    DecisionOutcome.STEP_DOWN: "agreed that everyday services, such as your school, health visitor, doctor or "
    "children's centre, are the right people to help your family now",
    DecisionOutcome.INFORMATION_ADVICE_GUIDANCE: "shared information and advice about help you can get",
    DecisionOutcome.DEFER: "needs a little more information before it decides, and will talk about your family again",
}
FOR_PROFESSIONALS = {
    DecisionOutcome.ALLOCATE_LEAD: "a lead professional was allocated and a Team Around the Family opened",
    DecisionOutcome.MULTI_AGENCY_PLAN: "a multi-agency plan with the agencies already involved",
    DecisionOutcome.WORKING_TOGETHER_MEETING: "referral to a Working Together Meeting",
    DecisionOutcome.STEP_UP: "step up to children's social care",
    DecisionOutcome.STEP_DOWN: "step down to universal services",
    DecisionOutcome.INFORMATION_ADVICE_GUIDANCE: "information, advice and guidance to you as the referrer",
    DecisionOutcome.DEFER: "deferred until more information is available",
}
NEXT_FOR_REFERRER = {
    DecisionOutcome.ALLOCATE_LEAD: "The lead professional will contact you within five working days to hear what you "
    "know and to invite you to the first Team Around the Family meeting if you are working with the family.",
    DecisionOutcome.MULTI_AGENCY_PLAN: "The lead professional will contact you to agree how your agency contributes "
    "to the family's plan.",
    DecisionOutcome.WORKING_TOGETHER_MEETING: "You will be invited to the Working Together Meeting if you are working "
    "with the family.",
    DecisionOutcome.STEP_UP: "Children's social care will contact you if they need more information from you.",
    DecisionOutcome.STEP_DOWN: "Please keep supporting the family through your own service, and contact us again if "
    "things change.",
    DecisionOutcome.INFORMATION_ADVICE_GUIDANCE: "The advice in this letter is for you to use with the family.",
    DecisionOutcome.DEFER: "The group will consider the family again at a later meeting; we will write to you then.",
}


O = DecisionOutcome
_TAF_NEXT = (
    "Your lead professional will contact you in the next five working days to arrange to meet you at a time and place "
    "that suits you.",
    "Together you will invite the people who can help to a Team Around the Family meeting. You and your family are "
    "part of that team.",
    "At that meeting you will agree a plan: what you would like to change, who will help, and by when. The team will "
    "meet again every few weeks to see how things are going.",
)
NEXT_FOR_FAMILIES: dict[DecisionOutcome, tuple[str, ...]] = {
    O.ALLOCATE_LEAD: _TAF_NEXT,
    O.MULTI_AGENCY_PLAN: (
        "Your lead professional will contact you in the next five working days to talk about the plan.",
        "The services already working with your family will make one plan with you, so that you do not have to tell "
        "your story again to each of them.",
        "The plan will say what you would like to change, who will help, and by when, and it will be looked at again "
        "every few weeks.",
    ),
    O.WORKING_TOGETHER_MEETING: (
        "You will be invited to a Working Together Meeting, with the services who can help your family.",
        "At that meeting everyone, with you, will agree what help your family needs and who will give it.",
        "You can bring a friend or relative to the meeting.",
    ),
    O.STEP_UP: ("A social worker from children's social care will contact you soon.",),
    O.STEP_DOWN: (
        "Your school, health visitor, doctor or children's centre can help, and you can contact us again if "
        "things change.",
    ),
    O.INFORMATION_ADVICE_GUIDANCE: (
        "Your children's school or nursery, your health visitor or GP, and your local children's centre can help "
        "with what you told us about.",
        "You can contact us again at any time if things get harder.",
    ),
    O.DEFER: ("The group will talk about your family again at a later meeting, and we will write to you then.",),
}
NO_LETTERHEAD = "the letterhead has no {}: add it under Documents → Letterhead"


def family_lead_sentence(lead: Contact | None, outcome: DecisionOutcome | None) -> str:
    """Who the family's main contact is, true for every outcome."""
    if lead is not None:
        role = ", ".join(x for x in (lead.job_title, lead.organisation) if x)
        reach = " or ".join(x for x in (lead.phone, lead.email) if x)
        return (
            f"Your lead professional is {lead.name}" + (f" ({role})" if role else "") + ". They will be your main "
            "contact, so you only need to tell your story once"
            + (f": you can reach them on {reach}." if reach else ".")
        )
    if outcome is O.WORKING_TOGETHER_MEETING:
        return "Who will be your main contact will be agreed at the Working Together Meeting."
    if outcome is O.STEP_UP:
        return "A social worker from children's social care will be your main contact."
    return "You do not have a lead professional. You can contact us with any questions."


@dataclass(frozen=True)
class Common:
    """What every letter may say, whoever it is to."""

    today: dt.date
    letterhead: Letterhead
    signatory_name: str
    signatory_title: str | None


@dataclass(frozen=True)
class FieldInfo:
    name: str
    description: str
    sample: str
    is_list: bool


def day(value: dt.date | None, fallback: str = "not yet set") -> str:
    return f"{value.day} {value:%B %Y}" if value else fallback


def values_for(
    letter_type: DocumentType, view: FamilyView | ReferrerView | ProfessionalView, common: Common
) -> dict[str, Value]:
    recipient = RECIPIENT[letter_type]
    expected = {"family": FamilyView, "referrer": ReferrerView, "professional": ProfessionalView}[recipient]
    if not isinstance(view, expected):
        raise TypeError(f"a {letter_type.value} letter is built from a {expected.__name__}, not {type(view).__name__}")
    values = _common(common, view.case_reference, view.family_name, view.meeting)
    if isinstance(view, FamilyView):
        values.update(_family(view, letter_type))
    elif isinstance(view, ReferrerView):
        values.update(_referrer(view))
        if letter_type in CLOSURES:
            values.update(_closure_for_referrer(view))
    else:
        values.update(_professional(view))
    return values


def _common(common: Common, reference: str, family_name: str, meeting: MeetingFacts | None) -> dict[str, Value]:
    head = common.letterhead
    return {
        "today": day(common.today),
        "case.reference": reference,
        "family_name": family_name,
        "organisation.name": head.organisation,
        "organisation.phone": head.phone or Unavailable(NO_LETTERHEAD.format("telephone number")),
        "organisation.email": head.email or Unavailable(NO_LETTERHEAD.format("email address")),
        "signatory.name": common.signatory_name,
        "signatory.title": common.signatory_title or Unavailable(NO_LETTERHEAD.format("signatory's job title")),
        "meeting.date": day(meeting.date if meeting else None, "its recent meeting"),
        "meeting.locality": meeting.locality if meeting else "your area",
        "meeting.venue": (meeting.venue or "the locality office") if meeting else "the locality office",
    }


def _lead(lead: Contact | None, outcome: DecisionOutcome | None, with_job: bool = True) -> dict[str, Value]:
    if lead is None:
        none = Unavailable(
            f"the group allocated no lead professional ({FOR_PROFESSIONALS[outcome or O.DEFER]}); "
            "«decision.lead» says so truthfully"
        )
        names = ("name", "job_title", "agency", "phone", "email") if with_job else ("name", "agency", "phone", "email")
        return {f"lead_professional.{n}": none for n in names}
    values: dict[str, Value] = {
        "lead_professional.name": lead.name,
        "lead_professional.job_title": lead.job_title or "lead professional",
        "lead_professional.agency": lead.organisation or "the Early Help team",
        "lead_professional.phone": lead.phone or "through the Early Help team",
        "lead_professional.email": lead.email or "through the Early Help team",
    }
    if not with_job:
        values.pop("lead_professional.job_title")
    return values


def _family(view: FamilyView, letter_type: DocumentType) -> dict[str, Value]:
    names = view.addressees
    salutation = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    values: dict[str, Value] = {
        "family.salutation": salutation,
        "family.language": view.language or "English",
        "decision.outcome": FOR_FAMILIES.get(view.outcome, FOR_FAMILIES[DecisionOutcome.DEFER])
        if view.outcome
        else "talked about how best to help your family",
    }
    if letter_type in (T.LETTER_FAMILY, T.LETTER_REVIEW_INVITATION):
        values.update(_lead(view.lead, view.outcome))
        values["team"] = view.team
        values["decision.lead"] = family_lead_sentence(view.lead, view.outcome)
        values["decision.next_steps"] = NEXT_FOR_FAMILIES[view.outcome or O.DEFER]
    if letter_type is T.LETTER_CLOSURE_FAMILY:
        values.update(_lead(view.lead, view.outcome))
        closure = view.closure
        values["closure.date"] = day(closure.closed_on if closure else None, "recently")
        values["closure.reason"] = CLOSURE_FOR_FAMILIES[closure.reason if closure else R.OTHER]
        values["closure.needs"] = (
            tuple(f"{area}: {met}" for area, met in closure.needs)
            if closure and closure.needs
            else ("Your family did not have a written plan.",)
        )
    if letter_type is T.LETTER_REVIEW_INVITATION:
        review = view.review
        values["review.date"] = day(
            review.date if review else None, "a date your lead professional will agree with you"
        )
        values["plan.version"] = str(review.plan_version) if review else "1"
    return values


def _referrer(view: ReferrerView) -> dict[str, Value]:
    r = view.referrer
    outcome = view.outcome or DecisionOutcome.DEFER
    return {
        "referrer.name": r.name,
        "referrer.job_title": r.job_title or "referrer",
        "referrer.organisation": r.organisation or "your service",
        "referral.date": day(view.referral_date, "recently"),
        "decision.outcome": FOR_PROFESSIONALS[outcome],
        "decision.next_steps": NEXT_FOR_REFERRER[outcome],
        "decision.lead": _lead_sentence(view.lead),
        **_lead(view.lead, view.outcome, with_job=False),
    }


def _closure_for_referrer(view: ReferrerView) -> dict[str, Value]:
    closure = view.closure
    return {
        "closure.date": day(closure.closed_on if closure else None, "recently"),
        "closure.reason": CLOSURE_FOR_PROFESSIONALS[closure.reason if closure else R.OTHER],
    }


def _lead_sentence(lead: Contact | None) -> str:
    if lead is None:
        return "No lead professional was allocated."
    reach = " or ".join(x for x in (lead.phone, lead.email) if x) or "through the Early Help team"
    return (
        f"The lead professional is {lead.name} ({lead.organisation or 'Early Help'}), who you can contact on {reach}."
    )


def _professional(view: ProfessionalView) -> dict[str, Value]:
    referrer = view.referrer
    manager = view.manager
    interpreter = (
        f"The family needs an interpreter ({view.language})."
        if view.interpreter_needed
        else "The family has not asked for an interpreter."
    )
    return {
        **_lead(view.lead, view.outcome),
        "manager.name": manager.name if manager else "your manager",
        "manager.agency": (manager.organisation or view.lead.organisation or "your agency")
        if manager
        else (view.lead.organisation or "your agency"),
        "family.members": view.members,
        "family.address": ", ".join(view.family_address) or "not recorded",
        "family.phone": view.family_phone or "not recorded",
        "family.language": view.language or "English",
        "family.interpreter": interpreter,
        "referrer.name": referrer.name if referrer else "the access team",
        "referrer.job_title": (referrer.job_title or "referrer") if referrer else "access team",
        "referrer.organisation": (referrer.organisation or "not recorded") if referrer else "the access team",
        "referrer.phone": (referrer.phone or "not recorded") if referrer else "not recorded",
        "referrer.email": (referrer.email or "not recorded") if referrer else "not recorded",
        "referral.date": day(view.referral_date, "not recorded"),
        "referral.reason": view.referral_reason or "not recorded",
        "needs": view.needs,
        "involvements": view.involvements,
        "team": view.team,
        "decision.outcome": FOR_PROFESSIONALS[view.outcome or DecisionOutcome.ALLOCATE_LEAD],
        "decision.rationale": view.rationale or "none recorded",
        "decision.actions": view.actions,
    }


DESCRIPTIONS = {
    "today": "the date of the letter",
    "case.reference": "the family's case reference",
    "family_name": "the family's surname",
    "organisation.name": "your organisation, from the letterhead",
    "organisation.phone": "your organisation's telephone number",
    "organisation.email": "your organisation's email address",
    "signatory.name": "who signs the letter",
    "signatory.title": "the signatory's job title",
    "meeting.date": "the date of the Case Management Group",
    "meeting.locality": "the locality whose group met",
    "meeting.venue": "where the group met",
    "lead_professional.name": "the lead professional",
    "lead_professional.job_title": "the lead professional's job title",
    "lead_professional.agency": "the lead professional's agency",
    "lead_professional.phone": "the lead professional's work telephone",
    "lead_professional.email": "the lead professional's work email",
    "family.salutation": "the parents and carers in the household, by name (Dear …)",
    "family.language": "the family's language",
    "family.members": "(list) each family member's name, relationship and age",
    "family.address": "the family's address on one line",
    "family.phone": "the family's telephone number",
    "family.interpreter": "a sentence on whether an interpreter is needed",
    "decision.outcome": "what the group decided, in words for this reader",
    "decision.next_steps": "what happens next, for this reader and this decision (a list in letters to families)",
    "decision.lead": "a sentence saying who leads (and for a referrer, how to reach them), or that nobody was "
    "allocated: true whatever the group decided",
    "decision.rationale": "why the group decided it",
    "decision.actions": "(list) the actions agreed, with owners and dates",
    "team": "(list) the Team Around the Family",
    "review.date": "the date of the next TAF review",
    "plan.version": "the number of the plan being reviewed",
    "closure.date": "the day the case closed",
    "closure.reason": "why the case closed, in words for this reader",
    "closure.needs": "(list) each area of the family's plan and whether it was met, partly met or not met",
    "referrer.name": "the referrer",
    "referrer.job_title": "the referrer's job title",
    "referrer.organisation": "the referrer's organisation",
    "referrer.phone": "the referrer's telephone",
    "referrer.email": "the referrer's email",
    "referral.date": "when the referral was received",
    "referral.reason": "why the referrer was worried",
    "needs": "(list) the family's needs from the 360° profile",
    "involvements": "(list) agencies' involvement that is not restricted",
    "manager.name": "the lead professional's manager",
    "manager.agency": "the manager's agency",
}
