"""The domain model (SQLAlchemy 2 typed ORM). Import models from here.

The enumerations are plain Python and load at once. The mapped classes load
together on first use (PEP 562 module __getattr__): mapping them all costs a
good part of a second on a slow machine, which start-up need not spend before
the window is up.
"""

from typing import TYPE_CHECKING

from tafdesk.models.enums import *  # noqa: F403

if TYPE_CHECKING:  # type checkers see the mapped classes; at run time they load on first use
    from tafdesk.models._all import (
        ProfileAmendment as ProfileAmendment,
        Base as Base,
        Entity as Entity,
        utcnow as utcnow,
        Case as Case,
        CaseSupporter as CaseSupporter,
        ReferenceCounter as ReferenceCounter,
        Agency as Agency,
        LeavePeriod as LeavePeriod,
        Locality as Locality,
        Professional as Professional,
        Specialism as Specialism,
        User as User,
        UserLocality as UserLocality,
        Family as Family,
        FamilyRecordVersion as FamilyRecordVersion,
        Person as Person,
        RestrictedWording as RestrictedWording,
        MatchSuggestion as MatchSuggestion,
        Profile360 as Profile360,
        ProfileInvolvement as ProfileInvolvement,
        ProfileInvolvementMember as ProfileInvolvementMember,
        ProfileMember as ProfileMember,
        ProfileNeed as ProfileNeed,
        ProfileNeedMember as ProfileNeedMember,
        ProfileRisk as ProfileRisk,
        ProfileRiskMember as ProfileRiskMember,
        ProfileStrength as ProfileStrength,
        Referral as Referral,
        RestrictedShare as RestrictedShare,
        AgendaItem as AgendaItem,
        Attendance as Attendance,
        CandidateWidening as CandidateWidening,
        Decision as Decision,
        DecisionAction as DecisionAction,
        DecisionSupporter as DecisionSupporter,
        Meeting as Meeting,
        AppSetting as AppSetting,
        AuditEvent as AuditEvent,
        AuditLink as AuditLink,
        AuditLogIsAppendOnly as AuditLogIsAppendOnly,
        AuditValue as AuditValue,
        GeneratedDocument as GeneratedDocument,
        LetterTemplate as LetterTemplate,
        TafAction as TafAction,
        TafOutcome as TafOutcome,
        TafPlan as TafPlan,
        TafReview as TafReview,
        TafReviewProgress as TafReviewProgress,
        TafReviewScore as TafReviewScore,
    )


def __getattr__(name: str) -> object:
    import importlib

    _all = importlib.import_module("tafdesk.models._all")
    try:
        value = getattr(_all, name)
    except AttributeError:
        raise AttributeError(f"module 'tafdesk.models' has no attribute {name!r}") from None
    globals()[name] = value
    return value
