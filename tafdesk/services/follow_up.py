"""Following actions up: every action agreed at a meeting (a decision's) or
in a plan (an agreed plan's SMART action) is marked done (with a note) or not
done (with why) by its owner, the family's lead professional or a locality
manager of the family's locality; and the next meeting of the locality opens
with the matters arising, the actions due on or before its day and not done,
which its chair or minute-taker review one by one: done, not done or carried
forward to a new date. Each marking is kept (action_follow_up) and audited.

Two people marking the same action at once: the action's row is locked and
its version checked, so the second is told it was marked elsewhere."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tafdesk.clock import meeting_day
from tafdesk.models import (
    ActionFollowUp,
    ActionStatus,
    Agency,
    AgendaItem,
    Case,
    Decision,
    DecisionAction,
    Family,
    FollowUpState,
    Meeting,
    MeetingStatus,
    Person,
    PlanStatus,
    Professional,
    Role,
    TafAction,
    TafPlan,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from tafdesk.services.lookup import existing

Kind = Literal["meeting", "plan"]
NOTE_MAX = 2000
STATE_WORDS = {
    FollowUpState.DONE: "Done",
    FollowUpState.NOT_DONE: "Not done",
    FollowUpState.CARRIED_FORWARD: "Carried forward",
}
NOTE_ASKED = {
    FollowUpState.DONE: "Say what was done.",
    FollowUpState.NOT_DONE: "Say why it was not done.",
    FollowUpState.CARRIED_FORWARD: "Say why it is carried forward.",
}


@dataclass(frozen=True)
class FollowUpView:
    state: FollowUpState
    note: str
    marked_on: dt.date
    marked_by: str
    carried_to: dt.date | None = None

    @property
    def words(self) -> str:
        if self.state is FollowUpState.CARRIED_FORWARD and self.carried_to:
            return f"Carried forward to {self.carried_to.day} {self.carried_to:%b %Y}"
        return STATE_WORDS[self.state]


@dataclass(frozen=True)
class ActionRow:
    """An action as it is followed up: on the matters arising and on My cases."""

    kind: Kind
    action_id: uuid.UUID
    version: int  # the action's row version, given back when it is marked
    case_id: uuid.UUID
    case_reference: str
    family_name: str
    description: str
    owner: str
    owner_professional_id: uuid.UUID | None
    due_on: dt.date | None
    agreed_at: str  # "Meeting of 1 Dec 2026", "Plan version 2"
    done: bool
    last: FollowUpView | None  # the newest marking, wherever it was made
    reviewed_here: FollowUpView | None = None  # the marking at the meeting asked about

    def overdue_days(self, today: dt.date) -> int:
        return max(0, (today - self.due_on).days) if self.due_on and not self.done else 0


class FollowUpService(ClockedService):
    # -- reading ---------------------------------------------------------------

    def matters_arising(self, meeting_id: uuid.UUID) -> list[ActionRow]:
        """The actions of the meeting's locality due on or before its day and
        not done (those it has reviewed stay listed, with their review),
        agreed at an earlier meeting or in an agreed plan; the most overdue first."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.reader() as s:
            meeting = scope.meeting(s, self._actor, meeting_id, "see a meeting")
            return matters_arising_of(s, meeting)

    def my_actions(self, professional_id: uuid.UUID | None = None) -> list[ActionRow]:
        """The actions a professional owns that are not done (the actor's own,
        or for a manager a professional of their localities), soonest due first."""
        self._actor.require(Permission.VIEW_PLANS)
        who = professional_id or self._actor.professional_id
        if who is None:
            return []
        with self._db.reader() as s:
            if who != self._actor.professional_id:
                if scope.by_own_cases(self._actor):
                    raise PermissionDenied(f"{self._actor.who} may not see a colleague's actions.")
                locality_id = s.scalar(select(Professional.locality_id).where(Professional.id == who))
                if locality_id is None:
                    raise NotFound("That professional is no longer in the directory.")
                scope.require_locality(s, self._actor, locality_id, "see the actions of a professional")
            rows = _decision_rows(
                s, (DecisionAction.owner_professional_id == who) & DecisionAction.done.is_(False)
            ) + _plan_rows(
                s,
                (TafAction.owner_professional_id == who)
                & (TafAction.status == ActionStatus.OPEN)
                & (TafPlan.status == PlanStatus.AGREED),
            )
        return sorted(rows, key=lambda r: (r.due_on or dt.date.max, r.case_reference))

    def case_actions(self, case_id: uuid.UUID) -> list[ActionRow]:
        """Every action of a case, done or not, agreed at a meeting or in an
        agreed plan: its case page's Actions. Not done first, soonest due first."""
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "see the actions")
            rows = _decision_rows(s, Case.id == case_id) + _plan_rows(
                s, (Case.id == case_id) & (TafPlan.status == PlanStatus.AGREED)
            )
        return sorted(rows, key=lambda r: (r.done, r.due_on or dt.date.max, r.description))

    # -- marking ---------------------------------------------------------------

    def mark(
        self,
        kind: Kind,
        action_id: uuid.UUID,
        expected_version: int,
        state: FollowUpState,
        note: str,
        *,
        meeting_id: uuid.UUID | None = None,
        carried_to: dt.date | None = None,
    ) -> int:
        """Mark the action done, not done or (at a meeting) carried forward to a
        new due date; returns the action's new row version."""
        note = (note or "").strip()
        errors = {}
        if not note:
            errors["note"] = NOTE_ASKED[state]
        elif len(note) > NOTE_MAX:
            errors["note"] = f"Keep the note to {NOTE_MAX} characters."
        if state is FollowUpState.CARRIED_FORWARD:
            if meeting_id is None:
                errors["state"] = "An action is carried forward by the meeting that reviews it."
            elif carried_to is None:
                errors["carried_to"] = "Give the new due date it is carried forward to."
        if errors:
            raise ValidationError(errors)
        today = self.today()
        with self._db.session() as s:
            action, case, due_on, owner_id = _locked_action(s, kind, action_id)
            if action.version != expected_version:
                raise ConflictError("This action was marked elsewhere since you opened it. It has been reloaded.")
            meeting = self._may_mark(s, case, owner_id, meeting_id)
            if meeting is not None:
                day = meeting_day(meeting.starts_at)
                if due_on is None or due_on > day:
                    raise ConflictError("This action is not due by the meeting's day, so it is not a matter arising.")
                if carried_to is not None and carried_to <= day:
                    raise ValidationError({"carried_to": "Carry it forward to a date after the meeting."})
            before = _state_of(action)
            _apply(s, kind, action, state, carried_to, self.now())
            s.add(
                ActionFollowUp(
                    case_id=case.id,
                    locality_id=case.locality_id,
                    decision_action_id=action.id if kind == "meeting" else None,
                    taf_action_id=action.id if kind == "plan" else None,
                    meeting_id=meeting.id if meeting else None,
                    state=state,
                    note=note,
                    due_on=due_on,
                    carried_to=carried_to if state is FollowUpState.CARRIED_FORWARD else None,
                    marked_on=today,
                    marked_by=self._actor.name,
                    marked_by_id=self._actor.user_id,
                )
            )
            changes = {"state": [before, state], "note": [None, note]}
            if state is FollowUpState.CARRIED_FORWARD:
                changes["due_on"] = [due_on, carried_to]
            audit.record(
                s,
                self._actor,
                "action.followed_up",
                "decision_action" if kind == "meeting" else "taf_action",
                action.id,
                changes,
                locality_id=case.locality_id,
                meeting_id=meeting.id if meeting else None,
                case_id=case.id,
            )
            s.flush()
            return action.version

    def may_mark(self, row: ActionRow) -> bool:
        """Whether the actor may mark this action outside a meeting."""
        with self._db.reader() as s:
            case = s.get(Case, row.case_id)
            return case is not None and self._marks_outside_meeting(case, row.owner_professional_id)

    def _may_mark(
        self, s: Session, case: Case, owner_id: uuid.UUID | None, meeting_id: uuid.UUID | None
    ) -> Meeting | None:
        if meeting_id is not None:  # the chair or the minute-taker, reviewing the matters arising
            if not (self._actor.can(Permission.CHAIR_MEETING) or self._actor.can(Permission.EDIT_MINUTES)):
                raise PermissionDenied(f"{self._actor.who} may not review the matters arising of a meeting.")
            meeting = scope.meeting(s, self._actor, meeting_id, "review the matters arising")
            if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED):
                raise ConflictError(
                    f"The meeting is {meeting.status.value}: its review of the matters arising is the record now."
                )
            if case.locality_id != meeting.locality_id:
                raise ConflictError("This action belongs to another locality's family.")
            return meeting
        if not self._marks_outside_meeting(case, owner_id):
            raise PermissionDenied(
                f"{self._actor.who} may not mark this action: its owner, the family's lead professional "
                "or a locality manager of the family's locality may."
            )
        return None

    def _marks_outside_meeting(self, case: Case, owner_id: uuid.UUID | None) -> bool:
        actor = self._actor
        if actor.is_system:
            return True
        me = actor.professional_id
        if me is not None and me in (owner_id, case.lead_professional_id):
            return True
        return actor.role is Role.LOCALITY_MANAGER and actor.works_in(case.locality_id)


