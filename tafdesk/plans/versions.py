"""What changed between two versions of a plan, in words."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass
from typing import Any

from tafdesk.plans.content import ActionItem, OutcomeItem, PlanContent

PLAN_FIELDS = {
    "voice_of_child": "Voice of the child",
    "voice_of_parents": "Voice of the parents",
    "strengths": "Strengths",
    "consent_confirmed_on": "Consent confirmed",
    "review_interval_weeks": "Review every (weeks)",
}


@dataclass(frozen=True)
class Change:
    section: str  # "plan", "outcome" or "action"
    item: str  # which outcome or action, in words
    field: str
    before: str
    after: str


def differences(old: PlanContent, new: PlanContent, *, same: dict[uuid.UUID, uuid.UUID] | None = None) -> list[Change]:
    """Changes from old to new. Outcomes and actions are matched by id, or by
    `same` (any item's id -> the id of the original it was copied from) where
    versions hold copies with ids of their own."""
    same = same or {}
    changes = [
        Change("plan", "", label, _text(getattr(old, name)), _text(getattr(new, name)))
        for name, label in PLAN_FIELDS.items()
        if getattr(old, name) != getattr(new, name)
    ]
    changes += _compare(
        "outcome",
        {same.get(o.id, o.id): _outcome_row(o) for o in old.outcomes},
        {same.get(o.id, o.id): _outcome_row(o) for o in new.outcomes},
    )
    changes += _compare(
        "action",
        {same.get(a.id, a.id): _action_row(a, old) for a in old.actions},
        {same.get(a.id, a.id): _action_row(a, new) for a in new.actions},
    )
    return changes


def _compare(section: str, old: dict, new: dict) -> list[Change]:
    changes = []
    for key, row in new.items():
        name = next(iter(row.values()))
        before = old.get(key)
        if before is None:
            changes.append(Change(section, name, "", "", "added"))
            continue
        changes += [
            Change(section, name, label, before[label], text) for label, text in row.items() if before[label] != text
        ]
    changes += [
        Change(section, next(iter(row.values())), "", "removed", "") for key, row in old.items() if key not in new
    ]
    return changes


def _outcome_row(o: OutcomeItem) -> dict[str, str]:
    return {"Outcome wanted": o.outcome_wanted, "Area": o.area.label, "Need": o.need}


def _action_row(a: ActionItem, plan: PlanContent) -> dict[str, str]:
    outcome = next((o.outcome_wanted or o.need for o in plan.outcomes if o.id == a.outcome_id), "")
    return {
        "Action": a.description,
        "Owner": a.owner.label if a.owner else "",
        "Start": _text(a.starts_on),
        "Due": _text(a.due_on),
        "Measure": a.measure or "",
        "Status": _text(a.status),
        "Why dropped": a.dropped_reason or "",
        "Outcome": outcome,
    }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d %b %Y")
    if isinstance(value, enum.Enum):
        return str(value.value).replace("_", " ")
    return str(value)
