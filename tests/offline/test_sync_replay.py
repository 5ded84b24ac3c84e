"""Looks and documents made offline reach the server's audit trail and
document register at sync, in order, with their offline times."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select

from tafdesk import clock
from tafdesk.models import AuditEvent, AuditValue, DocumentFormat, DocumentType, GeneratedDocument
from tafdesk.offline import store
from tafdesk.offline.database import CopyDatabase
from tafdesk.services import document_register
from tafdesk.services.case_notes import CaseNotesService
from tafdesk.services.plans import PlanService
from tests.audit.conftest import verify
from tests.offline.conftest import PASSWORD
from tests.offline.test_sync import sync, taken  # noqa: F401 (fixture)
from tests.plans.test_plan_service import TODAY

AWAY = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


def _work_offline(world, lead) -> None:
    """Open the plan, read the notes, produce the plan as a PDF: on the copy, at AWAY and after."""
    copy = store.OfflineCopy.open(world.copy_path, PASSWORD)
    db = CopyDatabase(copy)
    try:
        with clock.pinned(AWAY):
            PlanService(db, lead, today=TODAY).open(world.case_id)
        with clock.pinned(AWAY + dt.timedelta(minutes=5)):
            CaseNotesService(db, lead).notes(world.case_id)
        with clock.pinned(AWAY + dt.timedelta(minutes=9)), db.session() as s:
            document_register.record(
                s,
                lead,
                doc_type=DocumentType.TAF_PLAN,
                doc_format=DocumentFormat.PDF,
                path=Path("/home/tomas/plans/plan.pdf"),
                sha256="ab" * 32,
                recipient=None,
                case_id=world.case_id,
                meeting_id=None,
                when=clock.now(),
            )
    finally:
        copy.close()


def _server_events(world):
    with world.db.reader() as s:
        rows = s.execute(
            select(AuditEvent.id, AuditEvent.action, AuditValue.changes)
            .outerjoin(AuditValue, AuditValue.id == AuditEvent.id)
            .where(AuditEvent.action.in_(["plan.viewed", "case_notes.viewed", "document.produced"]))
        ).all()
    by_seq = {r.id: r for r in rows}
    return [by_seq[i] for i in _chain_order(world, list(by_seq))]


def _chain_order(world, ids):
    from tafdesk.models import AuditLink

    with world.db.reader() as s:
        return list(s.scalars(select(AuditLink.id).where(AuditLink.id.in_(ids)).order_by(AuditLink.seq)))


def test_looks_and_documents_made_offline_reach_the_trail_and_register_once(taken, lead):  # noqa: F811
    _work_offline(taken, lead)
    sync(taken, lead)
    sync(taken, lead)  # again: nothing added twice
    events = _server_events(taken)
    assert [e.action for e in events] == ["plan.viewed", "case_notes.viewed", "document.produced"]
    times = [json.loads(e.changes) for e in events]
    assert times[0]["occurred_offline_at"][1].startswith("2026-12-02T09:30")
    assert times[1]["occurred_offline_at"][1].startswith("2026-12-02T09:35")
    assert times[2]["produced_offline_at"][1].startswith("2026-12-02T09:39")
    with taken.db.reader() as s:
        [doc] = s.scalars(select(GeneratedDocument)).all()
    assert (doc.path, doc.generated_at, doc.file_version) == (
        "/home/tomas/plans/plan.pdf",
        AWAY + dt.timedelta(minutes=9),
        1,
    )
    assert verify(taken.db).ok  # the chain takes them as any other events
    copy = store.OfflineCopy.open(taken.copy_path, PASSWORD)
    try:
        with copy.engine.connect() as conn:
            assert conn.execute(select(store.table("audit_event"))).all() == []  # the copy forgot them
    finally:
        copy.close()