# -- helpers -------------------------------------------------------------------


def _locked_action(
    s: Session, kind: Kind, action_id: uuid.UUID
) -> tuple[DecisionAction | TafAction, Case, dt.date | None, uuid.UUID | None]:
    """The action, its row held until commit: a second marking waits, then
    finds the version moved on."""
    if kind == "meeting":
        action = s.get(DecisionAction, action_id, with_for_update=True, populate_existing=True)
        if action is None:
            raise NotFound("That action is no longer recorded (its decision may have been undone).")
        # Its own case: the family's team may not read the decision (migration 0026).
        return action, existing(s, Case, action.case_id, "case"), action.due_on, action.owner_professional_id
    if kind != "plan":
        raise ValueError(kind)
    plan_action = s.get(TafAction, action_id, with_for_update=True, populate_existing=True)
    if plan_action is None:
        raise NotFound("That action is no longer in the plan.")
    plan = existing(s, TafPlan, plan_action.plan_id, "plan")
    if plan.status is not PlanStatus.AGREED:
        raise ConflictError("The plan has moved on since: open the current plan to follow its actions up.")
    case = existing(s, Case, plan.case_id, "case")
    return plan_action, case, plan_action.due_on, plan_action.owner_professional_id


def _state_of(action: DecisionAction | TafAction) -> str:
    if isinstance(action, DecisionAction):
        return "done" if action.done else "open"
    return action.status.value


