"""`tafdesk report NAME --from YYYY-MM-DD --to YYYY-MM-DD [--locality NAME]
--out FILE.xlsx|.csv|.pdf`: a report for scheduled use, through the same
services (and access rules) as the Reports page.

REPORTS maps each report's name to the function that makes it: it is given
the database, the signed-in actor and the request, and returns the files it
wrote."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tafdesk.db import Database
    from tafdesk.services.actor import Actor

EXIT_OK = 0


@dataclass(frozen=True)
class ReportRequest:
    start: dt.date
    end: dt.date
    locality: str | None  # a locality's name or code as typed; None: every locality the user may see
    out: Path
    force: bool = False
    narrative: Path | None = None  # the board pack's narrative: a UTF-8 text file
    show_small_numbers: bool = False  # the board pack: counts of 1 to 4 shown rather than withheld


def performance(database: Database, actor: Actor, request: ReportRequest) -> list[Path]:
    from tafdesk.services.reports.report_files import ReportFiles
    from tafdesk.services.reports.service import ReportService
    from tafdesk.services.reports.sheets import performance_sheets

    service = ReportService(database, actor)
    report = service.performance(_period(request), service.locality_named(request.locality))
    sheets = performance_sheets(report)
    return ReportFiles(database, actor).write(
        "performance", "Performance", report.period, report.reach, sheets, request.out, force=request.force
    )


def caseloads(database: Database, actor: Actor, request: ReportRequest) -> list[Path]:
    from tafdesk.services.reports.report_files import ReportFiles
    from tafdesk.services.reports.service import ReportService
    from tafdesk.services.reports.sheets import caseload_sheets

    service = ReportService(database, actor)
    report = service.caseloads(_period(request), service.locality_named(request.locality))
    sheets = caseload_sheets(report)
    return ReportFiles(database, actor).write(
        "caseloads", "Caseloads and capacity", report.period, report.reach, sheets, request.out, force=request.force
    )


def supporting_families(database: Database, actor: Actor, request: ReportRequest) -> list[Path]:
    """Each eligible family's claim, or what its evidence lacks (XLSX, or CSV in one table)."""
    from tafdesk.exports import supporting_families as claim_list
    from tafdesk.services.errors import ValidationError
    from tafdesk.services.reports.report_files import ReportFiles, refuse_existing
    from tafdesk.services.reports.supporting_families import SupportingFamiliesService

    out = request.out.resolve()
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise ValidationError({"out": f"Name the file .xlsx or .csv: “{out.name}” has neither extension."})
    refuse_existing([out], force=request.force)
    report = SupportingFamiliesService(database, actor).report(request.start, request.end, request.locality)
    digest = claim_list.write(report, out)
    period = f"{request.start.isoformat()} to {request.end.isoformat()}"
    where = report.locality or "every locality the user may see"
    ReportFiles(database, actor).record("supporting-families", period, where, {out: digest}, None)
    print(report.summary)
    return [out]


def annex_a(database: Database, actor: Actor, request: ReportRequest) -> list[Path]:
    """Ofsted's Annex A early help list (List 2), and the children left off it for want of a value."""
    from tafdesk.services.errors import ValidationError
    from tafdesk.services.reports.annex_a import NOT_LISTED_SHEET, AnnexAService
    from tafdesk.services.reports.report_files import refuse_existing

    out = request.out.resolve()
    if out.suffix.lower() != ".xlsx":
        raise ValidationError({"out": f"Name the file .xlsx (the Annex A template's format): “{out.name}” is not."})
    refuse_existing([out], force=request.force)
    made = AnnexAService(database, actor).write(request.start, request.end, out, request.locality)
    print(
        f"Annex A early help list (List 2), {made.start:%d/%m/%Y} to {made.end:%d/%m/%Y}, "
        f"{', '.join(made.localities) or 'no locality'}: {_counted(len(made.rows), 'child', 'children')}."
    )
    if made.not_listed:
        print(
            f"{_counted(len(made.not_listed), 'child', 'children')} not listed for want of a value "
            f"(also on the sheet “{NOT_LISTED_SHEET}”):"
        )
        for left in made.not_listed:
            print(
                f"  {left.child_id} ({left.case_reference}, assessment started {left.started_on:%d/%m/%Y}): "
                f"{'; '.join(left.missing)}"
            )
    return [out]


