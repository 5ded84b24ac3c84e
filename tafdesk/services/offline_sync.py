"""Sending an offline copy's work back to the server, case by case.

For each case, in one server transaction: the server's access rules first
(a case the user may no longer work on is held: its changes stay in the
copy, and they are told); then reviews recorded offline, through the plan
service (offline/review_merge.py: by identity, the same review the server
already has deduplicated); then the plan merged field by field and item by
item with the server's as the reviews left it (offline/plan_merge.py) and
saved through the plan service, and notes written offline added through the
notes service, so the services' own checks and audit apply. Conflicts no
choice settles roll the case's transaction back: nothing of it is sent, and
it is listed in the copy. Last, the looks and documents made offline go into
the server's audit trail and register (offline_replay.py). Once the server has
committed, the copy's case is refreshed from the server (what came down),
with the server's rows as the new base.

Run again after an interruption, the same: a merge against a server that
already has the changes finds nothing left to send (a note keeps its id, so
it is never added twice), and the copy is refreshed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tafdesk.db import Database, changes
from tafdesk.db.one_transaction import InOneTransaction
from tafdesk.models import Case, NoteType, PlanStatus
from tafdesk.models.utc import utcnow
from tafdesk.offline import store
from tafdesk.offline.copying import base_cases, put_case
from tafdesk.offline.graph import CaseRows, Row, read_cases, with_work
from tafdesk.offline.merge import Choice, Choose, Conflict, kept
from tafdesk.offline.plan_merge import PlanMerge, content, merge_plan, newest_plan, side
from tafdesk.offline.review_merge import (
    OfflineReviewRows,
    Reviews,
    copy_ids,
    offline_review,
    offline_reviews,
    review_input,
)
from tafdesk.services import audit, offline_held, offline_replay, offline_who, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.case_notes import CaseNotesService, ChildSeen, NoteInput
from tafdesk.services.offline_take import read_for
from tafdesk.services.plans import CopyIds, PlanService

# Tests stop a sync at a named point (a marker file is written, then the
# process waits to be killed): "POINT:MARKER-PATH"; or have a marker file
# written as the cases begin to be sent, and kill the sync at a random moment after.
BARRIER = "TAFDESK_OFFLINE_SYNC_BARRIER"
SENDING = "TAFDESK_OFFLINE_SYNC_SENDING"


@dataclass
class CaseOutcome:
    reference: str
    state: str  # synced, conflict, held
    sent: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Made:
    """When a copy's base was read from the server, and who took the copy."""

    since: dt.datetime | None
    taker: str | None