def _apply(
    s: Session,
    kind: Kind,
    action: DecisionAction | TafAction,
    state: FollowUpState,
    carried_to: dt.date | None,
    now: dt.datetime,
) -> None:
    done = state is FollowUpState.DONE
    if isinstance(action, DecisionAction):
        action.done = done
    else:
        if carried_to and action.starts_on and carried_to < action.starts_on:
            raise ValidationError({"carried_to": "The new due date is before the action starts."})
        action.status = ActionStatus.DONE if done else ActionStatus.OPEN
        _follow_draft(s, action, now)
    if state is FollowUpState.CARRIED_FORWARD:
        action.due_on = carried_to
    action.updated_at = now  # a new row version even when only the follow-up is new


def _follow_draft(s: Session, action: TafAction, now: dt.datetime) -> None:
    """A draft revision of the plan already under way gets the same status
    and due date, so agreeing it does not undo the marking; the draft's
    version moves on, so an editor holding it reloads."""
    for copy, plan in s.execute(
        select(TafAction, TafPlan)
        .join(TafPlan, TafPlan.id == TafAction.plan_id)
        .where(TafAction.copied_from_id == action.id, TafPlan.status == PlanStatus.DRAFT)
    ).all():
        copy.status = action.status
        if action.due_on != copy.due_on:
            copy.due_on = action.due_on
        plan.updated_at = now


