"""`tafdesk report NAME --from YYYY-MM-DD --to YYYY-MM-DD [--locality NAME]
--out FILE`: a report for a period, for scheduled use. Each report signs in
as the other commands do and goes through its service (the same access
checks as the window). REPORTS names each report's function."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from tafdesk.cli_sign_in import add_sign_in_options

EXIT_OK = 0


def add_parser(commands) -> None:
    report = commands.add_parser(
        "report",
        help="write a report for a period (annex-a: Ofsted's Annex A early help list)",
        description="The period is inclusive. Without --locality, every locality you work in.",
    )
    report.add_argument("name", choices=sorted(REPORTS), metavar="NAME", help=", ".join(sorted(REPORTS)))
    report.add_argument("--from", dest="start", required=True, type=_date, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, type=_date, metavar="YYYY-MM-DD")
    report.add_argument("--locality", metavar="NAME", help="one locality, by its name or code")
    report.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    report.add_argument("--force", action="store_true", help="replace the file if it exists")
    report.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)")
    add_sign_in_options(report)


def run_report(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_sign_in import sign_in
    from tafdesk.services.errors import ConflictError

    out = Path(args.out)
    if out.exists() and not args.force:  # before a password is asked for
        raise ConflictError(f"{out} already exists: say --force to replace it, or choose another name.")
    database, actor = sign_in(args, db_arg)
    try:
        return REPORTS[args.name](database, actor, args, out)
    finally:
        database.dispose()


def _annex_a(database, actor, args: argparse.Namespace, out: Path) -> int:
    from tafdesk.services.reports.annex_a import NOT_LISTED_SHEET, AnnexAService

    made = AnnexAService(database, actor).write(args.start, args.end, out, args.locality)
    children = _counted(len(made.rows), "child", "children")
    print(
        f"Annex A early help list (List 2), {made.start:%d/%m/%Y} to {made.end:%d/%m/%Y}, "
        f"{', '.join(made.localities) or 'no locality'}: {children} written to {out}"
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
    return EXIT_OK


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date in the form YYYY-MM-DD") from None


REPORTS: dict[str, Callable[..., int]] = {"annex-a": _annex_a}
