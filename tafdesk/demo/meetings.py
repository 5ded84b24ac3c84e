"""Locality Case Management Group meetings: the last eight weeks' closed
meetings with attendance, agenda and decisions, and next week's planned
meetings with the profiles waiting for them.

Each locality's latest meeting is written in progress, its profiles decided:
what happened at it besides (requests decided, matters arising reviewed, the
meeting closed by its chair) is done through the services (between.py)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field

from tafdesk.db.rowset import RowSet
from tafdesk.demo.cases import OPEN, CaseRec, meeting_day
from tafdesk.demo.clock import uk_time
from tafdesk.demo.directory import Directory, Loc, next_monday
from tafdesk.models import (
    AgendaItem,
    AgendaKind,
    AgendaStatus,
    Attendance,
    AttendanceStatus,
    CaseStatus,
    Decision,
    DecisionAction,
    DecisionOutcome,
    DecisionSupporter,
    Meeting,
    MeetingStatus,
)

PAST_WEEKS = 8
DEFERRAL_REASON = "More information needed from school and health before the group can decide."


def past_meeting_dates(loc: Loc, today: dt.date) -> list[dt.date]:
    first = meeting_day(loc, today - dt.timedelta(weeks=PAST_WEEKS))
    return [d for d in (first + dt.timedelta(weeks=k) for k in range(PAST_WEEKS + 1)) if d < today]


def next_meeting_date(loc: Loc, today: dt.date) -> dt.date:
    return next_monday(today) + dt.timedelta(days=loc.spec.meeting_weekday)


def last_meeting_date(loc: Loc, today: dt.date) -> dt.date:
    return past_meeting_dates(loc, today)[-1]


@dataclass(frozen=True)
class Held:
    """A meeting written: its id, and the agenda position the next item takes."""

    id: uuid.UUID
    next_position: int


@dataclass
class Meetings:
    past: dict[tuple[uuid.UUID, dt.date], Held] = field(default_factory=dict)  # (locality id, day)
    next: dict[uuid.UUID, tuple[uuid.UUID, dt.date]] = field(default_factory=dict)  # locality id -> (id, day)
    on_next_agendas: set[uuid.UUID] = field(default_factory=set)  # their cases


def build_meetings(
    rng: random.Random,
    rows: RowSet,
    directory: Directory,
    cases: list[CaseRec],
    today: dt.date,
    followed_up: Collection[uuid.UUID] = (),
) -> Meetings:
    """`followed_up`: cases whose decisions' actions are marked done (or
    not) through the services, so written not done here."""
    wanted = {(loc.id, day) for loc in directory.localities for day in past_meeting_dates(loc, today)}
    by_meeting: dict[tuple[uuid.UUID, dt.date], list[CaseRec]] = {key: [] for key in wanted}
    for case in cases:
        if (key := (case.family.loc.id, case.decided)) in by_meeting:  # only the demo's meetings' cases
            by_meeting[key].append(case)
    written = Meetings()
    for loc in directory.localities:
        chair = directory.managers.get(loc.id)
        days = past_meeting_dates(loc, today)
        for day in days:
            items = sorted(by_meeting.get((loc.id, day), []), key=lambda c: (c.opened, c.reference))
            held = _past_meeting(rng, rows, directory, loc, day, chair, items, today, followed_up, day == days[-1])
            written.past[(loc.id, day)] = held
        day = next_meeting_date(loc, today)
        meeting_id, agenda = _next_meeting(rng, rows, directory, loc, day, chair, cases, today)
        written.next[loc.id] = (meeting_id, day)
        written.on_next_agendas.update(agenda)
    return written


def _sent_by_front_door(case: CaseRec, starts: dt.datetime, position: int) -> dt.datetime:
    """When the front door put the family on the agenda (the reports time its
    decision by it): a day or three after the referral, before the meeting."""
    day = min(case.opened + dt.timedelta(days=1 + position % 3), starts.date() - dt.timedelta(days=1))
    return uk_time(max(day, case.opened), 11, 0)


def _starts(loc: Loc, day: dt.date) -> dt.datetime:
    hour, minute = loc.spec.meeting_time
    return uk_time(day, hour, minute)


def _past_meeting(
    rng: random.Random,
    rows: RowSet,
    directory: Directory,
    loc: Loc,
    day: dt.date,
    chair: uuid.UUID | None,
    items: list[CaseRec],
    today: dt.date,
    followed_up: Collection[uuid.UUID],
    latest: bool,
) -> Held:
    starts = _starts(loc, day)
    deferred = sum(1 for c in items if c.outcome is DecisionOutcome.DEFER)
    notes = f"{len(items)} profile(s) considered; {deferred} deferred. Open cases reviewed."
    closed_at = starts + dt.timedelta(minutes=100 + rng.randint(0, 50))
    meeting_id = rows.add(
        Meeting,
        locality_id=loc.id,
        starts_at=starts,
        venue=loc.spec.venue,
        chair_id=chair,
        status=MeetingStatus.IN_PROGRESS if latest else MeetingStatus.CLOSED,  # its chair closes it (between.py)
        closed_at=None if latest else closed_at,
        minutes_notes=notes,
    )
    _attendance(rng, rows, directory, loc, meeting_id, day)
    for position, case in enumerate(items):
        item_id = rows.add(
            AgendaItem,
            meeting_id=meeting_id,
            case_id=case.id,
            position=position,
            kind=AgendaKind.NEW_PROFILE,
            status=AgendaStatus.DECIDED,
            created_at=_sent_by_front_door(case, starts, position),
        )
        decided_at = starts + dt.timedelta(minutes=10 * (position + 1))
        _decision(rng, rows, case, item_id, chair, decided_at, day, today, case.id in followed_up)
    return Held(meeting_id, len(items))


def _attendance(
    rng: random.Random, rows: RowSet, directory: Directory, loc: Loc, meeting_id: uuid.UUID, day: dt.date
) -> None:
    for agency in directory.agencies:
        staff = [p for p in directory.in_locality(loc) if p.agency is agency] or [
            p for p in directory.professionals if p.agency is agency and p.active
        ]
        seniors = [p for p in staff if p.title == agency.spec.senior_title] or staff
        rep = rng.choice(seniors) if seniors else None
        odds = (88, 8, 4) if agency.core else (50, 35, 15)
        status = rng.choices(
            (AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.DEPUTY), weights=odds
        )[0]
        if rep is not None and rep.on_leave(day):
            status = AttendanceStatus.DEPUTY if len(staff) > 1 else AttendanceStatus.APOLOGIES
        deputy = None
        if status is AttendanceStatus.DEPUTY:
            others = [p for p in staff if p is not rep]
            deputy = rng.choice(others).name if others else "Duty manager"
        rows.add(
            Attendance,
            meeting_id=meeting_id,
            agency_id=agency.id,
            professional_id=rep.id if rep else None,
            attendee_name=rep.name if rep else None,
            status=status,
            deputy_name=deputy,
        )


def _decision(
    rng: random.Random,
    rows: RowSet,
    case: CaseRec,
    item_id: uuid.UUID,
    chair: uuid.UUID | None,
    decided_at: dt.datetime,
    day: dt.date,
    today: dt.date,
    followed_up: bool,
) -> None:
    outcome = case.outcome or DecisionOutcome.ALLOCATE_LEAD
    lead = case.lead
    label = case.primary.label.lower()
    rationale = {
        DecisionOutcome.ALLOCATE_LEAD: f"{lead.agency.name if lead else 'The agency'} best placed to lead: right skills for "
        f"the main need ({label}) and capacity in the locality.",
        DecisionOutcome.MULTI_AGENCY_PLAN: "Agencies already involved continue under one multi-agency plan.",
        DecisionOutcome.WORKING_TOGETHER_MEETING: "Complex needs that need the wider network: "
        "refer to a Working Together Meeting.",
        DecisionOutcome.INFORMATION_ADVICE_GUIDANCE: "Needs can be met by universal services: "
        "information and advice to the referrer and family.",
        DecisionOutcome.STEP_UP: "Concerns meet the threshold for statutory social care: stepped up the same day.",
        DecisionOutcome.STEP_DOWN: "A single agency is meeting the need: stepped down with advice.",
        DecisionOutcome.DEFER: "Deferred for more information.",
    }[outcome]
    next_week = next_meeting_date(case.family.loc, today)  # where deferred cases are on the agenda
    decision_id = rows.add(
        Decision,
        agenda_item_id=item_id,
        case_id=case.id,
        outcome=outcome,
        lead_professional_id=lead.id if lead else None,
        lead_agency_id=lead.agency.id if lead else None,
        rationale=rationale,
        capacity_override_reason="Only practitioner who already knows the family; manager agreed to exceed capacity for now."
        if lead and rng.random() < 0.04
        else None,
        deferred_until=next_week if outcome is DecisionOutcome.DEFER else None,
        deferral_reason=DEFERRAL_REASON if outcome is DecisionOutcome.DEFER else None,
        decided_at=decided_at,
        decided_by_id=chair,
    )
    for p, _ in case.supporters:
        rows.add(DecisionSupporter, decision_id=decision_id, agency_id=p.agency.id, professional_id=p.id)
    if lead is None:
        return
    for position, (text, days) in enumerate(
        (
            ("Contact the family and the referrer within five working days.", 7),
            ("Convene the first Team Around the Family meeting.", 28),
        )
    ):
        due = day + dt.timedelta(days=days)
        rows.add(
            DecisionAction,
            decision_id=decision_id,
            case_id=case.id,
            agreed_on=day,
            position=position,
            description=text,
            owner_professional_id=lead.id,
            owner_name=lead.name,
            due_on=due,
            done=due < today and not followed_up,
        )


def _next_meeting(
    rng: random.Random,
    rows: RowSet,
    directory: Directory,
    loc: Loc,
    day: dt.date,
    chair: uuid.UUID | None,
    cases: list[CaseRec],
    today: dt.date,
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    meeting_id = rows.add(
        Meeting,
        locality_id=loc.id,
        starts_at=_starts(loc, day),
        venue=loc.spec.venue,
        chair_id=chair,
        status=MeetingStatus.PLANNED,
    )
    here = [c for c in cases if c.family.loc is loc]
    waiting = sorted(
        (c for c in here if c.status in (CaseStatus.DEFERRED, CaseStatus.AWAITING_MEETING)),
        key=lambda c: (c.status is not CaseStatus.DEFERRED, c.opened, c.reference),
    )
    position = 0
    for case in waiting:
        kind = AgendaKind.DEFERRED if case.status is CaseStatus.DEFERRED else AgendaKind.NEW_PROFILE
        rows.add(
            AgendaItem,
            meeting_id=meeting_id,
            case_id=case.id,
            position=position,
            kind=kind,
            status=AgendaStatus.PENDING,
            reason=DEFERRAL_REASON if kind is AgendaKind.DEFERRED else None,
            **(
                {"created_at": _sent_by_front_door(case, _starts(loc, day), position)}
                if kind is AgendaKind.NEW_PROFILE
                else {}
            ),
        )
        position += 1
    week = [day - dt.timedelta(days=loc.spec.meeting_weekday) + dt.timedelta(days=d) for d in range(5)]
    open_here = [c for c in here if c.status in OPEN and c.lead is not None]
    away = [c for c in open_here if c.lead and any(c.lead.on_leave(d) for d in week)][:2]
    stuck = [c for c in rng.sample(open_here, k=min(len(open_here), 2)) if c not in away]
    for case in away + stuck:
        assert case.lead is not None  # one of open_here
        reason = (
            f"Lead professional {case.lead.name} is on leave next week: agree cover."
            if case in away
            else "Lead professional asks for help: no progress since the last review."
        )
        rows.add(
            AgendaItem,
            meeting_id=meeting_id,
            case_id=case.id,
            position=position,
            kind=AgendaKind.REVIEW,
            status=AgendaStatus.PENDING,
            reason=reason,
        )
        position += 1
    return meeting_id, [c.id for c in waiting + away + stuck]
