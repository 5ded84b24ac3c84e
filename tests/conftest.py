"""Shared fixtures: real SQLite files in a temporary folder, and a real
PostgreSQL database when a server is reachable."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from tafdesk.db import Database
from tafdesk.db.location import resolve_url
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import Role
from tafdesk.services.actor import Actor

# The server CI starts; TAFDESK_TEST_PG names another.
PG_ADMIN_URL = os.environ.get("TAFDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch) -> None:
    """Nothing a test does touches the real user data, log or settings folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TAFDESK_HOME", str(home))
    monkeypatch.delenv("TAFDESK_DB", raising=False)
    monkeypatch.delenv("TAFDESK_USER", raising=False)


@pytest.fixture(autouse=True)
def file_keyring(tmp_path_factory, monkeypatch) -> Iterator[object]:
    """Keys (the draft journal's, the audit chain's) go to a keyring in a
    file, never the computer's own; so do those of processes a test starts."""
    import keyring

    from tests.file_keyring import FileKeyring

    previous = keyring.get_keyring()
    backend = FileKeyring(tmp_path_factory.mktemp("keyring") / "keyring.json")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{FileKeyring.__module__}.{FileKeyring.__qualname__}")
    monkeypatch.setenv("TAFDESK_TEST_KEYRING", str(backend.path))
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# `make test-pg` sets this: every test that takes the `db` fixture then runs on
# its own PostgreSQL database instead of an SQLite file.
BACKEND = os.environ.get("TAFDESK_TEST_BACKEND", "sqlite")


def pytest_report_header() -> str:
    return f"tafdesk test database: {BACKEND}"


@pytest.fixture
def sqlite_url(tmp_path) -> URL:
    return resolve_url(str(tmp_path / "tafdesk.sqlite"))


@pytest.fixture
def db_url(request) -> URL:
    """A database at the current schema, on the backend this run tests."""
    if BACKEND == "postgresql":
        return request.getfixturevalue("pg_schema_url")
    url = request.getfixturevalue("sqlite_url")
    upgrade_schema(url)
    return url


@contextmanager
def database_for_a_scope(tmp_path_factory, template: str | None) -> Iterator[Database]:
    """A current database for a fixture wider than one test (a module's shared
    world), on the backend this run tests."""
    if BACKEND == "postgresql":
        with _new_pg_database(template=template) as url:
            database = Database(url)
            yield database
            database.dispose()
        return
    url = resolve_url(str(tmp_path_factory.mktemp("shared") / "tafdesk.sqlite"))
    upgrade_schema(url)
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def pg_template_name(request) -> str | None:
    """The schema template's name when this run tests PostgreSQL."""
    return request.getfixturevalue("_pg_template") if BACKEND == "postgresql" else None


@pytest.fixture
def db(db_url) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


def db_argument(db: Database) -> str:
    """What a user would pass as --db for this database: a path or a URL."""
    return str(db.path) if db.is_sqlite else db.url.render_as_string(hide_password=False)


def _pg_admin_engine():
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 (any failure means: no server here)
        engine.dispose()
        pytest.skip(f"no PostgreSQL server at {make_url(PG_ADMIN_URL).render_as_string(hide_password=True)}: {exc}")
    return engine


@contextmanager
def _new_pg_database(template: str | None = None) -> Iterator[URL]:
    admin = _pg_admin_engine()
    name = f"tafdesk_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name)
    finally:
        _drop_later(admin, name)


# A window of a finished test may still have a timer or a background read
# queued when the next test's events run; its database is dropped two tests
# later, and the last ones when the run ends.
_TO_DROP: list[str] = []


def _drop_later(admin, name: str) -> None:
    _TO_DROP.append(name)
    with admin.connect() as conn:
        while len(_TO_DROP) > 2:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{_TO_DROP.pop(0)}" WITH (FORCE)'))
    admin.dispose()


def pytest_sessionfinish(session) -> None:
    if _TO_DROP:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in _TO_DROP:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[URL]:
    """A new, empty PostgreSQL database, dropped afterwards."""
    with _new_pg_database() as url:
        yield url


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str]:
    """One database at the current schema per test process, copied for each
    test: migrating a new database for every test would cost seconds each."""
    with _new_pg_database() as url:
        upgrade_schema(url)
        let_groups_use_the_tables(url)
        yield url.database


def let_groups_use_the_tables(url: URL) -> None:
    """The tafdesk group roles exist, and may use every table unless the
    migrations already grant them their own privileges: so that tests can
    sign in as a person's own login role before (and without weakening)
    the migrations' row-level security."""
    from tafdesk.db import server_logins

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            server_logins.ensure_group_roles(conn.connection.driver_connection)
            if not conn.execute(text("SELECT has_table_privilege('tafdesk_admin', 'app_user', 'SELECT')")).scalar():
                groups = ", ".join(server_logins.GROUPS.values())
                conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {groups}"))
    finally:
        engine.dispose()


# Every test user's password (a demo council's users have "demo").
PASSWORD = "a password for tests"


def allow_sign_in(db: Database, *usernames: str) -> None:
    """Users made as bare rows may sign in with PASSWORD: on SQLite through
    their hash; on PostgreSQL as their own login role (cluster-wide: made
    once, by whichever test first needs it)."""
    from tafdesk.models import User

    with db.session() as s:
        users = s.query(User).filter(User.username.in_(usernames)).all()
        assert len(users) == len(usernames), f"no such users: {usernames}"
        if db.is_sqlite:
            for user in users:
                user.password_hash = _password_hash()
            return
        from tafdesk.db import server_logins

        conn = server_logins.raw(s)
        for user in users:
            server_logins.create_login(conn, user.username.lower(), user.role, PASSWORD)


@cache
def _password_hash() -> str:
    from tafdesk.services.passwords import hash_password

    return hash_password(PASSWORD)


@pytest.fixture
def pg_schema_url(_pg_template) -> Iterator[URL]:
    """A new PostgreSQL database at the current schema, dropped afterwards."""
    with _new_pg_database(template=_pg_template) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request) -> URL:
    """Each test using this runs on both backends."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture
def admin() -> Actor:
    """Who the tests do case work as: tafdesk's own actor, which may do
    everything everywhere (an administrator does not read case content)."""
    return Actor(user_id=None, name="Test Administrator", role=Role.ADMIN, localities=None, is_system=True)


@pytest.fixture
def service(db, admin):
    """The directory service, acting as an administrator."""
    from tafdesk.services.directory import DirectoryService

    return DirectoryService(db, admin)


@pytest.fixture
def north(db):
    from tafdesk.models import Locality

    with db.session() as s:
        locality = Locality(name="North", code="N")
        s.add(locality)
    return locality
