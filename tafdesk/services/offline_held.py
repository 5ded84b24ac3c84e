"""Offline changes held for a locality manager.

A sync finding that its user may no longer work on a case (they no longer
lead or support it) applies none of its offline changes: they are left on
the server (`hold`, in the sync's transaction) for the managers of the
case's locality, and the user is told. A manager sees them among what waits
for them (Held offline changes… on the lists of cases), and applies them
(merged with the case as it now is, through the plan service, under the
manager's name) or discards them, saying why; both are audited.

Notes written offline are not added when a manager applies: case notes are
the Team Around the Family's own record, which managers read but do not
write (so too on PostgreSQL). The held entry shows them to the manager.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.models import Case, Family, HeldState, OfflineHeld
from tafdesk.models.utc import utcnow
from tafdesk.offline import rows_json
from tafdesk.offline.copying import differences
from tafdesk.offline.graph import CaseRows
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ConflictError, NotFound, ValidationError
from tafdesk.services.lookup import existing


@dataclass(frozen=True)
class HeldView:
    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    case_reference: str
    family_name: str
    held_by: str
    held_at: dt.datetime
    summary: str
    notes: tuple[str, ...]  # the notes written offline, as a manager may read them


def hold(
    s: Session, actor: Actor, copy_id: str, case: tuple[uuid.UUID, uuid.UUID], sides: tuple[CaseRows, CaseRows]
) -> bool:
    """Leave a copy's changes to the case (its id and locality) for the
    locality's managers (once per copy and case: a sync run again replaces
    what is still waiting). False when the copy changed nothing of it."""
    (case_id, locality_id), (base, mine) = case, sides
    changed = differences(base, mine)
    if not changed.any:
        return False
    row = s.scalar(select(OfflineHeld).where(OfflineHeld.case_id == case_id, OfflineHeld.copy_id == copy_id))
    if row is not None and row.state is not HeldState.WAITING:
        return True  # already decided: a later sync does not ask again
    if row is None:
        row = OfflineHeld(case_id=case_id, copy_id=copy_id, state=HeldState.WAITING)
        s.add(row)
    row.locality_id, row.held_by, row.held_by_id = locality_id, actor.name, actor.user_id
    row.held_by_professional_id, row.held_at = actor.professional_id, utcnow()
    row.summary, row.changes = changed.words(), rows_json.dumps({"base": base, "mine": mine})
    s.flush()
    audit.record(
        s,
        actor,
        "case.offline_changes_held",
        "case",
        case_id,
        {"held": [None, row.summary]},
        case_id=case_id,
        locality_id=locality_id,
    )
    return True


class HeldOfflineService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def may_decide(self) -> bool:
        return self._actor.can(Permission.DECIDE_HELD_OFFLINE)

    def waiting(self) -> list[HeldView]:
        """What waits for this manager, oldest first."""
        self._actor.require(Permission.DECIDE_HELD_OFFLINE)
        with self._db.reader() as s:
            rows = s.execute(
                select(OfflineHeld, Case.reference, Family.family_name)
                .join(Case, Case.id == OfflineHeld.case_id)
                .join(Family, Family.id == Case.family_id)
                .where(
                    OfflineHeld.state == HeldState.WAITING, scope.in_localities(self._actor, OfflineHeld.locality_id)
                )
                .order_by(OfflineHeld.held_at)
            ).all()
            return [_view(row, reference, family) for row, reference, family in rows]

    def apply(self, held_id: uuid.UUID, version: int) -> list[str]:
        """Merge the held changes into the case as it now is; what was sent."""
        from tafdesk.services.offline_sync import OfflineSyncService, Waits

        with self._db.session() as s:
            row, case = self._waiting(s, held_id, version)
            sides = rows_json.loads(row.changes, row.case_id)
            try:
                outcome, _, _ = OfflineSyncService(self._db, self._actor).send(
                    s, row.copy_id, case.id, case.reference, (sides["base"], sides["mine"]), notes=False
                )
            except Waits as waits:
                raise ConflictError(
                    f"{case.reference} cannot take these changes as it now is: {waits.outcome.note} "
                    "Discard them, saying why, or ask the new lead to make them."
                ) from None
            self._decided(s, row, case, HeldState.APPLIED, "; ".join(outcome.sent) or "nothing left to send")
            return outcome.sent

    def discard(self, held_id: uuid.UUID, version: int, why: str) -> None:
        if not why.strip():
            raise ValidationError({"why": "Say why the offline changes are discarded."})
        with self._db.session() as s:
            row, case = self._waiting(s, held_id, version)
            self._decided(s, row, case, HeldState.DISCARDED, why.strip())

    def _waiting(self, s: Session, held_id: uuid.UUID, version: int) -> tuple[OfflineHeld, Case]:
        self._actor.require(Permission.DECIDE_HELD_OFFLINE)
        row = s.get(OfflineHeld, held_id, with_for_update=True, populate_existing=True)
        if row is None or not self._actor.works_in(row.locality_id):
            raise NotFound("Those held offline changes are no longer waiting for you.")
        if row.state is not HeldState.WAITING or row.version != version:
            raise ConflictError("Those held offline changes were decided elsewhere since you opened them.")
        return row, existing(s, Case, row.case_id, "case")

    def _decided(self, s: Session, row: OfflineHeld, case: Case, state: HeldState, note: str) -> None:
        row.state, row.decided_at, row.decision_note = state, utcnow(), note
        row.decided_by, row.decided_by_id = self._actor.name, self._actor.user_id
        audit.record(
            s,
            self._actor,
            f"case.offline_changes_{state.value}",
            "case",
            case.id,
            {"held_by": [None, row.held_by], "held": [None, row.summary], "decision": [None, note]},
            case_id=case.id,
            locality_id=case.locality_id,
        )


def _view(row: OfflineHeld, reference: str, family: str) -> HeldView:
    sides = rows_json.loads(row.changes, row.case_id)
    known = {n["id"] for n in sides["base"].of("case_note")}
    notes = tuple(
        f"{n['contact_on']:%d %b %Y}: " + ("(restricted)" if n["restricted"] else n["summary"])
        for n in sides["mine"].of("case_note")
        if n["id"] not in known
    )
    return HeldView(row.id, row.version, row.case_id, reference, family, row.held_by, row.held_at, row.summary, notes)
