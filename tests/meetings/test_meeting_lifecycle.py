"""Agenda, attendance, decisions with undo, closing and reopening."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, update

from tafdesk.models import (
    AgendaStatus,
    AttendanceStatus,
    AuditEvent,
    Case,
    CaseStatus,
    CaseSupporter,
    Decision,
    DecisionOutcome,
    MeetingStatus,
    ReviewFlag,
)
from tafdesk.services.decisions import ActionInput, DecisionInput, DecisionService
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.meetings import MeetingService
from tests.meetings.conftest import AT_MEETING, CHAIR, CLERK, NOW

ALLOCATE = DecisionInput(
    DecisionOutcome.ALLOCATE_LEAD,
    rationale="Already working with Tobi; school is the lever.",
    actions=(ActionInput("Contact the family this week", dt.date(2026, 12, 4), owner_name="The lead professional"),),
)


def test_agenda_holds_the_families_sent_in_order(world, meetings):
    view = meetings.meeting(world.meeting_id)
    assert [r.family_name for r in view.agenda] == ["Mensah", "Kowalczyk", "Byrne"]
    assert view.summary.starts_at == dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    assert view.summary.venue == "Northtown Children's Centre"
    ids = [r.id for r in view.agenda]
    meetings.reorder(world.meeting_id, ids[::-1])
    assert [r.family_name for r in meetings.meeting(world.meeting_id).agenda] == ["Byrne", "Kowalczyk", "Mensah"]
    with pytest.raises(ConflictError):
        meetings.reorder(world.meeting_id, ids[:2])


def test_schedule_plans_weekly_meetings_once(world, meetings):
    assert meetings.schedule(weeks=3) == 2  # the 1 December meeting already exists
    assert meetings.schedule(weeks=3) == 0
    starts = [m.starts_at.date() for m in meetings.meetings()]
    assert starts == [dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 15)]


def test_agenda_gathers_deferred_and_flagged_cases(world, meetings):
    decisions = DecisionService(world.db, CHAIR, now=AT_MEETING)
    items = meetings.meeting(world.meeting_id).agenda
    decisions.decide(
        items[0].id,
        DecisionInput(
            DecisionOutcome.DEFER,
            deferred_until=dt.date(2026, 12, 8),
            deferral_reason="Waiting for the school's report.",
        ),
    )
    decisions.decide(
        items[1].id,
        DecisionInput(DecisionOutcome.ALLOCATE_LEAD, world.people["Tomas Okafor"], rationale="Best placed."),
    )
    decisions.decide(
        items[2].id, DecisionInput(DecisionOutcome.STEP_DOWN, rationale="Universal services can meet the needs.")
    )
    meetings.close(world.meeting_id)
    with world.db.session() as s:
        s.get(Case, items[1].case_id).review_flag = ReviewFlag.BLOCKAGE
        s.get(Case, items[1].case_id).review_note = "Father will not engage."
    meetings.schedule(weeks=2)
    next_week = next(m for m in meetings.meetings() if m.starts_at.date() == dt.date(2026, 12, 8))
    assert meetings.build_agenda(next_week.id) == 2
    agenda = meetings.meeting(next_week.id).agenda
    assert [(r.family_name, r.kind.value) for r in agenda] == [("Mensah", "deferred"), ("Kowalczyk", "review")]
    assert agenda[0].reason == "Deferred until 08 Dec: Waiting for the school's report."
    assert agenda[1].reason == "Blockage: Father will not engage."
    assert meetings.build_agenda(next_week.id) == 0  # nothing twice


@pytest.mark.attendance_not_taken
def test_attendance_and_quorum_warnings(world, meetings):
    view = meetings.meeting(world.meeting_id)
    assert view.quorum_warnings[0] == "Not quorate: 0 of the 4 core agencies needed are here."
    agencies = world.agencies
    for name in ("Family Support", "Police", "Education Welfare"):
        meetings.record_attendance(world.meeting_id, agencies[name], AttendanceStatus.PRESENT, "A Manager")
    with pytest.raises(ValidationError, match="deputy"):
        meetings.record_attendance(world.meeting_id, agencies["Housing"], AttendanceStatus.DEPUTY)
    meetings.record_attendance(world.meeting_id, agencies["Housing"], AttendanceStatus.DEPUTY, deputy_name="Sam Deputy")
    meetings.record_attendance(world.meeting_id, agencies["Youth Service"], AttendanceStatus.APOLOGIES)
    view = meetings.meeting(world.meeting_id)
    assert view.quorum_warnings == (  # quorate (4 of 4), but each absent core agency is named
        "Health Visiting and School Nursing (core) is not recorded as present.",
        "Youth Service (core) is absent: apologies.",
    )
    housing = next(a for a in view.attendance if a.agency == "Housing")
    assert (housing.status, housing.deputy_name) == (AttendanceStatus.DEPUTY, "Sam Deputy")


def test_allocation_opens_the_taf_and_undo_restores_the_case(world, meetings):
    decisions = DecisionService(world.db, CHAIR, now=AT_MEETING)
    item = meetings.meeting(world.meeting_id).agenda[0]
    choice = DecisionInput(
        DecisionOutcome.ALLOCATE_LEAD,
        world.people["Tomas Okafor"],
        supporters=((world.agencies["Family Support"], world.people["Ruth Adeyemi"]),),
        rationale=ALLOCATE.rationale,
        actions=ALLOCATE.actions,
    )
    decision_id = decisions.decide(item.id, choice)
    with world.db.reader() as s:
        case = s.get(Case, item.case_id)
        assert case.status is CaseStatus.TAF_OPEN and case.lead_professional_id == world.people["Tomas Okafor"]
        assert case.complexity_weight > 1.0  # weighed from the profile now
        assert [r.professional_id for r in s.scalars(select(CaseSupporter))] == [world.people["Ruth Adeyemi"]]
    assert meetings.meeting(world.meeting_id).summary.status is MeetingStatus.IN_PROGRESS
    with pytest.raises(ConflictError, match="already been decided"):
        decisions.decide(item.id, choice)

    decisions.withdraw(decision_id)
    with world.db.reader() as s:
        case = s.get(Case, item.case_id)
        assert (case.status, case.lead_professional_id, case.complexity_weight) == (
            CaseStatus.AWAITING_MEETING,
            None,
            1.0,
        )
        assert s.scalars(select(CaseSupporter)).all() == []
    assert meetings.meeting(world.meeting_id).agenda[0].status is AgendaStatus.PENDING

    assert decisions.decide(item.id, choice, decision_id=decision_id) == decision_id  # redo keeps its identity
    with world.db.reader() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.entity_id == decision_id))]
    assert actions.count("decision.recorded") == 2 and actions.count("decision.withdrawn") == 1


def test_decision_rules(world, meetings):
    decisions = DecisionService(world.db, CHAIR, now=AT_MEETING)
    item = meetings.meeting(world.meeting_id).agenda[0]
    with pytest.raises(ValidationError) as caught:
        decisions.decide(item.id, DecisionInput(DecisionOutcome.ALLOCATE_LEAD))
    assert set(caught.value.fields) == {"lead_professional_id", "rationale"}
    with pytest.raises(ValidationError) as caught:
        decisions.decide(item.id, DecisionInput(DecisionOutcome.DEFER, deferred_until=dt.date(2026, 11, 30)))
    assert set(caught.value.fields) == {"deferral_reason", "deferred_until"}


def test_capacity_needs_the_chairs_override_reason(world, meetings):
    decisions = DecisionService(world.db, CHAIR, now=AT_MEETING)
    item = meetings.meeting(world.meeting_id).agenda[0]
    full = DecisionInput(DecisionOutcome.ALLOCATE_LEAD, world.people["Full Person"], rationale="Only option.")
    with pytest.raises(ValidationError, match="of capacity") as caught:
        decisions.decide(item.id, full)
    assert "override" in caught.value.fields["lead_professional_id"]
    override = DecisionInput(
        DecisionOutcome.ALLOCATE_LEAD,
        world.people["Full Person"],
        rationale="Only option.",
        capacity_override_reason="Knows the family well; a case closes next week.",
    )
    decision_id = decisions.decide(item.id, override)
    with world.db.reader() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.entity_id == decision_id))
        assert json.loads(event.changes)["capacity_override_reason"][1].startswith("Knows the family")


def test_closing_needs_every_item_decided_and_freezes_the_meeting(world, meetings):
    decisions = DecisionService(world.db, CHAIR, now=AT_MEETING)
    items = meetings.meeting(world.meeting_id).agenda
    with pytest.raises(ConflictError, match="3 families still need a decision: the Mensah family"):
        meetings.close(world.meeting_id)
    ids = [
        decisions.decide(i.id, DecisionInput(DecisionOutcome.INFORMATION_ADVICE_GUIDANCE, rationale="Advice given."))
        for i in items
    ]
    meetings.close(world.meeting_id)
    with pytest.raises(ConflictError, match="closed"):
        decisions.withdraw(ids[0])
    with pytest.raises(ValidationError):
        meetings.reopen(world.meeting_id, "oops")
    meetings.reopen(world.meeting_id, "The Byrne family's school called with new information.")
    decisions.withdraw(ids[2])
    with world.db.reader() as s:
        reasons = [
            json.loads(e.changes)["reason"][1]
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "meeting.reopened"))
        ]
    assert reasons == ["The Byrne family's school called with new information."]


def test_a_decision_whose_family_was_anonymised_is_not_undone_but_refused_in_words(world, meetings):
    decisions = DecisionService(world.db, CHAIR, now=AT_MEETING)
    item = meetings.meeting(world.meeting_id).agenda[0]
    decision_id = decisions.decide(
        item.id, DecisionInput(DecisionOutcome.INFORMATION_ADVICE_GUIDANCE, rationale="Advice given.")
    )
    with world.db.session() as s:  # what retention's anonymisation leaves of the decision
        s.execute(update(Decision).where(Decision.id == decision_id).values(case_before=None))
    with pytest.raises(ConflictError, match="cannot be undone"):
        decisions.withdraw(decision_id)
    assert meetings.meeting(world.meeting_id).agenda[0].status is AgendaStatus.DECIDED


def test_business_support_keeps_attendance_but_cannot_decide(world):
    clerk_meetings = MeetingService(world.db, CLERK, now=NOW)
    clerk_meetings.record_attendance(world.meeting_id, world.agencies["Police"], AttendanceStatus.PRESENT)
    item = clerk_meetings.meeting(world.meeting_id).agenda[0]
    with pytest.raises(PermissionDenied):
        DecisionService(world.db, CLERK, now=AT_MEETING).decide(item.id, ALLOCATE)
    with pytest.raises(PermissionDenied):
        clerk_meetings.close(world.meeting_id)
