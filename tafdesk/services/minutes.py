"""The minutes record, built from the meeting as it runs: attendance, each
item's decision with its rationale and actions, and the action log. Business
support may reword any item; the generated wording stays available."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tafdesk.allocation.wording import for_documents
from tafdesk.db import Database
from tafdesk.exports.minutes_data import MatterArising, MinuteAction, MinuteItem, Minutes
from tafdesk.models import (
    Agency,
    AgendaItem,
    AgendaKind,
    AgendaStatus,
    Attendance,
    AttendanceStatus,
    Case,
    Decision,
    DecisionOutcome,
    Family,
    GroupRequest,
    Locality,
    Meeting,
    MeetingStatus,
    Professional,
    User,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ConflictError, NotFound, ValidationError
from tafdesk.services.lookup import existing
from tafdesk.services.meetings import following_meeting_day, quorum_statement
from tafdesk.services.shared_settings import SharedSettings

MINUTE_TAKER_MAX = 200  # the column's size

OUTCOME_WORDS = {
    DecisionOutcome.ALLOCATE_LEAD: "Lead professional allocated and a Team Around the Family opened",
    DecisionOutcome.MULTI_AGENCY_PLAN: "Multi-agency plan with the agencies already involved",
    DecisionOutcome.WORKING_TOGETHER_MEETING: "Referred to a Working Together Meeting",
    DecisionOutcome.STEP_UP: "Stepped up to children's social care",
    DecisionOutcome.STEP_DOWN: "Stepped down to universal services",
    DecisionOutcome.INFORMATION_ADVICE_GUIDANCE: "Information, advice and guidance to the referrer",
    DecisionOutcome.DEFER: "Deferred",
}


class MinutesService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def minutes(self, meeting_id: uuid.UUID) -> Minutes:
        self._actor.require(Permission.MANAGE_MEETINGS)
        quorum = SharedSettings(self._db, self._actor).quorum()
        with self._db.reader() as s:
            self._meeting(s, meeting_id, "see the minutes")
            return _minutes(s, meeting_id, quorum)

    def set_record(self, meeting_id: uuid.UUID, minute_taker: str | None, declarations: str | None) -> None:
        """Who took the minutes and the declarations of interest made at the start (none if empty)."""
        self._actor.require(Permission.EDIT_MINUTES)
        taker = (minute_taker or "").strip() or None
        if taker is not None and len(taker) > MINUTE_TAKER_MAX:
            raise ValidationError({"minute_taker": f"Name the minute-taker in at most {MINUTE_TAKER_MAX} characters."})
        with self._db.session() as s:
            meeting = self._meeting(s, meeting_id, "change the minutes")
            _still_open(meeting)
            changes = {}
            for name, value in (("minute_taker", taker), ("declarations", (declarations or "").strip() or None)):
                if getattr(meeting, name) != value:
                    changes[name] = [getattr(meeting, name), value]
                    setattr(meeting, name, value)
            if changes:
                audit.record(s, self._actor, "minutes.record", "meeting", meeting.id, changes)

    def reword(self, item_id: uuid.UUID, text: str | None) -> None:
        """Replace an item's wording; empty text goes back to the generated wording."""
        self._actor.require(Permission.EDIT_MINUTES)
        with self._db.session() as s:
            item = s.get(AgendaItem, item_id)
            if item is None:
                raise NotFound("That agenda item is no longer in the meeting.")
            _still_open(self._meeting(s, item.meeting_id, "change the minutes"))
            before, item.minute_text = item.minute_text, (text or "").strip() or None
            audit.record(
                s,
                self._actor,
                "minutes.reworded",
                "agenda_item",
                item.id,
                {"minute_text": [before, item.minute_text]},
                meeting_id=item.meeting_id,
            )

    def set_notes(self, meeting_id: uuid.UUID, text: str | None) -> None:
        self._actor.require(Permission.EDIT_MINUTES)
        with self._db.session() as s:
            meeting = self._meeting(s, meeting_id, "change the minutes")
            _still_open(meeting)
            before, meeting.minutes_notes = meeting.minutes_notes, (text or "").strip() or None
            audit.record(
                s,
                self._actor,
                "minutes.notes",
                "meeting",
                meeting.id,
                {"minutes_notes": [before, meeting.minutes_notes]},
            )

    def _meeting(self, s: Session, meeting_id: uuid.UUID, what: str) -> Meeting:
        return scope.meeting(s, self._actor, meeting_id, what)


def _still_open(meeting: Meeting) -> None:
    """Closed minutes are the record of the meeting: changed only by reopening it, with a reason."""
    if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED):
        raise ConflictError(
            f"The meeting is {meeting.status.value}: its minutes are the record now. "
            "Reopen the meeting (with a reason) to change their wording."
        )


