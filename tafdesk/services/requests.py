"""Requests to the Case Management Group between its meetings.

A lead professional (or a manager of the locality) raises a blockage, a
step-up request or a step-down request on an open case, with a reason. When
the agenda of the locality's next meeting is built it becomes an agenda item
of its own (kind 'request'), and the chair records the group's decision:
approve, decline or defer (to a later meeting's date), always with a
rationale. The decision is audited, goes into the minutes and the chronology,
and can be undone while the meeting is open, as the group's other decisions.

An approved step-up is a referral to children's social care made on the
meeting's day; its outcome (accepted, no further action, returned to early
help...) is recorded when known by the lead or a locality manager.

`approved(session, case_id, kind)` is the rule that closing a plan (or a
case) as stepped up or down asks: has the group approved that request?
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.clock import LOCAL_TIME, meeting_day
from tafdesk.models import (
    AgendaItem,
    AgendaKind,
    AgendaStatus,
    Attendance,
    Case,
    Family,
    GroupRequest,
    Meeting,
    MeetingStatus,
    ReferralOutcome,
    RequestKind,
    RequestState,
    Role,
    Verdict,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.decisions import check_decision_day
from tafdesk.services.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from tafdesk.services.locks import lock_row
from tafdesk.services.lookup import existing
from tafdesk.services.open_loads import OPEN_STATUSES

REASON_MIN = 10
TEXT_MAX = 4000
KIND_WORDS = {
    RequestKind.BLOCKAGE: "Blockage",
    RequestKind.STEP_UP: "Step-up request",
    RequestKind.STEP_DOWN: "Step-down request",
}
STATE_WORDS = {
    RequestState.PENDING: "Waiting for the group",
    RequestState.APPROVED: "Approved",
    RequestState.DECLINED: "Declined",
    RequestState.DEFERRED: "Deferred",
}
VERDICT_STATE = {
    Verdict.APPROVE: RequestState.APPROVED,
    Verdict.DECLINE: RequestState.DECLINED,
    Verdict.DEFER: RequestState.DEFERRED,
}
REFERRAL_WORDS = {
    ReferralOutcome.ACCEPTED: "Accepted by children's social care",
    ReferralOutcome.NO_FURTHER_ACTION: "No further action",
    ReferralOutcome.RETURNED_TO_EARLY_HELP: "Returned to early help",
    ReferralOutcome.OTHER: "Other",
}
VERDICT_WORDS = {
    RequestState.APPROVED: "approved",
    RequestState.DECLINED: "declined",
    RequestState.DEFERRED: "deferred",
    RequestState.PENDING: "not yet decided",
}
WAITING = (RequestState.PENDING, RequestState.DEFERRED)


@dataclass(frozen=True)
class RequestRow:
    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    case_reference: str
    family_name: str
    kind: RequestKind
    reason: str
    raised_on: dt.date
    raised_by: str
    state: RequestState
    deferred_until: dt.date | None
    rationale: str | None
    decided_on: dt.date | None
    decided_by: str | None
    referred_on: dt.date | None
    referral_outcome: ReferralOutcome | None
    referral_outcome_on: dt.date | None
    referral_note: str | None

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def state_words(self) -> str:
        if self.state is RequestState.DEFERRED and self.deferred_until:
            return f"Deferred to {self.deferred_until.day} {self.deferred_until:%b %Y}"
        return STATE_WORDS[self.state]

    @property
    def referral_words(self) -> str:
        if self.referred_on is None:
            return ""
        made = f"Referred to children's social care on {self.referred_on.day} {self.referred_on:%b %Y}"
        if self.referral_outcome is None:
            return made + "; outcome not yet known"
        return f"{made}; {REFERRAL_WORDS[self.referral_outcome].lower()}"


def approved(session: Session, case_id: uuid.UUID, kind: RequestKind) -> bool:
    """Whether the group has approved a request of this kind on this case
    (the rule for closing it as stepped up or down)."""
    return (
        session.scalar(
            select(GroupRequest.id)
            .where(
                GroupRequest.case_id == case_id,
                GroupRequest.kind == kind,
                GroupRequest.state == RequestState.APPROVED,
            )
            .limit(1)
        )
        is not None
    )


def requests_due(s: Session, locality_id: uuid.UUID, day: dt.date) -> list[GroupRequest]:
    """The locality's requests waiting for the group and not on an agenda
    still to be decided: new ones, and deferred ones whose date has come."""
    on_agenda = select(AgendaItem.request_id).where(
        AgendaItem.request_id.is_not(None), AgendaItem.status == AgendaStatus.PENDING
    )
    return list(
        s.scalars(
            select(GroupRequest)
            .join(Case, Case.id == GroupRequest.case_id)
            .where(
                GroupRequest.locality_id == locality_id,
                Case.locality_id == locality_id,
                GroupRequest.id.not_in(on_agenda),
                (GroupRequest.state == RequestState.PENDING)
                | ((GroupRequest.state == RequestState.DEFERRED) & (GroupRequest.deferred_until <= day)),
            )
            .order_by(GroupRequest.raised_on, GroupRequest.created_at)
        )
    )


def agenda_reason(request: GroupRequest) -> str:
    return f"{KIND_WORDS[request.kind]}: {request.reason}"


class RequestService(ClockedService):
    # -- reading -----------------------------------------------------------------

    def requests(self, case_id: uuid.UUID) -> list[RequestRow]:
        """The case's requests, newest first."""
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the requests")
            return _rows(s, GroupRequest.case_id == case_id)

    def request(self, request_id: uuid.UUID) -> RequestRow:
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            request = existing(s, GroupRequest, request_id, "request")
            scope.case(s, self._actor, request.case_id, "see the requests")
            return _rows(s, GroupRequest.id == request_id)[0]

    def for_item(self, item_id: uuid.UUID) -> RequestRow | None:
        """The request an agenda item puts to the group (None: not a request item)."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.reader() as s:
            item = s.get(AgendaItem, item_id)
            if item is None:
                raise NotFound("That agenda item is no longer in the meeting.")
            scope.meeting(s, self._actor, item.meeting_id, "see a meeting")
            if item.request_id is None:
                return None
            return _rows(s, GroupRequest.id == item.request_id)[0]

    # -- raising -----------------------------------------------------------------

    def raise_request(self, case_id: uuid.UUID, kind: RequestKind, reason: str) -> uuid.UUID:
        """A blockage, step-up or step-down request on an open case, by its
        lead professional or a locality manager of its locality."""
        self._actor.require(Permission.EDIT_PLANS)
        reason = (reason or "").strip()
        errors = {}
        if not isinstance(kind, RequestKind):
            errors["kind"] = "Choose what to ask the group for: a blockage, a step up or a step down."
        if len(reason) < REASON_MIN:
            errors["reason"] = "Say why the group should look at this case (at least a sentence)."
        elif len(reason) > TEXT_MAX:
            errors["reason"] = f"Keep the reason to {TEXT_MAX} characters."
        if errors:
            raise ValidationError(errors)
        with self._db.session() as s:
            lock_row(s, Case, case_id)  # two requests raised at once: the second sees the first
            case = scope.case(s, self._actor, case_id, "raise a request")
            self._require_lead_or_manager(s, case, "raise a request to the group")
            if case.status not in OPEN_STATUSES:
                raise ConflictError(f"{case.reference} is not open: requests are raised on open cases.")
            waiting = s.scalar(
                select(GroupRequest.id).where(
                    GroupRequest.case_id == case_id, GroupRequest.kind == kind, GroupRequest.state.in_(WAITING)
                )
            )
            if waiting is not None:
                raise ConflictError(
                    f"A {KIND_WORDS[kind].lower()} on {case.reference} is already waiting for the group."
                )
            request = GroupRequest(
                case_id=case.id,
                locality_id=case.locality_id,
                kind=kind,
                reason=reason,
                raised_on=self.today(),
                raised_by=self._actor.name,
                raised_by_id=self._actor.user_id,
                state=RequestState.PENDING,
            )
            s.add(request)
            s.flush()
            audit.record(
                s,
                self._actor,
                "request.raised",
                "group_request",
                request.id,
                {"kind": [None, kind], "reason": [None, reason], "case": [None, case.reference]},
                locality_id=case.locality_id,
                case_id=case.id,
            )
            return request.id

    # -- the group's decision ------------------------------------------------------

    def decide(
        self, item_id: uuid.UUID, verdict: Verdict, rationale: str, deferred_until: dt.date | None = None
    ) -> None:
        """The group's decision on a request item, recorded at the meeting."""
        self._actor.require(Permission.CHAIR_MEETING)
        rationale = (rationale or "").strip()
        with self._db.session() as s:
            item, meeting, request = _request_item(s, self._actor, item_id)
            if item.status is AgendaStatus.DECIDED:
                raise ConflictError("The group has already decided this request; undo that decision first.")
            day = meeting_day(meeting.starts_at)
            taken = s.scalar(select(Attendance.id).where(Attendance.meeting_id == meeting.id).limit(1)) is not None
            check_decision_day(self.today(), day, attendance_taken=taken)
            errors = {}
            if not isinstance(verdict, Verdict):
                errors["verdict"] = "Choose approve, decline or defer."
            if not rationale:
                errors["rationale"] = "Record why the group decided this."
            elif len(rationale) > TEXT_MAX:
                errors["rationale"] = f"Keep the rationale to {TEXT_MAX} characters."
            if verdict is Verdict.DEFER and (deferred_until is None or deferred_until <= day):
                errors["deferred_until"] = "Choose the date of a later meeting to come back to it."
            if errors:
                raise ValidationError(errors)
            before = request.state
            request.state = VERDICT_STATE[verdict]
            request.rationale = rationale
            request.deferred_until = deferred_until if verdict is Verdict.DEFER else None
            request.decided_at, request.decided_by, request.decided_by_id = (
                self.now(),
                self._actor.name,
                self._actor.user_id,
            )
            request.meeting_id = meeting.id
            if verdict is Verdict.APPROVE and request.kind is RequestKind.STEP_UP:
                request.referred_on = day  # the referral to children's social care, made on the day
            item.status = AgendaStatus.DECIDED
            if meeting.status is MeetingStatus.PLANNED:
                meeting.status = MeetingStatus.IN_PROGRESS
            audit.record(
                s,
                self._actor,
                "request.decided",
                "group_request",
                request.id,
                {
                    "state": [before, request.state],
                    "rationale": [None, rationale],
                    **({"deferred_until": [None, deferred_until]} if request.deferred_until else {}),
                    **({"referred_on": [None, request.referred_on]} if request.referred_on else {}),
                },
                locality_id=meeting.locality_id,
                meeting_id=meeting.id,
                case_id=request.case_id,
            )

    def withdraw_decision(self, item_id: uuid.UUID) -> None:
        """Undo the group's decision on a request while the meeting is open."""
        self._actor.require(Permission.CHAIR_MEETING)
        with self._db.session() as s:
            item, meeting, request = _request_item(s, self._actor, item_id)
            if item.status is not AgendaStatus.DECIDED or request.meeting_id != meeting.id:
                raise ConflictError("This request has no decision of this meeting to undo.")
            if request.referral_outcome is not None:
                raise ConflictError(
                    "Children's social care's answer to this referral is recorded: the approval stands."
                )
            before = request.state
            request.state, request.rationale, request.deferred_until = RequestState.PENDING, None, None
            request.decided_at = request.decided_by = request.decided_by_id = request.meeting_id = None
            request.referred_on = None
            item.status = AgendaStatus.PENDING
            audit.record(
                s,
                self._actor,
                "request.decision_withdrawn",
                "group_request",
                request.id,
                {"state": [before, RequestState.PENDING]},
                locality_id=meeting.locality_id,
                meeting_id=meeting.id,
                case_id=request.case_id,
            )

    # -- the step-up referral ---------------------------------------------------------

    def record_referral_outcome(
        self,
        request_id: uuid.UUID,
        expected_version: int,
        outcome: ReferralOutcome,
        on: dt.date,
        note: str | None = None,
    ) -> None:
        """What children's social care did with the referral, by the lead or a locality manager."""
        self._actor.require(Permission.EDIT_PLANS)
        note = (note or "").strip() or None
        with self._db.session() as s:
            request = s.get(GroupRequest, request_id, with_for_update=True, populate_existing=True)
            if request is None:
                raise NotFound("That request is no longer recorded.")
            case = scope.case(s, self._actor, request.case_id, "record a referral's outcome")
            self._require_lead_or_manager(s, case, "record a referral's outcome")
            if request.version != expected_version:
                raise ConflictError("This referral was changed elsewhere since you opened it. It has been reloaded.")
            if request.referred_on is None:
                raise ConflictError("Only an approved step-up is a referral to children's social care.")
            errors = {}
            if not isinstance(outcome, ReferralOutcome):
                errors["outcome"] = "Choose what children's social care decided."
            if on is None or on < request.referred_on:
                errors["on"] = f"The outcome comes on or after the referral ({request.referred_on:%d/%m/%Y})."
            elif on > self.today():
                errors["on"] = "The outcome's date cannot be in the future."
            if outcome is ReferralOutcome.OTHER and not note:
                errors["note"] = "Say what the outcome was."
            if note and len(note) > TEXT_MAX:
                errors["note"] = f"Keep the note to {TEXT_MAX} characters."
            if errors:
                raise ValidationError(errors)
            before = request.referral_outcome
            request.referral_outcome, request.referral_outcome_on = outcome, on
            request.referral_note, request.referral_recorded_by = note, self._actor.name
            audit.record(
                s,
                self._actor,
                "request.referral_outcome",
                "group_request",
                request.id,
                {"referral_outcome": [before, outcome], "on": [None, on], "note": [None, note]},
                locality_id=case.locality_id,
                case_id=case.id,
            )

    def _require_lead_or_manager(self, s: Session, case: Case, what: str) -> None:
        if self._actor.is_system or self._actor.role is Role.LOCALITY_MANAGER:
            return  # scope.case has checked the locality
        if self._actor.role is Role.LEAD_PROFESSIONAL and case.lead_professional_id == self._actor.professional_id:
            return
        raise PermissionDenied(f"{self._actor.who} may not {what}: only the family's lead professional or a manager.")


