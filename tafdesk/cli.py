"""The command line. With no command, tafdesk opens its window.

Imports are deferred to the command that needs them so that `--help` and the
GUI start quickly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tafdesk import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tafdesk",
        description="Early help case allocation meetings and Team Around the Family plans. "
        "With no command, opens the tafdesk window.",
    )
    parser.add_argument("--version", action="version", version=f"tafdesk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation is whole (its files, libraries, and the sign-in dialog opening), then exit",
    )
    _add_db_option(parser)
    from tafdesk.cli_sign_in import add_sign_in_options

    add_sign_in_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill a new database with a synthetic demo council")
    _add_db_option(demo)
    from tafdesk.demo.scale import DEFAULT, SCALES

    demo.add_argument(
        "--scale",
        choices=list(SCALES),
        default=DEFAULT,
        help="how large a council: " + "; ".join(s.describe() for s in SCALES.values()) + f" (default {DEFAULT})",
    )
    demo.add_argument("--families", type=_positive_int, help="how many families (default: the scale's)")
    demo.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
    demo.add_argument("--today", type=_iso_date, help="date the data is built around, YYYY-MM-DD (default today)")

    intake = commands.add_parser("import", help="import 360° profile files (JSON); folders are searched for *.json")
    _add_db_option(intake)
    intake.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder of files")
    add_sign_in_options(intake)

    _add_export_parser(commands)
    from tafdesk.cli_audit import add_parser as add_audit_parser
    from tafdesk.cli_report import add_parser as add_report_parser
    from tafdesk.cli_retention import add_parser as add_retention_parser
    from tafdesk.cli_sar import add_parser as add_sar_parser
    from tafdesk.cli_settings import add_parser as add_settings_parser
    from tafdesk.cli_users import add_parser as add_users_parser

    add_settings_parser(commands)
    add_users_parser(commands)
    add_retention_parser(commands)
    add_sar_parser(commands)
    add_audit_parser(commands)
    add_report_parser(commands)
    from tafdesk.cli_offline import add_parser as add_offline_parser

    add_offline_parser(commands)

    db = commands.add_parser("db", help="look after the database").add_subparsers(
        dest="db_command", metavar="ACTION", required=True
    )
    upgrade = db.add_parser("upgrade", help="create or upgrade the schema (an SQLite file is backed up first)")
    _add_db_option(upgrade)
    current = db.add_parser("current", help="print the schema revision and whether it is up to date")
    _add_db_option(current)
    check = db.add_parser(
        "check", help="check the database is sound (an SQLite file page by page) and say what was checked"
    )
    _add_db_option(check)
    backup = db.add_parser("backup", help="copy an SQLite database safely, even while tafdesk is open")
    _add_db_option(backup)
    backup.add_argument("path", help="file or folder to write the copy to")
    restore = db.add_parser(
        "restore",
        help="put an SQLite backup back in place of the database (checked first; the current file is kept aside)",
    )
    _add_db_option(restore)
    restore.add_argument("backup", metavar="BACKUP", help="the backup file, e.g. one in the backups folder")
    revision = db.add_parser("revision", help="(developers) write a migration for model changes")
    _add_db_option(revision)
    revision.add_argument("-m", "--message", required=True)
    return parser


def _add_export_parser(commands) -> None:
    from tafdesk.cli_sign_in import add_sign_in_options

    export = commands.add_parser(
        "export",
        help="make minutes, letters or a TAF plan as PDF or Word files",
        description='Meetings are named by locality and date, e.g. "North 2026-12-01" (quote it); '
        "cases by reference, e.g. N-2026-0012. Every file made is recorded in the document register.",
    ).add_subparsers(dest="export_command", metavar="WHAT", required=True)
    minutes = export.add_parser("minutes", help="a meeting's minutes")
    minutes.add_argument("meeting", metavar="MEETING", help='locality and date, e.g. "North 2026-12-01"')
    minutes.add_argument(
        "--edition",
        choices=("full", "circulation"),
        default="circulation",
        help="circulation (families by reference and initials, nothing restricted; the default) or "
        "full (for the members of the group only)",
    )
    letters = export.add_parser("letters", help="every letter a closed meeting's decisions call for")
    letters.add_argument("meeting", metavar="MEETING", help='locality and date, e.g. "North 2026-12-01"')
    pack = export.add_parser("pack", help="a closed meeting's pack: both editions of the minutes and every letter")
    pack.add_argument("meeting", metavar="MEETING", help='locality and date, e.g. "North 2026-12-01"')
    plan = export.add_parser("plan", help="a family's current TAF plan")
    plan.add_argument("case", metavar="CASE_REF", help="the case reference, e.g. N-2026-0012")
    chronology = export.add_parser("chronology", help="a family's chronology (kept in the document register)")
    chronology.add_argument("case", metavar="CASE_REF", help="the case reference, e.g. N-2026-0012")
    chronology.add_argument(
        "--edition",
        choices=("agencies", "full"),
        default="agencies",
        help="agencies (restricted entries and wording withheld, for other agencies; the default) or "
        "full (for the Team Around the Family and the locality's managers)",
    )
    for sub, out_help in (
        (minutes, "the file to write"),
        (plan, "the file to write"),
        (chronology, "the file to write"),
        (letters, "the folder to write into"),
        (pack, "the folder to write into"),
    ):
        _add_db_option(sub)
        sub.add_argument("--out", required=True, metavar="PATH", help=out_help)
        sub.add_argument(
            "--format",
            choices=("pdf", "docx", "both") if sub in (letters, pack) else ("pdf", "docx"),
            help="must agree with the file's extension (the default)"
            if sub in (minutes, plan, chronology)
            else "default: both",
        )
        if sub in (minutes, plan, chronology):
            sub.add_argument("--force", action="store_true", help="replace the file if it exists")
        add_sign_in_options(sub)


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help="SQLite file or database URL, e.g. postgresql+psycopg://host/tafdesk (default: TAFDESK_DB, "
        "then tafdesk.sqlite in your user data folder)",
    )


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _iso_date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date in the form YYYY-MM-DD") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db = getattr(args, "db", None)
    if args.self_test:
        from tafdesk.cli_self_test import run

        return run()
    if args.command is None:
        from tafdesk.logs import configure_logging

        _load_layers_below_the_window(db)
        from tafdesk.ui.app import run_gui

        configure_logging()
        try:
            password = _gui_password(args)
            return run_gui(db, args.user, password)
        except Exception as exc:  # noqa: BLE001 (escaped the window's own handlers: one sentence, the detail logged)
            print(f"tafdesk: {_unexpected(exc, 'window')}", file=sys.stderr)
            return EXIT_FAILED
    from tafdesk.db.errors import StorageError
    from tafdesk.logs import configure_logging
    from tafdesk.services.errors import ServiceError

    configure_logging()
    try:
        return _COMMANDS[args.command](args, db)
    except (StorageError, ServiceError) as exc:
        print(f"tafdesk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("tafdesk: interrupted; nothing was half-written.", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:  # a file or folder given: the system's own words name the fix
        print(f"tafdesk: {exc.filename or 'a file'}: {exc.strerror or type(exc).__name__}.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 (the last resort: one sentence here, the detail in the log)
        print(f"tafdesk: {_unexpected(exc, args.command)}", file=sys.stderr)
        return EXIT_FAILED


def _gui_password(args: argparse.Namespace) -> str | None:
    """With --password-stdin (scripts, benchmarks) the window signs in with
    --user and that password; otherwise --user only fills in the dialog."""
    if not args.password_stdin:
        return None
    from tafdesk.cli_sign_in import Passwords

    return Passwords(True).ask("password")


def _unexpected(exc: Exception, command: str) -> str:
    """One sentence for an error nothing below foresaw; the log gets where it
    was raised (never its text, which may quote a family's data)."""
    import logging

    from tafdesk.db.failures import translate
    from tafdesk.logs import log_unexpected
    from tafdesk.paths import log_dir

    problem = translate(exc, "the database")
    if problem is not None:
        return str(problem)
    log_unexpected(logging.getLogger("tafdesk.cli"), f"tafdesk {command}", exc)
    return (
        f"tafdesk {command} stopped on a problem it did not expect ({type(exc).__name__}). "
        f"The details are in the log in {log_dir()}."
    )


def _load_layers_below_the_window(db: str | None) -> None:
    """Import the storage and service modules the first screen needs before
    Qt. PySide6 hooks `import` and reads the source of every module imported
    after it (looking for `from __feature__`); modules already loaded are
    passed by. The mapped classes and the services of each role's first page
    (Meetings, My cases, Intake) are most of them."""
    from sqlalchemy.exc import SQLAlchemyError

    import tafdesk.db.schema
    import tafdesk.models._all
    import tafdesk.services.allocation
    import tafdesk.services.directory
    import tafdesk.services.draft_journal
    import tafdesk.services.intake_queue
    import tafdesk.services.meetings
    import tafdesk.services.my_cases
    import tafdesk.services.passwords
    import tafdesk.services.users  # noqa: F401 (sign-in)
    from tafdesk.db import StorageError, resolve_url

    try:
        url = resolve_url(db)
        url.get_dialect()  # imports the database's driver
        if url.get_backend_name() == "sqlite":
            import argon2  # noqa: F401 (the password check, tafdesk's own on SQLite)
    except (StorageError, SQLAlchemyError, ImportError):
        pass  # the window says what is wrong with the location


def gui_main() -> int:
    return main([])


def _demo(args: argparse.Namespace, db_arg: str | None) -> int:
    import time

    from tafdesk.db.location import resolve_url
    from tafdesk.db.schema import open_database
    from tafdesk.demo import generate

    url = resolve_url(db_arg)
    if db_arg is None:
        from tafdesk.paths import default_database_path
        from tafdesk.private_files import private_folder

        private_folder(default_database_path().parent, ours=True)
    database = open_database(url, create_empty=True)
    started = time.perf_counter()
    try:
        from tafdesk.demo.scale import scale_named

        summary = generate(
            database, families=args.families, seed=args.seed, today=args.today, scale=scale_named(args.scale)
        )
        usernames = _usernames(database)
    finally:
        database.dispose()
    print(f"Demo council written to {database.describe()} in {time.perf_counter() - started:.1f} s:")
    for name, count in vars(summary).items():
        print(f"  {name.replace('_', ' ')}: {count}")
    from tafdesk.services.passwords import DEMO_PASSWORD

    print(f"Every demo user's password is “{DEMO_PASSWORD}”. The users: {', '.join(usernames)}.")
    if not database.is_sqlite:
        print("Their login roles on the server have that password too; one that already existed kept its own.")
    return EXIT_OK


def _usernames(database) -> list[str]:
    from sqlalchemy import text

    with database.connection() as conn:
        return list(conn.execute(text("SELECT username FROM app_user ORDER BY role, username")).scalars())


def _import(args: argparse.Namespace, db_arg: str | None) -> int:
    """One line per file; exit 1 if any file was rejected or holds an amended profile."""
    from pathlib import Path

    from tafdesk.cli_sign_in import sign_in
    from tafdesk.services.intake import FileReport, IntakeService

    database, actor = sign_in(args, db_arg)
    try:
        intake = IntakeService(database, actor)
        rejected = 0
        for given in args.paths:
            path = Path(given)
            files = sorted(p for p in path.glob("*.json") if p.is_file()) if path.is_dir() else [path]
            if path.is_dir() and not files:
                print(f"{path}: no .json files in this folder")
            for file in files:
                report = (
                    intake.import_path(file)
                    if file.exists()
                    else FileReport(file.name, errors=(f"{file}: no such file.",))
                )
                rejected += report.needs_attention
                print(report.summary())
                for line in (*report.errors[1:], *report.warnings):
                    print(f"    {line}")
    finally:
        database.dispose()  # closed cleanly even on failure: no log file left to suggest a crash
    return EXIT_FAILED if rejected else EXIT_OK


def _db(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.db import migrations, schema
    from tafdesk.db.location import describe, resolve_url, sqlite_path

    url = resolve_url(db_arg)
    if args.db_command == "upgrade":
        before = schema.inspect_database(url)
        copy = schema.upgrade_schema(url, inspection=before)
        if before.state is schema.State.CURRENT:
            print(f"{describe(url)} is already at the newest schema ({migrations.HEAD_REVISION}).")
        else:
            print(f"{describe(url)} upgraded from {before.revision or 'empty'} to {migrations.HEAD_REVISION}.")
        if copy:
            print(f"A copy from before the upgrade is at {copy}")
        return EXIT_OK
    if args.db_command == "check":
        return _db_check(url)
    if args.db_command == "current":
        inspection = schema.inspect_database(url, schema.Integrity.QUICK)
        state = {
            schema.State.EMPTY: "empty: no tafdesk schema yet",
            schema.State.CURRENT: "up to date",
            schema.State.BEHIND: f"behind: `tafdesk db upgrade` brings it to {migrations.HEAD_REVISION}",
        }[inspection.state]
        print(f"{describe(url)}: schema {inspection.revision or '(none)'}, {state}")
        return EXIT_OK
    if args.db_command == "backup":
        from pathlib import Path

        from tafdesk.db.backup import SERVER_BACKUP, backup_sqlite
        from tafdesk.db.errors import StorageError

        path = sqlite_path(url)
        if path is None:
            raise StorageError(SERVER_BACKUP)
        schema.inspect_database(url)  # refuses a foreign or newer file before copying it
        if not path.exists():
            raise StorageError(f"There is no database at {path} to back up.")
        target = Path(args.path)
        if args.path.endswith(("/", os.sep)):  # a folder, even one not made yet
            target.mkdir(parents=True, exist_ok=True)
        print(f"Backed up {path} to {backup_sqlite(path, target)}")
        return EXIT_OK
    if args.db_command == "restore":
        return _db_restore(url, args.backup)
    from tafdesk.db.migrations.runner import make_revision

    make_revision(url, args.message)
    return EXIT_OK


def _db_restore(url, backup: str) -> int:
    from pathlib import Path

    from tafdesk.db.errors import StorageError
    from tafdesk.db.location import sqlite_path
    from tafdesk.db.restore import restore_sqlite

    path = sqlite_path(url)
    if path is None:
        raise StorageError(
            "tafdesk restores SQLite files only; restore a server database with its own tools (pg_restore)."
        )
    done = restore_sqlite(Path(backup), path)
    print(f"Restored {done.database} from {done.backup} (schema {done.revision}).")
    if done.kept_aside:
        print(f"The file it replaced is kept at {done.kept_aside}")
    if done.revision != _head():
        print("tafdesk brings its schema up to date when it next opens it (after a backup).")
    return EXIT_OK


def _head() -> str:
    from tafdesk.db.migrations import HEAD_REVISION

    return HEAD_REVISION


def _db_check(url) -> int:
    from tafdesk.db.check import check_database
    from tafdesk.db.errors import damaged_message
    from tafdesk.db.location import describe

    report = check_database(url)
    print(f"{describe(url)}: {'sound' if report.sound else 'NOT sound'}. Checked:")
    for line in report.checked:
        print(f"  {line}")
    for line in report.problems:
        print(f"  problem: {line}")
    if report.damaged:
        print(f"tafdesk: {damaged_message(describe(url))}", file=sys.stderr)
    return EXIT_OK if report.sound else EXIT_FAILED


def _export(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_export import run_export

    return run_export(args, db_arg)


def _report(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_report import run_report

    return run_report(args, db_arg)


def _settings(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_settings import run_settings

    return run_settings(args, db_arg)


def _offline(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_offline import run_offline

    return run_offline(args, db_arg)


def _users(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_users import run_users

    return run_users(args, db_arg)


def _retention(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_retention import run_retention

    return run_retention(args, db_arg)


def _sar(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_sar import run_sar

    return run_sar(args, db_arg)


def _audit(args: argparse.Namespace, db_arg: str | None) -> int:
    from tafdesk.cli_audit import run_audit

    return run_audit(args, db_arg)


_COMMANDS = {
    "demo": _demo,
    "import": _import,
    "db": _db,
    "export": _export,
    "settings": _settings,
    "users": _users,
    "audit": _audit,
    "retention": _retention,
    "sar": _sar,
    "report": _report,
    "offline": _offline,
}