def matters_arising_of(s: Session, meeting: Meeting) -> list[ActionRow]:
    """The matters arising of a meeting, read in the caller's session (the minutes')."""
    day = meeting_day(meeting.starts_at)
    here = select(ActionFollowUp).where(ActionFollowUp.meeting_id == meeting.id).order_by(ActionFollowUp.created_at)
    reviewed: dict[uuid.UUID, FollowUpView] = {}
    for f in s.scalars(here):
        reviewed[f.decision_action_id or f.taf_action_id] = _view(f)  # type: ignore[index]
    reviewed_ids = list(reviewed)
    earlier = select(AgendaItem.id).join(Meeting, Meeting.id == AgendaItem.meeting_id)
    earlier = earlier.where(Meeting.starts_at < meeting.starts_at)
    in_locality = Case.locality_id == meeting.locality_id
    due = (DecisionAction.due_on <= day) & DecisionAction.done.is_(False)
    agreed_earlier = DecisionAction.decision_id.in_(select(Decision.id).where(Decision.agenda_item_id.in_(earlier)))
    decision_rows = _decision_rows(s, in_locality & agreed_earlier & or_(due, DecisionAction.id.in_(reviewed_ids)))
    plan_due = (
        (TafAction.due_on <= day) & (TafAction.status == ActionStatus.OPEN) & (TafPlan.status == PlanStatus.AGREED)
    )
    plan_rows = _plan_rows(s, in_locality & or_(plan_due, TafAction.id.in_(reviewed_ids)))
    rows = [ActionRow(**{**r.__dict__, "reviewed_here": reviewed.get(r.action_id)}) for r in decision_rows + plan_rows]
    return sorted(rows, key=lambda r: (r.due_on or dt.date.max, r.case_reference, r.description))


def _decision_rows(s: Session, where) -> list[ActionRow]:
    """Read through the action's own case and day, never its decision or
    meeting: a lead professional may read neither on PostgreSQL."""
    found = s.execute(
        select(DecisionAction, Case, Family.family_name)
        .join(Case, Case.id == DecisionAction.case_id)
        .join(Family, Family.id == Case.family_id)
        .where(where)
    ).all()
    names = _names(s, [a.owner_professional_id for a, *_ in found])
    last = _last(s, ActionFollowUp.decision_action_id, [a.id for a, *_ in found])
    rows = []
    for action, case, family in found:
        held = action.agreed_on
        rows.append(
            ActionRow(
                "meeting",
                action.id,
                action.version,
                case.id,
                case.reference,
                family,
                action.description,
                names.get(action.owner_professional_id) or action.owner_name or "—",
                action.owner_professional_id,
                action.due_on,
                f"Meeting of {held.day} {held:%b %Y}",
                action.done,
                last.get(action.id),
            )
        )
    return rows


def _plan_rows(s: Session, where) -> list[ActionRow]:
    found = s.execute(
        select(TafAction, TafPlan.plan_version, Case, Family.family_name)
        .join(TafPlan, TafPlan.id == TafAction.plan_id)
        .join(Case, Case.id == TafPlan.case_id)
        .join(Family, Family.id == Case.family_id)
        .where(where)
    ).all()
    names = _names(s, [a.owner_professional_id for a, *_ in found])
    agencies: dict[uuid.UUID | None, str] = dict(s.execute(select(Agency.id, Agency.name)).all()) if found else {}
    people_ids = [a.owner_person_id for a, *_ in found if a.owner_person_id]
    people: dict[uuid.UUID | None, str] = {
        p.id: f"{p.name} (family)" for p in s.scalars(select(Person).where(Person.id.in_(people_ids)))
    }
    last = _last(s, ActionFollowUp.taf_action_id, [a.id for a, *_ in found])
    return [
        ActionRow(
            "plan",
            a.id,
            a.version,
            case.id,
            case.reference,
            family,
            a.description,
            names.get(a.owner_professional_id)
            or agencies.get(a.owner_agency_id)
            or people.get(a.owner_person_id)
            or "—",
            a.owner_professional_id,
            a.due_on,
            f"Plan version {plan_version}",
            a.status is ActionStatus.DONE,
            last.get(a.id),
        )
        for a, plan_version, case, family in found
    ]


def _names(s: Session, ids: list[uuid.UUID | None]) -> dict[uuid.UUID | None, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = s.execute(
        select(Professional, Agency.name)
        .join(Agency, Agency.id == Professional.agency_id)
        .where(Professional.id.in_(wanted))
    ).all()
    return {p.id: f"{p.name} ({agency})" for p, agency in rows}


def _last(s: Session, column, ids: list[uuid.UUID]) -> dict[uuid.UUID, FollowUpView]:
    if not ids:
        return {}
    newest: dict[uuid.UUID, FollowUpView] = {}
    for f in s.scalars(select(ActionFollowUp).where(column.in_(ids)).order_by(ActionFollowUp.created_at)):
        newest[f.decision_action_id or f.taf_action_id] = _view(f)  # type: ignore[index]
    return newest


def _view(f: ActionFollowUp) -> FollowUpView:
    return FollowUpView(f.state, f.note, f.marked_on, f.marked_by, f.carried_to)
