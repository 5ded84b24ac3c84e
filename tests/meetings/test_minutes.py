"""The minutes record builds itself; business support can reword it."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.models import AttendanceStatus, DecisionOutcome
from tafdesk.services.decisions import ActionInput, DecisionInput, DecisionService
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tests.meetings.conftest import AT_MEETING, CHAIR, CLERK, NOW


@pytest.mark.attendance_not_taken
def test_minutes_follow_the_meeting(world):
    meetings = MeetingService(world.db, CHAIR, now=NOW)
    meetings.record_attendance(world.meeting_id, world.agencies["Police"], AttendanceStatus.PRESENT, "Insp. Example")
    meetings.record_attendance(
        world.meeting_id, world.agencies["Housing"], AttendanceStatus.DEPUTY, deputy_name="Sam Deputy"
    )
    meetings.record_attendance(world.meeting_id, world.agencies["Youth Service"], AttendanceStatus.APOLOGIES)
    meetings.widen_candidates(world.meeting_id, world.agencies["Education Welfare"], "It sent a written update.")
    first, _second, _ = meetings.meeting(world.meeting_id).agenda
    DecisionService(world.db, CHAIR, now=AT_MEETING).decide(
        first.id,
        DecisionInput(
            DecisionOutcome.ALLOCATE_LEAD,
            world.people["Tomas Okafor"],
            supporters=(
                (world.agencies["Family Support"], world.people["Ruth Adeyemi"]),
                (world.agencies["Schools"], None),
            ),
            rationale="Already working with Tobi.",
            actions=(
                ActionInput("Visit the family", dt.date(2026, 12, 4), world.people["Tomas Okafor"]),
                ActionInput("Share attendance data", dt.date(2026, 12, 8), owner_name="School"),
            ),
        ),
    )
    minutes = MinutesService(world.db, CLERK).minutes(world.meeting_id)
    assert minutes.present == ("Housing: Sam Deputy (deputy)", "Police: Insp. Example")
    assert minutes.apologies == ("Youth Service",)
    item = minutes.items[0]
    assert (item.case_reference, item.initials, item.lead) == (
        first.case_reference,
        "M",
        "Tomas Okafor (Education Welfare)",
    )
    assert item.members == ("Ruth Adeyemi (Family Support)", "Schools")
    assert item.wording == (
        "Lead professional allocated and a Team Around the Family opened. Lead professional: Tomas Okafor "
        "(Education Welfare). Team Around the Family: Ruth Adeyemi (Family Support), Schools. "
        "The chair considered an agency not at the table. Education Welfare was not at the table: "
        "It sent a written update. Rationale: Already working with Tobi."
    )
    assert [(a.description, a.owner) for a in minutes.action_log] == [
        ("Visit the family", "Tomas Okafor (Education Welfare)"),
        ("Share attendance data", "School"),
    ]
    assert minutes.items[1].outcome == "Pending" and not minutes.items[1].decided


def test_rewording_and_going_back(world):
    item = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda[0]
    service = MinutesService(world.db, CLERK)
    service.reword(item.id, "The group noted the family's wish to wait until after Christmas.")
    reworded = service.minutes(world.meeting_id).items[0]
    assert reworded.edited and reworded.wording.startswith("The group noted")
    service.reword(item.id, "   ")
    assert not service.minutes(world.meeting_id).items[0].edited
    service.set_notes(world.meeting_id, "Next meeting moves to the library.")
    assert service.minutes(world.meeting_id).notes == "Next meeting moves to the library."


def test_lead_professionals_cannot_edit_minutes(world):
    from tafdesk.models import Role
    from tafdesk.services.actor import Actor

    item = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda[0]
    with pytest.raises(PermissionDenied):
        MinutesService(world.db, Actor(None, "Lead", Role.LEAD_PROFESSIONAL)).reword(item.id, "x")


def test_closed_minutes_are_the_record_until_the_meeting_is_reopened(world):
    from tafdesk.services.errors import ConflictError

    meetings = MeetingService(world.db, CHAIR, now=AT_MEETING)
    item = meetings.meeting(world.meeting_id).agenda[0]
    minutes = MinutesService(world.db, CLERK)
    minutes.reword(item.id, "Agreed as proposed.")
    DecisionService(world.db, CHAIR, now=AT_MEETING).defer_remaining(
        world.meeting_id, dt.date(2026, 12, 8), "Not reached."
    )
    meetings.close(world.meeting_id)
    with pytest.raises(ConflictError, match="Reopen the meeting"):
        minutes.reword(item.id, "Something else entirely.")
    with pytest.raises(ConflictError, match="Reopen the meeting"):
        minutes.set_notes(world.meeting_id, "A note added afterwards.")
    assert minutes.minutes(world.meeting_id).items[0].wording == "Agreed as proposed."
    meetings.reopen(world.meeting_id, "The clerk's wording of the first family was wrong.")
    minutes.reword(item.id, "Something else entirely.")
    assert minutes.minutes(world.meeting_id).items[0].wording == "Something else entirely."


def test_the_meetings_record_who_chaired_who_took_the_minutes_declarations_quorum_and_the_next_date(world):
    from sqlalchemy import select

    from tafdesk.models import AuditEvent, Role, User
    from tafdesk.services.actor import Actor
    from tafdesk.services.errors import ConflictError, ValidationError

    with world.db.session() as s:
        user = User(username="chair.north", display_name="Alex Chairperson", role=Role.LOCALITY_MANAGER)
        s.add(user)
    chair = Actor(user.id, user.display_name, Role.LOCALITY_MANAGER, localities=None)
    minutes = MinutesService(world.db, CLERK)
    minutes.set_record(world.meeting_id, "  Robin Notetaker ", "No interests were declared by anyone present.")
    with pytest.raises(ValidationError, match="minute-taker"):
        minutes.set_record(world.meeting_id, "x" * 201, None)
    record = minutes.minutes(world.meeting_id)
    assert (record.minute_taker, record.declarations) == (
        "Robin Notetaker",
        "No interests were declared by anyone present.",
    )
    assert record.quorum.startswith("Quorate: ") and "core agencies were represented" in record.quorum
    assert record.next_meeting == dt.date(2026, 12, 8)  # the following Tuesday
    DecisionService(world.db, chair, now=AT_MEETING).defer_remaining(
        world.meeting_id, dt.date(2026, 12, 8), "Not reached."
    )
    MeetingService(world.db, chair, now=AT_MEETING).close(world.meeting_id)
    assert minutes.minutes(world.meeting_id).chair == "Alex Chairperson"  # whoever closed it, unless named before
    with pytest.raises(ConflictError, match="Reopen the meeting"):
        minutes.set_record(world.meeting_id, "Someone Else", None)
    with world.db.reader() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == world.meeting_id)))
    assert "minutes.record" in actions and "meeting.closed" in actions
