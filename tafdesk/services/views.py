"""Looking is audited too: who opened a family's summary, a TAF plan or a
360° profile, and who opened or printed a document (producing one is audited
where it is made, in document_register).

A look is written to the audit trail in a short transaction of its own,
before what is looked at is handed over. If the audit trail cannot take it
(the database out of reach, or busy for longer than tafdesk waits), the look
is refused with a sentence saying so and nothing is shown: a look nobody
could account for afterwards is not given.

One opening, one event. The same person opening the same record again from
the same screen within LOOK_S (a family switched away from and back to in a
meeting, the intake queue read again after a change, a plan read again
after it is agreed) is the same look, and is not recorded again; opened
again later, it is a new look. Opening or printing a document is recorded
every time: each puts a copy out of tafdesk's hands.
"""

from __future__ import annotations

import threading
import time
import uuid

from tafdesk.db import Database
from tafdesk.services import audit
from tafdesk.services.actor import Actor
from tafdesk.services.errors import ServiceError

LOOK_S = 600.0  # ten minutes
_KEPT = 2000  # looks remembered before the oldest are let go


class LookNotRecorded(ServiceError):
    """The audit trail could not record a look, so it was not given."""

    def __init__(self, what: str, cause: ServiceError) -> None:
        super().__init__(
            f"{what} is not shown: tafdesk could not record in the audit trail that you looked at it. {cause}"
        )
        self.retryable = True


class Looks:
    """One screen's record of what its person looked at (a service holds one)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor
        self._last: dict[tuple[str, uuid.UUID], float] = {}
        self._lock = threading.Lock()  # services are called from background reads too

    def record(
        self, action: str, entity_type: str, entity_id: uuid.UUID, what: str, *, every_time: bool = False
    ) -> None:
        """Record that the actor looked (`what` names it in a refusal: "The
        family's summary"), unless it is the same look as one recorded less
        than LOOK_S ago. Raises LookNotRecorded if the audit trail would not
        take it."""
        if self._actor.is_system:
            return  # tafdesk acting for itself (the demo, upgrades) looks at nothing
        key = (action, entity_id)
        with self._lock:
            last = self._last.get(key)
            if not every_time and last is not None and time.monotonic() - last < LOOK_S:
                return
        try:
            with self._db.session() as s:
                audit.record(s, self._actor, action, entity_type, entity_id, look=True)
        except ServiceError as exc:
            raise LookNotRecorded(what, exc) from None
        with self._lock:
            self._last[key] = time.monotonic()
            if len(self._last) > _KEPT:
                self._forget_old()

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key in [k for k, at in self._last.items() if now - at >= LOOK_S]:
            del self._last[key]
