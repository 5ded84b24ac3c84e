"""A family allocated to Tomas Okafor with a draft plan, ready to take offline."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.services.plans import PlanService
from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated, lead  # noqa: F401 (fixtures)
from tests.plans.test_plan_service import TODAY, _complete

PASSWORD = "correct horse battery"


@pytest.fixture
def with_draft(allocated, lead):  # noqa: F811
    """The allocated family's plan: a complete draft with two actions."""
    plans = PlanService(allocated.db, lead, today=TODAY)
    plan = plans.start(allocated.case_id)
    plans.save_draft(plan.id, plan.row_version, _complete(plans, plan))
    allocated.plan_id = plan.id
    allocated.reference = plan.case_reference
    return allocated


@pytest.fixture
def copy_path(tmp_path):
    return tmp_path / "away" / "offline.tafcopy"


@pytest.fixture(autouse=True)
def _today():
    """Notes and reviews are checked against today: the world's today."""
    from tafdesk import clock

    with clock.pinned(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)):
        yield
