"""A report written to a file: XLSX (every table on a sheet of its own), CSV
(one file for each table, named after it) or PDF (the tables as a plain
document, through the document pipeline). Whole or not at all, and only
over an existing file when told to; each writing is in the audit trail."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

from tafdesk import clock
from tafdesk.db import Database
from tafdesk.exports import files
from tafdesk.exports.builders.report_tables import build_report_tables
from tafdesk.exports.spreadsheet import Sheet, csv_bytes, xlsx_bytes
from tafdesk.models import DocumentFormat
from tafdesk.services import audit
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ConflictError, ServiceError, ValidationError
from tafdesk.services.reports.period import Reach, ReportPeriod
from tafdesk.services.reports.sheets import NOTES

FORMATS = (".xlsx", ".csv", ".pdf")


def csv_name(out: Path, sheet: Sheet, only: bool) -> Path:
    """performance.csv holds the one table; with several, performance_referrals-by-locality.csv and so on."""
    if only:
        return out
    slug = re.sub(r"[^a-z0-9]+", "-", sheet.name.lower()).strip("-")
    return out.with_name(f"{out.stem}_{slug}.csv")


def refuse_existing(paths: Iterable[Path], *, force: bool) -> None:
    """A report replaces a file only when told to (--force)."""
    existing = next((path for path in paths if path.exists()), None)
    if existing is not None and not force:
        raise ConflictError(f"{existing} already exists: say --force to replace it, or choose another name.")


class ReportFiles:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def write(
        self,
        name: str,
        title: str,
        period: ReportPeriod,
        reach: Reach,
        sheets: Sequence[Sheet],
        out: Path,
        *,
        force: bool = False,
    ) -> list[Path]:
        """Write the report's tables to `out` (its extension says how); returns the files written."""
        self._actor.require(Permission.VIEW_REPORTS)
        contents = self._contents(title, period, reach, sheets, Path(out))
        refuse_existing(contents, force=force)
        digests = {path: self._written(path, data) for path, data in contents.items()}
        self.record(
            name, f"{period.start.isoformat()} to {period.end.isoformat()}", reach.words(), digests, reach.chosen
        )
        return list(contents)

    def record(
        self, name: str, period: str, localities: str, digests: dict[Path, str], locality_id: uuid.UUID | None
    ) -> None:
        """The writing of a report in the audit trail: which, for when and where, and each file's SHA-256."""
        with self._db.session() as s:
            audit.record(
                s,
                self._actor,
                "report.exported",
                "report",
                None,
                {
                    "report": [None, name],
                    "period": [None, period],
                    "localities": [None, localities],
                    "files": [None, {path.name: digest for path, digest in digests.items()}],
                },
                locality_id=locality_id,
            )

    def _contents(
        self, title: str, period: ReportPeriod, reach: Reach, sheets: Sequence[Sheet], out: Path
    ) -> dict[Path, bytes]:
        suffix = out.suffix.lower()
        out = out.resolve()
        if suffix == ".xlsx":
            return {out: xlsx_bytes(sheets)}
        if suffix == ".csv":
            return {csv_name(out, sheet, len(sheets) == 1): csv_bytes(sheet) for sheet in sheets}
        if suffix == ".pdf":
            facts = [("Period", period.words()), ("Localities", reach.words()), ("Made on", _day(clock.today()))]
            document = build_report_tables(title, facts, sheets, author=self._actor.name, notes=NOTES)
            return {out: files.render(document, DocumentFormat.PDF)}
        raise ValidationError({"out": f"Name the file .xlsx, .csv or .pdf: “{out.name}” has none of these extensions."})

    def _written(self, path: Path, data: bytes) -> str:
        try:
            return files.write_atomically(path, data)
        except OSError as exc:
            raise ServiceError(f"{path} could not be written: {exc.strerror or exc}.") from None


def _day(day) -> str:
    return f"{day.day} {day:%b %Y}"
