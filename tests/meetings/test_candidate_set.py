"""Who the meeting may allocate: one candidate set for the ranking, the agency
round and the whole-agenda proposal; decisions only at the meeting, with
attendance taken; closing with families still waiting."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tafdesk.clock import meeting_day
from tafdesk.models import (
    AgendaItem,
    AgendaStatus,
    AttendanceStatus,
    Case,
    CaseStatus,
    Decision,
    DecisionOutcome,
    Locality,
    MeetingStatus,
    Professional,
)
from tafdesk.services.allocation import AllocationService
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.errors import ConflictError, ValidationError
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.meetings import MeetingService
from tests.meetings.conftest import AT_MEETING, CHAIR, CLERK, NOW

ALLOCATE = DecisionInput(DecisionOutcome.ALLOCATE_LEAD, rationale="Best placed.")


def _names(allocation) -> set[str]:
    return {c.name for c in allocation.pool.candidates}


def _south_worker(world) -> None:
    with world.db.session() as s:
        south = Locality(name="South", code="S")
        s.add(south)
        s.flush()
        s.add(
            Professional(
                agency_id=world.agencies["Family Support"],
                locality_id=south.id,
                given_name="Sol",
                family_name="Southern",
                job_title="Family Worker",
                fte=1.0,
            )
        )


@pytest.mark.attendance_not_taken
def test_only_professionals_of_agencies_at_the_table_in_the_locality_are_candidates(world):
    _south_worker(world)
    meetings = MeetingService(world.db, CHAIR, now=NOW)
    for name, status in (
        ("Family Support", AttendanceStatus.PRESENT),
        ("Education Welfare", AttendanceStatus.APOLOGIES),
    ):
        meetings.record_attendance(world.meeting_id, world.agencies[name], status)
    allocation = AllocationService(world.db, CHAIR).for_meeting(world.meeting_id)

    assert _names(allocation) == {"Ruth Adeyemi", "Full Person"}  # not Tomas (apologies), not Sol (South)
    leads, _, _ = allocation.proposal()
    assert {lead.name for lead in leads.values() if lead} <= {"Ruth Adeyemi", "Full Person"}
    case = next(iter(allocation.facts))
    assert {r.candidate.name for r in allocation.rank(case)} == {"Ruth Adeyemi", "Full Person"}

    item = meetings.meeting(world.meeting_id).agenda[0]
    with pytest.raises(ValidationError) as refused:
        DecisionService(world.db, CHAIR, now=AT_MEETING).decide(
            item.id, DecisionInput(DecisionOutcome.ALLOCATE_LEAD, world.people["Tomas Okafor"], rationale="Knows them.")
        )
    assert "Education Welfare is not at the table" in refused.value.fields["lead_professional_id"]


@pytest.mark.attendance_not_taken
def test_the_chair_widens_the_set_deliberately_and_the_decision_says_so(world):
    meetings = MeetingService(world.db, CHAIR, now=NOW)
    meetings.record_attendance(world.meeting_id, world.agencies["Family Support"], AttendanceStatus.PRESENT)
    with pytest.raises(ValidationError):
        meetings.widen_candidates(world.meeting_id, world.agencies["Education Welfare"], "")
    meetings.widen_candidates(world.meeting_id, world.agencies["Education Welfare"], "Sent a written update.")
    assert "Tomas Okafor" in _names(AllocationService(world.db, CHAIR).for_meeting(world.meeting_id))

    item = meetings.meeting(world.meeting_id).agenda[0]
    decision_id = DecisionService(world.db, CHAIR, now=AT_MEETING).decide(
        item.id, DecisionInput(DecisionOutcome.ALLOCATE_LEAD, world.people["Tomas Okafor"], rationale="Knows them.")
    )
    with world.db.reader() as s:
        assert (
            s.get(Decision, decision_id).widening_note
            == "Education Welfare was not at the table: Sent a written update."
        )

    meetings.narrow_candidates(world.meeting_id, world.agencies["Education Welfare"])
    assert "Tomas Okafor" not in _names(AllocationService(world.db, CHAIR).for_meeting(world.meeting_id))


def test_decisions_wait_for_the_meeting_day(world):
    item = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda[0]
    choice = DecisionInput(DecisionOutcome.ALLOCATE_LEAD, world.people["Tomas Okafor"], rationale="Best placed.")
    with pytest.raises(ConflictError, match="Tuesday 1 December 2026"):
        DecisionService(world.db, CHAIR, now=NOW).decide(item.id, choice)
    DecisionService(world.db, CHAIR, now=AT_MEETING).decide(item.id, choice)


@pytest.mark.attendance_not_taken
def test_decisions_need_attendance_taken(world):
    meetings = MeetingService(world.db, CHAIR, now=NOW)
    item = meetings.meeting(world.meeting_id).agenda[0]
    deferral = DecisionInput(
        DecisionOutcome.DEFER, deferred_until=dt.date(2026, 12, 8), deferral_reason="More to know."
    )
    with pytest.raises(ConflictError, match="Take attendance first"):
        DecisionService(world.db, CHAIR, now=AT_MEETING).decide(item.id, deferral)
    meetings.record_attendance(world.meeting_id, world.agencies["Police"], AttendanceStatus.PRESENT)
    DecisionService(world.db, CHAIR, now=AT_MEETING).decide(item.id, deferral)


def test_closing_names_the_families_waiting_and_they_can_all_be_deferred(world):
    meetings = MeetingService(world.db, CHAIR, now=AT_MEETING)
    waiting = meetings.undecided(world.meeting_id)
    assert [family for _, _, family in waiting] == ["Mensah", "Kowalczyk", "Byrne"]
    with pytest.raises(ConflictError, match="the Mensah family .* the Byrne family"):
        meetings.close(world.meeting_id)

    following = meetings.next_meeting_day(world.meeting_id)
    assert following == dt.date(2026, 12, 8)
    deferred = DecisionService(world.db, CHAIR, now=AT_MEETING).defer_remaining(
        world.meeting_id, following, "Not reached at this meeting."
    )
    assert deferred == 3 and meetings.undecided(world.meeting_id) == []
    meetings.close(world.meeting_id)
    view = meetings.meeting(world.meeting_id)
    assert view.summary.status is MeetingStatus.CLOSED
    assert {row.status for row in view.agenda} == {AgendaStatus.DECIDED}
    with world.db.reader() as s:
        assert set(s.scalars(select(Decision.deferred_until))) == {following}


def test_a_family_added_after_a_meeting_closed_early_goes_to_the_next_one(world):
    early = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)  # before the 10:00 start
    DecisionService(world.db, CHAIR, now=early).defer_remaining(world.meeting_id, dt.date(2026, 12, 8), "Not reached.")
    MeetingService(world.db, CHAIR, now=early).close(world.meeting_id)
    later_case = _new_waiting_case(world)

    slot = FrontDoorService(world.db, CLERK, now=early + dt.timedelta(minutes=20)).send_to_meeting(later_case)

    assert slot.created and slot.meeting_id != world.meeting_id
    assert meeting_day(slot.starts_at) == dt.date(2026, 12, 8)


def test_a_family_sent_by_mistake_comes_off_the_agenda_and_back_to_the_queue(world):
    case_id = _new_waiting_case(world)
    door = FrontDoorService(world.db, CLERK, now=NOW)
    slot = door.send_to_meeting(case_id)
    meetings = MeetingService(world.db, CLERK, now=NOW)
    meetings.take_off_agenda(slot.item_id)
    with world.db.reader() as s:
        assert s.get(Case, case_id).status is CaseStatus.AWAITING_TRIAGE
        assert s.get(AgendaItem, slot.item_id) is None
    again = door.send_to_meeting(case_id)  # and it can be sent again
    assert again.meeting_id == slot.meeting_id

    decided = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda[0]
    DecisionService(world.db, CHAIR, now=AT_MEETING).decide(
        decided.id,
        DecisionInput(DecisionOutcome.DEFER, deferred_until=dt.date(2026, 12, 8), deferral_reason="More to know."),
    )
    with pytest.raises(ConflictError, match="undo the decision first"):
        meetings.take_off_agenda(decided.id)


def _new_waiting_case(world):
    from tafdesk.services.intake import IntakeService
    from tests.meetings.conftest import _family

    IntakeService(world.db, CLERK).import_document(_family(20, "Latecomer"), "late.json")
    with world.db.reader() as s:
        return s.scalar(select(Case.id).where(Case.status == CaseStatus.AWAITING_TRIAGE))
