"""Merging a case's plan: base, mine and theirs read as rows (graph.py),
merged (merge.py), and given back as the PlanContent the plan service saves.

Each side's newest plan version is the one merged. Outcomes and actions are
matched by identity across versions: an item copied into a newer version
(revising, reviewing) remembers the one it was copied from, so each item is
keyed by the base version's item it descends from, or by its own id if it
is new on that side.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from tafdesk.models import ActionStatus, NeedArea
from tafdesk.offline.graph import CaseRows, Row
from tafdesk.offline.merge import Choose, Conflict, Merged, merge_fields, merge_items
from tafdesk.plans.content import ActionItem, OutcomeItem, Owner, PlanContent

PLAN_FIELDS = ("voice_of_child", "voice_of_parents", "strengths", "consent_confirmed_on", "review_interval_weeks")
OUTCOME_FIELDS = ("position", "area", "need", "outcome_wanted")
ACTION_FIELDS = (
    "position",
    "description",
    "outcome_id",
    "owner_professional_id",
    "owner_agency_id",
    "owner_person_id",
    "starts_on",
    "due_on",
    "measure",
    "status",
    "dropped_reason",
)
OWNERS = (("owner_professional_id", "professional"), ("owner_agency_id", "agency"), ("owner_person_id", "person"))


@dataclass
class Side:
    """One side's newest plan, its items keyed by identity."""

    plan: Row | None
    outcomes: dict[str, Row]
    actions: dict[str, Row]
    ids: dict[str, uuid.UUID]  # identity -> this side's own id


def newest_plan(rows: CaseRows) -> Row | None:
    plans = rows.of("taf_plan")
    return max(plans, key=lambda p: p["plan_version"]) if plans else None


def side(rows: CaseRows, base_ids: set[uuid.UUID]) -> Side:
    plan = newest_plan(rows)
    if plan is None:
        return Side(None, {}, {}, {})
    chain = {r["id"]: r["copied_from_id"] for name in ("taf_outcome", "taf_action") for r in rows.of(name)}

    def identity(item_id: uuid.UUID) -> str:
        at = item_id
        while at not in base_ids and chain.get(at):
            at = chain[at]
        return str(at if at in base_ids else item_id)

    ids: dict[str, uuid.UUID] = {}
    outcomes, actions = {}, {}
    for r in rows.of("taf_outcome"):
        if r["plan_id"] == plan["id"]:
            outcomes[identity(r["id"])] = r
            ids[identity(r["id"])] = r["id"]
    for r in rows.of("taf_action"):
        if r["plan_id"] == plan["id"]:
            key = identity(r["id"])
            actions[key] = {**r, "outcome_id": identity(r["outcome_id"]) if r["outcome_id"] else None}
            ids[key] = r["id"]
    return Side(plan, outcomes, actions, ids)


def base_item_ids(base: CaseRows) -> set[uuid.UUID]:
    plan = newest_plan(base)
    if plan is None:
        return set()
    return {r["id"] for name in ("taf_outcome", "taf_action") for r in base.of(name) if r["plan_id"] == plan["id"]}


@dataclass
class PlanMerge:
    merged: Merged
    plan_fields: Row
    outcomes: dict[str, Row]
    actions: dict[str, Row]
    changed: bool  # the result differs from the server's plan: something to send
    known: set[uuid.UUID]  # the base version's item ids, by which items are keyed


def merge_plan(base: CaseRows, mine: CaseRows, theirs: CaseRows, choose: Choose) -> PlanMerge | None:
    """None when there is no plan on my side (nothing to send)."""
    known = base_item_ids(base)
    b, m, t = side(base, known), side(mine, known), side(theirs, known)
    if m.plan is None:
        return None
    out = Merged()

    def plan_conflict(name, bv, mv, tv):
        theirs, mine = t.plan or {}, m.plan or {}
        return Conflict(
            "plan",
            "plan",
            name,
            "the plan",
            bv,
            mv,
            tv,
            theirs.get("updated_at"),
            mine.get("updated_at"),
            theirs.get("id"),
        )

    fields = merge_fields(b.plan or {}, m.plan, t.plan or {}, PLAN_FIELDS, plan_conflict, choose, out)
    outcomes = merge_items("outcome", b.outcomes, m.outcomes, t.outcomes, OUTCOME_FIELDS, choose, _outcome_label, out)
    actions = merge_items("action", b.actions, m.actions, t.actions, ACTION_FIELDS, choose, _action_label, out)
    changed = (
        t.plan is None
        or any(fields.get(f) != t.plan.get(f) for f in PLAN_FIELDS)
        or _differs(outcomes, t.outcomes, OUTCOME_FIELDS)
        or _differs(actions, t.actions, ACTION_FIELDS)
    )
    return PlanMerge(out, fields, outcomes, actions, changed, known)


def content(result: PlanMerge, target: Side) -> PlanContent:
    """The merged plan as content for the server's draft `target`: items it
    has keep its ids; items added offline keep theirs."""

    def real(key: str | None) -> uuid.UUID | None:
        return None if key is None else target.ids.get(key, uuid.UUID(key))

    def order(items: dict[str, Row]) -> list[tuple[str, Row]]:
        return sorted(items.items(), key=lambda kv: (kv[1]["position"], kv[0]))

    f = result.plan_fields
    return PlanContent(
        voice_of_child=f.get("voice_of_child"),
        voice_of_parents=f.get("voice_of_parents"),
        strengths=f.get("strengths"),
        consent_confirmed_on=f.get("consent_confirmed_on"),
        review_interval_weeks=f.get("review_interval_weeks") or 6,
        outcomes=tuple(
            OutcomeItem(real(k), NeedArea(o["area"]), o["need"], o["outcome_wanted"])  # type: ignore[arg-type]
            for k, o in order(result.outcomes)
        ),
        actions=tuple(
            ActionItem(
                real(k),  # type: ignore[arg-type]
                a["description"],
                real(a["outcome_id"]),
                _owner(a),
                a["starts_on"],
                a["due_on"],
                a["measure"],
                ActionStatus(a["status"]),
                a["dropped_reason"],
            )
            for k, a in order(result.actions)
        ),
    )


def _owner(action: Row) -> Owner | None:
    for column, kind in OWNERS:
        if action.get(column):
            return Owner(kind, action[column], "")
    return None


def _differs(merged: dict[str, Row], theirs: dict[str, Row], fields: tuple[str, ...]) -> bool:
    if merged.keys() != theirs.keys():
        return True
    return any(merged[k].get(f) != theirs[k].get(f) for k in merged for f in fields)


def _outcome_label(row: Row) -> str:
    return f"outcome “{(row.get('outcome_wanted') or row.get('need') or '')[:60]}”"


def _action_label(row: Row) -> str:
    return f"action “{(row.get('description') or '')[:60]}”"
