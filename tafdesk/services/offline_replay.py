"""What was looked at and produced offline, into the server's records at sync.

Worked on offline, the services run against the copy (offline/database.py),
so their looks (a case page, a plan, the notes, a document opened or
printed) and the documents they produce are recorded in the copy's own
audit_event and generated_document tables, where no chain is kept. At sync
they are appended to the server's audit trail, oldest first, each event
keeping its id and each document its id (a sync run again adds none twice),
with the offline time as a value: the chain's own time is the server's, so
the trail stays in order. A document enters the register with its offline
time and the next version number the server has for it.

Changes (plans, notes, reviews) are not replayed: they reach the server
through its services as the sync merges them, audited there.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from tafdesk.db import Database
from tafdesk.models import AuditEvent, DocumentFormat, DocumentType, GeneratedDocument, SendMethod
from tafdesk.offline import store
from tafdesk.offline.graph import Row, dicts
from tafdesk.services import audit, document_register
from tafdesk.services.actor import Actor

DOCUMENT_EVENTS = ("document.produced", "document.opened", "document.printed", "document.sent", "document.not_sent")


def replayed(action: str) -> bool:
    """A look, or a document's making, opening, printing or sending."""
    return action.endswith(".viewed") or action in DOCUMENT_EVENTS


def replay(db: Database, actor: Actor, copy: store.OfflineCopy) -> int:
    """Append the copy's looks and documents to the server's records, then
    let the copy forget them. Returns how many events reached the server."""
    with copy.engine.connect() as conn:
        events = _events(conn)
        documents = {d["id"]: d for d in dicts(conn.execute(select(store.table("generated_document"))))}
    if not events:
        return 0
    with db.session() as s:
        present = set(s.scalars(select(AuditEvent.id).where(AuditEvent.id.in_([e["id"] for e in events]))))
        added = sum(_replay_one(s, actor, e, documents) for e in events if e["id"] not in present)
    with copy.writing() as conn:
        for name in ("audit_value", "audit_event"):
            t = store.table(name)
            conn.execute(delete(t).where(t.c.id.in_([e["id"] for e in events])))
    return added


def _events(conn: Connection) -> list[Row]:
    events, values = store.table("audit_event"), store.table("audit_value")
    query = (
        select(events, values.c.changes)
        .outerjoin(values, values.c.id == events.c.id)
        .order_by(events.c.occurred_at, events.c.id)
    )
    return [e for e in dicts(conn.execute(query)) if replayed(e["action"])]


def _replay_one(s: Session, actor: Actor, event: Row, documents: dict[uuid.UUID, Row]) -> int:
    document = documents.get(event["entity_id"])
    if event["action"] == "document.produced" and document is not None:
        return _register(s, actor, document)
    changes = json.loads(event["changes"]) if event["changes"] else {}
    changes["occurred_offline_at"] = [None, event["occurred_at"]]
    audit.record(
        s,
        actor,
        event["action"],
        event["entity_type"],
        event["entity_id"],
        changes,
        case_id=document["case_id"] if document else None,
        look=event["action"] not in ("document.sent", "document.not_sent"),
        event_id=event["id"],
    )
    return 1


def _register(s: Session, actor: Actor, doc: Row) -> int:
    """The document into the server's register (its own event says so)."""
    if s.get(GeneratedDocument, doc["id"]) is not None:
        return 0
    doc_type, doc_format = DocumentType(doc["doc_type"]), DocumentFormat(doc["doc_format"])
    row = document_register.record(
        s,
        actor,
        doc_type=doc_type,
        doc_format=doc_format,
        path=doc["path"],
        sha256=doc["sha256"],
        recipient=doc["recipient"],
        case_id=doc["case_id"],
        meeting_id=doc["meeting_id"],
        when=doc["generated_at"],
        file_version=document_register.next_version(s, doc_type, doc_format, doc["case_id"], doc["meeting_id"]),
        template_id=doc["template_id"],
        template_version=doc["template_version"],
        offline_id=doc["id"],
    )
    if doc["sent_how"]:  # marked sent offline: its own event follows in the replay
        row.sent_how, row.sent_on, row.sent_by_name = SendMethod(doc["sent_how"]), doc["sent_on"], doc["sent_by_name"]
    return 1
