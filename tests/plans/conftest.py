"""A family allocated to a lead professional, ready for its plan."""

from __future__ import annotations

import pytest

from tafdesk.models import DecisionOutcome, Role
from tafdesk.services.actor import Actor
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.meetings import MeetingService
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW, world  # noqa: F401 (fixture)


@pytest.fixture
def allocated(world):  # noqa: F811
    item = MeetingService(world.db, CHAIR, now=NOW).meeting(world.meeting_id).agenda[0]
    DecisionService(world.db, CHAIR, now=AT_MEETING).decide(
        item.id,
        DecisionInput(
            DecisionOutcome.ALLOCATE_LEAD,
            world.people["Tomas Okafor"],
            supporters=((world.agencies["Family Support"], world.people["Ruth Adeyemi"]),),
            rationale="Best placed.",
        ),
    )
    world.case_id = item.case_id
    return world


@pytest.fixture
def lead(allocated) -> Actor:
    return Actor(None, "Tomas Okafor", Role.LEAD_PROFESSIONAL, professional_id=allocated.people["Tomas Okafor"])
