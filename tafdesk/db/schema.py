"""Checking a database before use and bringing its schema up to date.

The check reads SQLite files read-only, so a foreign, corrupt or newer file is
reported and left exactly as it was. SQLite's own integrity check reads the
whole file, so it runs where it matters rather than on every start: when the
file was not closed cleanly, before an upgrade, and when asked (`db current`,
`db check`). Alembic is imported only when a migration
must actually run: it is not on the start-up path of an up-to-date database.
"""

from __future__ import annotations

import enum
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError

from tafdesk.db import migrations
from tafdesk.db.database import Database, make_engine
from tafdesk.db.errors import (
    DatabaseDamaged,
    DatabaseFromNewerVersion,
    DatabaseNeedsUpgrade,
    DatabaseUnreachable,
    NotATafdeskDatabase,
    ReadOnlyLocation,
    StorageError,
    damaged_message,
)
from tafdesk.db.failures import translate
from tafdesk.db.location import describe, sqlite_path
from tafdesk.db.login import Login, first_line

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


class State(enum.Enum):
    EMPTY = "empty"
    CURRENT = "current"
    BEHIND = "behind"


class Integrity(enum.Enum):
    """How closely to check an SQLite file's pages before using it."""

    NONE = "none"
    AUTO = "auto"  # quick check if the file was not closed cleanly
    QUICK = "quick_check"  # every page's structure
    FULL = "integrity_check"  # and every index against its table


@dataclass(frozen=True)
class Inspection:
    state: State
    revision: str | None
    checked: Integrity = Integrity.NONE


def inspect_database(url: URL, integrity: Integrity = Integrity.AUTO) -> Inspection:
    """What the database holds, without writing to it. Raises StorageError for
    anything tafdesk must not open, DatabaseDamaged for a damaged file."""
    path = sqlite_path(url)
    if path is not None:
        inspection = _inspect_sqlite_file(path)
        return _check_pages(path, inspection, integrity)
    return _inspect_server(url)


def _check_pages(path: Path, inspection: Inspection, integrity: Integrity) -> Inspection:
    if integrity is Integrity.AUTO:
        # While tafdesk has a file open its write-ahead log is beside it, and
        # the last to close it removes it: found at open, the file was not
        # closed cleanly (a crash, a power cut) or is open elsewhere.
        unclean = path.with_name(path.name + "-wal").exists()
        integrity = Integrity.QUICK if unclean else Integrity.NONE
    if integrity is Integrity.NONE or (inspection.state is State.EMPTY and not path.exists()):
        return inspection
    require_sound(path, integrity)
    return Inspection(inspection.state, inspection.revision, integrity)


def require_sound(path: Path, integrity: Integrity = Integrity.QUICK) -> None:
    """Raise DatabaseDamaged unless SQLite finds the file sound."""
    problems = sqlite_problems(path, integrity)
    if problems:
        log.warning(
            "%s found %d problem(s) in the database file, first: %s", integrity.value, len(problems), problems[0]
        )
        raise DatabaseDamaged(damaged_message(str(path)))


def sqlite_problems(path: Path, integrity: Integrity = Integrity.QUICK) -> list[str]:
    """What SQLite's check finds wrong (page numbers and index names, never
    row values); empty if the file is sound."""
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            rows = conn.execute(f"PRAGMA {integrity.value}(20)").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"the check stopped part-way, at pages it could not read ({exc.sqlite_errorname})"]
    return [row[0] for row in rows if row[0] != "ok"]


def _inspect_sqlite_file(path: Path) -> Inspection:
    if not path.exists():
        if not path.parent.is_dir():
            raise StorageError(f"The folder {path.parent} does not exist, so {path.name} cannot be created there.")
        _require_writable_folder(path.parent)
        return Inspection(State.EMPTY, None)
    if path.is_dir():
        raise NotATafdeskDatabase(f"{path} is a folder, not a database file.")
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        return Inspection(State.EMPTY, None)
    if header != SQLITE_HEADER:
        raise NotATafdeskDatabase(f"{path} is not a tafdesk database: it is not an SQLite file at all.")
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            tables = {row[0] for row in conn.execute(TABLES)}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        log.warning("cannot read the database file's schema: %s", exc.sqlite_errorname)
        raise DatabaseDamaged(damaged_message(str(path))) from None  # the window offers a backup (ui/app.py)
    inspection = _classify(str(path), tables, revision)
    _require_writable_folder(path.parent)
    _require_writable_file(path)
    return inspection


# The file's own tables: not SQLite's, such as sqlite_stat1 that ANALYZE makes.
TABLES = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"


def _read_only_uri(path: Path) -> str:
    """With no write-ahead log beside it the file alone holds the database, and
    `immutable` reads it without creating any -wal or -shm file. With a log
    (tafdesk is open elsewhere, or was not closed), read through the log."""
    has_log = path.with_name(path.name + "-wal").exists()
    return f"{path.as_uri()}?{'mode=ro' if has_log else 'immutable=1'}"


def _inspect_server(url: URL, engine: Engine | None = None) -> Inspection:
    """Through engine (a signed-in person's) if given, else a new one for url."""
    own = engine is None
    if engine is None:
        engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        raise DatabaseUnreachable(f"Cannot reach the database at {describe(url)}: {first_line(exc.orig)}") from exc
    finally:
        if own:
            engine.dispose()
    return _classify(describe(url), tables, revision)


