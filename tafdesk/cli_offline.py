"""`tafdesk offline take|status|sync|discard`: offline copies from a script.

The copy is protected by the password of the person taking it: `take` and
`sync` sign in with --user and that password (asked for, or read with
--password-stdin) and use the same password for the copy; `status` asks for
the copy's password only; `discard` needs none (a lost password is a reason
to discard a copy).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tafdesk.cli_sign_in import Passwords, add_sign_in_options
from tafdesk.services.errors import ServiceError

EXIT_OK, EXIT_FAILED, EXIT_CONFLICTS = 0, 1, 3
SIDES = ("mine", "theirs")


def add_parser(commands) -> None:
    offline = commands.add_parser("offline", help="take cases offline into an encrypted copy, and sync them back")
    actions = offline.add_subparsers(dest="offline_command", metavar="ACTION", required=True)
    take = actions.add_parser("take", help="copy your own cases into a new offline copy")
    take.add_argument("cases", nargs="+", metavar="CASE_REF")
    take.add_argument("--out", required=True, type=Path, metavar="FILE", help="the offline copy to make")
    status = actions.add_parser("status", help="the cases a copy holds and what waits to be sent")
    sync = actions.add_parser("sync", help="send a copy's changes to the server, field by field, and refresh it")
    sync.add_argument("--take", choices=SIDES, help="settle every conflict with your copy's or the server's value")
    sync.add_argument(
        "--resolve",
        type=Path,
        metavar="JSON",
        help='settle named conflicts: {"CASE/where/key/field": "mine"|"theirs"|{"edit": "another value"}}',
    )
    discard = actions.add_parser("discard", help="wipe an offline copy (anything not yet synced is lost)")
    for sub in (take, status, sync, discard):
        if sub is not take:
            sub.add_argument("file", type=Path, metavar="FILE")
        if sub is not discard:
            sub.add_argument(
                "--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)"
            )
            add_sign_in_options(sub)


class _Remembered(Passwords):
    """The sign-in password, kept to protect (or open) the copy as well."""

    given: str = ""

    def ask(self, prompt: str, *, twice: bool = False) -> str:
        self.given = super().ask(prompt, twice=twice)
        return self.given


def run_offline(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.services import offline_take

    command = args.offline_command
    if command == "discard":
        offline_take.discard(args.file)
        print(f"Wiped the offline copy {args.file}.")
        return EXIT_OK
    if command == "status":
        _print_status(offline_take.copy_status(args.file, _copy_password(args)))
        return EXIT_OK
    from tafdesk.cli_sign_in import sign_in
    from tafdesk.db.login import single_sign_on

    passwords = _Remembered(getattr(args, "password_stdin", False))
    database, actor = sign_in(args, db_arg, passwords)
    # Single sign-on: no password; the copy's key is kept in the keyring (offline/copy_key.py).
    key = None if single_sign_on() and not database.is_sqlite else passwords.given
    try:
        if command == "take":
            taken = offline_take.OfflineTakeService(database, actor).take(args.cases, args.out, key)
            print(f"Took {len(taken)} case{'s' if len(taken) != 1 else ''} offline into {args.out}: {', '.join(taken)}")
            return EXIT_OK
        return _sync(args, database, actor, key)
    finally:
        database.dispose()


def _sync(args, database, actor, password: str | None) -> int:
    from tafdesk.services.offline_sync import OfflineSyncService

    chosen = _resolutions(args.resolve) if args.resolve else {}
    outcomes = OfflineSyncService(database, actor).sync(args.file, password, _by_case(chosen, args.take))
    waiting = 0
    for outcome in outcomes:
        sent = f": sent {', '.join(outcome.sent)}" if outcome.sent else ""
        print(f"{outcome.reference}  {outcome.state}{sent}{'  — ' + outcome.note if outcome.note else ''}")
        for c in outcome.conflicts:
            waiting += 1
            print(f"  conflict {outcome.reference}/{c.name} — {c.label}, {c.field}")
            print(f"    yours:  {_shown(c.mine)}{_made(c.mine_changed_by, c.mine_changed_at)}")
            print(f"    server: {_shown(c.theirs)}{_made(c.theirs_changed_by, c.theirs_changed_at)}")
    if waiting:
        print(
            f"{waiting} conflict(s): run again with --take mine|theirs, or --resolve FILE naming each (or editing it)."
        )
        return EXIT_CONFLICTS
    return EXIT_OK


def _copy_password(args) -> str | None:
    """The copy's password, asked for unless the keyring keeps its key."""
    from tafdesk.offline.header import KEY_FROM_KEYRING, read_header

    if read_header(args.file).key_from == KEY_FROM_KEYRING:
        return None
    return Passwords(getattr(args, "password_stdin", False)).ask("Password for the offline copy: ")


def _by_case(chosen: dict, default: str | None):
    """A resolution file names conflicts as CASE/where/key/field; the sync
    asks by where/key/field, one case at a time (the keys are ids: unique)."""
    by_name = {name.split("/", 1)[1]: side for name, side in chosen.items() if "/" in name}

    def choose(conflict):
        return by_name.get(conflict.name) or default

    return choose


def _resolutions(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ServiceError(f"{path}: not a resolution file (JSON of conflict names to mine or theirs).") from exc
    if not isinstance(data, dict) or not all(_a_choice(v) for v in data.values()):
        raise ServiceError(f'{path}: each conflict must be settled as "mine", "theirs" or {{"edit": "a value"}}.')
    return data


def _a_choice(value) -> bool:
    if isinstance(value, dict):
        return list(value) == ["edit"] and isinstance(value["edit"], str)
    return value in SIDES


def _made(by: str | None, at) -> str:
    """Who changed it and when, where known: " (changed by NAME 01 Dec 2026 14:05 UTC)"."""
    words = (f" by {by}" if by else "") + (f" {at:%d %b %Y %H:%M} UTC" if at else "")
    return f" (changed{words})" if words else ""


def _shown(value) -> str:
    return "(empty)" if value in (None, "") else str(getattr(value, "value", value))


def _print_status(status) -> None:
    state = "EXPIRED: sync or discard it" if status.expired else f"expires {status.expires_at:%d %b %Y %H:%M} UTC"
    print(f"Offline copy {status.path} of {status.username}; {state}")
    for case in status.cases:
        note = f"  — {case.note}" if case.note else ""
        print(f"  {case.reference}  {case.family_name}  {case.state}: {case.pending.words()}{note}")
