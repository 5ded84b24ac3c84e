"""Front-door decisions on a new profile, and confirming family matches.

Each decision moves the case on, is recorded in the audit trail with who and
when, and is refused when the case is no longer waiting for one. Consent
refused or withdrawn blocks allocation (sending the family to a meeting) until
a locality manager records why it may go ahead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk.clock import LOCAL_TIME
from tafdesk.models import (
    AgendaItem,
    AgendaKind,
    AgendaStatus,
    Case,
    CaseStatus,
    ClosureReason,
    ConsentStatus,
    Locality,
    MatchSuggestion,
    Meeting,
    MeetingStatus,
    Profile360,
    Referral,
    SuggestionStatus,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import ConflictError, NotFound, ServiceError, ValidationError
from tafdesk.services.family_links import join_known_family
from tafdesk.services.locks import lock_row
from tafdesk.services.lookup import existing

BLOCKING_CONSENT = (ConsentStatus.REFUSED, ConsentStatus.WITHDRAWN)


class ConsentBlocked(ServiceError):
    pass


@dataclass(frozen=True)
class MeetingSlot:
    meeting_id: uuid.UUID
    starts_at: dt.datetime
    created: bool
    item_id: uuid.UUID | None = None  # the family's place on its agenda (to take it off again)


class FrontDoorService(ClockedService):
    # -- decisions ----------------------------------------------------------

    def send_to_meeting(self, case_id: uuid.UUID) -> MeetingSlot:
        """Put the family on the agenda of its locality's next weekly meeting."""
        self._actor.require(Permission.SEND_TO_MEETING)
        with self._db.session() as s:
            case = self._waiting_case(s, case_id, "make front-door decisions on the case")
            consent = _consent(s, case)
            if consent in BLOCKING_CONSENT and not case.consent_override_reason:
                raise ConsentBlocked(
                    f"Consent was {consent.value} for {case.reference}, so it cannot go to a meeting for allocation. "
                    "A locality manager must first record why it may go ahead."
                )
            slot = _next_meeting(s, existing(s, Locality, case.locality_id, "locality"), self.now())
            position = s.execute(
                select(func.coalesce(func.max(AgendaItem.position), -1)).where(AgendaItem.meeting_id == slot.meeting_id)
            ).scalar_one()
            item = AgendaItem(
                meeting_id=slot.meeting_id,
                case_id=case.id,
                position=position + 1,
                kind=AgendaKind.NEW_PROFILE,
                status=AgendaStatus.PENDING,
            )
            s.add(item)
            s.flush()
            self._move(
                s,
                case,
                CaseStatus.AWAITING_MEETING,
                "case.sent_to_meeting",
                {"meeting": [None, slot.starts_at.astimezone(LOCAL_TIME).strftime("%a %d %b %Y %H:%M")]},
                meeting_id=slot.meeting_id,
            )
            return dataclasses.replace(slot, item_id=item.id)

    def give_advice(self, case_id: uuid.UUID, note: str) -> None:
        """Information, advice and guidance to the referrer; the case closes."""
        self._close(case_id, note, CaseStatus.CLOSED, ClosureReason.INFORMATION_ADVICE_GUIDANCE, "case.advice_given")

    def step_up(self, case_id: uuid.UUID, note: str) -> None:
        """Escalate to statutory social care."""
        self._close(case_id, note, CaseStatus.STEPPED_UP, ClosureReason.STEPPED_UP, "case.stepped_up")

    def step_down(self, case_id: uuid.UUID, note: str) -> None:
        """Signpost to universal services."""
        self._close(case_id, note, CaseStatus.STEPPED_DOWN, ClosureReason.STEPPED_DOWN, "case.stepped_down")

    def override_consent(self, case_id: uuid.UUID, reason: str) -> None:
        self._actor.require(Permission.OVERRIDE_CONSENT)
        reason = (reason or "").strip()
        if len(reason) < 10:
            raise ValidationError({"reason": "Say why the family may go ahead without consent (at least a sentence)."})
        with self._db.session() as s:
            case = self._waiting_case(s, case_id, "override consent for the case")
            before = case.consent_override_reason
            case.consent_override_reason = reason
            audit.record(
                s,
                self._actor,
                "case.consent_overridden",
                "case",
                case.id,
                {"consent_override_reason": [before, reason], "consent": [None, _consent(s, case)]},
            )

    def _close(self, case_id: uuid.UUID, note: str, status: CaseStatus, reason: ClosureReason, action: str) -> None:
        self._actor.require(Permission.DECIDE_FRONT_DOOR)
        note = (note or "").strip()
        if not note:
            raise ValidationError({"note": "Record what was decided and why."})
        with self._db.session() as s:
            case = self._waiting_case(s, case_id, "make front-door decisions on the case")
            case.front_door_note = note
            case.closure_reason = reason
            case.closed_on = max(self.now().astimezone(LOCAL_TIME).date(), case.opened_on)
            self._move(s, case, status, action, {"note": [None, note]})

    def _waiting_case(self, s: Session, case_id: uuid.UUID, what: str) -> Case:
        case = scope.case(s, self._actor, case_id, what)
        if case.status is not CaseStatus.AWAITING_TRIAGE:
            raise ConflictError(f"{case.reference} has already been decided ({case.status.value.replace('_', ' ')}).")
        return case

    def _move(
        self, s: Session, case: Case, status: CaseStatus, action: str, extra: dict, meeting_id: uuid.UUID | None = None
    ) -> None:
        before = case.status
        case.status = status
        audit.record(
            s,
            self._actor,
            action,
            "case",
            case.id,
            {"status": [before, status], **extra},
            locality_id=case.locality_id,
            meeting_id=meeting_id,
        )

    # -- family matches -----------------------------------------------------

    def confirm_match(self, suggestion_id: uuid.UUID) -> None:
        """The profile's family is the known one: move the referral and case to
        it, link the members, add anyone new (a baby since, say), and take
        the profile's address and household if it is the family's newest."""
        self._actor.require(Permission.CONFIRM_MATCHES)
        with self._db.session() as s:
            suggestion, profile, referral = self._pending(s, suggestion_id)
            provisional_id, known_id = referral.family_id, suggestion.family_id
            join_known_family(s, self._actor, profile, known_id, dict(json.loads(suggestion.pairs)))
            suggestion = existing(s, MatchSuggestion, suggestion_id, "suggested match")
            suggestion.status = SuggestionStatus.CONFIRMED
            self._decided(suggestion)
            audit.record(
                s,
                self._actor,
                "match.confirmed",
                "profile360",
                profile.id,
                {"family": [str(provisional_id), str(known_id)], "score": [None, suggestion.score]},
            )

    def reject_match(self, suggestion_id: uuid.UUID) -> None:
        self._actor.require(Permission.CONFIRM_MATCHES)
        with self._db.session() as s:
            suggestion, profile, _ = self._pending(s, suggestion_id)
            suggestion.status = SuggestionStatus.REJECTED
            self._decided(suggestion)
            audit.record(
                s,
                self._actor,
                "match.rejected",
                "profile360",
                profile.id,
                {"family": [None, str(suggestion.family_id)], "score": [None, suggestion.score]},
            )

    def _pending(self, s: Session, suggestion_id: uuid.UUID):
        suggestion = s.get(MatchSuggestion, suggestion_id)
        if suggestion is None:
            raise NotFound("That suggested match is no longer in the database.")
        profile = existing(s, Profile360, suggestion.profile_id, "profile")
        referral = existing(s, Referral, profile.referral_id, "referral")
        scope.require_locality(s, self._actor, referral.locality_id, "confirm or reject a family match")
        if suggestion.status is not SuggestionStatus.PENDING:
            raise ConflictError(f"That match has already been {suggestion.status.value}.")
        return suggestion, profile, referral

    def _decided(self, suggestion: MatchSuggestion) -> None:
        suggestion.decided_by_id = self._actor.user_id
        suggestion.decided_at = self.now()


