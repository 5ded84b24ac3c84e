"""Signing in from the command line: `--user NAME` and the password from a
prompt at a terminal or from `--password-stdin`. Neither `--user` alone, nor
an environment variable, nor the login name signs anyone in."""

from __future__ import annotations

import argparse
import getpass
import sys

from tafdesk.services.errors import ServiceError

USER_HELP = "who you are; your password is asked for (or read with --password-stdin)"
STDIN_HELP = (
    "read passwords from standard input, one a line: yours first (with --user), then any new password the command sets"
)
NO_TERMINAL = "No password given: tafdesk asks for it at a terminal; from a script, pipe it in with --password-stdin."


def add_sign_in_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """--user and --password-stdin; a command's own may follow it or come before it."""
    parser.add_argument("--user", metavar="USERNAME", help=USER_HELP, default=None if top_level else argparse.SUPPRESS)
    parser.add_argument(
        "--password-stdin", action="store_true", help=STDIN_HELP, default=False if top_level else argparse.SUPPRESS
    )


class Passwords:
    """The passwords a command needs, in the order it asks for them."""

    def __init__(self, from_stdin: bool) -> None:
        self._from_stdin = from_stdin

    def ask(self, prompt: str, *, twice: bool = False) -> str:
        if self._from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise ServiceError(
                    f"--password-stdin: standard input ended before the password ({prompt.rstrip(': ')})."
                )
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise ServiceError(NO_TERMINAL)
        password = getpass.getpass(prompt)
        if twice and getpass.getpass("The same again: ") != password:
            raise ServiceError("The two passwords differ; nothing was changed.")
        return password


def sign_in(args: argparse.Namespace, db_arg: str | None, passwords: Passwords | None = None, **options):
    """(Database, Actor) for --user and their password; with single sign-on
    on a server, whoever this computer's account is."""
    from tafdesk.db.location import resolve_url, sqlite_path
    from tafdesk.db.login import single_sign_on
    from tafdesk.services.users import open_signed_in

    url = resolve_url(db_arg)
    username = getattr(args, "user", None)
    sso = single_sign_on() and sqlite_path(url) is None
    if not username and not sso:
        raise ServiceError(
            "Say who you are with --user NAME: your password is then asked for, or read with --password-stdin."
        )
    passwords = passwords or Passwords(getattr(args, "password_stdin", False))
    password = None if sso else passwords.ask(f"Password for {username}: ")
    return open_signed_in(url, username, password, **options)


def sign_in_through_owner(args: argparse.Namespace, db_arg: str | None, what: str):
    """(Database, Actor) for work that reads every family's records. On SQLite,
    signing in as usual. On PostgreSQL the --db URL names the owner role, whose
    connection does the work (no person's role may), and the server checks
    --user's own password (or single sign-on) to say who is doing it."""
    from tafdesk.db.location import resolve_url, sqlite_path
    from tafdesk.db.login import single_sign_on
    from tafdesk.db.schema import open_database
    from tafdesk.db.server_owner import require_owner_connection
    from tafdesk.services.users import UserService

    url = resolve_url(db_arg)
    if sqlite_path(url) is not None:
        return sign_in(args, db_arg)
    username = getattr(args, "user", None)
    if not username:
        raise ServiceError(
            "Say who you are with --user NAME (an administrator): your password is then asked for, "
            "or read with --password-stdin."
        )
    database = open_database(url)
    try:
        with database.connection() as conn:
            require_owner_connection(conn, what)
        password = (
            None
            if single_sign_on()
            else Passwords(getattr(args, "password_stdin", False)).ask(f"Password for {username}: ")
        )
        actor = UserService(database).checked_by_server(username, password)
        database.signed_in(actor.username)
        return database, actor
    except BaseException:
        database.dispose()
        raise
