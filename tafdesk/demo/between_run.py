"""Playing the weeks between the meetings (between.py's script) through the
services, in the row writer's transaction: the clock pinned to each step's
moment, the ids drawn from the seed (the same council, ids included, on
every run and every database). A step the services refuse is a fault of the
script: the demo fails, and nothing is written."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from tafdesk import clock, ids
from tafdesk.db import Database
from tafdesk.demo import words_between as w
from tafdesk.demo.script import Script
from tafdesk.models import AgendaItem, AgendaStatus, ConsentMethod, FollowUpState, TafOutcome, TafPlan
from tafdesk.services.actor import Actor
from tafdesk.services.assessments import AssessmentService
from tafdesk.services.case_notes import CaseNotesService, ChildSeen, NoteInput
from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
from tafdesk.services.consent import ConsentInput, ConsentService
from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.lead_changes import LeadChangeService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.outcome_evidence import EvidenceInput, OutcomeEvidenceService
from tafdesk.services.requests import RequestService

Memo = dict[Any, Any]  # what earlier steps made, by the keys the script gives


def run(db: Database, script: Script) -> None:
    memo: Memo = {}
    with ids.seeded(random.Random(f"tafdesk-demo/{script.seed}/between-ids")):
        for step in sorted(script.steps, key=lambda s: (s.at, s.order)):
            with clock.pinned(step.at):
                ACTIONS[step.action](db, step.actor, memo, **step.args)


# -- notes, consent, assessments ---------------------------------------------------------


def note(db: Database, actor: Actor, memo: Memo, case_id: uuid.UUID, note: NoteInput, key: Any = None) -> None:
    view = CaseNotesService(db, actor).add(case_id, note)
    if key is not None:
        memo[key] = view


def correct_note(db: Database, actor: Actor, memo: Memo, key: Any, reason: str) -> None:
    old = memo[key]
    corrected = NoteInput(
        contact_on=old.contact_on - dt.timedelta(days=1),
        note_type=old.note_type,
        summary=old.summary,
        who_seen=f"{old.who_seen}; the children's grandmother" if old.who_seen else "The children's grandmother",
        follow_ups=old.follow_ups,
        restricted=old.restricted,
        first_contact_family=old.first_contact_family,
        first_contact_referrer=old.first_contact_referrer,
        children=tuple(ChildSeen(c.person_id, c.seen, c.seen_alone) for c in old.children),
    )
    memo[key] = CaseNotesService(db, actor).correct(old.id, corrected, reason)


def consent(
    db: Database,
    actor: Actor,
    memo: Memo,
    case_id: uuid.UUID,
    key: Any,
    person_id: uuid.UUID,
    purpose,
    agency_id: uuid.UUID | None,
    given_on: dt.date,
) -> None:
    given = ConsentInput(person_id, purpose, given_on, ConsentMethod.WRITTEN, agency_id)
    memo[key] = ConsentService(db, actor).record(case_id, given)


def withdraw_consent(db: Database, actor: Actor, memo: Memo, key: Any, how: ConsentMethod, note: str) -> None:
    given = memo[key]
    memo[key] = ConsentService(db, actor).withdraw(given.id, given.version, clock.today(), how, note)


def assessment(db: Database, actor: Actor, memo: Memo, case_id: uuid.UUID, given) -> None:
    AssessmentService(db, actor).start(case_id, given)


# -- actions followed up, evidence -------------------------------------------------------------


def follow_up(
    db: Database, actor: Actor, memo: Memo, case_id: uuid.UUID, kind: str, which: int, state: FollowUpState, note: str
) -> None:
    """The case's meeting action (`which`: in the order they fall due), marked, if still open."""
    service = FollowUpService(db, actor)
    rows = sorted((r for r in service.case_actions(case_id) if r.kind == kind), key=lambda r: (r.due_on, r.description))
    if which < len(rows) and not rows[which].done:
        row = rows[which]
        service.mark(kind, row.action_id, row.version, state, note)  # type: ignore[arg-type]


def follow_up_plan(
    db: Database, actor: Actor, memo: Memo, case_id: uuid.UUID, states: tuple, notes: tuple[str, ...]
) -> None:
    """The plan's actions that are overdue and open, the most overdue first, marked in turn."""
    service = FollowUpService(db, actor)
    today = clock.today()
    due = [
        r for r in service.case_actions(case_id) if r.kind == "plan" and not r.done and r.due_on and r.due_on < today
    ]
    for row, state, text in zip(due, states, notes):
        service.mark("plan", row.action_id, row.version, state, text)