def _consent(s: Session, case: Case) -> ConsentStatus | None:
    return s.scalar(
        select(Referral.consent_status)
        .where(Referral.case_id == case.id)
        .order_by(Referral.received_on.desc())
        .limit(1)
    )


def _next_meeting(s: Session, locality: Locality, now: dt.datetime) -> MeetingSlot:
    """The locality's earliest planned meeting still to come, or a new one at
    its next weekly slot."""
    lock_row(s, Locality, locality.id)  # two families sent at once share one new meeting
    upcoming = s.scalar(
        select(Meeting)
        .where(Meeting.locality_id == locality.id, Meeting.status == MeetingStatus.PLANNED, Meeting.starts_at > now)
        .order_by(Meeting.starts_at)
        .limit(1)
    )
    if upcoming is not None:
        return MeetingSlot(upcoming.id, upcoming.starts_at, created=False)
    local_now = now.astimezone(LOCAL_TIME)
    days_ahead = (locality.meeting_weekday - local_now.weekday()) % 7
    starts = dt.datetime.combine(local_now.date() + dt.timedelta(days=days_ahead), locality.meeting_time, LOCAL_TIME)
    if starts <= local_now:
        starts += dt.timedelta(days=7)
    taken = set(s.scalars(select(Meeting.starts_at).where(Meeting.locality_id == locality.id, Meeting.starts_at > now)))
    while starts.astimezone(dt.UTC) in taken:  # that week's meeting was held already (closed early) or cancelled
        starts = dt.datetime.combine(starts.date() + dt.timedelta(days=7), locality.meeting_time, LOCAL_TIME)
    meeting = Meeting(
        locality_id=locality.id,
        starts_at=starts.astimezone(dt.UTC),
        venue=locality.default_venue,
        status=MeetingStatus.PLANNED,
    )
    s.add(meeting)
    s.flush()
    return MeetingSlot(meeting.id, meeting.starts_at, created=True)
