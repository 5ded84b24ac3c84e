"""Changes told to other computers on PostgreSQL: a NOTIFY on one channel,
sent in the writing transaction (so the server delivers it only if that
commits), read by every tafdesk process LISTENing on the same database.

The payload is JSON naming kinds of record, ids, localities, meetings and
actions only, and which process sent it (so that it can ignore its own).
The server takes at most 8000 bytes: past that the ids go ("some of them"),
then everything becomes one "read everything again".
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from tafdesk.db.changes import Change, everything

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANNEL = "tafdesk_changes"
LIMIT = 7900  # bytes; the server's limit is 8000
_NOTIFY = text("SELECT pg_notify(:channel, :payload)")


def notify(conn: Connection | Session, origin: str, changes: Sequence[Change]) -> None:
    conn.execute(_NOTIFY, {"channel": CHANNEL, "payload": payload(origin, changes)})


def payload(origin: str, changes: Sequence[Change]) -> str:
    for named in (True, False):
        text_ = _encode(origin, changes, named)
        if len(text_.encode()) <= LIMIT:
            return text_
    return _encode(origin, [everything()], False)


def _encode(origin: str, changes: Sequence[Change], named: bool) -> str:
    rows = [
        [
            c.entity,
            c.action,
            _hex(c.locality_id),
            _hex(c.meeting_id),
            _hex(c.case_id),
            int(c.look),
            sorted(i.hex for i in c.ids) if named else [],
        ]
        for c in changes
    ]
    return json.dumps({"o": origin, "c": rows}, separators=(",", ":"))


def _hex(value: uuid.UUID | None) -> str | None:
    return value.hex if value is not None else None


def read(text_: str) -> tuple[str, list[Change]]:
    """(the sending process, its changes). Anything unreadable is "read
    everything again" from an unknown sender: never an error."""
    try:
        data = json.loads(text_)
        changes = [
            Change(
                str(entity),
                str(action),
                frozenset(uuid.UUID(i) for i in ids),
                _uuid(locality),
                _uuid(meeting),
                _uuid(case),
                bool(look),
            )
            for entity, action, locality, meeting, case, look, ids in data["c"]
        ]
        return str(data["o"]), changes
    except (ValueError, TypeError, KeyError, AttributeError):
        log.warning("a change notification could not be read: reading everything again")
        return "", [everything()]


def _uuid(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value is not None else None
