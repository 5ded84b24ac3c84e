"""`tafdesk users ...`: adding, listing, disabling and enabling users,
resetting a password and changing a role, as an administrator signing in
with --user. A database with no users gets its first administrator from
whoever owns it, without --user: on PostgreSQL the owner role's connection
(the --db URL's), on SQLite anyone who can write the file."""

from __future__ import annotations

import argparse

from tafdesk.cli_sign_in import Passwords, add_sign_in_options

EXIT_OK = 0
ROLE_WORDS = "admin, locality_manager, business_support or lead_professional"


def add_parser(commands) -> None:
    users = commands.add_parser(
        "users",
        help="manage who may sign in (administrators; a new database's owner makes the first one)",
        description="Every change is audited. Passwords are asked for twice at a terminal, or read from standard "
        "input with --password-stdin (the signing-in administrator's first, then the new one).",
    ).add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = users.add_parser("add", help="add a user: --role ROLE [--locality L]... [--professional EMAIL]")
    add.add_argument("name", metavar="NAME", help="their username (their database login on PostgreSQL)")
    add.add_argument("--role", required=True, help=ROLE_WORDS)
    add.add_argument(
        "--locality",
        action="append",
        default=[],
        metavar="L",
        help="a locality they work in (locality managers and business support; once for each)",
    )
    add.add_argument("--professional", metavar="EMAIL", help="their directory entry (lead professionals need one)")
    add.add_argument("--display-name", default="", metavar="TEXT", help="default: the professional's name")
    listed = users.add_parser("list", help="every user, their role, localities and whether they may sign in")
    disable = users.add_parser("disable", help="stop a user signing in (their records stay)")
    enable = users.add_parser("enable", help="let a disabled user sign in again")
    password = users.add_parser("password", help="set a user's new password (also ends a lock-out)")
    role = users.add_parser("role", help="change a user's role and localities")
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", metavar="ROLE", help=ROLE_WORDS)
    role.add_argument("--locality", action="append", default=[], metavar="L", help="as for add")
    for sub in (disable, enable, password):
        sub.add_argument("name", metavar="NAME")
    for sub in (add, listed, disable, enable, password, role):
        sub.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="the database (as for tafdesk)")
        add_sign_in_options(sub)


def run_users(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.services.user_admin import UserAdminService

    passwords = Passwords(getattr(args, "password_stdin", False))
    database, actor = _signed_in_or_owner(args, db_arg, passwords)
    try:
        service = UserAdminService(database, actor)
        command = args.users_command
        if command == "list":
            _print_users(service.users())
        elif command == "add":
            _add(service, args, passwords, database)
        elif command in ("disable", "enable"):
            user = service.set_active(args.name, command == "enable")
            print(f"{user.username} is {'enabled' if user.active else 'disabled: they can no longer sign in'}.")
        elif command == "password":
            service.set_password(args.name, passwords.ask(f"New password for {args.name}: ", twice=True))
            print(f"{args.name.strip().lower()}: password changed.")
        else:
            user = service.change_role(args.name, _role(args.role), args.locality)
            print(f"{user.username} is now {_described(user)}.")
        return EXIT_OK
    finally:
        database.dispose()


def _signed_in_or_owner(args: argparse.Namespace, db_arg: str | None, passwords: Passwords):
    """An administrator signing in; or, adding the first user of a database
    with none, the connection as given (the owner's), acting as tafdesk."""
    from tafdesk.cli_sign_in import sign_in
    from tafdesk.db.location import resolve_url, sqlite_path
    from tafdesk.db.login import single_sign_on
    from tafdesk.db.schema import open_database
    from tafdesk.services.actor import SYSTEM
    from tafdesk.services.errors import PermissionDenied
    from tafdesk.services.users import UserService

    url = resolve_url(db_arg)
    signing_in = getattr(args, "user", None) or (single_sign_on() and sqlite_path(url) is None)
    if signing_in or args.users_command != "add":
        return sign_in(args, db_arg, passwords)
    database = open_database(url)
    if UserService(database).has_users():
        database.dispose()
        raise PermissionDenied("This database has users already: sign in as an administrator with --user NAME.")
    return database, SYSTEM


def _add(service, args: argparse.Namespace, passwords: Passwords, database) -> None:
    from tafdesk.db.login import single_sign_on
    from tafdesk.services.user_admin import NewUser

    role = _role(args.role)
    new = NewUser(args.name, role, args.display_name, tuple(args.locality), args.professional)
    sso = single_sign_on() and not database.is_sqlite
    password = None if sso else passwords.ask(f"Password for the new user {args.name}: ", twice=True)
    user = service.add(new, password)
    login = "" if database.is_sqlite else f", with the database login role {user.username}"
    print(f"Added {user.username} ({user.display_name}), {_described(user)}{login}.")


def _role(given: str):
    from tafdesk.models.enums import Role
    from tafdesk.services.errors import ValidationError

    word = given.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Role("admin" if word == "administrator" else word)
    except ValueError:
        raise ValidationError({"role": f"“{given}” is not a role: say {ROLE_WORDS}."}) from None


def _described(user) -> str:
    from tafdesk.models.enums import Role

    words = {
        Role.ADMIN: "an administrator",
        Role.LOCALITY_MANAGER: "a locality manager",
        Role.BUSINESS_SUPPORT: "business support",
        Role.LEAD_PROFESSIONAL: "a lead professional",
    }
    where = f" in {', '.join(user.localities)}" if user.localities else ""
    return f"{words[user.role]}{where}"


def _print_users(users) -> None:
    rows = [("USERNAME", "NAME", "ROLE", "LOCALITIES", "PROFESSIONAL", "STATUS")]
    for u in users:
        status = (
            "disabled"
            if not u.active
            else (f"locked until {u.locked_until.astimezone():%H:%M}" if u.locked_until else "active")
        )
        rows.append(
            (u.username, u.display_name, u.role.value, ", ".join(u.localities) or "-", u.professional or "-", status)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
