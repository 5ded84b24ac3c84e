"""Enumerations of the domain. Stored by value; the database checks them."""

import enum


class Membership(enum.StrEnum):
    CORE = "core"
    ASSOCIATE = "associate"


class Sector(enum.StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    HEALTH = "health"
    POLICE = "police"
    EDUCATION = "education"
    HOUSING = "housing"
    FIRE_RESCUE = "fire_rescue"
    EMPLOYMENT = "employment"
    VOLUNTARY = "voluntary"


class NeedArea(enum.StrEnum):
    """The ten headline areas of the Supporting Families outcomes framework."""

    EDUCATION = "education"
    EARLY_YEARS = "early_years"
    HEALTH = "health"
    SUBSTANCE_USE = "substance_use"
    FAMILY_RELATIONSHIPS = "family_relationships"
    CHILD_SAFETY = "child_safety"
    CRIME = "crime"
    DOMESTIC_ABUSE = "domestic_abuse"
    HOUSING = "housing"
    FINANCIAL_STABILITY = "financial_stability"

    @property
    def label(self) -> str:
        return NEED_AREA_LABELS[self]


NEED_AREA_LABELS = {
    NeedArea.EDUCATION: "Getting a good education",
    NeedArea.EARLY_YEARS: "Good early years development",
    NeedArea.HEALTH: "Improved mental and physical health",
    NeedArea.SUBSTANCE_USE: "Recovery from substance use",
    NeedArea.FAMILY_RELATIONSHIPS: "Improved family relationships",
    NeedArea.CHILD_SAFETY: "Children safe from abuse and exploitation",
    NeedArea.CRIME: "Crime prevention and tackling crime",
    NeedArea.DOMESTIC_ABUSE: "Safe from domestic abuse",
    NeedArea.HOUSING: "Secure housing",
    NeedArea.FINANCIAL_STABILITY: "Financial stability",
}
NEED_AREA_ORDER = {area: position for position, area in enumerate(NeedArea)}  # the framework's order, for lists


class Level(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class MemberRole(enum.StrEnum):
    PARENT = "parent"
    CARER = "carer"
    CHILD = "child"
    YOUNG_PERSON = "young_person"
    ADULT = "adult"
    OTHER = "other"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    NOT_KNOWN = "not_known"


class ConsentStatus(enum.StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    NOT_SOUGHT = "not_sought"
    WITHDRAWN = "withdrawn"


class InvolvementStatus(enum.StrEnum):
    CURRENT = "current"
    HISTORIC = "historic"
    NONE_FOUND = "none_found"


class Pathway(enum.StrEnum):
    """What the access team recommends for a family."""

    LCMG_ALLOCATION = "lcmg_allocation"
    MULTI_AGENCY_PLAN = "multi_agency_plan"
    WORKING_TOGETHER_MEETING = "working_together_meeting"
    STEP_UP = "step_up"
    STEP_DOWN = "step_down"
    INFORMATION_ADVICE_GUIDANCE = "information_advice_guidance"


class CaseStatus(enum.StrEnum):
    AWAITING_TRIAGE = "awaiting_triage"
    AWAITING_MEETING = "awaiting_meeting"
    DEFERRED = "deferred"
    TAF_OPEN = "taf_open"
    MULTI_AGENCY_PLAN = "multi_agency_plan"
    WORKING_TOGETHER_MEETING = "working_together_meeting"
    STEPPED_UP = "stepped_up"
    STEPPED_DOWN = "stepped_down"
    CLOSED = "closed"


class ReviewFlag(enum.StrEnum):
    """Why an open case comes back to the Case Management Group."""

    BLOCKAGE = "blockage"
    OVERDUE_REVIEW = "overdue_review"
    STEP_DOWN_REQUEST = "step_down_request"


class ClosureReason(enum.StrEnum):
    NEEDS_MET = "needs_met"
    INFORMATION_ADVICE_GUIDANCE = "information_advice_guidance"  # at the front door only
    STEPPED_UP = "stepped_up"
    STEPPED_DOWN = "stepped_down"
    DISENGAGED = "disengaged"
    MOVED_AWAY = "moved_away"  # to another council
    CONSENT_WITHDRAWN = "consent_withdrawn"
    MOVED_WITHIN_COUNCIL = "moved_within_council"
    OTHER = "other"


class ClosureStatus(enum.StrEnum):
    """A proposal to close a case, as a locality manager decides it."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    RETURNED = "returned"


class NeedMet(enum.StrEnum):
    """How far one need of the plan was met when the case closed."""

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"


class OutcomeProgress(enum.StrEnum):
    """Progress towards one outcome of a plan, as evidenced."""

    NO_CHANGE = "no_change"
    IMPROVING = "improving"
    ACHIEVED = "achieved"
    SUSTAINED = "sustained"


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    DEPUTY = "deputy"


def at_table(status: AttendanceStatus | None) -> bool:
    """Present or represented by a deputy: what counts for the quorum and
    for who may be allocated. Attendance not yet recorded is not."""
    return status in (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)


class AgendaKind(enum.StrEnum):
    NEW_PROFILE = "new_profile"
    DEFERRED = "deferred"
    REVIEW = "review"
    REQUEST = "request"  # a lead professional's request to the group (services/requests.py)
    # Someone withdrew consent while the family had a Team Around the Family:
    # the group decides what happens to the plan (services/consent.py).
    CONSENT_WITHDRAWN = "consent_withdrawn"


class AgendaStatus(enum.StrEnum):
    PENDING = "pending"
    DECIDED = "decided"


class DecisionOutcome(enum.StrEnum):
    ALLOCATE_LEAD = "allocate_lead"
    MULTI_AGENCY_PLAN = "multi_agency_plan"
    WORKING_TOGETHER_MEETING = "working_together_meeting"
    STEP_UP = "step_up"
    STEP_DOWN = "step_down"
    INFORMATION_ADVICE_GUIDANCE = "information_advice_guidance"
    DEFER = "defer"


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    SUPERSEDED = "superseded"
    CLOSED = "closed"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class FollowUpState(enum.StrEnum):
    """What became of an action when it was followed up."""

    DONE = "done"
    NOT_DONE = "not_done"
    CARRIED_FORWARD = "carried_forward"


class RequestKind(enum.StrEnum):
    """What a lead professional asks the Case Management Group for."""

    BLOCKAGE = "blockage"
    STEP_UP = "step_up"
    STEP_DOWN = "step_down"


class RequestState(enum.StrEnum):
    PENDING = "pending"  # waiting for the group (on an agenda or not yet)
    APPROVED = "approved"
    DECLINED = "declined"
    DEFERRED = "deferred"  # back to the group on deferred_until


class Verdict(enum.StrEnum):
    """The group's answer to a request."""

    APPROVE = "approve"
    DECLINE = "decline"
    DEFER = "defer"


class ReferralOutcome(enum.StrEnum):
    """What children's social care did with a step-up referral."""

    ACCEPTED = "accepted"
    NO_FURTHER_ACTION = "no_further_action"
    RETURNED_TO_EARLY_HELP = "returned_to_early_help"
    OTHER = "other"


class LeadChangeState(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class HeldState(enum.StrEnum):
    """Offline changes held for a locality manager (models/offline_held.py)."""

    WAITING = "waiting"
    APPLIED = "applied"
    DISCARDED = "discarded"


class Rag(enum.StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class DocumentType(enum.StrEnum):
    TAF_PLAN = "taf_plan"
    MINUTES_FULL = "minutes_full"
    MINUTES_CIRCULATION = "minutes_circulation"
    LETTER_ALLOCATION = "letter_allocation"
    LETTER_REFERRER = "letter_referrer"
    LETTER_FAMILY = "letter_family"
    LETTER_STEP_UP = "letter_step_up"
    LETTER_STEP_DOWN = "letter_step_down"
    LETTER_IAG = "letter_iag"
    LETTER_REVIEW_INVITATION = "letter_review_invitation"
    LETTER_CLOSURE_FAMILY = "letter_closure_family"
    LETTER_CLOSURE_REFERRER = "letter_closure_referrer"
    # A family's chronology: the full edition, and the edition for other agencies.
    CHRONOLOGY_FULL = "chronology_full"
    CHRONOLOGY_AGENCIES = "chronology_agencies"
    # The period's key figures, charts and the manager's narrative, for boards.
    BOARD_PACK = "board_pack"


class NoteType(enum.StrEnum):
    """How a contact recorded in a case note took place."""

    HOME_VISIT = "home_visit"
    SCHOOL_VISIT = "school_visit"
    OFFICE = "office"
    PHONE = "phone"
    VIDEO = "video"
    MESSAGE = "message"
    TAF_MEETING = "taf_meeting"
    OTHER_AGENCY = "other_agency"


class DocumentFormat(enum.StrEnum):
    PDF = "pdf"
    DOCX = "docx"


class SendMethod(enum.StrEnum):
    POST = "post"
    EMAIL = "email"
    BY_HAND = "by_hand"


class Role(enum.StrEnum):
    LOCALITY_MANAGER = "locality_manager"
    LEAD_PROFESSIONAL = "lead_professional"
    BUSINESS_SUPPORT = "business_support"
    ADMIN = "admin"


class SuggestionStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class AmendmentStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class RecordSource(enum.StrEnum):
    """Where a version of a family's current record (address, phone, household) came from."""

    EARLIER = "earlier"  # the record as it stood before its first recorded change
    PROFILE = "profile"  # the family's newest 360° profile
    CORRECTION = "correction"  # corrected by hand


class ConsentPurpose(enum.StrEnum):
    """What a person consented to: sharing within the Team Around the Family,
    or with one named agency."""

    TAF = "taf"
    AGENCY = "agency"


class ConsentMethod(enum.StrEnum):
    """How consent was given, or withdrawn."""

    WRITTEN = "written"
    VERBAL = "verbal"
    ELECTRONIC = "electronic"
    OTHER = "other"


class Ethnicity(enum.StrEnum):
    """The Department for Education's ethnicity codes, as the Children in Need
    census and Ofsted's Annex A lists use them."""

    WBRI = "WBRI"
    WIRI = "WIRI"
    WIRT = "WIRT"
    WOTH = "WOTH"
    WROM = "WROM"
    MWBC = "MWBC"
    MWBA = "MWBA"
    MWAS = "MWAS"
    MOTH = "MOTH"
    AIND = "AIND"
    APKN = "APKN"
    ABAN = "ABAN"
    AOTH = "AOTH"
    BCRB = "BCRB"
    BAFR = "BAFR"
    BOTH = "BOTH"
    CHNE = "CHNE"
    OOTH = "OOTH"
    REFU = "REFU"
    NOBT = "NOBT"

    @property
    def label(self) -> str:
        return ETHNICITY_LABELS[self]


ETHNICITY_LABELS = {
    Ethnicity.WBRI: "White British",
    Ethnicity.WIRI: "White Irish",
    Ethnicity.WIRT: "Traveller of Irish heritage",
    Ethnicity.WOTH: "Any other White background",
    Ethnicity.WROM: "Gypsy / Roma",
    Ethnicity.MWBC: "White and Black Caribbean",
    Ethnicity.MWBA: "White and Black African",
    Ethnicity.MWAS: "White and Asian",
    Ethnicity.MOTH: "Any other mixed background",
    Ethnicity.AIND: "Indian",
    Ethnicity.APKN: "Pakistani",
    Ethnicity.ABAN: "Bangladeshi",
    Ethnicity.AOTH: "Any other Asian background",
    Ethnicity.BCRB: "Black Caribbean",
    Ethnicity.BAFR: "Black African",
    Ethnicity.BOTH: "Any other Black background",
    Ethnicity.CHNE: "Chinese",
    Ethnicity.OOTH: "Any other ethnic group",
    Ethnicity.REFU: "Refused",
    Ethnicity.NOBT: "Information not yet obtained",
}

# Gender as the DfE's returns code it: Annex A's letter and the Children in
# Need census's number (1 male, 2 female, 0 not known, 9 neither/indeterminate).
DFE_GENDER = {
    Gender.MALE: ("M", "1"),
    Gender.FEMALE: ("F", "2"),
    Gender.NOT_KNOWN: ("U", "0"),
    Gender.OTHER: ("I", "9"),
}
