"""Shared fixtures: real SQLite files in a temporary folder, and a real
PostgreSQL database when a server is reachable."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from tafdesk.db import Database
from tafdesk.db.location import resolve_url
from tafdesk.db.schema import upgrade_schema
from tafdesk.services.actor import Actor
from tafdesk.models import Role

# The server CI starts; TAFDESK_TEST_PG names another.
PG_ADMIN_URL = os.environ.get("TAFDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch) -> None:
    """Nothing a test does touches the real user data, log or settings folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TAFDESK_HOME", str(home))
    monkeypatch.delenv("TAFDESK_DB", raising=False)
    monkeypatch.delenv("TAFDESK_USER", raising=False)


@pytest.fixture
def sqlite_url(tmp_path) -> URL:
    return resolve_url(str(tmp_path / "tafdesk.sqlite"))


@pytest.fixture
def db(sqlite_url) -> Iterator[Database]:
    upgrade_schema(sqlite_url)
    database = Database(sqlite_url)
    yield database
    database.dispose()


def _pg_admin_engine():  # noqa: ANN202
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 (any failure means: no server here)
        engine.dispose()
        pytest.skip(f"no PostgreSQL server at {make_url(PG_ADMIN_URL).render_as_string(hide_password=True)}: {exc}")
    return engine


@pytest.fixture
def pg_url() -> Iterator[URL]:
    """A new, empty PostgreSQL database, dropped afterwards."""
    admin = _pg_admin_engine()
    name = f"tafdesk_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request) -> URL:
    """Each test using this runs on both backends."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture
def admin() -> Actor:
    return Actor(user_id=None, name="Test Administrator", role=Role.ADMIN)


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
