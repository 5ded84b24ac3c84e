"""Anonymising families, and deleting drafts and minutes, for the retention
schedule: set-based statements, a few hundred families at a time, inside the
caller's transaction.

A family anonymised keeps what the council counts (its references, the
locality, dates, statuses, levels of need, need areas, decisions' outcomes,
who led, plans' versions, scores and red/amber/green progress) and loses
everything that says who its people are or what was written about them:
its people themselves (and every earlier version of its record), names,
address, phone, language, every free text (what was written between the
meetings too: notes, follow-ups, requests, closures, outcomes evidenced,
consent, assessments, transition plans), the 360° profile's members,
risks, strengths and agencies' involvement, the documents as received,
match suggestions, amendments, wording marked restricted, and the register
entries of the documents made for its cases (their files go after the
commit, services/retention_files.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, delete, update

from tafdesk import models as m
from tafdesk.models.utc import utcnow
from tafdesk.services.family_rows import selects

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ANONYMISED = "[anonymised]"  # where a name must stay non-empty: "the [anonymised] family"

# Columns kept as they are, whatever the table: keys, references, dates,
# statuses, levels, areas, outcomes, scores, who did what in the directory.
BLANKED: dict[type[m.Entity], dict[str, Any]] = {
    m.Family: dict(
        family_name=ANONYMISED,
        address_line1="",
        address_line2=None,
        town=None,
        postcode="",
        postcode_key="",
        phone=None,
        language=None,
        interpreter_needed=False,
    ),
    m.Referral: dict(
        reason="",
        referrer_name="",
        referrer_role=None,
        referrer_agency=None,
        referrer_email=None,
        referrer_phone=None,
        referrer_address_line1=None,
        referrer_address_line2=None,
        referrer_town=None,
        referrer_postcode=None,
        consent_given_by=None,
        consent_notes=None,
        self_referral_person_id=None,
    ),
    m.Profile360: dict(
        compiled_by_name=None,
        compiled_by_role=None,
        compiled_by_agency=None,
        compiled_by_email=None,
        compiled_by_phone=None,
        compiled_by_address_line1=None,
        compiled_by_address_line2=None,
        compiled_by_town=None,
        compiled_by_postcode=None,
        family_name=ANONYMISED,
        address_line1="",
        address_line2=None,
        town=None,
        postcode="",
        family_phone=None,
        language=None,
        family_views=None,
        rationale="",
        original_document="",
        original_sha256="",
        source_name=None,
    ),
    m.ProfileNeed: dict(summary=""),
    m.Case: dict(consent_override_reason=None, front_door_note=None, review_note=None),
    m.AgendaItem: dict(reason=None, minute_text=None),
    m.Decision: dict(
        rationale=None, capacity_override_reason=None, deferral_reason=None, widening_note=None, case_before=None
    ),
    m.DecisionAction: dict(description="", owner_name=None),
    m.TafPlan: dict(voice_of_child=None, voice_of_parents=None, strengths=None, agreed_by=None),
    m.TafOutcome: dict(need="", outcome_wanted=""),
    # A dropped action must keep a reason (a CHECK rule): an empty one.
    m.TafAction: dict(
        description="",
        measure=None,
        owner_person_id=None,
        dropped_reason=case((m.TafAction.dropped_reason.is_(None), None), else_=""),
    ),
    m.TafReview: dict(attendees=None, notes=None),
    m.TafReviewProgress: dict(comment=None),
    m.ActionFollowUp: dict(note=""),
    # Between the meetings. A correction, a returned closure and a reopening
    # keep a reason, an empty one: the closures' CHECK rules ask for theirs.
    m.CaseNote: dict(
        who_seen=None,
        summary="",
        follow_ups=None,
        correction_reason=case((m.CaseNote.correction_reason.is_(None), None), else_=""),
    ),
    m.GroupRequest: dict(reason="", rationale=None, referral_note=None),
    m.TransitionPlan: dict(social_worker_name="", social_worker_contact=""),
    m.LeadChange: dict(reason="", answer_note=None),
    m.CaseClosure: dict(
        summary="",
        family_view="",
        returned_why=case((m.CaseClosure.returned_why.is_(None), None), else_=""),
        reopen_reason=case((m.CaseClosure.reopen_reason.is_(None), None), else_=""),
    ),
    m.CaseClosureNeed: dict(need=""),
    m.OutcomeEvidence: dict(evidence=""),
    m.Consent: dict(withdrawal_note=None),
    m.AssessmentNeed: dict(description=""),
}

# Deleted, in this order (each before what it refers to); the rows that hang
# on them go by ON DELETE CASCADE (shares, the members' links to needs and risks).
DELETED = (
    m.OfflineHeld,  # an offline copy's rows, held for a manager: the family's words, nothing to keep
    m.GeneratedDocument,
    m.MatchSuggestion,
    m.ProfileAmendment,
    m.ProfileInvolvement,
    m.ProfileRisk,
    m.ProfileStrength,
    m.ProfileMember,
    m.FamilyRecordVersion,
    m.RestrictedWording,
    m.Person,
)


def anonymise_families(s: Session, family_ids: list[uuid.UUID], today: dt.date) -> None:
    """Anonymise these families (a few hundred at most: see family_rows.CHUNK)."""
    rows = selects(family_ids)
    now = utcnow()
    for model, values in BLANKED.items():
        extra = {"anonymised_on": today} if model is m.Family else {}
        _update(s, model, model.id.in_(rows[model]), {**values, **extra}, now)
    for model in DELETED:
        s.execute(delete(model).where(model.id.in_(rows[model])), execution_options={"synchronize_session": False})


def delete_drafts(s: Session, plan_ids: list[uuid.UUID]) -> None:
    """Their outcomes, actions and reviews go with them (ON DELETE CASCADE)."""
    s.execute(delete(m.TafPlan).where(m.TafPlan.id.in_(plan_ids)), execution_options={"synchronize_session": False})


def clear_minutes(s: Session, meeting_ids: list[uuid.UUID], document_ids: list[uuid.UUID]) -> None:
    """The minutes' register entries, and the meeting's own notes and declarations."""
    s.execute(
        delete(m.GeneratedDocument).where(m.GeneratedDocument.id.in_(document_ids)),
        execution_options={"synchronize_session": False},
    )
    _update(s, m.Meeting, m.Meeting.id.in_(meeting_ids), {"minutes_notes": None, "declarations": None}, utcnow())


def _update(s: Session, model: type[m.Entity], where: Any, values: dict[str, Any], now: dt.datetime) -> None:
    """One statement; the version moves on, so that a screen still showing a row is told it changed."""
    s.execute(
        update(model).where(where).values(**values, version=model.version + 1, updated_at=now),
        execution_options={"synchronize_session": False},
    )
