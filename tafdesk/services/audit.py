"""Writing the audit trail, inside the same transaction as the change.

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
) -> models.AuditEvent:
    values = _values(changes)
    event = models.AuditEvent(id=uuid.uuid4(), actor_id=actor.user_id, actor_name=actor.name, action=action,
                              entity_type=entity_type, entity_id=entity_id, has_values=values is not None)  # fmt: skip
    session.add(event)
    if values is not None:  # written after the event (the session orders rows by their foreign keys)
        session.add(models.AuditValue(id=event.id, changes=values))
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
) -> uuid.UUID:
    """An audit event (and its values) added to rows for a bulk insert; its id."""
    values = _values(changes)
    when = {} if occurred_at is None else {"occurred_at": occurred_at}
    event_id = rows.add(models.AuditEvent, actor_id=actor_id, actor_name=actor_name, action=action,
                        entity_type=entity_type, entity_id=entity_id, has_values=values is not None, **when)  # fmt: skip
    if values is not None:
        rows.add(models.AuditValue, id=event_id, changes=values)
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