class OfflineSyncService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def sync(self, path: Path, password: str | None, choose: Choose) -> list[CaseOutcome]:
        """Sync every case of the copy (an expired copy too: that is what it is for)."""
        copy = store.OfflineCopy.open(path, password, for_work=False)
        try:
            taker, held_cases = _taker(copy), copy.cases()
            # Every case's rows, the copy's and as taken, read at once: only
            # this sync writes the copy meanwhile, each case once, after it is read.
            with copy.engine.connect() as conn:
                ids = [held["case_id"] for held in held_cases]
                mine, base = read_cases(conn, ids), base_cases(conn, ids)
            _mark_sending()
            outcomes = [
                self._case(copy, held, taker, choose, (base[held["case_id"]], mine[held["case_id"]]))
                for held in held_cases
            ]
            offline_replay.replay(self._db, self._actor, copy)
            return outcomes
        finally:
            copy.close()

    def _case(
        self, copy: store.OfflineCopy, held: dict, taker: str | None, choose: Choose, sides: tuple[CaseRows, CaseRows]
    ) -> CaseOutcome:
        _barrier("case")
        case_id, reference = held["case_id"], held["reference"]
        made = Made(held["synced_at"] or held["taken_at"], taker)
        base, mine = sides
        try:
            with self._db.session() as s:
                refusal = self._refusal(s, case_id, copy.copy_id, (base, mine))
                if refusal:
                    return _record(copy, case_id, CaseOutcome(reference, "held", note=refusal))
                outcome, plan, theirs = self.send(s, copy.copy_id, case_id, reference, (base, mine), choose, made=made)
                # What the server holds now, as this user may read it: read
                # before the commit (a change committed meanwhile by another
                # is then theirs at the next sync), and only what was sent.
                now = self._with_work(s, theirs, mine) if outcome.sent else theirs
                _barrier("before-commit")
        except Waits as waits:  # rolled back: nothing of the case was sent
            return _record(copy, case_id, waits.outcome)
        _barrier("sent")
        with copy.writing() as conn:
            put_case(conn, now, (mine, base))
            store.set_case(conn, case_id, reference, "synced", outcome.note or None, synced_at=utcnow())
            store.log(conn, reference, "sent" if outcome.sent else "received", _log_text(outcome, plan))
        return outcome

    def send(
        self,
        s: Session,
        copy_id: str,
        case_id: uuid.UUID,
        reference: str,
        sides: tuple[CaseRows, CaseRows],
        choose: Choose = lambda _c: None,
        *,
        notes: bool = True,
        made: Made | None = None,
    ) -> tuple[CaseOutcome, PlanMerge | None, CaseRows]:
        """The copy's changes (base and mine) into the server in `s`: reviews,
        then the plan merged with the server's as the reviews left it, then
        notes (`notes`: the actor writes them). Raises Waits (and the session
        rolls back) if the case must wait. Also a manager's, applying changes
        held for them (offline_held.py). Returns what was sent, the merge,
        and the case as the server held it before (as the actor reads it).
        `made`: when the copy's base was read and who took it, to say who
        changed each side of a conflict."""
        base, mine = sides
        theirs = self._read(s, case_id)
        tx = InOneTransaction(self._db, s.connection())
        reviews = offline_reviews(base, mine, theirs)
        if reviews.unmatched:
            raise Waits(CaseOutcome(reference, "held", note=UNMATCHED))
        outcome = CaseOutcome(reference, "synced", note=_same_words(reviews))
        now = theirs
        for found in reviews.send:  # each on the server's plan as the one before left it
            self._send_review(tx, now, mine, found)
            outcome.sent.append(f"the review of {found.when}")
            now = self._with_work(s, theirs, mine)
        plan = merge_plan(base, mine, now, choose)
        if plan is not None and plan.merged.open:
            note = f"{len(plan.merged.open)} conflict(s) wait for your choice; nothing of this case was sent."
            made = made or Made(None, None)
            conflicts = offline_who.named(s, case_id, plan.merged.open, now, made.since, made.taker)
            raise Waits(CaseOutcome(reference, "conflict", conflicts=conflicts, note=note))
        if plan is not None and plan.changed:
            self._send_plan(tx, case_id, plan, now, mine)
            outcome.sent.append("the plan")
        for note_row in _notes_to_send(base, mine, theirs) if notes else []:
            CaseNotesService(tx, self._actor).add(case_id, _note_input(mine, note_row), note_id=note_row["id"])
            outcome.sent.append(f"note of {note_row['contact_on']:%d %b %Y}")
        if outcome.sent or (plan and plan.merged.settled) or reviews.same:
            values = _audit_values(plan, outcome, copy_id) | _same_values(reviews, mine)
            audit.record(s, self._actor, "case.synced_from_offline", "case", case_id, values, case_id=case_id)
        if outcome.sent:  # the services' own notices were gathered on tx's sessions: said here, for other windows
            for entity in ("taf_plan", "taf_review", "case_note"):
                changes.announce(s, entity, None, action="case.synced_from_offline", case_id=case_id)
        return outcome, plan, theirs

    def _send_review(self, tx: Database, now: CaseRows, mine: CaseRows, found: OfflineReviewRows) -> None:
        """The review as the server's, on the version it reviewed: making the
        next version if that is still the agreed one (under its ids in the
        copy); else kept as a review of that version alone (the server
        reviewed it on another day)."""
        plans = PlanService(tx, self._actor)
        server = next(p for p in now.of("taf_plan") if p["id"] == found.plan["id"])
        offline = offline_review(found, mine)
        if server["status"] == PlanStatus.AGREED:
            plans.record_review(server["id"], server["version"], review_input(found, mine), offline)
        else:
            plans.record_late_review(server["id"], review_input(found, mine), offline)

    def _refusal(self, s: Session, case_id: uuid.UUID, copy_id: str, sides: tuple[CaseRows, CaseRows]) -> str | None:
        """Why the user may no longer send this case's work, or None. Their
        changes to a case they no longer lead or support are held for its
        locality's managers. (On PostgreSQL such a case is out of their
        sight: the copy says where it was, and the server's foreign key
        whether it is still there.)"""
        case = s.get(Case, case_id)
        if case is not None and self._actor.can(Permission.EDIT_PLANS) and scope.is_own_case(s, self._actor, case):
            return None
        taken = sides[1].of("case_record")[0]
        reference, locality_id = (
            (case.reference, case.locality_id) if case else (taken["reference"], taken["locality_id"])
        )
        try:
            with s.begin_nested():
                held = offline_held.hold(s, self._actor, copy_id, (case_id, locality_id), sides)
        except IntegrityError:
            return "The case is no longer on the server; its offline changes are kept in the copy."
        return f"{self._actor.who} may no longer work on {reference}: " + (
            "its offline changes were not applied; they wait for a locality manager, who applies or discards them."
            if held
            else "nothing of it was changed offline, so nothing was sent."
        )

    def _read(self, s: Session, case_id: uuid.UUID) -> CaseRows:
        return read_for(s, self._actor, case_id)

    def _with_work(self, s: Session, rows: CaseRows, mine: CaseRows) -> CaseRows:
        return with_work(rows, s.connection(), notes=self._actor.can(Permission.READ_CASE_NOTES), also=mine)

    def _send_plan(self, tx: Database, case_id: uuid.UUID, plan: PlanMerge, now: CaseRows, mine: CaseRows) -> None:
        """Into the server's draft (`now` has it): the one there is, or a new
        one revised from the agreed plan (under the ids the copy's draft has,
        if the copy revised that version), or begun if the server has no plan."""
        plans = PlanService(tx, self._actor)
        newest = newest_plan(now)
        if newest is not None and newest["status"] == PlanStatus.DRAFT:
            draft_id, row_version, target = newest["id"], newest["version"], side(now, plan.known)
        else:
            draft = plans.start(case_id) if newest is None else plans.revise(newest["id"], _revised(mine, newest))
            draft_id, row_version = draft.id, draft.row_version
            with tx.reader() as r:
                target = side(with_work(now, r.connection(), notes=False, also=now), plan.known)
            if newest is None:
                target.ids.clear()  # a plan begun here: the offline plan's own items replace the profile's
        plans.save_draft(draft_id, row_version, content(plan, target))


