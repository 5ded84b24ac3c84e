"""`tafdesk audit verify` and `tafdesk audit anchor`: checking that the audit
trail's keyed chain is whole, and printing its head to keep outside the
database. Administrators sign in with --user; on PostgreSQL the owner role
may run them without (the --db URL's own connection), as tafdesk itself."""

from __future__ import annotations

import argparse
import datetime as dt

from tafdesk.cli_sign_in import Passwords, add_sign_in_options

EXIT_OK, EXIT_BROKEN = 0, 1


def add_parser(commands) -> None:  # noqa: ANN001 (argparse's subparsers action)
    audit = commands.add_parser(
        "audit", help="check that the audit trail has not been altered (administrators)",
        description="Every audit event is a link of a keyed chain: an event changed, removed, reordered or added "
                    "behind tafdesk's back breaks it. Keep the head `anchor` prints outside the database (the "
                    "council's log, a mail) and give it to `verify --anchor` later: that also catches the newest "
                    "events being cut off.",
    ).add_subparsers(dest="audit_command", metavar="ACTION", required=True)  # fmt: skip
    verify = audit.add_parser("verify", help="check every link; report the first broken one (exit 1)")
    verify.add_argument("--anchor", action="append", default=[], metavar="SEQ:MAC",
                        help="a head printed earlier by `tafdesk audit anchor`, which must still be in the chain "
                             "(once for each)")  # fmt: skip
    anchor = audit.add_parser("anchor", help="print the chain's head in one line (link number, time, MAC) to keep "
                                             "outside the database")  # fmt: skip
    for sub in (verify, anchor):
        sub.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)")
        add_sign_in_options(sub)


def run_audit(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.services.audit_verify import Anchor, AuditChainService

    anchors = [Anchor.parse(given) for given in getattr(args, "anchor", [])]  # refused before signing in
    database, actor = _administrator_or_owner(args, db_arg)
    try:
        service = AuditChainService(database, actor)
        if args.audit_command == "anchor":
            return _print_head(service.head())
        return _print_verification(service.verify(anchors), database.is_sqlite)
    finally:
        database.dispose()


def _administrator_or_owner(args: argparse.Namespace, db_arg: str | None):  # noqa: ANN202
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
        raise PermissionDenied("Say who you are with --user NAME: only administrators (or the database's owner "
                               "role) may check the audit trail.")  # fmt: skip
    return database, SYSTEM


def _print_head(head) -> int:  # noqa: ANN001 (Anchor | None)
    if head is None:
        print("The audit trail is empty: there is no head to anchor yet.")
        return EXIT_OK
    print(f"{head}  (link {head.seq}, recorded {_when(head.occurred_at)})")
    return EXIT_OK


def _print_verification(result, sqlite: bool) -> int:  # noqa: ANN001 (Verification)
    where = "on this computer" if sqlite else "on this server"
    for span in result.unverifiable:
        links = f"Link {span.first}" if span.first == span.last else f"Links {span.first} to {span.last}"
        print(f"{links} ({_when(span.first_at, date_only=True)} to {_when(span.last_at, date_only=True)}) cannot "
              f"be verified {where}: {'it was' if span.first == span.last else 'they were'} written with a key "
              f"kept elsewhere (a copied database, or another computer). That they follow on, one from another, "
              f"was checked.")  # fmt: skip
    anchors = f", and {result.anchors} anchor{'s' * (result.anchors != 1)} found in it" if result.anchors else ""
    if result.ok:
        if not result.links:
            print(f"Audit trail OK: no events yet{anchors}.")
        else:
            print(f"Audit trail OK: {result.links:,} events, an unbroken chain of links 1 to {result.links:,}, "
                  f"{result.verified:,} verified with their key{anchors}.")  # fmt: skip
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
