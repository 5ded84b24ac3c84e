"""My cases: what a lead professional should look at first."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from tafdesk.plans.content import ActionItem
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.my_cases import MyCasesService
from tafdesk.services.plans import PlanService
from tests.meetings.conftest import CHAIR


def test_my_cases_lists_led_and_supported_cases_most_urgent_first(allocated, lead):
    plans = PlanService(allocated.db, lead, today=dt.date(2026, 10, 20))
    plan = plans.start(allocated.case_id)
    owner = plans.owner_choices(allocated.case_id)[0]
    outcomes = tuple(dataclasses.replace(o, outcome_wanted="Better") for o in plan.content.outcomes)
    actions = tuple(
        ActionItem(
            uuid.uuid4(),
            f"Visit the family at home, visit {n}",
            outcomes[0].id,
            owner,
            due_on=due,
            measure="Visit recorded",
        )
        for n, due in enumerate((dt.date(2026, 10, 20), dt.date(2026, 11, 10), dt.date(2026, 11, 30)))
    )
    version = plans.save_draft(
        plan.id, plan.row_version, dataclasses.replace(plan.content, outcomes=outcomes, actions=actions)
    )
    plans.agree(plan.id, version, "TAF", agreed_on=dt.date(2026, 10, 1))  # review due 12 Nov; the last action after it

    [mine] = MyCasesService(allocated.db, lead, today=dt.date(2026, 11, 25)).cases()
    assert (mine.role, mine.plan_version, mine.next_review_on) == ("Lead", 1, dt.date(2026, 11, 12))
    assert (mine.review_overdue_days, mine.overdue_actions, mine.open_actions) == (13, 2, 3)

    ruth = allocated.people["Ruth Adeyemi"]
    with pytest.raises(PermissionDenied, match="may not see a colleague's cases"):
        MyCasesService(allocated.db, lead, today=dt.date(2026, 11, 25)).cases(ruth)
    [theirs] = MyCasesService(allocated.db, CHAIR, today=dt.date(2026, 11, 25)).cases(ruth)  # her manager may
    assert theirs.role == "Supporting"


def test_urgency_orders_overdue_reviews_then_missing_plans_then_actions():
    from tafdesk.models import PlanStatus
    from tafdesk.services.my_cases import MyCase

    def case(name, status, late, overdue, review):
        return MyCase(uuid.uuid4(), name, name, "Lead", status, 1, review, late, overdue, overdue)

    rows = [
        case("calm", PlanStatus.AGREED, 0, 0, dt.date(2027, 1, 5)),
        case("late", PlanStatus.AGREED, 9, 0, dt.date(2026, 11, 1)),
        case("noplan", None, 0, 0, None),
        case("actions", PlanStatus.AGREED, 0, 3, dt.date(2027, 1, 20)),
    ]
    assert [r.case_reference for r in sorted(rows, key=lambda r: r.urgency)] == ["late", "noplan", "actions", "calm"]
