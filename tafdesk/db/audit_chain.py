"""The audit trail's keyed chain, as the database keeps it.

Every audit event gets a link (audit_link) when it is written: its number in
the chain (seq, from 1, no gaps), the previous link's MAC, and an
HMAC-SHA256 over those, the event's columns and a keyed MAC of its values.
Whoever edits, removes or reorders an event without the key leaves a link
that no longer verifies. The links are made by the database itself, so that
no writer can leave one out:

- PostgreSQL: a deferred trigger calls a SECURITY DEFINER function owned by
  the owner role, at commit, under a transaction advisory lock (one chain,
  however many write at once); the keys are in a table only the owner reads
  (migration 0017 has the SQL).
- SQLite: a trigger calls `tafdesk_audit_link`, a function tafdesk registers
  on each connection it opens (below), with the key from outside the file
  (audit_keys.py). Writers take turns already (BEGIN IMMEDIATE). A program
  other than tafdesk cannot add an event at all: the function is not there.

Both give verification the same rows (`link_checks`); SQLite's MACs are
worked out here, PostgreSQL's by the server, which never lets the key out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, cast

from sqlalchemy import Connection, text

from tafdesk.db import audit_keys

log = logging.getLogger(__name__)

# What a MAC is of: its kind, then each field as its length and text, so that
# no two different sets of fields read the same. (PostgreSQL's are the same
# in form, over the server's own text of each column.)
LINK_TAG = "tafdesk audit link 1"
VALUES_TAG = "tafdesk audit values 1"
# The event's columns a link covers, in order (those SQLite's trigger passes).
EVENT_COLUMNS = ("id", "occurred_at", "actor_id", "actor_name", "action", "entity_type", "entity_id", "has_values")
ANONYMISED = "[anonymised]"


def _message(tag: str, fields: Iterable[object]) -> bytes:
    parts = [tag]
    for value in fields:
        shown = "" if value is None else str(value)
        parts.append(f"{len(shown)}:{shown}")
    return "".join(parts).encode("utf-8")


def _mac(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def values_mac(key: bytes, changes: str | None) -> str:
    return _mac(key, _message(VALUES_TAG, (changes,)))


def link_mac(key: bytes, seq: int, prev_mac: str | None, event: Sequence[object], values: str | None) -> str:
    return _mac(key, _message(LINK_TAG, (seq, prev_mac, *event, values)))


# -- SQLite: linking, by a function the triggers call --------------------------


def register(dbapi_connection) -> None:
    """Make `tafdesk_audit_link` callable on this SQLite connection."""
    dbapi_connection.create_function("tafdesk_audit_link", 3 + len(EVENT_COLUMNS) + 1, _Linker())


class _Linker:
    """The new link for one event, as the trigger stores it: its segment (32
    hex digits), its MAC (64) and its values' MAC (64, or nothing when the
    event has none). The head's segment goes on while its key is here.

    Should SQLite call it more than once for one link (the trigger takes three
    parts of what it returns), the same arguments give the same link: a new
    segment begun on this connection after a given head is kept for it."""

    def __init__(self) -> None:
        self._begun: dict[str | None, tuple[str, bytes]] = {}  # head's segment -> the new one after it

    def __call__(self, seq: int, prev_mac: str | None, head_segment: str | None, *event_and_changes: object) -> str:
        try:
            *event, changes = event_and_changes
            segment, key = self._segment_after(head_segment)
            # The trigger passes audit_value.changes: text, or NULL.
            values = values_mac(key, cast("str | None", changes)) if event[-1] else None  # has_values
            return f"{segment}{link_mac(key, seq, prev_mac, event, values)}{values or ''}"
        except Exception as exc:  # SQLite would report only that the function failed
            from tafdesk.logs import log_unexpected

            log_unexpected(log, "linking an audit event", exc)
            raise

    def _segment_after(self, head_segment: str | None) -> tuple[str, bytes]:
        key = audit_keys.key_for(head_segment) if head_segment else None
        if head_segment and key is not None:
            return head_segment, key
        if head_segment not in self._begun:
            self._begun[head_segment] = audit_keys.new_segment()
        return self._begun[head_segment]


# -- verification --------------------------------------------------------------


class LinkCheck(NamedTuple):
    """One link and its event as verification sees them, in chain order;
    then the events no link names (seq None)."""

    seq: int | None
    event_id: uuid.UUID | None
    occurred_at: dt.datetime | None  # None: the link's event is gone
    action: str | None
    segment: uuid.UUID | None
    prev_mac: str | None
    mac: str | None
    key_held: bool
    mac_ok: bool | None  # None: the segment's key is not held here
    has_values: bool | None
    values_mac: str | None
    values_state: str  # absent, anonymised, held (key not here), intact or changed


def link_checks(conn: Connection) -> Iterator[LinkCheck]:
    if conn.dialect.name == "sqlite":
        yield from _sqlite_checks(conn)
        return
    # The server checks each MAC; the key never leaves it (administrators and the owner only).
    rows = conn.execution_options(stream_results=True, yield_per=5000).exec_driver_sql(
        "SELECT * FROM tafdesk_audit_links()"
    )
    for row in rows:
        yield LinkCheck(*row)


_SQLITE_LINKS = (
    f"SELECT l.seq, l.id, l.segment, l.prev_mac, l.mac, l.values_mac, "  # noqa: S608 (names from the code, values bound)
    f"{', '.join('e.' + c for c in EVENT_COLUMNS)}, v.id IS NOT NULL, v.anonymised_at IS NOT NULL, v.changes "
    "FROM audit_link l LEFT JOIN audit_event e ON e.id = l.id LEFT JOIN audit_value v ON v.id = l.id "
    "ORDER BY l.seq"
)
_SQLITE_UNLINKED = (
    "SELECT e.id, e.occurred_at, e.action, e.has_values FROM audit_event e "
    "WHERE NOT EXISTS (SELECT 1 FROM audit_link l WHERE l.id = e.id) "
    "ORDER BY e.occurred_at"
)


def _sqlite_checks(conn: Connection) -> Iterator[LinkCheck]:
    for seq, event_id, segment, prev_mac, mac, vmac, *rest in conn.exec_driver_sql(_SQLITE_LINKS):
        event, (held, anonymised, changes) = rest[: len(EVENT_COLUMNS)], rest[len(EVENT_COLUMNS) :]
        key = audit_keys.key_for(segment)
        present = event[0] is not None
        mac_ok = (
            None if key is None or not present else hmac.compare_digest(mac, link_mac(key, seq, prev_mac, event, vmac))
        )
        state = (
            "absent"
            if not held
            else "anonymised"
            if anonymised
            else "held"
            if key is None
            else "intact"
            if vmac is not None and hmac.compare_digest(vmac, values_mac(key, changes))
            else "changed"
        )
        yield LinkCheck(
            seq,
            _uuid(event_id),
            _when(event[1]),
            event[4],
            _uuid(segment),
            prev_mac,
            mac,
            key is not None,
            mac_ok,
            bool(event[-1]) if present else None,
            vmac,
            state,
        )
    for event_id, occurred_at, action, has_values in conn.exec_driver_sql(_SQLITE_UNLINKED):
        yield LinkCheck(
            None,
            _uuid(event_id),
            _when(occurred_at),
            action,
            None,
            None,
            None,
            False,
            None,
            bool(has_values),
            None,
            "absent",
        )


def head(conn: Connection) -> tuple[int, dt.datetime | None, str] | None:
    """The chain's last link: (seq, its event's time, its MAC), or None if empty."""
    if conn.dialect.name == "sqlite":
        row = conn.exec_driver_sql(
            "SELECT l.seq, e.occurred_at, l.mac FROM audit_link l "
            "LEFT JOIN audit_event e ON e.id = l.id ORDER BY l.seq DESC LIMIT 1"
        ).first()
        return None if row is None else (row[0], _when(row[1]), row[2])
    row = conn.exec_driver_sql("SELECT * FROM tafdesk_audit_head()").first()
    return None if row is None or row[0] is None else (row[0], row[1], row[2])


def anonymise(conn: Connection, event_ids: Sequence[uuid.UUID], now: dt.datetime, never: str) -> list[uuid.UUID]:
    """Replace the values of these events by their field names, each
    "[anonymised]" (events whose action is `never` are left alone); the ids
    of those that were. On PostgreSQL through the owner's function
    (administrators may call it), since nobody else may change a value."""
    if not event_ids:
        return []
    if conn.dialect.name != "sqlite":
        rows = conn.execute(
            text("SELECT * FROM tafdesk_audit_anonymise(CAST(:ids AS uuid[]))"), {"ids": list(event_ids)}
        )
        return sorted(row[0] for row in rows)
    from sqlalchemy import bindparam

    from tafdesk.models.utc import UTCDateTime

    statement = text(
        f"UPDATE audit_value SET changes = (SELECT json_group_object(key, '{ANONYMISED}') FROM json_each(changes)), "  # noqa: S608 (names from the code, values bound)
        "anonymised_at = :now, updated_at = :now, version = version + 1 "
        "WHERE id IN :ids AND anonymised_at IS NULL AND id NOT IN (SELECT id FROM audit_event WHERE action = :never) "
        "RETURNING id"
    ).bindparams(bindparam("now", type_=UTCDateTime()), bindparam("ids", expanding=True))
    rows = conn.execute(statement, {"now": now, "ids": [i.hex for i in event_ids], "never": never})
    return sorted(uuid.UUID(row[0]) for row in rows)


def _uuid(value: object) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def _when(value: object) -> dt.datetime | None:
    """SQLite's stored text of a UTC time (tafdesk keeps UTC wall time there)."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)
