"""Who made each side of a sync's conflicts: the server's side from its
audit trail, the copy's from the copy itself (its taker, and when the row
was saved offline).

The server's trail is read once per case: the plan's audited changes (a
review, agreeing, revising, a follow-up of an action, another copy's sync)
of the case's plan versions, its items in conflict and the case itself,
since the copy's base was read. A conflict names the newest event on its
record, or on its plan or case, made when the server's row was last changed.
A draft saved on the server is not audited (each save is an autosave): its
plan version keeps who saved it last, named when the row changed at that
save. On PostgreSQL a lead or manager reads no plan events (row-level
security), so only those saves are named there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.models import AuditEvent
from tafdesk.offline.graph import CaseRows
from tafdesk.offline.merge import Conflict

# The audited actions that change a plan's fields or items.
CHANGES = (
    "plan.started",
    "plan.agreed",
    "plan.revised",
    "plan.reviewed",
    "plan.needs_from_assessment",
    "action.followed_up",
    "case.synced_from_offline",
)
# An event written in the change's own transaction is within this of the row's time.
SAME_CHANGE = dt.timedelta(minutes=2)


def named(
    s: Session,
    case_id: uuid.UUID,
    conflicts: Sequence[Conflict],
    theirs: CaseRows,
    since: dt.datetime | None,
    taker: str | None,
) -> list[Conflict]:
    """The conflicts with who changed each side, where that is known."""
    plans = {p["id"] for p in theirs.of("taf_plan")} | {case_id}
    events = _events(s, plans | {c.theirs_id for c in conflicts if c.theirs_id}, since)
    saves = [(p["updated_at"], p["saved_by"], p["id"]) for p in theirs.of("taf_plan") if p.get("saved_by")]
    saves = [save for save in saves if since is None or save[0] > since]
    events = sorted(events + saves, key=lambda event: event[0], reverse=True)
    return [dataclasses.replace(c, theirs_changed_by=_by(c, events, plans), mine_changed_by=taker) for c in conflicts]


def _events(s: Session, ids: set[uuid.UUID], since: dt.datetime | None) -> list[tuple[dt.datetime, str, uuid.UUID]]:
    """Newest first; only the rows this user may read (RLS on PostgreSQL)."""
    query = select(AuditEvent.occurred_at, AuditEvent.actor_name, AuditEvent.entity_id).where(
        AuditEvent.entity_id.in_(ids), AuditEvent.action.in_(CHANGES)
    )
    if since is not None:
        query = query.where(AuditEvent.occurred_at > since)  # what came before was in the base
    return [tuple(row) for row in s.execute(query.order_by(AuditEvent.occurred_at.desc()))]  # type: ignore[misc]


def _by(conflict: Conflict, events: list[tuple[dt.datetime, str, uuid.UUID]], plans: set[uuid.UUID]) -> str | None:
    changed = conflict.theirs_changed_at
    for at, name, entity in events:
        if (entity == conflict.theirs_id or entity in plans) and (changed is None or abs(at - changed) <= SAME_CHANGE):
            return name
    return None
