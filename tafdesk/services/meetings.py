"""The weekly meetings: schedule, agenda, attendance, and opening and closing.

Each locality meets weekly at its own day and time (Locality.meeting_weekday,
meeting_time, in London time). The agenda gathers the families sent from
intake, deferred items now due, and open cases flagged for review or whose
TAF review is overdue.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk.clock import LOCAL_TIME, meeting_day
from tafdesk.db.changes import announce
from tafdesk.models import (
    Agency,
    AgendaItem,
    AgendaKind,
    AgendaStatus,
    Attendance,
    AttendanceStatus,
    CandidateWidening,
    Case,
    CaseStatus,
    Decision,
    DecisionOutcome,
    Family,
    Locality,
    Meeting,
    MeetingStatus,
    Membership,
    PlanStatus,
    ReviewFlag,
    TafPlan,
    at_table,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.consent import pending_withdrawals
from tafdesk.services.errors import ConflictError, NotFound, ValidationError
from tafdesk.services.locks import lock_row
from tafdesk.services.lookup import existing
from tafdesk.services.open_loads import OPEN_STATUSES
from tafdesk.services.shared_settings import SharedSettings


@dataclass(frozen=True)
class MeetingSummary:
    id: uuid.UUID
    locality: str
    starts_at: dt.datetime
    venue: str | None
    status: MeetingStatus
    items: int
    decided: int


@dataclass(frozen=True)
class AgendaRow:
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    family_name: str
    kind: AgendaKind
    reason: str | None
    status: AgendaStatus
    outcome: DecisionOutcome | None
    decision_id: uuid.UUID | None


@dataclass(frozen=True)
class AttendanceRow:
    agency_id: uuid.UUID
    agency: str
    core: bool
    status: AttendanceStatus | None  # None: not recorded yet
    attendee_name: str | None  # who came, or who sent apologies
    deputy_name: str | None
    arrived_at: dt.time | None = None  # a late arrival's local time


@dataclass(frozen=True)
class MeetingView:
    summary: MeetingSummary
    agenda: tuple[AgendaRow, ...]
    attendance: tuple[AttendanceRow, ...]
    quorum_warnings: tuple[str, ...]
    version: int


class MeetingService(ClockedService):
    # -- reading ------------------------------------------------------------

    def meetings(self, *, weeks_back: int = 8) -> list[MeetingSummary]:
        self._actor.require(Permission.MANAGE_MEETINGS)
        since = self.now() - dt.timedelta(weeks=weeks_back)
        with self._db.reader() as s:
            counts = {
                mid: (n, d)
                for mid, n, d in s.execute(
                    select(
                        AgendaItem.meeting_id,
                        func.count(),
                        func.sum(sql_case((AgendaItem.status == AgendaStatus.DECIDED, 1), else_=0)),
                    ).group_by(AgendaItem.meeting_id)
                )
            }
            rows = s.execute(
                select(Meeting, Locality.name)
                .join(Locality, Locality.id == Meeting.locality_id)
                .where(Meeting.starts_at >= since, scope.in_localities(self._actor, Meeting.locality_id))
                .order_by(Meeting.starts_at, Locality.name)
            ).all()
            return [_summary(m, name, counts.get(m.id, (0, 0))) for m, name in rows]

    def meeting(self, meeting_id: uuid.UUID) -> MeetingView:
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.reader() as s:
            meeting = scope.meeting(s, self._actor, meeting_id, "see a meeting")
            locality = existing(s, Locality, meeting.locality_id, "locality")
            agenda = s.execute(
                select(AgendaItem, Case.reference, Family.family_name, Decision.outcome, Decision.id)
                .join(Case, Case.id == AgendaItem.case_id)
                .join(Family, Family.id == Case.family_id)
                .outerjoin(Decision, Decision.agenda_item_id == AgendaItem.id)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(AgendaItem.position)
            ).all()
            rows = tuple(
                AgendaRow(i.id, i.case_id, ref, name, i.kind, i.reason, i.status, outcome, did)
                for i, ref, name, outcome, did in agenda
            )
            attendance = _attendance(s, meeting)
            decided = sum(r.status is AgendaStatus.DECIDED for r in rows)
            return MeetingView(
                _summary(meeting, locality.name, (len(rows), decided)),
                rows,
                attendance,
                _quorum_warnings(attendance, SharedSettings(self._db, self._actor).quorum()),
                meeting.version,
            )

    # -- schedule and agenda --------------------------------------------------

    def schedule(self, weeks: int = 4) -> int:
        """Make sure each of the actor's localities has its weekly meeting planned for the coming weeks."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        created = 0
        with self._db.session() as s:
            for locality in s.scalars(select(Locality).where(scope.in_localities(self._actor, Locality.id))):
                lock_row(s, Locality, locality.id)  # a second planner waits, then sees these meetings
                existing = {
                    meeting_day(m)
                    for m in s.scalars(
                        select(Meeting.starts_at).where(
                            Meeting.locality_id == locality.id, Meeting.starts_at >= self.now()
                        )
                    )
                }
                for starts in _weekly_slots(locality, self.now(), weeks):
                    if starts.date() not in existing:
                        s.add(
                            Meeting(
                                locality_id=locality.id,
                                starts_at=starts.astimezone(dt.UTC),
                                venue=locality.default_venue,
                                status=MeetingStatus.PLANNED,
                            )
                        )
                        created += 1
                        announce(s, "meeting", action="meeting.scheduled", locality_id=locality.id)  # not audited
        return created

    def build_agenda(self, meeting_id: uuid.UUID) -> int:
        """Add what is due: families sent to the group and not yet on an agenda,
        deferred items whose date has come, and open cases needing review."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.session() as s:
            meeting = _editable(s, meeting_id, self._actor, "build a meeting's agenda")
            day = meeting_day(meeting.starts_at)
            on_open_agendas = set(
                s.scalars(
                    select(AgendaItem.case_id)
                    .join(Meeting, Meeting.id == AgendaItem.meeting_id)
                    .where(Meeting.status.in_((MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS)))
                )
            )
            position = (
                s.execute(
                    select(func.coalesce(func.max(AgendaItem.position), -1)).where(AgendaItem.meeting_id == meeting_id)
                ).scalar_one()
                + 1
            )
            added = 0
            for case, kind, reason in _due(s, meeting.locality_id, day):
                if case.id in on_open_agendas:
                    continue
                s.add(
                    AgendaItem(
                        meeting_id=meeting_id,
                        case_id=case.id,
                        position=position,
                        kind=kind,
                        status=AgendaStatus.PENDING,
                        reason=reason,
                    )
                )
                on_open_agendas.add(case.id)
                position += 1
                added += 1
            added += _add_requests(s, meeting, day, position)
            if added:
                audit.record(
                    s, self._actor, "meeting.agenda_built", "meeting", meeting_id, {"items_added": [None, added]}
                )
            return added

    def add_requests(self, meeting_id: uuid.UUID) -> int:
        """Add only the lead professionals' requests waiting for the group
        (each an item of its own), not the rest of what building the agenda
        adds: for an agenda already built, as the demo's clerk does."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.session() as s:
            meeting = _editable(s, meeting_id, self._actor, "build a meeting's agenda")
            position = (
                s.execute(
                    select(func.coalesce(func.max(AgendaItem.position), -1)).where(AgendaItem.meeting_id == meeting_id)
                ).scalar_one()
                + 1
            )
            added = _add_requests(s, meeting, meeting_day(meeting.starts_at), position)
            if added:
                audit.record(
                    s, self._actor, "meeting.agenda_built", "meeting", meeting_id, {"items_added": [None, added]}
                )
            return added

    def take_off_agenda(self, item_id: uuid.UUID) -> None:
        """A family put on the agenda by mistake comes off it; a new profile
        goes back to the front door's queue, as it was before it was sent."""
        self._actor.require(Permission.SEND_TO_MEETING)
        with self._db.session() as s:
            item = s.get(AgendaItem, item_id, with_for_update=True)
            if item is None:
                raise NotFound("That family is no longer on the agenda.")
            _editable(s, item.meeting_id, self._actor, "change a meeting's agenda")
            if item.status is not AgendaStatus.PENDING:
                raise ConflictError("The group has decided on this family: undo the decision first.")
            case = existing(s, Case, item.case_id, "case")
            audit.record(
                s, self._actor, "meeting.item_removed", "meeting", item.meeting_id, {"case": [case.reference, None]}
            )
            if item.kind is AgendaKind.NEW_PROFILE and case.status is CaseStatus.AWAITING_MEETING:
                case.status = CaseStatus.AWAITING_TRIAGE
                audit.record(
                    s,
                    self._actor,
                    "case.taken_off_agenda",
                    "case",
                    case.id,
                    {"status": [CaseStatus.AWAITING_MEETING, CaseStatus.AWAITING_TRIAGE]},
                    locality_id=case.locality_id,
                    meeting_id=item.meeting_id,
                )
            s.delete(item)

    def reorder(self, meeting_id: uuid.UUID, item_ids: list[uuid.UUID]) -> None:
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.session() as s:
            _editable(s, meeting_id, self._actor, "change a meeting's agenda")
            items = {i.id: i for i in s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))}
            if set(item_ids) != set(items):
                raise ConflictError("The agenda has changed since it was shown; it has been refreshed.")
            for position, item_id in enumerate(item_ids):
                items[item_id].position = position
            audit.record(s, self._actor, "meeting.agenda_reordered", "meeting", meeting_id)

    # -- attendance -------------------------------------------------------------

    def record_attendance(
        self,
        meeting_id: uuid.UUID,
        agency_id: uuid.UUID,
        status: AttendanceStatus,
        attendee_name: str | None = None,
        deputy_name: str | None = None,
        arrived_at: dt.time | None = None,
    ) -> None:
        """Present (with who came, and when if late), apologies (from whom) or a deputy (named)."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        if status is AttendanceStatus.DEPUTY and not (deputy_name or "").strip():
            raise ValidationError({"deputy_name": "Give the name of the deputy attending."})
        with self._db.session() as s:
            _editable(s, meeting_id, self._actor, "record a meeting's attendance")
            row = _attendance_row(s, meeting_id, agency_id)
            before = row.status if row else None
            if row is None:
                row = Attendance(meeting_id=meeting_id, agency_id=agency_id)
                s.add(row)
            row.status, row.attendee_name = status, (attendee_name or "").strip() or None
            row.deputy_name = (deputy_name or "").strip() or None if status is AttendanceStatus.DEPUTY else None
            row.arrived_at = arrived_at if status is not AttendanceStatus.APOLOGIES else None
            s.flush()
            audit.record(
                s,
                self._actor,
                "meeting.attendance",
                "meeting",
                meeting_id,
                {"agency_id": [None, agency_id], "status": [before, status]},
            )

    def clear_attendance(self, meeting_id: uuid.UUID, agency_id: uuid.UUID) -> None:
        """Back to "not recorded" (a mistake taken back)."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.session() as s:
            _editable(s, meeting_id, self._actor, "record a meeting's attendance")
            row = _attendance_row(s, meeting_id, agency_id)
            if row is not None:
                audit.record(
                    s,
                    self._actor,
                    "meeting.attendance",
                    "meeting",
                    meeting_id,
                    {"agency_id": [agency_id, None], "status": [row.status, None]},
                )
                s.delete(row)

    # -- who may be allocated ------------------------------------------------------

    def widen_candidates(self, meeting_id: uuid.UUID, agency_id: uuid.UUID, reason: str) -> None:
        """Consider an agency not at the table (it sent a written update): its
        professionals join the candidates, and decisions that use them say why."""
        self._actor.require(Permission.CHAIR_MEETING)
        if len((reason or "").strip()) < 5:
            raise ValidationError(
                {
                    "reason": "Say why this agency's professionals should be considered "
                    "(for example, it sent a written update)."
                }
            )
        with self._db.session() as s:
            _editable(s, meeting_id, self._actor, "choose whom a meeting considers")
            row = s.scalar(
                select(CandidateWidening).where(
                    CandidateWidening.meeting_id == meeting_id, CandidateWidening.agency_id == agency_id
                )
            )
            before = row.reason if row else None
            if row is None:
                row = CandidateWidening(meeting_id=meeting_id, agency_id=agency_id, reason=reason.strip())
                s.add(row)
            row.reason = reason.strip()
            s.flush()
            audit.record(
                s,
                self._actor,
                "meeting.candidates_widened",
                "meeting",
                meeting_id,
                {"agency_id": [None, agency_id], "reason": [before, row.reason]},
            )

    def narrow_candidates(self, meeting_id: uuid.UUID, agency_id: uuid.UUID) -> None:
        """Take back a widening (decisions already made keep their note)."""
        self._actor.require(Permission.CHAIR_MEETING)
        with self._db.session() as s:
            _editable(s, meeting_id, self._actor, "choose whom a meeting considers")
            row = s.scalar(
                select(CandidateWidening).where(
                    CandidateWidening.meeting_id == meeting_id, CandidateWidening.agency_id == agency_id
                )
            )
            if row is not None:
                audit.record(
                    s,
                    self._actor,
                    "meeting.candidates_narrowed",
                    "meeting",
                    meeting_id,
                    {"agency_id": [agency_id, None], "reason": [row.reason, None]},
                )
                s.delete(row)

    # -- lifecycle ----------------------------------------------------------------

    def undecided(self, meeting_id: uuid.UUID) -> list[tuple[uuid.UUID, str, str]]:
        """The agenda items still waiting: (item id, case reference, family name), in agenda order."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.reader() as s:
            scope.meeting(s, self._actor, meeting_id, "see a meeting")
            return list(
                s.execute(
                    select(AgendaItem.id, Case.reference, Family.family_name)
                    .join(Case, Case.id == AgendaItem.case_id)
                    .join(Family, Family.id == Case.family_id)
                    .where(AgendaItem.meeting_id == meeting_id, AgendaItem.status == AgendaStatus.PENDING)
                    .order_by(AgendaItem.position)
                ).all()
            )

    def next_meeting_day(self, meeting_id: uuid.UUID) -> dt.date:
        """The locality's next weekly meeting after this one: where deferred families go."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.reader() as s:
            return following_meeting_day(s, scope.meeting(s, self._actor, meeting_id, "see a meeting"))

    def close(self, meeting_id: uuid.UUID) -> None:
        """Freeze the meeting. Every item must have a decision (defer what is left)."""
        self._actor.require(Permission.CHAIR_MEETING)
        with self._db.session() as s:
            meeting = _editable(s, meeting_id, self._actor, "close a meeting")
            pending = s.execute(
                select(Case.reference, Family.family_name)
                .join(AgendaItem, AgendaItem.case_id == Case.id)
                .join(Family, Family.id == Case.family_id)
                .where(AgendaItem.meeting_id == meeting_id, AgendaItem.status == AgendaStatus.PENDING)
                .order_by(AgendaItem.position)
            ).all()
            if pending:
                names = ", ".join(f"the {family} family ({reference})" for reference, family in pending)
                raise ConflictError(
                    f"{len(pending)} famil{'ies' if len(pending) != 1 else 'y'} still need a decision: "
                    f"{names}. Decide or defer them first."
                )
            meeting.status, meeting.closed_at = MeetingStatus.CLOSED, self.now()
            changes: dict[str, list[str | None]] = {"status": ["in_progress", "closed"]}
            if meeting.chair_id is None and self._actor.user_id is not None:  # the minutes name who chaired it
                meeting.chair_id = self._actor.user_id
                changes["chair"] = [None, self._actor.name]
            audit.record(s, self._actor, "meeting.closed", "meeting", meeting_id, changes)

    def reopen(self, meeting_id: uuid.UUID, reason: str) -> None:
        self._actor.require(Permission.CHAIR_MEETING)
        if len((reason or "").strip()) < 10:
            raise ValidationError({"reason": "Say why the closed meeting must change (at least a sentence)."})
        with self._db.session() as s:
            meeting = scope.meeting(s, self._actor, meeting_id, "reopen a meeting")
            if meeting.status is not MeetingStatus.CLOSED:
                raise ConflictError("Only a closed meeting can be reopened.")
            meeting.status, meeting.closed_at = MeetingStatus.IN_PROGRESS, None
            audit.record(
                s,
                self._actor,
                "meeting.reopened",
                "meeting",
                meeting_id,
                {"status": ["closed", "in_progress"], "reason": [None, reason.strip()]},
            )


