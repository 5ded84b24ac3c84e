"""Taking cases offline: the lead's or supporter's own cases, copied into an
encrypted offline copy (tafdesk/offline/) for work away from the network.

Only a case the actor leads or supports may be taken (scope.is_own_case),
and only what they may read goes: the profile's restricted items only if
shared with them, the case notes only with the permission to read them.
Each case taken is audited, in the transaction that reads it; the copy is
written before that commits, and removed again if anything fails, so there
is never a copy the trail does not know of nor half a copy.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.models import AppSetting, Case
from tafdesk.models.utc import utcnow
from tafdesk.offline import store
from tafdesk.offline.copying import Pending, base_cases, differences, put_case
from tafdesk.offline.graph import CaseRows, read_cases
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError

EXPIRY_DAYS = "offline.expiry_days"
DEFAULT_EXPIRY_DAYS = 14
MAX_EXPIRY_DAYS = 90


def expiry_days(s: Session) -> int:
    """How long an offline copy may be worked on, set by administrators."""
    text = s.scalar(select(AppSetting.value).where(AppSetting.key == EXPIRY_DAYS))
    return int(json.loads(text)) if text is not None else DEFAULT_EXPIRY_DAYS


def check_expiry_days(days: object) -> int:
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_EXPIRY_DAYS:
        raise ValidationError({EXPIRY_DAYS: f"An offline copy may be kept for 1 to {MAX_EXPIRY_DAYS} days."})
    return days


@dataclass(frozen=True)
class HeldCase:
    reference: str
    family_name: str
    state: str  # taken, synced, conflict, held
    pending: Pending
    note: str | None


@dataclass(frozen=True)
class CopyStatus:
    path: Path
    username: str
    expires_at: dt.datetime
    expired: bool
    cases: tuple[HeldCase, ...]
    log: tuple[dict, ...]


class OfflineTakeService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def take(self, references: list[str], out: Path, password: str | None) -> list[str]:
        """Copy these cases into a new offline copy at `out`, under `password`
        (None: one who signs in with single sign-on has none; the copy's key
        is kept in the computer's keyring). Returns the references taken."""
        self._actor.require(Permission.EDIT_PLANS)
        if not references:
            raise ValidationError({"cases": "Name at least one case to take offline."})
        if password is not None and not password:
            raise ValidationError({"password": "An offline copy needs your password to protect it."})
        copy: store.OfflineCopy | None = None
        try:
            with self._db.session() as s:
                cases = [self._own_case(s, ref.strip().upper()) for ref in dict.fromkeys(references)]
                read = read_all_for(s, self._actor, [case.id for case in cases])
                taken = [read[case.id] for case in cases]
                for case in cases:
                    audit.record(
                        s,
                        self._actor,
                        "case.taken_offline",
                        "case",
                        case.id,
                        {"copy": [None, out.name]},
                        case_id=case.id,
                        locality_id=case.locality_id,
                    )
                expires = utcnow() + dt.timedelta(days=expiry_days(s))
                copy = store.OfflineCopy.create(out, self._actor.username or self._actor.name, password, expires)
                _write(copy, self._actor, self._db.describe(), taken)
            return [rows.reference for rows in taken]
        except BaseException:
            if copy is not None:
                copy.close()
                store.wipe(out)
            raise
        finally:
            if copy is not None:
                copy.close()

    def _own_case(self, s: Session, reference: str) -> Case:
        case = s.scalar(select(Case).where(Case.reference == reference))
        if case is None:
            raise NotFound(f"There is no case {reference}.")
        if not scope.is_own_case(s, self._actor, case):
            raise PermissionDenied(
                f"{self._actor.who} may not take {reference} offline: only the cases they lead or support can be taken."
            )
        return case


def read_for(s: Session, actor: Actor, case_id: uuid.UUID) -> CaseRows:
    """The case's rows as this actor may read them: the profile's restricted
    items only if shared with them, notes only with the permission to read them."""
    return read_all_for(s, actor, [case_id])[case_id]


def read_all_for(s: Session, actor: Actor, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, CaseRows]:
    """read_for of each case, read at once."""

    def shared(ids: list[uuid.UUID]) -> set[uuid.UUID]:
        return scope.shared_with(s, actor, ids)

    return read_cases(
        s.connection(),
        case_ids,
        notes=actor.can(Permission.READ_CASE_NOTES),
        profile=actor.can(Permission.VIEW_PROFILES),
        readable_restricted=None if scope.reads_all_restricted(actor) else shared,
    )


def _write(copy: store.OfflineCopy, actor: Actor, server: str, taken: list[CaseRows]) -> None:
    who = {
        "user_id": str(actor.user_id) if actor.user_id else None,
        "name": actor.name,
        "role": actor.role.value,
        "professional_id": str(actor.professional_id) if actor.professional_id else None,
        "username": actor.username,
    }
    with copy.writing() as conn:
        conn.execute(store.SETTING.insert().values(key="actor", value=json.dumps(who)))
        conn.execute(store.SETTING.insert().values(key="server", value=server))
        for rows in taken:
            put_case(conn, rows, (CaseRows(rows.case_id), CaseRows(rows.case_id)))  # a new copy: nothing there yet
            store.set_case(conn, rows.case_id, rows.reference, "taken")
            store.log(conn, rows.reference, "taken", f"Taken offline ({_counts(rows)}).")


def _counts(rows: CaseRows) -> str:
    plan = rows.of("taf_plan")
    return (
        f"{len(plan)} plan version{'s' if len(plan) != 1 else ''}, {len(rows.of('taf_action'))} actions, "
        f"{len(rows.of('taf_review'))} reviews, {len(rows.of('case_note'))} notes"
    )


def copy_status(path: Path, password: str | None) -> CopyStatus:
    """What an offline copy holds and what waits to be sent (an expired copy too)."""
    copy = store.OfflineCopy.open(path, password, for_work=False)
    try:
        cases = copy.cases()
        with copy.engine.connect() as conn:
            ids = [row["case_id"] for row in cases]
            mine, base = read_cases(conn, ids), base_cases(conn, ids)
        held = []
        for row in cases:
            family = mine[row["case_id"]].of("family")
            changed = differences(base[row["case_id"]], mine[row["case_id"]])
            held.append(
                HeldCase(
                    row["reference"], family[0]["family_name"] if family else "", row["state"], changed, row["note"]
                )
            )
        return CopyStatus(
            path, copy.header.username, copy.expires_at, copy.expired, tuple(held), tuple(copy.log_entries())
        )
    finally:
        copy.close()


def discard(path: Path) -> None:
    """Wipe the copy: overwritten, then deleted. Needs no password (a lost
    password is a reason to discard); whatever was not synced is gone."""
    if not path.exists() and not store.header_path(path).exists():
        raise ServiceError(f"There is no offline copy at {path}.")
    store.wipe(path)
