"""What changed in the database, said once it is committed.

A write gathers Changes as it goes (recording its audit events does so: see
services/audit.py) on its session; the Database publishes them on its
ChangeBus when, and only when, the transaction commits. A Change names kinds
of record, ids, the locality, meeting and case it happened in, and the audit
action: never a name, a note or anything else a person wrote.

Subscribers are called on the thread that committed (services also run on
worker threads); the interface hands them to its own thread (ui/live.py).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

# A change that says only "something changed: read everything again" (another
# process wrote to the same SQLite file, notifications were missed while the
# server was out of reach, or there was too much to name).
EVERYTHING = "*"
MAX_IDS = 50  # more ids than this in one commit: "some of them", read them all again
_GATHERED = "tafdesk_changes"  # where a session keeps its changes until it commits


@dataclass(frozen=True)
class Change:
    entity: str  # the kind of record: "case", "meeting", "professional"… (the audit trail's entity type)
    action: str = ""  # the audit action ("decision.recorded"); "" when not known
    ids: frozenset[uuid.UUID] = frozenset()  # empty: any of them
    locality_id: uuid.UUID | None = None
    meeting_id: uuid.UUID | None = None
    case_id: uuid.UUID | None = None  # the family's case it belongs to (a plan's versions share it)
    look: bool = False  # a look at a record (audited), which changes nothing shown
    local: bool = True  # made by this process (False: another process, or another computer)
    at: float = 0.0  # time.monotonic() when this process heard of it

    @property
    def everything(self) -> bool:
        return self.entity == EVERYTHING

    def about(self, *entities: str) -> bool:
        """Whether this may change records of these kinds (a look changes nothing)."""
        return self.everything or (not self.look and self.entity in entities)

    def may_name(self, record_id: uuid.UUID | None) -> bool:
        """Whether this may concern that record (no ids: any record of its kind)."""
        return not self.ids or record_id in self.ids


def everything(*, local: bool = False) -> Change:
    return Change(EVERYTHING, local=local)


class Gathered:
    """The changes of one unit of work, merged by kind, action and place."""

    def __init__(self) -> None:
        # (entity, action, locality, meeting, case, look) -> ids, or None once there are too many to name
        self._ids: dict[tuple[Any, ...], set[uuid.UUID] | None] = {}

    def add(
        self,
        entity: str,
        record_id: uuid.UUID | None = None,
        *,
        action: str = "",
        locality_id: uuid.UUID | None = None,
        meeting_id: uuid.UUID | None = None,
        case_id: uuid.UUID | None = None,
        look: bool = False,
    ) -> None:
        self._name((entity, action, locality_id, meeting_id, case_id, look), None if record_id is None else {record_id})

    def merge(self, other: Gathered) -> None:
        for key, ids in other._ids.items():
            self._name(key, ids)

    def _name(self, key: tuple[Any, ...], ids: set[uuid.UUID] | None) -> None:
        """Add ids to key's (None: records not named, so any of them)."""
        known = self._ids.get(key, set())
        if known is None:
            return
        if ids is None or len(known | ids) > MAX_IDS:
            self._ids[key] = None
        else:
            self._ids[key] = known | ids

    def changes(self) -> list[Change]:
        return [
            Change(entity, action, frozenset(ids or ()), locality, meeting, case, look)
            for (entity, action, locality, meeting, case, look), ids in self._ids.items()
        ]

    def __bool__(self) -> bool:
        return bool(self._ids)


def gathered(session: Session) -> Gathered:
    """The session's changes, announced when it commits (Database.session)."""
    found = session.info.get(_GATHERED)
    if found is None:
        found = session.info[_GATHERED] = Gathered()
    return found


def announce(session: Session, entity: str, record_id: uuid.UUID | None = None, **where: Any) -> None:
    """Say that this write changes a record (for writes that record no audit
    event, which says so itself)."""
    gathered(session).add(entity, record_id, **where)


def take(session: Session) -> list[Change]:
    found = session.info.pop(_GATHERED, None)
    return found.changes() if found else []


Subscriber = Callable[[Sequence[Change]], None]


class ChangeBus:
    """Who hears of committed changes in this process. A subscriber that
    fails is logged, never raised: the write it heard of stands."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call subscriber with each commit's changes; returns how to stop."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: Iterable[Change], *, local: bool = True) -> None:
        now = time.monotonic()
        stamped = tuple(replace(change, local=local, at=now) for change in changes)
        if not stamped:
            return
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(stamped)
            except Exception:
                log.exception("a listener to changes failed")