def _classify(where: str, tables: set[str], revision: str | None) -> Inspection:
    if not tables - {"alembic_version"}:
        return Inspection(State.EMPTY, None)
    if revision is None:
        raise NotATafdeskDatabase(
            f"{where} is not a tafdesk database: it holds other tables ({', '.join(sorted(tables)[:5])})."
        )
    if revision == migrations.HEAD_REVISION:
        return Inspection(State.CURRENT, revision)
    if revision not in migrations.known_revisions():
        raise DatabaseFromNewerVersion(
            f"{where} was last used by a newer version of tafdesk (schema {revision}). "
            "Install that version or newer to open it; this one has left it untouched."
        )
    return Inspection(State.BEHIND, revision)


def _require_writable_folder(folder: Path) -> None:
    # SQLite writes its -wal and -shm files beside the database.
    probe = folder / ".tafdesk-write-test"
    try:
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise ReadOnlyLocation(
            f"The folder {folder} is read-only ({exc.strerror}); tafdesk needs to write there. "
            "Copy the database to a folder you can write to, or choose another with --db."
        ) from exc


def _require_writable_file(path: Path) -> None:
    try:
        with open(path, "r+b"):
            pass
    except OSError as exc:
        raise ReadOnlyLocation(f"{path} is read-only ({exc.strerror}); tafdesk needs to write to it.") from exc


def open_database(
    url: URL,
    *,
    upgrade: bool = True,
    backup_dir: Path | None = None,
    create_empty: bool = False,
    login: Login | None = None,
) -> Database:
    """Check the database, upgrade an SQLite file that is behind (after a
    backup), and return it ready for use.

    A server database is upgraded only when asked (`tafdesk db upgrade`): other
    people may be using it with the version they have. One with no tables at
    all is created when create_empty says so (a new demo council): nobody can
    be using it yet. With a login, a server database is reached (and checked)
    as that person from the start; an SQLite file ignores it (its users'
    passwords are checked by signing in).
    """
    if login is not None and sqlite_path(url) is None:
        return _open_server_as(url, login)
    inspection = inspect_database(url)
    if inspection.state is not State.CURRENT:
        is_file = sqlite_path(url) is not None
        creating = create_empty and inspection.state is State.EMPTY
        if not (upgrade and (is_file or creating)):
            raise DatabaseNeedsUpgrade(
                f"The database at {describe(url)} needs its schema "
                f"{'created' if inspection.state is State.EMPTY else 'upgraded'}: run `tafdesk db upgrade --db ...`."
            )
        upgrade_schema(url, backup_dir=backup_dir, inspection=inspection)
    return Database(url)


def _open_server_as(url: URL, login: Login) -> Database:
    database = Database(url)
    try:
        database.connect_as(login)
        inspection = _inspect_server(url, database.engine)
        if inspection.state is not State.CURRENT:
            raise DatabaseNeedsUpgrade(
                f"The database at {describe(url)} needs its schema "
                f"{'created' if inspection.state is State.EMPTY else 'upgraded'}: its owner runs `tafdesk db upgrade`."
            )
    except BaseException:
        database.dispose()
        raise
    return database


def upgrade_schema(
    url: URL, *, backup_dir: Path | None = None, inspection: Inspection | None = None, keep: int | None = None
) -> Path | None:
    """Upgrade to the newest schema. An SQLite file with data in it is copied to
    backup_dir first (the newest `keep` such copies kept); the copy's path is returned."""
    inspection = inspection or inspect_database(url)
    if inspection.state is State.CURRENT:
        return None
    copy = None
    path = sqlite_path(url)
    if path is not None and inspection.state is State.BEHIND:
        if inspection.checked is not Integrity.FULL:
            require_sound(path, Integrity.FULL)  # neither copy nor migrate a damaged file
        from tafdesk.db.backup import BEFORE_UPGRADE, KEEP_DEFAULT, backup_sqlite, prune, timestamped_name
        from tafdesk.paths import backup_dir as default_backup_dir

        folder = backup_dir or default_backup_dir()
        copy = backup_sqlite(path, folder / timestamped_name(path, f"{BEFORE_UPGRADE}-from-{inspection.revision}"))
        prune(path, folder, BEFORE_UPGRADE, keep or KEEP_DEFAULT)
        log.info("backed up %s to %s before upgrading", path, copy)
    from tafdesk.db.migrations.runner import run_upgrade

    try:
        if path is None:
            from tafdesk.db.server_owner import require_role_maker

            require_role_maker(url)
        run_upgrade(url, "head")
    except Exception as exc:
        problem = translate(exc, describe(url), lambda error: _holder(url, error))
        if problem is None:
            raise
        raise problem from None
    return copy


def _holder(url: URL, error: BaseException) -> str | None:
    if sqlite_path(url) is not None:
        return None
    from tafdesk.db.locks import lock_holder

    engine = make_engine(url)
    try:
        return lock_holder(engine, error)
    finally:
        engine.dispose()


def current_revision(url: URL) -> str | None:
    return inspect_database(url).revision
