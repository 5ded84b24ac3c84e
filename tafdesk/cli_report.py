"""`tafdesk report NAME --from --to [--locality] --out FILE`: the reports and
returns from the command line, for scheduled use. Each report signs in as
the other commands do and shows only what its user may see."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

EXIT_OK = 0


def _supporting_families(database, actor, args: argparse.Namespace) -> str:
    from tafdesk.exports import supporting_families as sheets
    from tafdesk.services.reports.supporting_families import SupportingFamiliesService

    out = _out(args.out, (".xlsx", ".csv"))
    report = SupportingFamiliesService(database, actor).report(args.start, args.end, args.locality)
    sheets.write(report, out)
    return f"{report.summary} Written to {out}"


# name -> (what it is, the function that makes it and says what it wrote)
REPORTS: dict[str, tuple[str, Callable[..., str]]] = {
    "supporting-families": (
        "each eligible family's Supporting Families claim, or what its evidence lacks (XLSX or CSV)",
        _supporting_families,
    ),
}


def add_parser(commands) -> None:
    from tafdesk.cli_sign_in import add_sign_in_options

    report = commands.add_parser(
        "report",
        help="write a report for a period: " + ", ".join(REPORTS),
        description="Reports for a period, as files for scheduled use. "
        + " ".join(f"{name}: {what}." for name, (what, _) in REPORTS.items()),
    )
    report.add_argument("name", choices=sorted(REPORTS), metavar="NAME", help=", ".join(sorted(REPORTS)))
    report.add_argument("--from", dest="start", required=True, type=_day, metavar="YYYY-MM-DD", help="first day")
    report.add_argument("--to", dest="end", required=True, type=_day, metavar="YYYY-MM-DD", help="last day")
    report.add_argument(
        "--locality", metavar="NAME", help="one locality (name or code); default: every one you may see"
    )
    report.add_argument(
        "--out", required=True, metavar="FILE", help="the file to write (its extension says the format)"
    )
    report.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help="SQLite file or database URL (default: TAFDESK_DB, then tafdesk.sqlite in your user data folder)",
    )
    add_sign_in_options(report)


def run_report(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_sign_in import sign_in

    database, actor = sign_in(args, db_arg)
    try:
        print(REPORTS[args.name][1](database, actor, args))
        return EXIT_OK
    finally:
        database.dispose()


def _out(given: str, suffixes: tuple[str, ...]) -> Path:
    from tafdesk.services.errors import ValidationError

    out = Path(given)
    if out.suffix.lower() not in suffixes:
        raise ValidationError({"out": f"Name the file {' or '.join(suffixes)}: “{out.name}” is not."})
    return out


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date in the form YYYY-MM-DD") from None
