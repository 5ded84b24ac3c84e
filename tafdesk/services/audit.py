"""Writing the audit trail, inside the same transaction as the change.

Recording an event also says what changed (db/changes.py): once the
transaction commits, every screen here and on other computers hears of it.
Give `locality_id`, `meeting_id` and `case_id` where they are known, so that
a screen showing one meeting, locality or family can tell whether the change
is its business.

An event's values (the old and new field values) are written beside it, in
audit_value, so that retention can anonymise them later; the database links
each event into the keyed chain as it is written (tafdesk/db/audit_chain.py).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from tafdesk import models  # loaded on first use
from tafdesk.db.changes import gathered
from tafdesk.ids import new_id
from tafdesk.services.actor import Actor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tafdesk.db.rowset import RowSet

# An anonymisation's own event: its values name the events it anonymised,
# which verification checks against, so it is never anonymised itself.
VALUES_ANONYMISED = "audit.values_anonymised"


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    changes: dict[str, Any] | None = None,
    *,
    locality_id: uuid.UUID | None = None,
    meeting_id: uuid.UUID | None = None,
    case_id: uuid.UUID | None = None,
    look: bool = False,
    event_id: uuid.UUID | None = None,
) -> models.AuditEvent:
    """Record the event in session's transaction, and announce the change
    (`look`: a look at a record, which changes nothing but the trail;
    `event_id`: an event first recorded in an offline copy keeps its id)."""
    values = _values(changes)
    event = models.AuditEvent(
        id=event_id or new_id(),
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        has_values=values is not None,
    )
    session.add(event)
    if values is not None:  # written after the event (the session orders rows by their foreign keys)
        session.add(models.AuditValue(id=event.id, changes=values))
    if meeting_id is None and entity_type == "meeting":
        meeting_id = entity_id
    if case_id is None and entity_type == "case":
        case_id = entity_id
    gathered(session).add(
        entity_type,
        entity_id,
        action=action,
        locality_id=locality_id,
        meeting_id=meeting_id,
        case_id=case_id,
        look=look,
    )
    return event


def queue(
    rows: RowSet,
    actor_id: uuid.UUID | None,
    actor_name: str,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    changes: dict[str, Any] | None = None,
    occurred_at: dt.datetime | None = None,
    *,
    locality_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """An audit event (and its values) added to rows for a bulk insert; its
    id. The change is announced when the rows are written (RowSet.insert_all)."""
    values = _values(changes)
    when = {} if occurred_at is None else {"occurred_at": occurred_at}
    event_id = rows.add(
        models.AuditEvent,
        actor_id=actor_id,
        actor_name=actor_name,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        has_values=values is not None,
        **when,
    )
    if values is not None:
        rows.add(models.AuditValue, id=event_id, changes=values)
    rows.changes.add(entity_type, entity_id, action=action, locality_id=locality_id)
    return event_id


def anonymise_values(session: Session, actor: Actor, event_ids: Collection[uuid.UUID]) -> int:
    """Replace these events' values by their field names alone (each value
    "[anonymised]"), keeping the chain whole, and record that it was done
    (verification accepts anonymised values only where such a record names
    them). Returns how many were anonymised; values already anonymised, and
    an anonymisation's own, are left as they are. On PostgreSQL only an
    administrator or the owner may (the server refuses anyone else)."""
    from tafdesk.db import audit_chain
    from tafdesk.models.utc import utcnow

    done = audit_chain.anonymise(session.connection(), sorted(set(event_ids)), utcnow(), VALUES_ANONYMISED)
    if done:
        record(session, actor, VALUES_ANONYMISED, "audit_event", None, {"events": [None, [str(i) for i in done]]})
    return len(done)


def _values(changes: dict[str, Any] | None) -> str | None:
    return json.dumps(changes, default=_plain, ensure_ascii=False, sort_keys=True) if changes else None


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"cannot record {type(value).__name__} in the audit log")
