"""The board pack: the period's key figures (ReportService's performance and
caseloads), charts and the manager's narrative, as PDF or Word through the
document pipeline (exports/builders/board_pack.py), written whole or not at
all and entered in the document register (audited as document.produced).

Permission: VIEW_REPORTS, as for the figures it holds. The pack carries less
than the report files those people may already write (no case references,
no professionals' names, small numbers withheld unless asked for), so a
stronger permission would guard nothing they could not export already."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from tafdesk.exports import files
from tafdesk.exports.builders.board_pack import BoardPackContent, build_board_pack
from tafdesk.exports.document import Document
from tafdesk.models import DocumentFormat, DocumentType
from tafdesk.services import document_register
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.document_register import RegisterEntry
from tafdesk.services.errors import ServiceError, ValidationError
from tafdesk.services.letterhead import letterheads_for
from tafdesk.services.reports.period import ReportPeriod
from tafdesk.services.reports.report_files import refuse_existing
from tafdesk.services.reports.service import ReportService
from tafdesk.services.reports.small_numbers import Disclosure

NARRATIVE_LIMIT = 6000  # characters: about two pages of the pack, a summary rather than a report
SUFFIXES = {".pdf": DocumentFormat.PDF, ".docx": DocumentFormat.DOCX}
FOOTER = "Early help key figures for the board: whole localities' figures, naming no family."
_CONTROL = {c: None for c in range(32) if chr(c) not in "\n\t"}


def clean_narrative(text: str) -> str:
    """The narrative as the pack prints it, or a ValidationError saying what is wrong."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL).strip()
    if len(text) > NARRATIVE_LIMIT:
        raise ValidationError(
            {
                "narrative": f"The narrative is {len(text):,} characters long: the pack holds at most "
                f"{NARRATIVE_LIMIT:,}. Shorten it by {len(text) - NARRATIVE_LIMIT:,}."
            }
        )
    return text


def format_of(path: Path) -> DocumentFormat:
    """PDF or Word, as the file's name says."""
    found = SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise ValidationError({"out": f"Name the file .pdf or .docx: “{Path(path).name}” has neither extension."})
    return found


class BoardPackService(ClockedService):
    def document(
        self, period: ReportPeriod, locality_id: uuid.UUID | None, narrative: str = "", *, suppress: bool = True
    ) -> Document:
        """The pack as a neutral document (figures read once, for both formats)."""
        self._actor.require(Permission.VIEW_REPORTS)
        narrative = clean_narrative(narrative)
        reports = ReportService(self._db, self._actor, now=self._now)
        performance = reports.performance(period, locality_id)
        caseloads = reports.caseloads(period, locality_id)
        with self._db.reader() as s:
            letterhead = letterheads_for(s, {locality_id})[locality_id]
        content = BoardPackContent(
            performance,
            caseloads,
            narrative,
            self.today(),
            self._actor.name,
            dataclasses.replace(letterhead, footer=FOOTER),
            Disclosure(suppress),
        )
        return build_board_pack(content)

    def produce(
        self,
        period: ReportPeriod,
        locality_id: uuid.UUID | None,
        out: Path,
        narrative: str = "",
        *,
        suppress: bool = True,
        force: bool = False,
    ) -> RegisterEntry:
        """Write the pack to `out` (.pdf or .docx) and enter it in the register."""
        self._actor.require(Permission.VIEW_REPORTS)
        fmt = format_of(out)
        out = Path(out).resolve()
        refuse_existing([out], force=force)
        document = self.document(period, locality_id, narrative, suppress=suppress)
        data = files.render(document, fmt)
        try:
            digest = files.write_atomically(out, data)
        except OSError as exc:
            raise ServiceError(f"{out} could not be written: {exc.strerror or exc}.") from None
        with self._db.session() as s:
            row = document_register.record(
                s,
                self._actor,
                doc_type=DocumentType.BOARD_PACK,
                doc_format=fmt,
                path=out,
                sha256=digest,
                recipient=f"Board: {document.metadata.title.split(': ', 1)[1]}",
                case_id=None,
                meeting_id=None,
                when=self.now(),
                file_version=document_register.next_version(s, DocumentType.BOARD_PACK, fmt, None, None),
            )
            return document_register.entries(s, document_id=row.id)[0]
