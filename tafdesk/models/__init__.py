"""The domain model (SQLAlchemy 2 typed ORM). Import models from here.

The enumerations are plain Python and load at once. The mapped classes load
together on first use (PEP 562 module __getattr__): mapping them all costs a
good part of a second on a slow machine, which start-up need not spend before
the window is up.

The model modules do not use `from __future__ import annotations`: SQLAlchemy
would compile and evaluate every `Mapped[...]` annotation from its string at
each start (a fifth of the mapping's cost). A class named before it is
defined is quoted instead: `Mapped[list["Need"]]`.
"""

from typing import TYPE_CHECKING

from tafdesk.models.enums import *

if TYPE_CHECKING:  # type checkers see the mapped classes; at run time they load on first use
    from tafdesk.models._all import (
        ActionFollowUp as ActionFollowUp,
    )
    from tafdesk.models._all import (
        Agency as Agency,
    )
    from tafdesk.models._all import (
        AgendaItem as AgendaItem,
    )
    from tafdesk.models._all import (
        AppSetting as AppSetting,
    )
    from tafdesk.models._all import (
        AssessmentChild as AssessmentChild,
    )
    from tafdesk.models._all import (
        AssessmentNeed as AssessmentNeed,
    )
    from tafdesk.models._all import (
        Attendance as Attendance,
    )
    from tafdesk.models._all import (
        AuditEvent as AuditEvent,
    )
    from tafdesk.models._all import (
        AuditLink as AuditLink,
    )
    from tafdesk.models._all import (
        AuditLogIsAppendOnly as AuditLogIsAppendOnly,
    )
    from tafdesk.models._all import (
        AuditValue as AuditValue,
    )
    from tafdesk.models._all import (
        BankHoliday as BankHoliday,
    )
    from tafdesk.models._all import (
        Base as Base,
    )
    from tafdesk.models._all import (
        CandidateWidening as CandidateWidening,
    )
    from tafdesk.models._all import (
        Case as Case,
    )
    from tafdesk.models._all import (
        CaseClosure as CaseClosure,
    )
    from tafdesk.models._all import (
        CaseClosureNeed as CaseClosureNeed,
    )
    from tafdesk.models._all import (
        CaseNote as CaseNote,
    )
    from tafdesk.models._all import (
        CaseNoteChild as CaseNoteChild,
    )
    from tafdesk.models._all import (
        CaseSupporter as CaseSupporter,
    )
    from tafdesk.models._all import (
        Consent as Consent,
    )
    from tafdesk.models._all import (
        Decision as Decision,
    )
    from tafdesk.models._all import (
        DecisionAction as DecisionAction,
    )
    from tafdesk.models._all import (
        DecisionSupporter as DecisionSupporter,
    )
    from tafdesk.models._all import (
        EarlyHelpAssessment as EarlyHelpAssessment,
    )
    from tafdesk.models._all import (
        Entity as Entity,
    )
    from tafdesk.models._all import (
        Family as Family,
    )
    from tafdesk.models._all import (
        FamilyRecordVersion as FamilyRecordVersion,
    )
    from tafdesk.models._all import (
        GeneratedDocument as GeneratedDocument,
    )
    from tafdesk.models._all import (
        GroupRequest as GroupRequest,
    )
    from tafdesk.models._all import (
        LeadChange as LeadChange,
    )
    from tafdesk.models._all import (
        LeavePeriod as LeavePeriod,
    )
    from tafdesk.models._all import (
        LetterTemplate as LetterTemplate,
    )
    from tafdesk.models._all import (
        Locality as Locality,
    )
    from tafdesk.models._all import (
        MatchSuggestion as MatchSuggestion,
    )
    from tafdesk.models._all import (
        Meeting as Meeting,
    )
    from tafdesk.models._all import (
        OfflineHeld as OfflineHeld,
    )
    from tafdesk.models._all import (
        OutcomeEvidence as OutcomeEvidence,
    )
    from tafdesk.models._all import (
        Person as Person,
    )
    from tafdesk.models._all import (
        Professional as Professional,
    )
    from tafdesk.models._all import (
        Profile360 as Profile360,
    )
    from tafdesk.models._all import (
        ProfileAmendment as ProfileAmendment,
    )
    from tafdesk.models._all import (
        ProfileInvolvement as ProfileInvolvement,
    )
    from tafdesk.models._all import (
        ProfileInvolvementMember as ProfileInvolvementMember,
    )
    from tafdesk.models._all import (
        ProfileMember as ProfileMember,
    )
    from tafdesk.models._all import (
        ProfileNeed as ProfileNeed,
    )
    from tafdesk.models._all import (
        ProfileNeedMember as ProfileNeedMember,
    )
    from tafdesk.models._all import (
        ProfileRisk as ProfileRisk,
    )
    from tafdesk.models._all import (
        ProfileRiskMember as ProfileRiskMember,
    )
    from tafdesk.models._all import (
        ProfileStrength as ProfileStrength,
    )
    from tafdesk.models._all import (
        ReferenceCounter as ReferenceCounter,
    )
    from tafdesk.models._all import (
        Referral as Referral,
    )
    from tafdesk.models._all import (
        RestrictedShare as RestrictedShare,
    )
    from tafdesk.models._all import (
        RestrictedWording as RestrictedWording,
    )
    from tafdesk.models._all import (
        Specialism as Specialism,
    )
    from tafdesk.models._all import (
        TafAction as TafAction,
    )
    from tafdesk.models._all import (
        TafOutcome as TafOutcome,
    )
    from tafdesk.models._all import (
        TafPlan as TafPlan,
    )
    from tafdesk.models._all import (
        TafReview as TafReview,
    )
    from tafdesk.models._all import (
        TafReviewProgress as TafReviewProgress,
    )
    from tafdesk.models._all import (
        TafReviewScore as TafReviewScore,
    )
    from tafdesk.models._all import (
        TransitionPlan as TransitionPlan,
    )
    from tafdesk.models._all import (
        User as User,
    )
    from tafdesk.models._all import (
        UserLocality as UserLocality,
    )
    from tafdesk.models._all import (
        WorkingDay as WorkingDay,
    )
    from tafdesk.models._all import (
        utcnow as utcnow,
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
