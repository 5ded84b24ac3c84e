"""A family's chronology as a PDF or Word file, through the document
pipeline letters and plans use (exports/), in its full edition or the
edition for other agencies: restricted entries left out there, and wording
that quotes the family's restricted information, address or members'
disabilities withheld in what is left, as in every document but the full
minutes. Writing the file is audited; the document register keeps letters,
minutes and plans only, so a chronology is not in it."""

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
from tafdesk.models import Case, DocumentFormat
from tafdesk.services import audit, document_secrets, document_sources, scope
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.chronology import ChronologyService, EntryType
from tafdesk.services.errors import NotFound, ServiceError
from tafdesk.services.letterhead import letterheads_for


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
        )

    def produce(
        self,
        case_id: uuid.UUID,
        fmt: DocumentFormat,
        path: Path,
        *,
        full: bool,
        types: Iterable[EntryType] | None = None,
    ) -> Path:
        document = self.document(case_id, full=full, types=types)
        data = files.render(document, fmt)
        path = Path(path).resolve()
        try:
            digest = files.write_atomically(path, data)
        except OSError as exc:
            raise ServiceError(f"{path} could not be written: {exc.strerror or exc}.") from None
        with self._db.session() as s:
            case = s.get_one(Case, case_id)
            audit.record(
                s,
                self._actor,
                "chronology.exported",
                "case",
                case_id,
                {
                    "edition": [None, "full" if full else "other agencies"],
                    "format": [None, fmt.value],
                    "sha256": [None, digest],
                },
                locality_id=case.locality_id,
            )
        return path