def _editable(s: Session, meeting_id: uuid.UUID, actor: Actor, what: str) -> Meeting:
    meeting = scope.meeting(s, actor, meeting_id, what)
    if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED):
        raise ConflictError(f"The meeting is {meeting.status.value}; reopen it (with a reason) to change it.")
    return meeting


def _summary(m: Meeting, locality: str, counts: tuple[int, int]) -> MeetingSummary:
    return MeetingSummary(m.id, locality, m.starts_at, m.venue, m.status, int(counts[0] or 0), int(counts[1] or 0))


def _weekly_slots(locality: Locality, now: dt.datetime, weeks: int) -> list[dt.datetime]:
    local_now = now.astimezone(LOCAL_TIME)
    first = local_now.date() + dt.timedelta(days=(locality.meeting_weekday - local_now.weekday()) % 7)
    slots = [
        dt.datetime.combine(first + dt.timedelta(weeks=w), locality.meeting_time, LOCAL_TIME) for w in range(weeks + 1)
    ]
    return [slot for slot in slots if slot > local_now][:weeks]


def _due(s: Session, locality_id: uuid.UUID, day: dt.date) -> list[tuple[Case, AgendaKind, str | None]]:
    due: list[tuple[Case, AgendaKind, str | None]] = [
        (c, AgendaKind.NEW_PROFILE, None)
        for c in s.scalars(
            select(Case)
            .where(Case.locality_id == locality_id, Case.status == CaseStatus.AWAITING_MEETING)
            .order_by(Case.opened_on)
        )
    ]
    deferred = s.execute(
        select(Case, Decision.deferred_until, Decision.deferral_reason)
        .join(Decision, Decision.case_id == Case.id)
        .where(
            Case.locality_id == locality_id,
            Case.status == CaseStatus.DEFERRED,
            Decision.outcome == DecisionOutcome.DEFER,
            Decision.deferred_until <= day,
        )
        .order_by(Decision.deferred_until)
    ).all()
    due += [(c, AgendaKind.DEFERRED, f"Deferred until {until:%d %b}: {why}") for c, until, why in deferred]
    due += [(c, AgendaKind.CONSENT_WITHDRAWN, why) for c, why in pending_withdrawals(s, locality_id)]
    flagged = s.scalars(
        select(Case).where(
            Case.locality_id == locality_id, Case.status.in_(OPEN_STATUSES), Case.review_flag.is_not(None)
        )
    )
    due += [
        (
            c,
            AgendaKind.REVIEW,
            f"{c.review_flag.value.replace('_', ' ').capitalize()}" + (f": {c.review_note}" if c.review_note else ""),
        )
        for c in flagged
        if c.review_flag
    ]
    overdue = s.execute(
        select(Case, func.min(TafPlan.next_review_on))
        .join(TafPlan, TafPlan.case_id == Case.id)
        .where(
            Case.locality_id == locality_id,
            Case.status.in_(OPEN_STATUSES),
            Case.review_flag.is_(None),
            TafPlan.status == PlanStatus.AGREED,
            TafPlan.next_review_on < day,
        )
        .group_by(Case.id)
    ).all()
    due += [
        (
            c,
            AgendaKind.REVIEW,
            f"{ReviewFlag.OVERDUE_REVIEW.value.replace('_', ' ').capitalize()}: TAF review was due {when:%d %b}",
        )
        for c, when in overdue
    ]
    return due


