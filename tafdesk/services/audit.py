"""Writing the audit trail, inside the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from typing import TYPE_CHECKING, Any

from tafdesk import models  # loaded on first use
from tafdesk.services.actor import Actor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    changes: dict[str, Any] | None = None,
) -> models.AuditEvent:
    event = models.AuditEvent(**row(actor, action, entity_type, entity_id, changes))
    session.add(event)
    return event


def row(
    actor: Actor, action: str, entity_type: str, entity_id: uuid.UUID | None, changes: dict[str, Any] | None = None
) -> dict[str, Any]:
    """An audit event as column values, for bulk inserts."""
    return {
        "id": uuid.uuid4(),
        "actor_id": actor.user_id,
        "actor_name": actor.name,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "changes": json.dumps(changes, default=_plain, ensure_ascii=False, sort_keys=True) if changes else None,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"cannot record {type(value).__name__} in the audit log")