def _request_item(s: Session, actor, item_id: uuid.UUID) -> tuple[AgendaItem, Meeting, GroupRequest]:
    item = s.get(AgendaItem, item_id, with_for_update=True, populate_existing=True)
    if item is None:
        raise NotFound("That agenda item is no longer in the meeting.")
    meeting = existing(s, Meeting, item.meeting_id, "meeting")
    scope.require_meeting(s, actor, meeting, "record decisions")
    if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED):
        raise ConflictError(
            f"The meeting is {meeting.status.value}: reopen it (with a reason) to change its decisions."
        )
    if item.kind is not AgendaKind.REQUEST or item.request_id is None:
        raise ConflictError("This agenda item is not a request to the group.")
    request = s.get(GroupRequest, item.request_id, with_for_update=True, populate_existing=True)
    if request is None:
        raise NotFound("That request is no longer recorded.")
    return item, meeting, request


def _rows(s: Session, condition) -> list[RequestRow]:
    rows = s.execute(
        select(GroupRequest, Case.reference, Family.family_name)
        .join(Case, Case.id == GroupRequest.case_id)
        .join(Family, Family.id == Case.family_id)
        .where(condition)
        .order_by(GroupRequest.raised_on.desc(), GroupRequest.created_at.desc())
    ).all()
    return [
        RequestRow(
            r.id,
            r.version,
            r.case_id,
            ref,
            name,
            r.kind,
            r.reason,
            r.raised_on,
            r.raised_by,
            r.state,
            r.deferred_until,
            r.rationale,
            r.decided_at.astimezone(LOCAL_TIME).date() if r.decided_at else None,
            r.decided_by,
            r.referred_on,
            r.referral_outcome,
            r.referral_outcome_on,
            r.referral_note,
        )
        for r, ref, name in rows
    ]