def _add_requests(s: Session, meeting: Meeting, day: dt.date, position: int) -> int:
    """The lead professionals' requests to the group, each an item of its own
    (one item per family per meeting: a family already on this agenda keeps
    its request for the next meeting)."""
    from tafdesk.services.requests import agenda_reason, requests_due

    here = set(s.scalars(select(AgendaItem.case_id).where(AgendaItem.meeting_id == meeting.id)))
    added = 0
    for request in requests_due(s, meeting.locality_id, day):
        if request.case_id in here:
            continue
        s.add(
            AgendaItem(
                meeting_id=meeting.id,
                case_id=request.case_id,
                position=position + added,
                kind=AgendaKind.REQUEST,
                status=AgendaStatus.PENDING,
                reason=agenda_reason(request),
                request_id=request.id,
            )
        )
        here.add(request.case_id)
        added += 1
    return added


def _attendance_row(s: Session, meeting_id: uuid.UUID, agency_id: uuid.UUID) -> Attendance | None:
    return s.scalar(select(Attendance).where(Attendance.meeting_id == meeting_id, Attendance.agency_id == agency_id))


def _attendance(s: Session, meeting: Meeting) -> tuple[AttendanceRow, ...]:
    recorded = {a.agency_id: a for a in s.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))}
    agencies = s.scalars(select(Agency).where(Agency.active).order_by(Agency.membership, Agency.name))
    return tuple(
        AttendanceRow(
            a.id,
            a.name,
            a.membership is Membership.CORE,
            recorded[a.id].status if a.id in recorded else None,
            recorded[a.id].attendee_name if a.id in recorded else None,
            recorded[a.id].deputy_name if a.id in recorded else None,
            recorded[a.id].arrived_at if a.id in recorded else None,
        )
        for a in agencies
    )


