"""The SMART check: every action needs an owner, a due date and a way to know
it is done; a due date already past is flagged. A draft may be saved with any
of these; agreeing a plan needs them all put right."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tafdesk.models.enums import ActionStatus
from tafdesk.plans.content import PlanContent


@dataclass(frozen=True)
class SmartProblem:
    action_index: int | None  # None: about the plan as a whole
    field: str
    message: str


def smart_problems(plan: PlanContent, today: dt.date) -> list[SmartProblem]:
    problems = []
    if not plan.outcomes:
        problems.append(SmartProblem(None, "outcomes", "The plan needs at least one outcome the family wants."))
    if not plan.actions:
        problems.append(SmartProblem(None, "actions", "The plan needs at least one action."))
    outcome_ids = {o.id for o in plan.outcomes}
    for index, action in enumerate(plan.actions):
        if action.status is not ActionStatus.OPEN:
            continue
        if not action.description.strip():
            problems.append(SmartProblem(index, "description", "Say what will be done."))
        if action.owner is None:
            problems.append(SmartProblem(index, "owner", "Who will do it? Choose a professional, an agency or a family member."))
        if action.due_on is None:
            problems.append(SmartProblem(index, "due_on", "By when? Give a due date."))
        elif action.due_on < today:
            problems.append(SmartProblem(index, "due_on", f"The due date, {action.due_on:%d %b %Y}, has passed."))
        if not (action.measure or "").strip():
            problems.append(SmartProblem(index, "measure", "How will we know it is done? Describe the measure."))
        if action.starts_on and action.due_on and action.due_on < action.starts_on:
            problems.append(SmartProblem(index, "due_on", "The due date is before the start date."))
        if action.outcome_id is not None and action.outcome_id not in outcome_ids:
            problems.append(SmartProblem(index, "outcome_id", "This action's outcome is no longer in the plan."))
    return problems
