"""A family allocated to Tomas (lead) with Ruth supporting at the meeting of
1 December 2026, and North's next meeting on 8 December with everyone there."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.models import AttendanceStatus, Meeting, MeetingStatus, Role
from tafdesk.services.actor import Actor
from tafdesk.services.meetings import MeetingService
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW, world  # noqa: F401 (fixtures)
from tests.plans.conftest import allocated, lead  # noqa: F401 (fixtures)

AFTER = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)  # the day after the first meeting
NEXT_MEETING = dt.datetime(2026, 12, 8, 10, 0, tzinfo=dt.UTC)
AT_NEXT = dt.datetime(2026, 12, 8, 10, 30, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 15, 10, 0, tzinfo=dt.UTC)
AT_LATER = dt.datetime(2026, 12, 15, 10, 30, tzinfo=dt.UTC)
CLERK = Actor(None, "Clerk Tester", Role.BUSINESS_SUPPORT, localities=None)


def new_meeting(case_world, starts_at=NEXT_MEETING):
    with case_world.db.session() as s:
        first = s.get(Meeting, case_world.meeting_id)
        meeting = Meeting(locality_id=first.locality_id, starts_at=starts_at, status=MeetingStatus.PLANNED)
        s.add(meeting)
        s.flush()
        meeting_id = meeting.id
    service = MeetingService(case_world.db, CHAIR, now=NOW)
    for agency_id in case_world.agencies.values():
        service.record_attendance(meeting_id, agency_id, AttendanceStatus.PRESENT)
    return meeting_id


@pytest.fixture
def supporter(allocated) -> Actor:  # noqa: F811
    return Actor(None, "Ruth Adeyemi", Role.LEAD_PROFESSIONAL, professional_id=allocated.people["Ruth Adeyemi"])


@pytest.fixture
def outsider(allocated) -> Actor:  # noqa: F811
    return Actor(None, "Full Person", Role.LEAD_PROFESSIONAL, professional_id=allocated.people["Full Person"])
