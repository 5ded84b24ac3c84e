"""Actions followed up: owners mark them done or not done, the next meeting
reviews those due as its matters arising, and the minutes record the review."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import uuid

import pytest
from sqlalchemy import select

from tafdesk.models import (
    ActionFollowUp,
    ActionStatus,
    AuditEvent,
    DecisionAction,
    DecisionOutcome,
    FollowUpState,
    Meeting,
    MeetingStatus,
    Role,
    TafAction,
)
from tafdesk.plans.content import ActionItem
from tafdesk.services.actor import Actor
from tafdesk.services.decisions import ActionInput, DecisionInput, DecisionService
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.plans import PlanService
from tests.meetings.conftest import AT_MEETING, CHAIR, CLERK, NOW

NEXT_MEETING = dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC)  # North's next Tuesday
AT_NEXT = dt.datetime(2026, 12, 8, 10, 30, tzinfo=dt.UTC)
DONE, NOT_DONE, CARRIED = FollowUpState.DONE, FollowUpState.NOT_DONE, FollowUpState.CARRIED_FORWARD


def _lead(world) -> Actor:
    return Actor(None, "Tomas Okafor", Role.LEAD_PROFESSIONAL, professional_id=world.people["Tomas Okafor"])


def _decide(world, actions) -> uuid.UUID:
    item = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda[0]
    DecisionService(world.db, CHAIR, now=AT_MEETING).decide(
        item.id,
        DecisionInput(
            DecisionOutcome.ALLOCATE_LEAD,
            world.people["Tomas Okafor"],
            supporters=((world.agencies["Family Support"], world.people["Ruth Adeyemi"]),),
            rationale="Best placed.",
            actions=actions,
        ),
    )
    return item.case_id


def _next_meeting(world, starts_at=NEXT_MEETING) -> uuid.UUID:
    with world.db.session() as s:
        first = s.get(Meeting, world.meeting_id)
        meeting = Meeting(locality_id=first.locality_id, starts_at=starts_at, status=MeetingStatus.PLANNED)
        s.add(meeting)
        s.flush()
        return meeting.id


@pytest.fixture
def agreed(world):
    """Tomas leads a family; the meeting agreed two actions for him, due 4 and 11 December."""
    world.case_id = _decide(
        world,
        (
            ActionInput("Contact the family", dt.date(2026, 12, 4), world.people["Tomas Okafor"]),
            ActionInput("Convene the first TAF meeting", dt.date(2026, 12, 11), world.people["Tomas Okafor"]),
            ActionInput("Send attendance figures", dt.date(2026, 12, 7), owner_name="Schools"),
        ),
    )
    world.next_meeting_id = _next_meeting(world)
    return world


def test_decision_actions_need_an_owner_and_a_due_date(world):
    item = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda[0]
    decide = DecisionService(world.db, CHAIR, now=AT_MEETING)
    base = DecisionInput(DecisionOutcome.ALLOCATE_LEAD, world.people["Tomas Okafor"], rationale="Best placed.")
    with pytest.raises(ValidationError) as no_owner:
        decide.decide(item.id, dataclasses.replace(base, actions=(ActionInput("Visit", dt.date(2026, 12, 4)),)))
    assert "owner is missing" in no_owner.value.fields["actions"]
    with pytest.raises(ValidationError) as no_due:
        decide.decide(item.id, dataclasses.replace(base, actions=(ActionInput("Visit", owner_name="Schools"),)))
    assert "due date is missing" in no_due.value.fields["actions"]


def test_the_next_meeting_opens_with_the_actions_due_by_its_day(agreed):
    service = FollowUpService(agreed.db, CHAIR, now=AT_NEXT)
    arising = service.matters_arising(agreed.next_meeting_id)
    assert [(r.description, r.owner, r.due_on) for r in arising] == [
        ("Contact the family", "Tomas Okafor (Education Welfare)", dt.date(2026, 12, 4)),
        ("Send attendance figures", "Schools", dt.date(2026, 12, 7)),
    ]
    assert arising[0].agreed_at == "Meeting of 1 Dec 2026" and arising[0].overdue_days(dt.date(2026, 12, 8)) == 4
    # The meeting that agreed them has none of its own.
    assert service.matters_arising(agreed.meeting_id) == []


def test_the_owner_marks_done_with_a_note_and_it_leaves_the_matters_arising(agreed):
    lead = FollowUpService(agreed.db, _lead(agreed), now=NOW)
    mine = lead.my_actions()
    assert [r.description for r in mine] == ["Contact the family", "Convene the first TAF meeting"]
    with pytest.raises(ValidationError) as caught:
        lead.mark("meeting", mine[0].action_id, mine[0].version, DONE, "  ")
    assert caught.value.fields == {"note": "Say what was done."}
    lead.mark("meeting", mine[0].action_id, mine[0].version, DONE, "Home visit on 3 December.")
    assert [r.description for r in lead.my_actions()] == ["Convene the first TAF meeting"]
    arising = FollowUpService(agreed.db, CHAIR, now=AT_NEXT).matters_arising(agreed.next_meeting_id)
    assert [r.description for r in arising] == ["Send attendance figures"]
    with agreed.db.reader() as s:
        assert s.get(DecisionAction, mine[0].action_id).done is True
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "action.followed_up")).one()
        assert (event.entity_id, event.actor_name) == (mine[0].action_id, "Tomas Okafor")


def test_not_done_needs_why_and_keeps_it_open(agreed):
    lead = FollowUpService(agreed.db, _lead(agreed), now=NOW)
    first = lead.my_actions()[0]
    with pytest.raises(ValidationError, match="Say why it was not done"):
        lead.mark("meeting", first.action_id, first.version, NOT_DONE, "")
    lead.mark("meeting", first.action_id, first.version, NOT_DONE, "The family were away.")
    row = lead.my_actions()[0]
    assert not row.done and row.last.state is NOT_DONE and row.last.note == "The family were away."


def test_who_may_mark_an_action(agreed):
    row = FollowUpService(agreed.db, CHAIR, now=AT_NEXT).matters_arising(agreed.next_meeting_id)[1]  # Schools'
    ruth = Actor(None, "Ruth Adeyemi", Role.LEAD_PROFESSIONAL, professional_id=agreed.people["Ruth Adeyemi"])
    with pytest.raises(PermissionDenied, match="its owner, the family's lead professional"):
        FollowUpService(agreed.db, ruth, now=NOW).mark("meeting", row.action_id, row.version, DONE, "Sent.")
    with pytest.raises(PermissionDenied):  # business support mark only at a meeting
        FollowUpService(agreed.db, CLERK, now=NOW).mark("meeting", row.action_id, row.version, DONE, "Sent.")
    south = Actor(None, "Other Manager", Role.LOCALITY_MANAGER, localities=frozenset({uuid.uuid4()}))
    with pytest.raises(PermissionDenied):
        FollowUpService(agreed.db, south, now=NOW).mark("meeting", row.action_id, row.version, DONE, "Sent.")
    # The family's lead professional may, though Schools own it.
    FollowUpService(agreed.db, _lead(agreed), now=NOW).mark("meeting", row.action_id, row.version, DONE, "Sent.")


def test_the_meeting_reviews_each_one_and_the_full_minutes_record_it(agreed):
    clerk = FollowUpService(agreed.db, CLERK, now=AT_NEXT)
    contact, figures = clerk.matters_arising(agreed.next_meeting_id)
    clerk.mark("meeting", contact.action_id, contact.version, DONE, "Seen at home.", meeting_id=agreed.next_meeting_id)
    with pytest.raises(ValidationError, match="after the meeting"):
        clerk.mark(
            "meeting",
            figures.action_id,
            figures.version,
            CARRIED,
            "Awaiting the register.",
            meeting_id=agreed.next_meeting_id,
            carried_to=dt.date(2026, 12, 8),
        )
    clerk.mark(
        "meeting",
        figures.action_id,
        figures.version,
        CARRIED,
        "Awaiting the register.",
        meeting_id=agreed.next_meeting_id,
        carried_to=dt.date(2026, 12, 15),
    )
    reviewed = clerk.matters_arising(agreed.next_meeting_id)
    assert [(r.description, r.reviewed_here.words) for r in reviewed] == [
        ("Contact the family", "Done"),
        ("Send attendance figures", "Carried forward to 15 Dec 2026"),
    ]
    # Carried forward: due again at the meeting after.
    later = _next_meeting(agreed, dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC))
    arising_later = clerk.matters_arising(later)
    assert [(r.description, r.due_on, r.reviewed_here) for r in arising_later] == [
        ("Convene the first TAF meeting", dt.date(2026, 12, 11), None),
        ("Send attendance figures", dt.date(2026, 12, 15), None),
    ]
    minutes = MinutesService(agreed.db, CLERK).minutes(agreed.next_meeting_id)
    assert [(m.description, m.review, m.note) for m in minutes.matters_arising] == [
        ("Contact the family", "Done", "Seen at home."),
        ("Send attendance figures", "Carried forward to 15 Dec 2026", "Awaiting the register."),
    ]
    with agreed.db.reader() as s:
        follow_ups = s.scalars(select(ActionFollowUp).order_by(ActionFollowUp.created_at)).all()
        assert [(f.state, f.meeting_id) for f in follow_ups] == [
            (DONE, agreed.next_meeting_id),
            (CARRIED, agreed.next_meeting_id),
        ]


def test_a_closed_meeting_review_is_the_record(agreed):
    clerk = FollowUpService(agreed.db, CLERK, now=AT_NEXT)
    row = clerk.matters_arising(agreed.next_meeting_id)[0]
    with agreed.db.session() as s:
        s.get(Meeting, agreed.next_meeting_id).status = MeetingStatus.CLOSED
    with pytest.raises(ConflictError, match="closed"):
        clerk.mark("meeting", row.action_id, row.version, DONE, "Seen.", meeting_id=agreed.next_meeting_id)


def test_a_stale_mark_is_told_it_was_marked_elsewhere(agreed):
    lead = FollowUpService(agreed.db, _lead(agreed), now=NOW)
    row = lead.my_actions()[0]
    lead.mark("meeting", row.action_id, row.version, NOT_DONE, "Away.")
    with pytest.raises(ConflictError, match="marked elsewhere"):
        lead.mark("meeting", row.action_id, row.version, DONE, "Seen.")


def test_two_people_marking_at_once_one_wins_the_other_is_told(agreed):
    row = FollowUpService(agreed.db, _lead(agreed), now=NOW).my_actions()[0]
    results: list[object] = []

    def mark(actor, note):
        try:
            FollowUpService(agreed.db, actor, now=NOW).mark("meeting", row.action_id, row.version, DONE, note)
            results.append("ok")
        except ConflictError as exc:
            results.append(exc)
        except Exception as exc:  # noqa: BLE001 (the test reports whatever else was raised)
            results.append(exc)

    threads = [threading.Thread(target=mark, args=(a, n)) for a, n in ((_lead(agreed), "Seen."), (CHAIR, "Done."))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1
    assert [type(r) for r in results if r != "ok"] == [ConflictError]
    with agreed.db.reader() as s:
        assert len(s.scalars(select(ActionFollowUp)).all()) == 1


def test_plan_actions_are_followed_up_too(world):
    case_id = _decide(world, ())
    today = dt.date(2026, 12, 2)
    lead = _lead(world)
    plans = PlanService(world.db, lead, today=today)
    plan = plans.start(case_id)
    owner = plans.owner_choices(case_id)[0]
    outcomes = tuple(dataclasses.replace(o, outcome_wanted=f"Better {o.area.value}") for o in plan.content.outcomes)
    actions = (
        ActionItem(
            uuid.uuid4(), "Walk Tobi to school", outcomes[0].id, owner, due_on=dt.date(2027, 1, 8), measure="90%"
        ),
        ActionItem(
            uuid.uuid4(), "Book the course", outcomes[-1].id, owner, due_on=dt.date(2027, 1, 12), measure="Booked"
        ),
    )
    content = dataclasses.replace(plan.content, outcomes=outcomes, actions=actions)
    version = plans.save_draft(plan.id, plan.row_version, content)
    agreed = plans.agree(plan.id, version, "The family and the TAF", agreed_on=today)
    draft = plans.revise(agreed.id)  # a revision under way
    meeting_id = _next_meeting(world, dt.datetime(2027, 1, 12, 10, 0, tzinfo=dt.UTC))
    arising = FollowUpService(world.db, CHAIR, now=NOW).matters_arising(meeting_id)
    assert [(r.kind, r.description, r.agreed_at) for r in arising] == [
        ("plan", "Walk Tobi to school", "Plan version 1"),
        ("plan", "Book the course", "Plan version 1"),
    ]
    service = FollowUpService(world.db, lead, now=NOW)
    mine = service.my_actions()
    assert [r.description for r in mine] == ["Walk Tobi to school", "Book the course"]
    service.mark("plan", mine[0].action_id, mine[0].version, DONE, "Attendance 94% since December.")
    with world.db.reader() as s:
        assert s.get(TafAction, mine[0].action_id).status is ActionStatus.DONE
        copy = s.scalars(select(TafAction).where(TafAction.copied_from_id == mine[0].action_id)).one()
        assert copy.plan_id == draft.id and copy.status is ActionStatus.DONE  # agreeing the draft keeps it
    assert [r.description for r in service.my_actions()] == ["Book the course"]
    with pytest.raises(ConflictError, match="changed elsewhere"):  # an editor holding the draft reloads
        plans.save_draft(draft.id, draft.row_version, content)
