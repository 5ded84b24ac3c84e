"""A family allocated to Tomas (lead) with Ruth supporting, its plan agreed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from tafdesk.models import Role
from tafdesk.plans.content import ActionItem
from tafdesk.services.actor import Actor
from tafdesk.services.plans import PlanService
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW, world  # noqa: F401 (fixtures)
from tests.plans.conftest import allocated, lead  # noqa: F401 (fixtures)

AGREED_ON = dt.date(2026, 12, 2)
LATER = dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC)  # the case closes on 1 Mar 2027
MANAGER = Actor(None, "Manager North", Role.LOCALITY_MANAGER, localities=None)


@pytest.fixture
def agreed(allocated, lead):  # noqa: F811
    """The plan agreed on 2 Dec 2026, with two outcomes (education, health)."""
    service = PlanService(allocated.db, lead, today=AGREED_ON)
    plan = service.start(allocated.case_id)
    owner = service.owner_choices(plan.case_id)[0]
    outcomes = tuple(dataclasses.replace(o, outcome_wanted=f"Better {o.area.value}") for o in plan.content.outcomes)
    actions = (
        ActionItem(
            uuid.uuid4(), "Walk Tobi to school", outcomes[0].id, owner, due_on=dt.date(2027, 1, 12), measure="90%"
        ),
    )
    content = dataclasses.replace(plan.content, outcomes=outcomes, actions=actions)
    version = service.save_draft(plan.id, plan.row_version, content)
    return service.agree(plan.id, version, "Adaeze and the TAF", agreed_on=AGREED_ON)


@pytest.fixture
def supporter(allocated) -> Actor:  # noqa: F811
    return Actor(None, "Ruth Adeyemi", Role.LEAD_PROFESSIONAL, professional_id=allocated.people["Ruth Adeyemi"])
