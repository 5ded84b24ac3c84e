"""Changes to a plan's content, as new PlanContent values: what the editor's
undoable commands apply and take back. Plain Python: no Qt here."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from tafdesk.models.enums import ActionStatus, NeedArea
from tafdesk.plans.content import ActionItem, OutcomeItem, PlanContent
from tafdesk.services.draft_journal import TypedText

PLAN_TEXT_FIELDS = ("voice_of_child", "voice_of_parents", "strengths")
PLAN_FIELDS = (*PLAN_TEXT_FIELDS, "consent_confirmed_on", "review_interval_weeks")
ACTION_TEXT_FIELDS = ("description", "measure")
OUTCOME_TEXT_FIELDS = ("need", "outcome_wanted")


def with_field(content: PlanContent, name: str, value: Any) -> PlanContent:
    if name not in PLAN_FIELDS:
        raise KeyError(name)
    return dataclasses.replace(content, **{name: value})


def action_index(content: PlanContent, action_id: uuid.UUID) -> int:
    return next(i for i, a in enumerate(content.actions) if a.id == action_id)


def outcome_index(content: PlanContent, outcome_id: uuid.UUID) -> int:
    return next(i for i, o in enumerate(content.outcomes) if o.id == outcome_id)


def with_action(content: PlanContent, action_id: uuid.UUID, **changes: Any) -> PlanContent:
    index = action_index(content, action_id)
    actions = list(content.actions)
    actions[index] = dataclasses.replace(actions[index], **changes)
    return dataclasses.replace(content, actions=tuple(actions))


def with_outcome(content: PlanContent, outcome_id: uuid.UUID, **changes: Any) -> PlanContent:
    index = outcome_index(content, outcome_id)
    outcomes = list(content.outcomes)
    outcomes[index] = dataclasses.replace(outcomes[index], **changes)
    return dataclasses.replace(content, outcomes=tuple(outcomes))


def inserted(content: PlanContent, index: int, item: ActionItem | OutcomeItem) -> PlanContent:
    name = "actions" if isinstance(item, ActionItem) else "outcomes"
    items = list(getattr(content, name))
    items.insert(max(0, min(index, len(items))), item)
    changes: dict[str, Any] = {name: tuple(items)}
    return dataclasses.replace(content, **changes)


def removed(content: PlanContent, item_id: uuid.UUID) -> tuple[PlanContent, int, ActionItem | OutcomeItem]:
    """The content without the item, where it was, and the item."""
    for name in ("actions", "outcomes"):
        items = list(getattr(content, name))
        for index, item in enumerate(items):
            if item.id == item_id:
                del items[index]
                changes: dict[str, Any] = {name: tuple(items)}
                return dataclasses.replace(content, **changes), index, item
    raise KeyError(item_id)


def new_action(outcome_id: uuid.UUID | None = None) -> ActionItem:
    return ActionItem(uuid.uuid4(), "", outcome_id)


def new_outcome(content: PlanContent) -> OutcomeItem:
    """An outcome in the first headline area the plan does not cover yet."""
    used = {o.area for o in content.outcomes}
    area = next((a for a in NeedArea if a not in used), NeedArea.FAMILY_RELATIONSHIPS)
    return OutcomeItem(uuid.uuid4(), area, "", "")


def cell_text(field: str, text: str) -> str | None:
    """What a text cell of the tables keeps: trimmed; a blank measure is None."""
    text = text.strip()
    return (text or None) if field == "measure" else text


def with_typed(content: PlanContent, typed: TypedText | None) -> PlanContent:
    """The content with text that was being typed put in its cell, as if committed
    (unchanged if its action or outcome is no longer there)."""
    if typed is None:
        return content
    if typed.field in ACTION_TEXT_FIELDS and any(a.id == typed.item_id for a in content.actions):
        return with_action(content, typed.item_id, **{typed.field: cell_text(typed.field, typed.text)})
    if typed.field in OUTCOME_TEXT_FIELDS and any(o.id == typed.item_id for o in content.outcomes):
        return with_outcome(content, typed.item_id, **{typed.field: cell_text(typed.field, typed.text)})
    return content


def text_value(text: str) -> str | None:
    """What a text box holds, as the plan keeps it: None when left empty."""
    return text if text.strip() else None


def status_change(status: ActionStatus, reason: str | None) -> dict[str, Any]:
    """The fields an action's status change sets together."""
    return {"status": status, "dropped_reason": (reason or None) if status is ActionStatus.DROPPED else None}


def before_agreeing(content: PlanContent, today: Any) -> list:
    """What the SMART check asks of a plan, and the consent agreeing needs too,
    as SmartProblems (plan-wide ones have no action index)."""
    from tafdesk.plans.smart import SmartProblem, smart_problems

    problems = smart_problems(content, today)
    if content.consent_confirmed_on is None:
        problems.append(SmartProblem(None, "consent_confirmed_on", "Record when the family gave consent to the plan."))
    return problems