def _revised(mine: CaseRows, agreed: Row) -> CopyIds | None:
    """The ids of the copy's draft, if the copy revised the server's agreed version."""
    draft = newest_plan(mine)
    revised = (
        draft is not None
        and draft["status"] == PlanStatus.DRAFT
        and draft["plan_version"] == agreed["plan_version"] + 1
        and agreed["id"] in mine.ids("taf_plan")  # the copy has the version the server agreed
    )
    return copy_ids(mine, draft) if revised and draft is not None else None


UNMATCHED = (
    "A review recorded offline of a version the server does not have (a version an earlier review made, "
    "when the server already had that review or had moved on) cannot be matched to the server's plan: "
    "the case's changes are kept in the copy, not sent."
)


class Waits(Exception):
    """The case waits in the copy (conflicts, or a review that cannot be
    matched); raised inside the server's transaction so that it rolls back."""

    def __init__(self, outcome: CaseOutcome) -> None:
        super().__init__(outcome.note)
        self.outcome = outcome


def _same_words(reviews: Reviews) -> str:
    return " ".join(
        f"The server already had the review of {found.when}: the copy's was not sent." for found in reviews.same
    )


def _same_values(reviews: Reviews, mine: CaseRows) -> dict:
    """A review not sent as the server had it: the copy's values kept in the trail."""
    values = {}
    for found in reviews.same:
        given = review_input(found, mine)
        kept = {"held_on": given.held_on, "notes": given.notes, "scores": {a.value: v for a, v in given.scores.items()}}
        values[f"offline review {found.review['id']} (the server's kept)"] = [None, kept]
    return values


