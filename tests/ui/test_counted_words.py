"""Counts read as English: "1 day overdue", "every 1 week", never "1 days"
or "1 weeks", on screen and in the plan document."""

# ruff: noqa: F811 (the fixtures imported from tests/plans and tests/meetings are parameters here)
from __future__ import annotations

import dataclasses
import datetime as dt

from plan_helpers import agreed_plan, member
from PySide6.QtWidgets import QSpinBox

from tafdesk.exports.builders.plan import build_plan
from tafdesk.ui.count_spin import follow_count
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.plans.family_tab import FamilyTab
from tafdesk.ui.text import plural, working_days
from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)


def test_one_is_singular_and_any_other_count_plural():
    assert [working_days(n) for n in (0, 1, 2)] == ["0 working days", "1 working day", "2 working days"]
    assert plural(1, "family", "families") == "1 family" and plural(3, "family", "families") == "3 families"


def test_a_number_box_unit_follows_its_number(qtbot):
    spin = QSpinBox(minimum=0, maximum=9)
    qtbot.addWidget(spin)
    unit = follow_count(spin, "week", "weeks")
    assert spin.text() == "0 weeks"
    spin.setValue(1)
    assert spin.text() == "1 week"
    spin.blockSignals(True)
    spin.setValue(2)
    spin.blockSignals(False)
    unit(2)
    assert spin.text() == "2 weeks"


def _weekly_plan(world):
    """The allocated family's agreed plan, as if reviewed every week."""
    plan = agreed_plan(world, member(world, "Tomas Okafor"))
    return dataclasses.replace(plan, content=dataclasses.replace(plan.content, review_interval_weeks=1))


def test_a_review_one_day_late_and_a_weekly_review_are_singular(qtbot, allocated):
    plan = _weekly_plan(allocated)
    tab = FamilyTab(
        PlanDocument(plan.content, editable=False), lambda *_: None, plan.next_review_on + dt.timedelta(days=1)
    )
    qtbot.addWidget(tab)
    tab.show_plan(plan)
    assert tab.next_review.text().endswith(" — 1 day overdue")
    assert tab.interval.text() == "1 week"
    assert "Reviewed every: 1 week\n" in build_plan(plan, None, "Tomas Okafor").text() + "\n"
