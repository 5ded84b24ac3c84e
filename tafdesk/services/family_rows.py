"""Every row that belongs to some families, table by table: their people and
earlier records, referrals, 360° profiles and their parts, cases, meetings'
agenda items and decisions about them, TAF plans and their parts, the
documents made for their cases, and what was recorded on the cases between
the meetings (notes, follow-ups, requests, changes of lead, transition
plans, closures, outcomes evidenced, consent, Early Help Assessments).
Retention anonymises and deletes through these, and finds the audit events
about them by their ids; a subject access request finds the audit events
the same way."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Select, select

from tafdesk import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CHUNK = 500  # ids in one IN (...): well under SQLite's limit on parameters


def chunks(ids: Sequence[uuid.UUID], size: int = CHUNK) -> Iterator[list[uuid.UUID]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def selects(family_ids: Iterable[uuid.UUID]) -> dict[type, Select]:
    """model -> the ids of its rows that belong to these families (a few hundred at a time)."""
    families = list(family_ids)
    cases = select(m.Case.id).where(m.Case.family_id.in_(families))
    referrals = select(m.Referral.id).where(m.Referral.family_id.in_(families))
    profiles = select(m.Profile360.id).where(m.Profile360.referral_id.in_(referrals))
    decisions = select(m.Decision.id).where(m.Decision.case_id.in_(cases))
    plans = select(m.TafPlan.id).where(m.TafPlan.case_id.in_(cases))
    reviews = select(m.TafReview.id).where(m.TafReview.plan_id.in_(plans))
    involvements = select(m.ProfileInvolvement.id).where(m.ProfileInvolvement.profile_id.in_(profiles))
    notes = select(m.CaseNote.id).where(m.CaseNote.case_id.in_(cases))
    closures = select(m.CaseClosure.id).where(m.CaseClosure.case_id.in_(cases))
    assessments = select(m.EarlyHelpAssessment.id).where(m.EarlyHelpAssessment.case_id.in_(cases))
    return {
        m.Family: select(m.Family.id).where(m.Family.id.in_(families)),
        **{
            model: select(model.id).where(model.family_id.in_(families))
            for model in (m.Person, m.FamilyRecordVersion, m.RestrictedWording)
        },
        m.Referral: referrals,
        m.Profile360: profiles,
        **{
            model: select(model.id).where(model.profile_id.in_(profiles))
            for model in (m.ProfileMember, m.ProfileNeed, m.ProfileRisk, m.ProfileStrength, m.ProfileAmendment)
        },
        m.ProfileInvolvement: involvements,
        m.ProfileNeedMember: select(m.ProfileNeedMember.id).where(
            m.ProfileNeedMember.need_id.in_(select(m.ProfileNeed.id).where(m.ProfileNeed.profile_id.in_(profiles)))
        ),
        m.ProfileRiskMember: select(m.ProfileRiskMember.id).where(
            m.ProfileRiskMember.risk_id.in_(select(m.ProfileRisk.id).where(m.ProfileRisk.profile_id.in_(profiles)))
        ),
        m.ProfileInvolvementMember: select(m.ProfileInvolvementMember.id).where(
            m.ProfileInvolvementMember.involvement_id.in_(involvements)
        ),
        m.RestrictedShare: select(m.RestrictedShare.id).where(m.RestrictedShare.involvement_id.in_(involvements)),
        m.MatchSuggestion: select(m.MatchSuggestion.id).where(
            m.MatchSuggestion.family_id.in_(families) | m.MatchSuggestion.profile_id.in_(profiles)
        ),
        m.Case: cases,
        m.CaseSupporter: select(m.CaseSupporter.id).where(m.CaseSupporter.case_id.in_(cases)),
        m.AgendaItem: select(m.AgendaItem.id).where(m.AgendaItem.case_id.in_(cases)),
        m.Decision: decisions,
        **{
            model: select(model.id).where(model.decision_id.in_(decisions))
            for model in (m.DecisionAction, m.DecisionSupporter)
        },
        m.TafPlan: plans,
        **{
            model: select(model.id).where(model.plan_id.in_(plans))
            for model in (m.TafOutcome, m.TafAction, m.TafReview)
        },
        **{
            model: select(model.id).where(model.review_id.in_(reviews))
            for model in (m.TafReviewScore, m.TafReviewProgress)
        },
        m.GeneratedDocument: select(m.GeneratedDocument.id).where(m.GeneratedDocument.case_id.in_(cases)),
        # Between the meetings: what the team, the group and the managers recorded on each case.
        **{
            model: select(model.id).where(model.case_id.in_(cases))
            for model in (
                m.ActionFollowUp,
                m.CaseNote,
                m.GroupRequest,
                m.TransitionPlan,
                m.LeadChange,
                m.CaseClosure,
                m.OutcomeEvidence,
                m.Consent,
                m.EarlyHelpAssessment,
                m.OfflineHeld,
            )
        },
        m.CaseNoteChild: select(m.CaseNoteChild.id).where(m.CaseNoteChild.note_id.in_(notes)),
        m.CaseClosureNeed: select(m.CaseClosureNeed.id).where(m.CaseClosureNeed.closure_id.in_(closures)),
        **{
            model: select(model.id).where(model.assessment_id.in_(assessments))
            for model in (m.AssessmentChild, m.AssessmentNeed)
        },
    }


def row_ids(s: Session, family_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """The ids of every row of these families, in every table above."""
    found: list[uuid.UUID] = []
    for part in chunks(family_ids):
        for query in selects(part).values():
            found.extend(s.scalars(query))
    return found


def audit_event_ids(s: Session, record_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """The audit events about any of these records."""
    found: list[uuid.UUID] = []
    for part in chunks(record_ids):
        found.extend(s.scalars(select(m.AuditEvent.id).where(m.AuditEvent.entity_id.in_(part))))
    return found
