"""Setting tafdesk up for the first time (the window's first-run wizard,
ui/first_run.py): where the database is, the organisation's letterhead, the
first administrator, and, if wanted, a separate demo council for training.

The first administrator is made through the same path as `tafdesk users add`
on a new database (UserAdminService as tafdesk itself), which allows it only
while the database has no users: set-up refuses a database that has some
before changing anything in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tafdesk.db import Database
from tafdesk.db.database import make_engine
from tafdesk.db.errors import DatabaseUnreachable, StorageError
from tafdesk.db.location import describe, resolve_url, sqlite_path
from tafdesk.db.login import first_line
from tafdesk.models.enums import Role
from tafdesk.services.actor import SYSTEM, Actor
from tafdesk.services.errors import PermissionDenied, ServiceError
from tafdesk.services.letterhead import LetterheadService, LetterheadSettings
from tafdesk.services.user_admin import NewUser, UserAdminService
from tafdesk.services.users import UserService

SERVER_TEST_TIMEOUT_S = 5
DEMO_FAMILIES = 120  # enough to train on, made in seconds
DEMO_FROM = 30  # the percentage done when the demo council is begun (the database before it takes a second)

# What set-up says as it goes: the step, and how far it has got (0-100).
Report = Callable[[str, int], None]


class DemoStopped(ServiceError):
    """The person stopped the demo council being made."""


@dataclass(frozen=True)
class FirstRun:
    location: str  # an SQLite file's path, or a server's URL
    letterhead: LetterheadSettings
    admin_username: str
    admin_name: str
    admin_password: str | None  # None only with single sign-on on a server
    demo_location: str | None = None  # a separate SQLite file for the demo council; None: none


@dataclass(frozen=True)
class SetUp:
    database: str  # as shown to people
    administrator: str
    demo: str | None  # the demo council's file, if one was made
    demo_stopped: bool = False  # asked for, then stopped by the person: no file was left


def default_locations() -> tuple[Path, Path]:
    """The usual database file, and the demo council's beside it."""
    from tafdesk.paths import data_dir, default_database_path

    return default_database_path(), data_dir() / "tafdesk-demo.sqlite"


def try_server(address: str, timeout_s: int = SERVER_TEST_TIMEOUT_S) -> str:
    """Connect to a server now (a short wait) and say what answered and
    whether the connection is encrypted; a StorageError if it does not."""
    url = resolve_url(address)
    if sqlite_path(url) is not None:
        raise StorageError("That is a file, not a server: give a URL such as postgresql://server/tafdesk.")
    engine = make_engine(url.update_query_dict({"connect_timeout": str(timeout_s)}))
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar_one()
            tls = conn.execute(
                text("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl")
            ).scalar_one_or_none()
    except DBAPIError as exc:
        raise DatabaseUnreachable(f"Cannot reach {describe(url)}: {first_line(exc.orig)}") from None
    finally:
        engine.dispose()
    secured = f"encrypted ({tls})" if tls else "NOT encrypted: ask for sslmode=require or verify-full in the URL"
    return f"Connected to PostgreSQL {version} at {describe(resolve_url(address))}, {secured}."


def set_up(choices: FirstRun, report: Report = lambda _said, _done: None, stop: Callable[[], bool] = bool) -> SetUp:
    """Create (or upgrade) the database, make the first administrator, save
    the letterhead, and make the demo council if asked. `stop()` true while
    the demo is being made leaves it unmade (the database is set up by then)."""
    from tafdesk.db.schema import open_database

    url = resolve_url(choices.location)
    path = sqlite_path(url)
    if path is not None:
        _folder_for(path)
    last = DEMO_FROM if choices.demo_location else 100
    report("Creating the database…", 0)
    database = open_database(url, create_empty=True)
    try:
        if UserService(database).has_users():
            raise PermissionDenied(
                f"{describe(url)} has users already, so set-up made no administrator there: "
                "sign in with one of them, or choose a new database."
            )
        report("Making the first administrator…", last * 2 // 3)
        new = NewUser(choices.admin_username, Role.ADMIN, choices.admin_name.strip())
        admin = UserAdminService(database, SYSTEM).add(new, choices.admin_password)
        actor = Actor(admin.id, admin.display_name, Role.ADMIN, username=admin.username)
        LetterheadService(database, actor).save(choices.letterhead)
    finally:
        database.dispose()
    done = SetUp(describe(url), admin.username, None)
    if choices.demo_location:
        try:
            demo = make_demo(Path(choices.demo_location), report=_demo_report(report, stop))
        except DemoStopped:
            return replace(done, demo_stopped=True)
        done = replace(done, demo=demo)
    report("Done.", 100)
    return done


def _demo_report(report: Report, stop: Callable[[], bool]) -> Callable[[int, int], None]:
    """The demo's progress as set-up's last stretch; stopped, it raises DemoStopped."""

    def progress(done: int, total: int) -> None:
        if stop():
            raise DemoStopped("The demo council was not made.")
        report("Making the demo council for training…", DEMO_FROM + (100 - DEMO_FROM) * done // max(total, 1))

    return progress


def make_demo(
    path: Path,
    families: int = DEMO_FAMILIES,
    today: dt.date | None = None,
    report: Callable[[int, int], None] | None = None,
) -> str:
    """The synthetic demo council in its own new SQLite file (marked as a
    demo). Stopped or failed part way, the new file is removed."""
    from tafdesk.db.schema import open_database
    from tafdesk.demo import generate

    path = path.expanduser().resolve()
    if path.exists() and path.stat().st_size:
        raise StorageError(f"{path} exists already; the demo council goes into a new file.")
    _folder_for(path)
    try:
        database: Database = open_database(resolve_url(str(path)), create_empty=True)
        try:
            generate(database, families=families, seed=1, today=today, progress=report)
        finally:
            database.dispose()
    except BaseException:
        from tafdesk.db.restore import SIDE_FILES

        for leftover in (path, *(path.with_name(path.name + side) for side in SIDE_FILES)):
            leftover.unlink(missing_ok=True)
        raise
    return str(path)


def _folder_for(path: Path) -> None:
    from tafdesk.paths import data_dir
    from tafdesk.private_files import private_folder

    private_folder(path.parent, ours=path.parent == data_dir())
