"""The register of documents tafdesk has produced: what, for whom, where the
file went, its SHA-256, who made it and when, which making of the document
it is (its version), which letter template it was made from, and whether it
was sent, how and who said so. Every entry, and every marking as sent, is
audited."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tafdesk.clock import LOCAL_TIME
from tafdesk.ids import new_id
from tafdesk.models import (
    AuditEvent,
    Case,
    DocumentFormat,
    DocumentType,
    Family,
    GeneratedDocument,
    LetterTemplate,
    Locality,
    Meeting,
    SendMethod,
)
from tafdesk.services import audit, scope
from tafdesk.services.actor import Actor
from tafdesk.services.errors import NotFound

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
    DocumentType.LETTER_CLOSURE_FAMILY: "Closure letter (family)",
    DocumentType.LETTER_CLOSURE_REFERRER: "Closure letter (referrer)",
    DocumentType.CHRONOLOGY_FULL: "Chronology (full)",
    DocumentType.CHRONOLOGY_AGENCIES: "Chronology (other agencies)",
    DocumentType.BOARD_PACK: "Board pack",
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
    family_name: str | None = None
    file_version: int = 1
    sent_on: dt.date | None = None
    sent_how: SendMethod | None = None
    sent_by: str | None = None
    template_version: int | None = None  # a letter's template: 0 the shipped default; None not recorded
    template_locality: str | None = None  # the locality whose version it was (None: council-wide)

    @property
    def template_words(self) -> str | None:
        """ "North's template, version 2", "the shipped template", or None (not a letter, or not recorded)."""
        if self.template_version is None:
            return None
        if self.template_version == 0:
            return "the shipped template"
        whose = f"{self.template_locality}’s" if self.template_locality else "the council-wide"
        return f"{whose} template, version {self.template_version}"

    @property
    def sent_words(self) -> str:
        """ "Posted 3 December 2026 (Clerk Tester)", or "Not sent"."""
        if self.sent_on is None:
            return "Not sent"
        how: dict[SendMethod | None, str] = {
            SendMethod.POST: "Posted",
            SendMethod.EMAIL: "Emailed",
            SendMethod.BY_HAND: "Given by hand",
        }
        return f"{how.get(self.sent_how, 'Sent')} {self.sent_on.day} {self.sent_on:%B %Y} ({self.sent_by})"

    @property
    def type_words(self) -> str:
        return TYPE_WORDS[self.doc_type]

    def exists(self) -> bool:
        return Path(self.path).is_file()


def next_version(
    s: Session,
    doc_type: DocumentType,
    doc_format: DocumentFormat,
    case_id: uuid.UUID | None,
    meeting_id: uuid.UUID | None,
) -> int:
    """The number the next making of this document (type, format, case and
    meeting) gets."""
    query = select(func.max(GeneratedDocument.file_version)).where(
        GeneratedDocument.doc_type == doc_type,
        GeneratedDocument.doc_format == doc_format,
        GeneratedDocument.case_id.is_(None) if case_id is None else GeneratedDocument.case_id == case_id,
        GeneratedDocument.meeting_id.is_(None) if meeting_id is None else GeneratedDocument.meeting_id == meeting_id,
    )
    return (s.scalar(query) or 0) + 1


def latest_versions(s: Session, meeting_id: uuid.UUID | None) -> dict[tuple, int]:
    """(type, format, case) -> the latest version of each of a meeting's
    documents, read once for a whole pack."""
    rows = s.execute(
        select(
            GeneratedDocument.doc_type,
            GeneratedDocument.doc_format,
            GeneratedDocument.case_id,
            func.max(GeneratedDocument.file_version),
        )
        .where(GeneratedDocument.meeting_id == meeting_id)
        .group_by(GeneratedDocument.doc_type, GeneratedDocument.doc_format, GeneratedDocument.case_id)
    )
    return {(doc_type, fmt, case_id): version for doc_type, fmt, case_id, version in rows}


def record(
    s: Session,
    actor: Actor,
    *,
    doc_type: DocumentType,
    doc_format: DocumentFormat,
    path: Path,
    sha256: str,
    recipient: str | None,
    case_id: uuid.UUID | None,
    meeting_id: uuid.UUID | None,
    when: dt.datetime,
    file_version: int = 1,
    template_id: uuid.UUID | None = None,
    template_version: int | None = None,
    offline_id: uuid.UUID | None = None,
) -> GeneratedDocument:
    """`offline_id`: a document produced in an offline copy, registered at
    its sync under its own id (`when` is then the offline time)."""
    row = GeneratedDocument(
        id=offline_id or new_id(),
        doc_type=doc_type,
        doc_format=doc_format,
        case_id=case_id,
        meeting_id=meeting_id,
        recipient=recipient,
        path=str(path),
        sha256=sha256,
        generated_by_id=actor.user_id,
        generated_at=when,
        file_version=file_version,
        template_id=template_id,
        template_version=template_version,
    )
    s.add(row)
    s.flush()
    changes = {
        "doc_type": [None, doc_type],
        "doc_format": [None, doc_format],
        "path": [None, str(path)],
        "sha256": [None, sha256],
        "file_version": [None, file_version],
    }
    if template_version is not None:
        changes |= {"template_id": [None, template_id], "template_version": [None, template_version]}
    if offline_id is not None:
        changes["produced_offline_at"] = [None, when]
    audit.record(s, actor, "document.produced", "generated_document", row.id, changes)
    return row


def mark_sent(s: Session, actor: Actor, document_id: uuid.UUID, how: SendMethod | None, on: dt.date | None) -> None:
    """Record that the document was sent (how and when), or, with None, that
    it was not after all."""
    row = s.get(GeneratedDocument, document_id)
    if row is None:
        raise NotFound("That document is no longer in the register.")
    before = [row.sent_how, row.sent_on]
    row.sent_how, row.sent_on = how, on if how else None
    row.sent_by_name = actor.name if how else None
    audit.record(
        s,
        actor,
        "document.sent" if how else "document.not_sent",
        "generated_document",
        row.id,
        {"sent_how": [before[0], how], "sent_on": [before[1], row.sent_on]},
    )


def entries(
    s: Session,
    *,
    limit: int = 1000,
    case_id: uuid.UUID | None = None,
    meeting_id: uuid.UUID | None = None,
    document_id: uuid.UUID | None = None,
    visible_to: Actor | None = None,
) -> list[RegisterEntry]:
    """The register, newest first; with `visible_to`, only the documents about
    that actor's cases and meetings."""
    # Who made it, as the audit trail names them (kept even if the user is renamed).
    query = (
        select(GeneratedDocument, Case.reference, AuditEvent.actor_name, Family.family_name, Locality.name)
        .outerjoin(Case, Case.id == GeneratedDocument.case_id)
        .outerjoin(Family, Family.id == Case.family_id)
        .outerjoin(LetterTemplate, LetterTemplate.id == GeneratedDocument.template_id)
        .outerjoin(Locality, Locality.id == LetterTemplate.locality_id)
        .outerjoin(
            AuditEvent, (AuditEvent.entity_id == GeneratedDocument.id) & (AuditEvent.action == "document.produced")
        )
        .order_by(GeneratedDocument.generated_at.desc(), GeneratedDocument.path)
        .limit(limit)
    )
    if case_id is not None:
        query = query.where(GeneratedDocument.case_id == case_id)
    if meeting_id is not None:
        query = query.where(GeneratedDocument.meeting_id == meeting_id)
    if document_id is not None:
        query = query.where(GeneratedDocument.id == document_id)
    if visible_to is not None:
        meetings = select(Meeting.id).where(scope.in_localities(visible_to, Meeting.locality_id))
        # A board pack is about no case or meeting: its maker's (as on PostgreSQL, migration 0032).
        own_pack = (GeneratedDocument.doc_type == DocumentType.BOARD_PACK) & (
            GeneratedDocument.generated_by_id == visible_to.user_id
        )
        query = query.where(scope.case_rows(visible_to) | GeneratedDocument.meeting_id.in_(meetings) | own_pack)
    rows = s.execute(query).all()
    meeting_ids = {doc.meeting_id for doc, *_ in rows if doc.meeting_id}
    labels: dict[uuid.UUID | None, str] = {}  # by meeting id; a case's document has none
    if meeting_ids:
        for mid, starts, name in s.execute(
            select(Meeting.id, Meeting.starts_at, Locality.name)
            .join(Locality, Locality.id == Meeting.locality_id)
            .where(Meeting.id.in_(meeting_ids))
        ):
            labels[mid] = f"{name} {starts.astimezone(LOCAL_TIME).date().isoformat()}"
    return [
        RegisterEntry(
            doc.id,
            doc.doc_type,
            doc.doc_format,
            doc.recipient,
            doc.path,
            doc.sha256,
            doc.case_id,
            reference,
            doc.meeting_id,
            labels.get(doc.meeting_id),
            who or "tafdesk",
            doc.generated_at,
            family,
            doc.file_version,
            doc.sent_on,
            doc.sent_how,
            doc.sent_by_name,
            doc.template_version,
            template_for,
        )
        for doc, reference, who, family, template_for in rows
    ]
