"""A family's chronology as a PDF or Word file, through the document
pipeline letters and plans use (exports/), in its full edition or the
edition for other agencies: restricted entries left out there, and wording
that quotes the family's restricted information, address or members'
disabilities withheld in what is left, as in every document but the full
minutes. Each file written is entered in the document register as letters,
minutes and plans are (who made it, which edition, for which family, its
SHA-256), and the entry audited.

Consent (services/consent.py): the edition for other agencies is not made
once the family has withdrawn consent to share with the Team Around the
Family; a withdrawal for named agencies only is printed on it ("Not to be
shared with"), since the edition names no recipient. The full edition stays
the team's own record."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.exports import files, redaction
from tafdesk.exports.builders.chronology import build_chronology
from tafdesk.exports.document import Document
from tafdesk.models import Case, DocumentFormat, DocumentType
from tafdesk.services import document_register, document_secrets, document_sources, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.chronology import ChronologyService, EntryType
from tafdesk.services.consent import SharingBlocks, sharing_blocks
from tafdesk.services.document_register import RegisterEntry
from tafdesk.services.errors import ConsentWithdrawn, NotFound, ServiceError
from tafdesk.services.letterhead import letterheads_for

# The register's recipient of each edition.
RECIPIENTS = {
    DocumentType.CHRONOLOGY_FULL: "The Team Around the Family (full edition)",
    DocumentType.CHRONOLOGY_AGENCIES: "Other agencies",
}


def edition(full: bool) -> DocumentType:
    return DocumentType.CHRONOLOGY_FULL if full else DocumentType.CHRONOLOGY_AGENCIES


class ChronologyExport:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor
        self._chronology = ChronologyService(db, actor)

    def find_case(self, reference: str) -> uuid.UUID:
        """A case by its reference, once the actor may see the family."""
        self._actor.require(Permission.VIEW_PLANS)
        with self._db.reader() as s:
            case_id = s.scalar(select(Case.id).where(Case.reference == reference.strip().upper()))
            if case_id is None:
                raise NotFound(f"There is no case with the reference {reference}.")
            scope.case(s, self._actor, case_id, "see the chronology")
        return case_id

    def document(self, case_id: uuid.UUID, *, full: bool, types: Iterable[EntryType] | None = None) -> Document:
        types = list(types) if types is not None else None
        if not full:
            with self._db.reader() as s:
                scope.case(s, self._actor, case_id, "see the chronology")
                blocks = _shareable(sharing_blocks(s, case_id))
        found = self._chronology.chronology(case_id, types)
        entries = found.entries
        with self._db.reader() as s:
            place = document_sources.case_localities(s, [case_id]).get(case_id)
            letterhead = letterheads_for(s, {place})[place]
            if not full:
                redact = redaction.redactor(document_secrets.for_case(s, case_id))
                entries = tuple(replace(e, summary=redact.withhold(e.summary)) for e in entries if not e.restricted)
        shown = "all" if types is None else ", ".join(t.value for t in EntryType if t in types)
        return build_chronology(
            found.case_reference,
            found.family_name,
            entries,
            full=full,
            made_on=clock.today(),
            types_shown=shown,
            letterhead=letterhead,
            author=letterhead.organisation,
            not_for=() if full else _not_for(blocks),
        )

    def produce(
        self,
        case_id: uuid.UUID,
        fmt: DocumentFormat,
        path: Path,
        *,
        full: bool,
        types: Iterable[EntryType] | None = None,
    ) -> RegisterEntry:
        """Write the file and enter it in the document register (audited)."""
        document = self.document(case_id, full=full, types=types)
        data = files.render(document, fmt)
        path = Path(path).resolve()
        try:
            digest = files.write_atomically(path, data)
        except OSError as exc:
            raise ServiceError(f"{path} could not be written: {exc.strerror or exc}.") from None
        doc_type = edition(full)
        with self._db.session() as s:
            row = document_register.record(
                s,
                self._actor,
                doc_type=doc_type,
                doc_format=fmt,
                path=path,
                sha256=digest,
                recipient=RECIPIENTS[doc_type],
                case_id=case_id,
                meeting_id=None,
                when=clock.now(),
                file_version=document_register.next_version(s, doc_type, fmt, case_id, None),
            )
            return document_register.entries(s, document_id=row.id)[0]


def _shareable(blocks: SharingBlocks) -> SharingBlocks:
    """Refuse the edition for other agencies once no agency may have it."""
    team = blocks.whole_team
    if team is not None:
        raise ConsentWithdrawn(
            f"No chronology can be made for other agencies: {team.words}. "
            "The full edition, for the Team Around the Family, can still be made."
        )
    return blocks


def _not_for(blocks: SharingBlocks) -> tuple[str, ...]:
    return tuple(
        f"{w.agency_name} (consent withdrawn {w.withdrawn_on.day} {w.withdrawn_on:%b %Y})"
        for w in blocks.withdrawals
        if w.agency_name
    )
