"""The register of documents tafdesk has produced: what, for whom, where the
file went, its SHA-256, who made it and when. Every entry is audited."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tafdesk.models import AuditEvent, Case, DocumentFormat, DocumentType, GeneratedDocument, Locality, Meeting
from tafdesk.services import audit
from tafdesk.services.actor import Actor
from tafdesk.services.front_door import LOCAL_TIME

TYPE_WORDS = {
    DocumentType.TAF_PLAN: "TAF plan",
    DocumentType.MINUTES_FULL: "Minutes (full)",
    DocumentType.MINUTES_CIRCULATION: "Minutes (circulation)",
    DocumentType.LETTER_ALLOCATION: "Allocation letter",
    DocumentType.LETTER_REFERRER: "Referrer letter",
    DocumentType.LETTER_FAMILY: "Family letter",
    DocumentType.LETTER_STEP_UP: "Step up letter",
    DocumentType.LETTER_STEP_DOWN: "Step down letter",
    DocumentType.LETTER_IAG: "IAG letter",
    DocumentType.LETTER_REVIEW_INVITATION: "Review invitation",
}


@dataclass(frozen=True)
class RegisterEntry:
    id: uuid.UUID
    doc_type: DocumentType
    doc_format: DocumentFormat
    recipient: str | None
    path: str
    sha256: str
    case_id: uuid.UUID | None
    case_reference: str | None
    meeting_id: uuid.UUID | None
    meeting: str | None  # "North 2026-12-01"
    generated_by: str
    generated_at: dt.datetime

    @property
    def type_words(self) -> str:
        return TYPE_WORDS[self.doc_type]

    def exists(self) -> bool:
        return Path(self.path).is_file()


def record(s: Session, actor: Actor, *, doc_type: DocumentType, doc_format: DocumentFormat, path: Path, sha256: str,
           recipient: str | None, case_id: uuid.UUID | None, meeting_id: uuid.UUID | None,
           when: dt.datetime) -> GeneratedDocument:  # fmt: skip
    row = GeneratedDocument(doc_type=doc_type, doc_format=doc_format, case_id=case_id, meeting_id=meeting_id,
                            recipient=recipient, path=str(path), sha256=sha256, generated_by_id=actor.user_id,
                            generated_at=when)  # fmt: skip
    s.add(row)
    s.flush()
    audit.record(s, actor, "document.produced", "generated_document", row.id, {
        "doc_type": [None, doc_type], "doc_format": [None, doc_format], "path": [None, str(path)],
        "sha256": [None, sha256],
    })  # fmt: skip
    return row


def entries(s: Session, *, limit: int = 1000, case_id: uuid.UUID | None = None, meeting_id: uuid.UUID | None = None,
            document_id: uuid.UUID | None = None) -> list[RegisterEntry]:  # fmt: skip
    # Who made it, as the audit trail names them (kept even if the user is renamed).
    query = (select(GeneratedDocument, Case.reference, AuditEvent.actor_name)
             .outerjoin(Case, Case.id == GeneratedDocument.case_id)
             .outerjoin(AuditEvent, (AuditEvent.entity_id == GeneratedDocument.id)
                        & (AuditEvent.action == "document.produced"))
             .order_by(GeneratedDocument.generated_at.desc(), GeneratedDocument.path).limit(limit))  # fmt: skip
    if case_id is not None:
        query = query.where(GeneratedDocument.case_id == case_id)
    if meeting_id is not None:
        query = query.where(GeneratedDocument.meeting_id == meeting_id)
    if document_id is not None:
        query = query.where(GeneratedDocument.id == document_id)
    rows = s.execute(query).all()
    meeting_ids = {doc.meeting_id for doc, _, _ in rows if doc.meeting_id}
    labels = {}
    if meeting_ids:
        for mid, starts, name in s.execute(select(Meeting.id, Meeting.starts_at, Locality.name)
                                           .join(Locality, Locality.id == Meeting.locality_id)
                                           .where(Meeting.id.in_(meeting_ids))):  # fmt: skip
            labels[mid] = f"{name} {starts.astimezone(LOCAL_TIME).date().isoformat()}"
    return [
        RegisterEntry(doc.id, doc.doc_type, doc.doc_format, doc.recipient, doc.path, doc.sha256, doc.case_id, reference,
                      doc.meeting_id, labels.get(doc.meeting_id), who or "tafdesk", doc.generated_at)
        for doc, reference, who in rows
    ]  # fmt: skip
