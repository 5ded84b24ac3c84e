"""The SMART check, version differences and the review schedule, without a database."""

from __future__ import annotations

import datetime as dt
import uuid

from tafdesk.models.enums import ActionStatus, NeedArea
from tafdesk.plans.content import ActionItem, OutcomeItem, Owner, PlanContent
from tafdesk.plans.schedule import next_review
from tafdesk.plans.smart import smart_problems
from tafdesk.plans.versions import differences

TODAY = dt.date(2026, 11, 25)
OWNER = Owner("professional", uuid.uuid4(), "Ruth Adeyemi (Family Support)")
SCHOOL = OutcomeItem(uuid.uuid4(), NeedArea.EDUCATION, "Attendance 68%", "Tobi attends school every day")


def action(**changes) -> ActionItem:
    values = dict(
        id=uuid.uuid4(),
        description="Walk Tobi to school",
        outcome_id=SCHOOL.id,
        owner=OWNER,
        due_on=dt.date(2027, 1, 5),
        measure="Attendance above 90% for four weeks",
    )
    return ActionItem(**{**values, **changes})


def test_a_complete_plan_has_no_problems():
    assert smart_problems(PlanContent(outcomes=(SCHOOL,), actions=(action(),)), TODAY) == []


def test_each_missing_part_is_named_at_its_action():
    plan = PlanContent(outcomes=(SCHOOL,), actions=(action(), action(owner=None, due_on=None, measure=" ")))
    problems = [(p.action_index, p.field) for p in smart_problems(plan, TODAY)]
    assert problems == [(1, "owner"), (1, "due_on"), (1, "measure")]


def test_past_due_date_is_flagged_but_done_actions_are_not_checked():
    late = action(due_on=dt.date(2026, 11, 1))
    done = action(due_on=dt.date(2026, 10, 1), status=ActionStatus.DONE, measure=None)
    [problem] = smart_problems(PlanContent(outcomes=(SCHOOL,), actions=(late, done)), TODAY)
    assert problem.message == "The due date, 01 Nov 2026, has passed."


def test_empty_plan_needs_outcomes_and_actions():
    assert [p.field for p in smart_problems(PlanContent(), TODAY)] == ["outcomes", "actions"]


def test_differences_in_words():
    first = action()
    old = PlanContent(strengths="Grandmother nearby", outcomes=(SCHOOL,), actions=(first,))
    copy_id, new_action_id = uuid.uuid4(), uuid.uuid4()
    new = PlanContent(
        strengths="Grandmother nearby; mother engaged",
        outcomes=(SCHOOL,),
        actions=(
            action(id=copy_id, due_on=dt.date(2027, 2, 1), status=ActionStatus.DONE),
            action(id=new_action_id, description="Referral to parenting course"),
        ),
    )
    changes = [(c.section, c.item, c.field, c.before, c.after) for c in differences(old, new, same={copy_id: first.id})]
    assert changes == [
        ("plan", "", "Strengths", "Grandmother nearby", "Grandmother nearby; mother engaged"),
        ("action", "Walk Tobi to school", "Due", "05 Jan 2027", "01 Feb 2027"),
        ("action", "Walk Tobi to school", "Status", "open", "done"),
        ("action", "Referral to parenting course", "", "", "added"),
    ]


def test_removed_items_are_listed():
    old = PlanContent(outcomes=(SCHOOL,), actions=(action(),))
    changes = differences(old, PlanContent(outcomes=(SCHOOL,)))
    assert [(c.section, c.before) for c in changes] == [("action", "removed")]


def test_review_falls_on_a_working_day():
    assert next_review(dt.date(2026, 11, 25)) == dt.date(2027, 1, 6)  # six weeks: a Wednesday
    assert next_review(dt.date(2026, 11, 20), 5) == dt.date(2026, 12, 29)  # Christmas and Boxing Day substitute pass


def test_smart_means_specific_observable_owned_timely_and_linked():
    vague = action(description="Support mum", measure="Things get better")
    watching = action(description="Monitor the situation", measure="Ongoing")
    distant = action(due_on=TODAY + dt.timedelta(days=365))
    unlinked = action(outcome_id=None)
    empty = OutcomeItem(uuid.uuid4(), NeedArea.HOUSING, "Rent arrears", "  ")
    hollow = action(outcome_id=empty.id)
    plan = PlanContent(outcomes=(SCHOOL, empty), actions=(vague, watching, distant, unlinked, hollow))
    problems = [(p.action_index, p.field) for p in smart_problems(plan, TODAY)]
    assert problems == [
        (None, "outcomes"),
        (0, "description"),
        (0, "measure"),
        (1, "description"),
        (1, "measure"),
        (2, "due_on"),
        (3, "outcome_id"),
        (4, "outcome_id"),
    ]
    by_place = {(p.action_index, p.field): p.message for p in smart_problems(plan, TODAY)}
    assert "housing" in by_place[(None, "outcomes")]
    assert "Due after the next review (by 6 Jan 2027)" in by_place[(2, "due_on")]
    assert "not \u201congoing\u201d or \u201cbetter\u201d" in by_place[(1, "measure")]


def test_specific_steps_and_observable_measures_pass():
    steps = [
        action(description="Support mum to attend the parenting course on Tuesdays", measure="Place confirmed"),
        action(description="Book a CAMHS appointment for Tobi", measure="Appointment date in writing"),
        action(description="Refer the family to the housing team", measure="Referral accepted by 18 December"),
    ]
    assert smart_problems(PlanContent(outcomes=(SCHOOL,), actions=tuple(steps)), TODAY) == []