def _minutes(s: Session, meeting_id: uuid.UUID, quorum: int) -> Minutes:
    meeting = s.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting is no longer in the database.")
    agencies = dict(s.execute(select(Agency.id, Agency.name)).all())
    people = {p.id: f"{p.name} ({agencies[p.agency_id]})" for p in s.scalars(select(Professional))}
    present, apologies = [], []
    for row in s.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)):
        agency = agencies[row.agency_id]
        late = f" (arrived {row.arrived_at:%H:%M})" if row.arrived_at else ""
        if row.status is AttendanceStatus.APOLOGIES:
            apologies.append(f"{agency}: {row.attendee_name}" if row.attendee_name else agency)
        elif row.status is AttendanceStatus.DEPUTY:
            present.append(f"{agency}: {row.deputy_name} (deputy){late}")
        else:
            present.append((f"{agency}: {row.attendee_name}" if row.attendee_name else agency) + late)
    items = s.execute(
        select(AgendaItem, Case.reference, Family.family_name)
        .join(Case, Case.id == AgendaItem.case_id)
        .join(Family, Family.id == Case.family_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position)
        .options(
            selectinload(AgendaItem.decision).selectinload(Decision.supporters),
            selectinload(AgendaItem.decision).selectinload(Decision.actions),
        )
    ).all()
    requests = {
        r.id: r
        for r in s.scalars(
            select(GroupRequest).where(GroupRequest.id.in_([i.request_id for i, *_ in items if i.request_id]))
        )
    }
    chair = existing(s, User, meeting.chair_id, "user").display_name if meeting.chair_id else None
    return Minutes(
        meeting.id,
        existing(s, Locality, meeting.locality_id, "locality").name,
        meeting.starts_at,
        meeting.venue,
        chair,
        tuple(sorted(present)),
        tuple(sorted(apologies)),
        tuple(
            _request_item(i, ref, name, requests.get(i.request_id) if i.request_id else None, meeting.id)
            if i.kind is AgendaKind.REQUEST
            else _item(i, ref, name, people, agencies)
            for i, ref, name in items
        ),
        meeting.minutes_notes,
        closed=meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED),
        minute_taker=meeting.minute_taker,
        declarations=meeting.declarations,
        quorum=quorum_statement(s, meeting, quorum),
        next_meeting=following_meeting_day(s, meeting),
        matters_arising=_matters_arising(s, meeting),
    )


def _matters_arising(s: Session, meeting: Meeting) -> tuple[MatterArising, ...]:
    from tafdesk.services.follow_up import matters_arising_of

    return tuple(
        MatterArising(
            r.case_reference,
            r.family_name,
            r.description,
            r.owner,
            r.due_on,
            r.agreed_at,
            r.reviewed_here.words if r.reviewed_here else "Not reviewed",
            r.reviewed_here.note if r.reviewed_here else None,
        )
        for r in matters_arising_of(s, meeting)
    )


def _request_item(
    item: AgendaItem, reference: str, family: str, request: GroupRequest | None, meeting_id: uuid.UUID
) -> MinuteItem:
    """A lead professional's request and the group's answer to it."""
    from tafdesk.services.requests import KIND_WORDS, VERDICT_WORDS

    initials = "".join(part[0] for part in family.replace("-", " ").split() if part)
    decided = request is not None and item.status is AgendaStatus.DECIDED and request.meeting_id == meeting_id
    kind = KIND_WORDS[request.kind] if request else "Request"
    if not decided or request is None:
        generated = f"{item.reason or kind}. Not yet decided."
        return MinuteItem(
            item.id,
            reference,
            family,
            initials,
            item.kind.value,
            False,
            "Pending",
            None,
            (),
            None,
            (),
            generated,
            item.minute_text or generated,
        )
    outcome = f"{kind} {VERDICT_WORDS[request.state]}"
    sentence = f"{kind} from the lead professional: {for_documents(request.reason)} {outcome}."
    if request.deferred_until:
        sentence += f" To come back on {request.deferred_until:%d %B %Y}."
    if request.referred_on:
        sentence += f" Referred to children's social care on {request.referred_on:%d %B %Y}."
    sentence += f" Rationale: {for_documents(request.rationale or '')}"
    return MinuteItem(
        item.id,
        reference,
        family,
        initials,
        item.kind.value,
        True,
        outcome,
        None,
        (),
        for_documents(request.rationale),
        (),
        sentence,
        item.minute_text or sentence,
    )


def _item(item: AgendaItem, reference: str, family: str, people: dict, agencies: dict) -> MinuteItem:
    decision = item.decision
    initials = "".join(part[0] for part in family.replace("-", " ").split() if part)
    if decision is None:
        generated = "Not yet decided."
        return MinuteItem(
            item.id,
            reference,
            family,
            initials,
            item.kind.value,
            False,
            "Pending",
            None,
            (),
            None,
            (),
            generated,
            item.minute_text or generated,
        )
    lead = people.get(decision.lead_professional_id)
    members = tuple(
        people[sp.professional_id] if sp.professional_id else agencies[sp.agency_id] for sp in decision.supporters
    )
    actions = tuple(
        MinuteAction(
            a.description,
            people.get(a.owner_professional_id) or a.owner_name or lead or "The group",
            a.due_on,
            reference,
        )
        for a in decision.actions
    )
    generated = _wording(decision, lead, members)
    return MinuteItem(
        item.id,
        reference,
        family,
        initials,
        item.kind.value,
        True,
        OUTCOME_WORDS[decision.outcome],
        lead,
        members,
        for_documents(decision.rationale),
        actions,
        generated,
        item.minute_text or generated,
    )


def _wording(decision: Decision, lead: str | None, members: tuple[str, ...]) -> str:
    sentence = OUTCOME_WORDS[decision.outcome] + "."
    if lead:
        sentence += f" Lead professional: {lead}."
    if members:
        sentence += f" Team Around the Family: {', '.join(members)}."
    if decision.outcome is DecisionOutcome.DEFER:
        sentence = f"Deferred until {decision.deferred_until:%d %B %Y}: {decision.deferral_reason}"
    if decision.widening_note:
        sentence += f" The chair considered an agency not at the table. {decision.widening_note}"
    if decision.capacity_override_reason:
        sentence += f" The chair agreed this over the lead's capacity: {decision.capacity_override_reason}"
    if decision.rationale:
        sentence += f" Rationale: {for_documents(decision.rationale)}"
    return sentence