def board_pack(database: Database, actor: Actor, request: ReportRequest) -> list[Path]:
    """The period's key figures, charts and the manager's narrative for a board, as PDF or Word."""
    from tafdesk.services.reports.board_pack import BoardPackService

    narrative = _narrative(request.narrative)
    service = BoardPackService(database, actor)
    locality = _locality(database, actor, request.locality)
    entry = service.produce(
        _period(request),
        locality,
        request.out,
        narrative,
        suppress=not request.show_small_numbers,
        force=request.force,
    )
    if not narrative:
        print("No narrative given (--narrative FILE): the pack says none was written.")
    return [Path(entry.path)]


def _narrative(path: Path | None) -> str:
    from tafdesk.services.errors import ValidationError

    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValidationError({"narrative": f"{path} is not UTF-8 text: save it as UTF-8 and try again."}) from None
    except OSError as exc:
        raise ValidationError({"narrative": f"{path} could not be read: {exc.strerror or exc}."}) from None


def _locality(database: Database, actor: Actor, name: str | None):
    from tafdesk.services.reports.service import ReportService

    return ReportService(database, actor).locality_named(name)


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


REPORTS: dict[str, Callable[[Database, Actor, ReportRequest], list[Path]]] = {
    "annex-a": annex_a,
    "board-pack": board_pack,
    "performance": performance,
    "caseloads": caseloads,
    "supporting-families": supporting_families,
}


def _period(request: ReportRequest):
    from tafdesk.services.reports.period import ReportPeriod

    return ReportPeriod.of(request.start, request.end)


def add_parser(commands) -> None:
    from tafdesk.cli_sign_in import add_sign_in_options

    report = commands.add_parser(
        "report",
        help="write a report (performance, caseloads, annex-a, supporting-families, board-pack) as XLSX, CSV, "
        "PDF or Word",
        description="performance: referrals, timeliness, outcomes, plans and closures; caseloads: caseload against "
        "capacity by professional and agency, week by week, and allocations over capacity; supporting-families: "
        "each eligible family's claim, or what its evidence lacks (XLSX or CSV); annex-a: Ofsted's Annex A early "
        "help list (List 2, XLSX); board-pack: the period's key figures, charts and a narrative (--narrative FILE) "
        "for a board, as PDF or Word, small numbers withheld. The README's "
        "“How the reports count” defines every figure. A .csv name gives one file for each table "
        "(NAME_TABLE.csv).",
    )
    report.add_argument("name", choices=sorted(REPORTS), metavar="NAME", help=", ".join(sorted(REPORTS)))
    report.add_argument("--from", dest="start", required=True, type=_day, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, type=_day, metavar="YYYY-MM-DD")
    report.add_argument("--locality", metavar="NAME", help="one locality, by name or code (default: all yours)")
    report.add_argument(
        "--out", required=True, metavar="FILE", help="FILE.xlsx, FILE.csv or FILE.pdf; board-pack FILE.pdf or FILE.docx"
    )
    report.add_argument("--force", action="store_true", help="replace files that exist")
    report.add_argument(
        "--narrative", metavar="FILE", type=Path, help="board-pack: the manager's narrative, a UTF-8 text file"
    )
    report.add_argument(
        "--show-small-numbers",
        action="store_true",
        help="board-pack: show counts of 1 to 4 (withheld as “fewer than 5” unless said), for a board that will "
        "not publish the pack",
    )
    report.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)")
    add_sign_in_options(report)


def run_report(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_sign_in import sign_in
    from tafdesk.services.errors import ValidationError

    if args.name != "board-pack" and (args.narrative or args.show_small_numbers):
        raise ValidationError({"narrative": "--narrative and --show-small-numbers are for the board-pack only."})
    database, actor = sign_in(args, db_arg)
    try:
        request = ReportRequest(
            args.start, args.end, args.locality, Path(args.out), args.force, args.narrative, args.show_small_numbers
        )
        for path in REPORTS[args.name](database, actor, request):
            print(f"Written: {path}")
        return EXIT_OK
    finally:
        database.dispose()


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date in the form YYYY-MM-DD") from None
