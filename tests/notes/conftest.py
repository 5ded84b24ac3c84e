"""A family allocated to Tomas (lead) with Ruth supporting, as for plans."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.models import Role
from tafdesk.services.actor import Actor
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW, world  # noqa: F401 (fixtures)
from tests.plans.conftest import allocated, lead  # noqa: F401 (fixtures)

ALLOCATED_ON = dt.date(2026, 12, 1)  # the meeting's day (a Tuesday)
CLERK = Actor(None, "Clerk Tester", Role.BUSINESS_SUPPORT, localities=None)


@pytest.fixture
def supporter(allocated) -> Actor:  # noqa: F811
    return Actor(None, "Ruth Adeyemi", Role.LEAD_PROFESSIONAL, professional_id=allocated.people["Ruth Adeyemi"])


@pytest.fixture
def outsider(allocated) -> Actor:  # noqa: F811
    return Actor(None, "Full Person", Role.LEAD_PROFESSIONAL, professional_id=allocated.people["Full Person"])