def review_matters(db: Database, actor: Actor, memo: Memo, meeting_id: uuid.UUID, carried_to: dt.date) -> None:
    """At the meeting: the first matters arising reviewed, done, not done and carried forward (to the next meeting)."""
    service = FollowUpService(db, actor)
    rows = [r for r in service.matters_arising(meeting_id) if not r.done and r.reviewed_here is None]
    marks = (
        (FollowUpState.DONE, w.FOLLOW_UP_DONE[3], None),
        (FollowUpState.NOT_DONE, w.FOLLOW_UP_NOT_DONE[0], None),
        (FollowUpState.CARRIED_FORWARD, w.CARRIED_FORWARD, carried_to),
        (FollowUpState.DONE, w.FOLLOW_UP_DONE[4], None),
    )
    for row, (state, text, to) in zip(rows, marks):
        service.mark(row.kind, row.action_id, row.version, state, text, meeting_id=meeting_id, carried_to=to)


def evidence(
    db: Database,
    actor: Actor,
    memo: Memo,
    case_id: uuid.UUID,
    position: int,
    progress,
    evidence: str,
    since: dt.date | None,
) -> None:
    """Progress towards one outcome (by its place) of the case's newest plan version."""
    with db.reader() as s:
        newest = select(TafPlan.id).where(TafPlan.case_id == case_id).order_by(TafPlan.plan_version.desc()).limit(1)
        outcomes = list(
            s.scalars(
                select(TafOutcome.id)
                .where(TafOutcome.plan_id == newest.scalar_subquery())
                .order_by(TafOutcome.position)
            )
        )
    if outcomes:
        outcome = outcomes[min(position, len(outcomes) - 1)]
        OutcomeEvidenceService(db, actor).record(outcome, EvidenceInput(progress, evidence, since))


# -- requests to the group, the meeting --------------------------------------------------------


def raise_request(db: Database, actor: Actor, memo: Memo, case_id: uuid.UUID, kind, reason: str, key: Any) -> None:
    memo[key] = RequestService(db, actor).raise_request(case_id, kind, reason)


def add_requests(db: Database, actor: Actor, memo: Memo, meeting_id: uuid.UUID) -> None:
    MeetingService(db, actor).add_requests(meeting_id)


def decide_request(
    db: Database,
    actor: Actor,
    memo: Memo,
    key: Any,
    verdict,
    rationale: str,
    deferred_until: dt.date | None = None,
) -> None:
    with db.reader() as s:
        item_id = s.scalar(
            select(AgendaItem.id).where(AgendaItem.request_id == memo[key], AgendaItem.status == AgendaStatus.PENDING)
        )
    assert item_id is not None, "the request is on the meeting's agenda"
    RequestService(db, actor).decide(item_id, verdict, rationale, deferred_until)


def referral_outcome(db: Database, actor: Actor, memo: Memo, key: Any, outcome, note: str) -> None:
    service = RequestService(db, actor)
    row = service.request(memo[key])
    service.record_referral_outcome(row.id, row.version, outcome, clock.today(), note)


def minutes_record(db: Database, actor: Actor, memo: Memo, meeting_id: uuid.UUID, taker: str) -> None:
    MinutesService(db, actor).set_record(meeting_id, taker, None)


def close_meeting(db: Database, actor: Actor, memo: Memo, meeting_id: uuid.UUID) -> None:
    MeetingService(db, actor).close(meeting_id)


# -- closures, changes ------------------------------------------------------------------------


def propose_closure(
    db: Database,
    actor: Actor,
    memo: Memo,
    case_id: uuid.UUID,
    key: Any,
    reason,
    summary: str,
    family_view: str,
    met: tuple,
) -> None:
    service = ClosureService(db, actor)
    needs = tuple(NeedAssessed(n.outcome_id, met[i % len(met)]) for i, n in enumerate(service.form(case_id).needs))
    memo[key] = service.propose(case_id, ClosureInput(reason, summary, family_view, needs))


def approve_closure(db: Database, actor: Actor, memo: Memo, key: Any) -> None:
    memo[key] = ClosureService(db, actor).approve(memo[key].id, memo[key].version)


def return_closure(db: Database, actor: Actor, memo: Memo, key: Any, why: str) -> None:
    memo[key] = ClosureService(db, actor).return_to_lead(memo[key].id, memo[key].version, why)


def reopen(db: Database, actor: Actor, memo: Memo, key: Any, reason: str) -> None:
    memo[key] = ClosureService(db, actor).reopen(memo[key].id, memo[key].version, reason)


def transition(db: Database, actor: Actor, memo: Memo, case_id: uuid.UUID, **plan: Any) -> None:
    LeadChangeService(db, actor).record_transition(case_id, **plan)


def propose_lead_change(
    db: Database, actor: Actor, memo: Memo, case_id: uuid.UUID, to_lead_id: uuid.UUID, reason: str
) -> None:
    LeadChangeService(db, actor).propose(case_id, to_lead_id, reason)


ACTIONS: dict[str, Callable[..., None]] = {
    f.__name__: f
    for f in (
        note,
        correct_note,
        consent,
        withdraw_consent,
        assessment,
        follow_up,
        follow_up_plan,
        review_matters,
        evidence,
        raise_request,
        add_requests,
        decide_request,
        referral_outcome,
        minutes_record,
        close_meeting,
        propose_closure,
        approve_closure,
        return_closure,
        reopen,
        transition,
        propose_lead_change,
    )
}