def following_meeting_day(s: Session, meeting: Meeting) -> dt.date:
    """The day of the locality's next meeting after this one: the next one
    planned (not cancelled), or else the next weekly slot."""
    planned = s.scalar(
        select(Meeting.starts_at)
        .where(
            Meeting.locality_id == meeting.locality_id,
            Meeting.starts_at > meeting.starts_at,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.starts_at)
        .limit(1)
    )
    if planned is not None:
        return meeting_day(planned)
    return meeting_day(_weekly_slots(existing(s, Locality, meeting.locality_id, "locality"), meeting.starts_at, 1)[0])


def quorum_statement(s: Session, meeting: Meeting, quorum: int) -> str:
    """For the minutes: whether the meeting was quorate, in one sentence."""
    core = [a for a in _attendance(s, meeting) if a.core]
    here = sum(at_table(a.status) for a in core)
    verdict = "Quorate" if here >= quorum else "Not quorate"
    return f"{verdict}: {here} of the {len(core)} core agencies were represented ({quorum} needed)."


def _quorum_warnings(attendance: tuple[AttendanceRow, ...], quorum: int) -> tuple[str, ...]:
    core = [a for a in attendance if a.core]
    here = [a for a in core if at_table(a.status)]
    warnings = [
        f"{a.agency} (core) is {'absent: apologies' if a.status is AttendanceStatus.APOLOGIES else 'not recorded as present'}."
        for a in core
        if a not in here
    ]
    if len(here) < quorum:
        warnings.insert(0, f"Not quorate: {len(here)} of the {quorum} core agencies needed are here.")
    return tuple(warnings)