def _notes_to_send(base: CaseRows, mine: CaseRows, theirs: CaseRows) -> list[dict]:
    known = {r["id"] for r in base.of("case_note")} | {r["id"] for r in theirs.of("case_note")}
    return sorted(
        (r for r in mine.of("case_note") if r["id"] not in known), key=lambda r: (r["contact_on"], str(r["id"]))
    )


def _note_input(mine: CaseRows, row: dict) -> NoteInput:
    children = sorted((c for c in mine.of("case_note_child") if c["note_id"] == row["id"]), key=lambda c: c["position"])
    return NoteInput(
        contact_on=row["contact_on"],
        note_type=NoteType(row["note_type"]),
        summary=row["summary"],
        who_seen=row["who_seen"] or "",
        follow_ups=row["follow_ups"] or "",
        restricted=row["restricted"],
        first_contact_family=row["first_contact_family"],
        first_contact_referrer=row["first_contact_referrer"],
        children=tuple(ChildSeen(c["person_id"], c["seen"], c["seen_alone"]) for c in children),
    )


def _audit_values(plan: PlanMerge | None, outcome: CaseOutcome, copy_id: str) -> dict:
    values: dict = {"copy": [None, copy_id], "sent": [None, outcome.sent]}
    for found, side_ in plan.merged.settled if plan else []:
        # Both values kept: the server's and the copy's, and which was kept.
        values[f"conflict {found.name}"] = [found.theirs, kept(found, side_)]
        values[f"offline value {found.name}"] = [None, found.mine]
    return values


def _log_text(outcome: CaseOutcome, plan: PlanMerge | None) -> str:
    settled = [f"{c.name}: kept {_side_words(side_)}" for c, side_ in (plan.merged.settled if plan else [])]
    return json.dumps(
        {"sent": outcome.sent, "settled": settled, "received": "the case as the server now holds it"},
        default=str,
        ensure_ascii=False,
    )


def _taker(copy: store.OfflineCopy) -> str | None:
    """The name of the person who took the copy (offline_take wrote it)."""
    return json.loads(copy.setting("actor") or "{}").get("name")


def _side_words(side: Choice) -> str:
    return "a value written at the sync" if isinstance(side, dict) else side


def _record(copy: store.OfflineCopy, case_id: uuid.UUID, outcome: CaseOutcome) -> CaseOutcome:
    with copy.writing() as conn:
        store.set_case(conn, case_id, outcome.reference, outcome.state, outcome.note)
        detail = [
            {
                "conflict": c.name,
                "about": c.label,
                "mine": c.mine,
                "theirs": c.theirs,
                "theirs_changed_at": c.theirs_changed_at,
                "theirs_changed_by": c.theirs_changed_by,
                "mine_changed_at": c.mine_changed_at,
            }
            for c in outcome.conflicts
        ]
        store.log(conn, outcome.reference, outcome.state, {"note": outcome.note, "conflicts": detail})
    return outcome


def _mark_sending() -> None:
    if marker := os.environ.get(SENDING):
        Path(marker).write_text("sending", encoding="utf-8")


def _barrier(point: str) -> None:
    wanted = os.environ.get(BARRIER, "")
    name, _, marker = wanted.partition(":")
    if name != point or not marker:
        return
    Path(marker).write_text(point, encoding="utf-8")
    while True:  # the test kills the process here
        time.sleep(0.05)
