"""`tafdesk audit`: for administrators. `show` reads the trail, newest first,
filtered as the Audit trail page filters it (services/audit_trail.py);
`verify` checks that its keyed chain is whole and `anchor` prints its head to
keep outside the database. Administrators sign in with --user; on PostgreSQL
the owner role may verify and anchor without (the --db URL's own connection),
as tafdesk itself."""

from __future__ import annotations

import argparse
import datetime as dt

from tafdesk.cli_sign_in import Passwords, add_sign_in_options

EXIT_OK, EXIT_BROKEN = 0, 1
DATES = "a day, day first, in England's time: 8/1/2027, 8 Jan 2027, 2027-01-08, today or -2w"


def add_parser(commands) -> None:
    audit = commands.add_parser(
        "audit",
        help="read the audit trail, or check that it has not been altered (administrators)",
        description="Every audit event is a link of a keyed chain: an event changed, removed, reordered or added "
        "behind tafdesk's back breaks it. Keep the head `anchor` prints outside the database (the "
        "council's log, a mail) and give it to `verify --anchor` later: that also catches the newest "
        "events being cut off.",
    ).add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit.add_parser("verify", help="check every link; report the first broken one (exit 1)")
    verify.add_argument(
        "--anchor",
        action="append",
        default=[],
        metavar="SEQ:MAC",
        help="a head printed earlier by `tafdesk audit anchor`, which must still be in the chain (once for each)",
    )
    anchor = audit.add_parser(
        "anchor", help="print the chain's head in one line (link number, time, MAC) to keep outside the database"
    )
    show = audit.add_parser(
        "show",
        help="who did or looked at what, newest first",
        description="Every change and every look (a family's summary, a plan, a 360° profile, a document opened, "
        "produced or printed), newest first; records are named by reference, never by a family's name.",
    )
    show.add_argument(
        "--case",
        default="",
        metavar="REF",
        help="a case or family reference (N-2026-0012, F-000042): every event about that family",
    )
    show.add_argument("--actor", default="", metavar="NAME", help="a username, or a name as the trail shows it")
    show.add_argument("--from", dest="date_from", default="", metavar="DATE", help=f"the first day: {DATES}")
    show.add_argument("--to", dest="date_to", default="", metavar="DATE", help="the last day (included), as --from")
    show.add_argument("--limit", type=int, default=1000, metavar="N", help="at most N events (default 1000)")
    for sub in (verify, anchor, show):
        sub.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)")
        add_sign_in_options(sub)


def run_audit(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.services.audit_verify import Anchor, AuditChainService

    if args.audit_command == "show":
        return _run_show(args, db_arg)
    anchors = [Anchor.parse(given) for given in getattr(args, "anchor", [])]  # refused before signing in
    database, actor = _administrator_or_owner(args, db_arg)
    try:
        service = AuditChainService(database, actor)
        if args.audit_command == "anchor":
            return _print_head(service.head())
        return _print_verification(service.verify(anchors), database.is_sqlite)
    finally:
        database.dispose()


def _run_show(args: argparse.Namespace, db_arg: str | None) -> int:
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
            print(
                f"… and more: the newest {len(trail.events)} are shown. Narrow the search (--from, --to, --case, "
                "--actor) or raise --limit."
            )
        return EXIT_OK
    finally:
        database.dispose()


def _print(events) -> None:
    """One event a line, in columns: when, who, what, which record."""
    rows = [(e.when, e.who, e.words, e.record) for e in events]
    widths = [max((len(row[n]) for row in rows), default=0) for n in range(3)]
    for row in rows:
        print("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[3]]).rstrip())


def _administrator_or_owner(args: argparse.Namespace, db_arg: str | None):
    from tafdesk.cli_sign_in import sign_in
    from tafdesk.db.location import resolve_url, sqlite_path
    from tafdesk.db.login import single_sign_on
    from tafdesk.db.schema import open_database
    from tafdesk.db.server_owner import connects_as_owner
    from tafdesk.services.actor import SYSTEM
    from tafdesk.services.errors import PermissionDenied

    url = resolve_url(db_arg)
    on_server = sqlite_path(url) is None
    if getattr(args, "user", None) or (single_sign_on() and on_server) or not on_server:
        return sign_in(args, db_arg, Passwords(getattr(args, "password_stdin", False)))
    database = open_database(url, upgrade=False)
    if not connects_as_owner(database.engine):
        database.dispose()
        raise PermissionDenied(
            "Say who you are with --user NAME: only administrators (or the database's owner "
            "role) may check the audit trail."
        )
    return database, SYSTEM


def _print_head(head) -> int:
    if head is None:
        print("The audit trail is empty: there is no head to anchor yet.")
        return EXIT_OK
    print(f"{head}  (link {head.seq}, recorded {_when(head.occurred_at)})")
    return EXIT_OK


def _print_verification(result, sqlite: bool) -> int:
    where = "on this computer" if sqlite else "on this server"
    for span in result.unverifiable:
        links = f"Link {span.first}" if span.first == span.last else f"Links {span.first} to {span.last}"
        print(
            f"{links} ({_when(span.first_at, date_only=True)} to {_when(span.last_at, date_only=True)}) cannot "
            f"be verified {where}: {'it was' if span.first == span.last else 'they were'} written with a key "
            f"kept elsewhere (a copied database, or another computer). Only that they follow on, one from "
            f"another, was checked: verify them where their key is, or against an anchor taken since."
        )
    anchors = f", and {result.anchors} anchor{'s' * (result.anchors != 1)} found in it" if result.anchors else ""
    if result.ok:
        if not result.links:
            print(f"Audit trail OK: no events yet{anchors}.")
        else:
            print(
                f"Audit trail OK: {result.links:,} events, an unbroken chain of links 1 to {result.links:,}, "
                f"{result.verified:,} verified with their key{anchors}."
            )
        return EXIT_OK
    broken = result.broken
    recorded = f"recorded {_when(broken.occurred_at)}" if broken.occurred_at else ""
    if broken.seq is None:
        subject = f"event {broken.event_id}{f' ({recorded})' if recorded else ''}"
    else:
        about = ", ".join(part for part in (f"event {broken.event_id}" if broken.event_id else "", recorded) if part)
        subject = f"link {broken.seq}{f' ({about})' if about else ''}"
    print(f"Audit trail BROKEN: {subject} {broken.what}.")
    return EXIT_BROKEN


def _when(moment: dt.datetime | None, *, date_only: bool = False) -> str:
    if moment is None:
        return "an unknown time"
    moment = moment.astimezone(dt.UTC)
    return f"{moment:%Y-%m-%d}" if date_only else f"{moment:%Y-%m-%d %H:%M:%S} UTC"
