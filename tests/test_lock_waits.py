"""Waiting for a record someone else holds ends after about five seconds with
a plain sentence (on PostgreSQL, naming who holds it), from the services and
from the command line. A real second connection holds the lock."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from tafdesk.db import Database
from tafdesk.db.failures import LOCK_WAIT_S
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import Role, User
from tafdesk.services.actor import SYSTEM
from tafdesk.services.errors import RecordBusy
from tafdesk.services.shared_settings import SharedSettings
from tafdesk.services.user_admin import NewUser, UserAdminService
from tafdesk.services.users import UserService
from tests.conftest import PASSWORD, allow_sign_in, db_argument, let_groups_use_the_tables
from tests.test_cli import tafdesk
from tests.test_db_failures import assert_plain


@pytest.fixture
def shared(any_url) -> Iterator[Database]:
    """A database with an administrator and the quorum setting stored."""
    upgrade_schema(any_url)
    if any_url.get_backend_name() == "postgresql":
        let_groups_use_the_tables(any_url)
    database = Database(any_url)
    UserAdminService(database, SYSTEM).add(NewUser("admin", Role.ADMIN), PASSWORD)
    SharedSettings(database, UserService(database).sign_in("admin", PASSWORD)).set_quorum(3)
    yield database
    database.dispose()


@contextmanager
def held_by(
    username: str, database: Database, change: str = "UPDATE app_setting SET version = version"
) -> Iterator[None]:
    """Another tafdesk, signed in as username (an administrator: the quorum
    is theirs to change), in the middle of a change (by default to the quorum
    setting): its transaction stays open until the block ends."""
    other = Database(database.url)
    with other.session() as s:
        s.add(User(username=username, display_name="Another Administrator", role=Role.ADMIN))
    allow_sign_in(other, username)
    UserService(other).sign_in(username, PASSWORD)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with other.session() as s:
            s.execute(text(change))
            holding.set()
            release.wait(30)

    worker = threading.Thread(target=hold)
    worker.start()
    assert holding.wait(10)
    try:
        yield
    finally:
        release.set()
        worker.join()
        other.dispose()


def test_a_held_record_is_reported_busy_after_about_the_timeout(shared):
    settings = SharedSettings(shared, UserService(shared).sign_in("admin", PASSWORD))
    with held_by("admin.two", shared):
        started = time.monotonic()
        with pytest.raises(RecordBusy) as caught:
            settings.set_quorum(4)
        waited = time.monotonic() - started
    assert LOCK_WAIT_S - 0.5 <= waited <= LOCK_WAIT_S + 3
    message = str(caught.value)
    assert_plain(message)
    assert caught.value.retryable
    if shared.is_sqlite:
        assert "database file is busy" in message
    else:
        assert "in use by admin.two in tafdesk (database user" in message
        assert caught.value.holder.startswith("admin.two in tafdesk")
    settings.set_quorum(4)  # once it is free, the same change goes through
    assert settings.quorum() == 4


def test_the_command_line_says_the_record_is_busy_in_one_sentence(shared):
    with held_by("admin.two", shared):
        started = time.monotonic()
        result = tafdesk(
            "settings",
            "set",
            "quorum",
            "5",
            "--db",
            db_argument(shared),
            "--user",
            "admin",
            "--password-stdin",
            stdin=f"{PASSWORD}\n",
        )
        waited = time.monotonic() - started
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert_plain(line.removeprefix("tafdesk: "))
    assert ("admin.two in tafdesk" in line) if not shared.is_sqlite else ("file is busy" in line)
    assert waited < LOCK_WAIT_S + 10  # start-up included; it no longer hangs behind the holder


def test_server_connections_carry_the_signed_in_username(pg_url):
    upgrade_schema(pg_url)
    let_groups_use_the_tables(pg_url)
    database = Database(pg_url)
    try:
        with database.session() as s:
            s.add(User(username="lead.north1", display_name="Amira Khan", role=Role.LEAD_PROFESSIONAL))
        allow_sign_in(database, "lead.north1")
        UserService(database).sign_in("Lead.North1", PASSWORD)
        with database.connection() as conn:
            named = conn.execute(text("SELECT current_setting('application_name')")).scalar()
            limits = conn.execute(
                text("SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")
            ).one()
        assert named == "tafdesk lead.north1"
        assert tuple(limits) == (f"{LOCK_WAIT_S}s", "2min")
    finally:
        database.dispose()
