"""`tafdesk audit show`: the audit trail for administrators, newest first,
filtered as the Audit trail page filters it (services/audit_trail.py)."""

from __future__ import annotations

import argparse

from tafdesk.cli_sign_in import add_sign_in_options

EXIT_OK = 0
DATES = "a day, day first, in England's time: 8/1/2027, 8 Jan 2027, 2027-01-08, today or -2w"


def add_parser(commands) -> None:  # noqa: ANN001 (argparse's subparsers action)
    audit = commands.add_parser(
        "audit", help="read the audit trail (administrators)",
    ).add_subparsers(dest="audit_command", metavar="ACTION", required=True)  # fmt: skip
    show = audit.add_parser(
        "show", help="who did or looked at what, newest first",
        description="Every change and every look (a family's summary, a plan, a 360° profile, a document opened, "
                    "produced or printed), newest first; records are named by reference, never by a family's name.",
    )  # fmt: skip
    show.add_argument("--case", default="", metavar="REF",
                      help="a case or family reference (N-2026-0012, F-000042): every event about that family")
    show.add_argument("--actor", default="", metavar="NAME", help="a username, or a name as the trail shows it")
    show.add_argument("--from", dest="date_from", default="", metavar="DATE", help=f"the first day: {DATES}")
    show.add_argument("--to", dest="date_to", default="", metavar="DATE", help="the last day (included), as --from")
    show.add_argument("--limit", type=int, default=1000, metavar="N", help="at most N events (default 1000)")
    show.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)")
    add_sign_in_options(show)


def run_audit(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_sign_in import sign_in
    from tafdesk.services.audit_trail import AuditTrailService, TrailFilter
    from tafdesk.services.errors import ServiceError, ValidationError

    if args.limit < 1:
        raise ServiceError("--limit: give a number of events, 1 or more.")
    database, actor = sign_in(args, db_arg)
    try:
        filters = TrailFilter(args.case, args.actor, args.date_from, args.date_to)
        try:
            trail = AuditTrailService(database, actor).events(filters, limit=args.limit)
        except ValidationError as exc:  # named as the options are typed
            raise ServiceError(" ".join(f"--{name}: {message}" for name, message in exc.fields.items())) from None
        _print(trail.events)
        if not trail.events:
            print("No events match.")
        elif trail.more:
            print(f"… and more: the newest {len(trail.events)} are shown. Narrow the search (--from, --to, --case, "
                  "--actor) or raise --limit.")  # fmt: skip
        return EXIT_OK
    finally:
        database.dispose()


def _print(events) -> None:  # noqa: ANN001 (TrailEvent)
    """One event a line, in columns: when, who, what, which record."""
    rows = [(e.when, e.who, e.words, e.record) for e in events]
    widths = [max((len(row[n]) for row in rows), default=0) for n in range(3)]
    for row in rows:
        print("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[3]]).rstrip())
