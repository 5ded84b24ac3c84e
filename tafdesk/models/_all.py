"""Every mapped class, imported together so that the mapping is complete."""

from tafdesk.models.amendments import ProfileAmendment
from tafdesk.models.base import Base, Entity, utcnow
from tafdesk.models.calendar import BankHoliday, WorkingDay
from tafdesk.models.cases import Case, CaseSupporter
from tafdesk.models.closure import CaseClosure, CaseClosureNeed, OutcomeEvidence
from tafdesk.models.consent import AssessmentChild, AssessmentNeed, Consent, EarlyHelpAssessment
from tafdesk.models.counters import ReferenceCounter
from tafdesk.models.directory import Agency, LeavePeriod, Locality, Professional, Specialism, User, UserLocality
from tafdesk.models.families import Family, FamilyRecordVersion, Person, RestrictedWording
from tafdesk.models.follow_up import ActionFollowUp
from tafdesk.models.intake import (
    MatchSuggestion,
    Profile360,
    ProfileInvolvement,
    ProfileInvolvementMember,
    ProfileMember,
    ProfileNeed,
    ProfileNeedMember,
    ProfileRisk,
    ProfileRiskMember,
    ProfileStrength,
    Referral,
    RestrictedShare,
)
from tafdesk.models.meetings import (
    AgendaItem,
    Attendance,
    CandidateWidening,
    Decision,
    DecisionAction,
    DecisionSupporter,
    Meeting,
)
from tafdesk.models.notes import CaseNote, CaseNoteChild
from tafdesk.models.offline_held import OfflineHeld
from tafdesk.models.records import (
    AppSetting,
    AuditEvent,
    AuditLink,
    AuditLogIsAppendOnly,
    AuditValue,
    GeneratedDocument,
)
from tafdesk.models.requests import GroupRequest, LeadChange, TransitionPlan
from tafdesk.models.taf import TafAction, TafOutcome, TafPlan, TafReview, TafReviewProgress, TafReviewScore
from tafdesk.models.templates import LetterTemplate

__all__ = [name for name in dir() if not name.startswith("_")]
