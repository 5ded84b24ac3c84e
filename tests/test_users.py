"""Signing in with a password: Argon2id hashes and the lock-out on SQLite,
the same refusals on both backends (PostgreSQL's own password checks are in
tests/identity/test_server_sign_in.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from tafdesk.db import Database
from tafdesk.db.login import MISMATCH
from tafdesk.db.schema import upgrade_schema
from tafdesk.models import AuditEvent, Role, User
from tafdesk.services import passwords
from tafdesk.services.errors import SignInRefused
from tafdesk.services.users import UserService
from tests.conftest import PASSWORD, allow_sign_in

NOON = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def jo(db) -> User:
    user = User(username="jo.bloggs", display_name="Jo Bloggs", role=Role.ADMIN)
    with db.session() as s:
        s.add(user)
    allow_sign_in(db, "jo.bloggs")
    return user


def test_the_right_password_signs_in_whatever_the_usernames_case(db, jo):
    actor = UserService(db).sign_in("  JO.Bloggs ", PASSWORD)
    assert (actor.name, actor.role, actor.user_id, actor.username) == ("Jo Bloggs", Role.ADMIN, jo.id, "jo.bloggs")


def test_a_wrong_password_and_an_unknown_user_get_the_same_words(db, jo):
    if not db.is_sqlite:
        pytest.skip("the test server trusts local connections; tests/identity checks passwords on PostgreSQL")
    for username, password in (("jo.bloggs", "not the password"), ("nobody", PASSWORD)):
        with pytest.raises(SignInRefused) as refused:
            UserService(db).sign_in(username, password)
        assert str(refused.value) == MISMATCH == "That username and password do not match."


def test_a_disabled_account_is_refused(db, jo):
    with db.session() as s:
        s.get(User, jo.id).active = False
    if db.is_sqlite:
        with pytest.raises(SignInRefused, match="This account has been disabled"):
            UserService(db).sign_in("jo.bloggs", PASSWORD)
    else:  # the role still logs in (no NOLOGIN: disabled by hand here), but is no active user
        with pytest.raises(SignInRefused, match="not an active tafdesk user"):
            UserService(db).sign_in("jo.bloggs", PASSWORD)


def test_a_new_database_says_how_to_make_its_first_administrator(sqlite_url):
    upgrade_schema(sqlite_url)
    database = Database(sqlite_url)
    try:
        with pytest.raises(SignInRefused, match="no users yet.*`tafdesk users add NAME --role admin`"):
            UserService(database).sign_in("admin", "anything at all")
    finally:
        database.dispose()


def test_passwords_are_argon2id_hashes_and_short_ones_are_refused():
    made = passwords.hash_password("a long password")
    assert made.startswith("$argon2id$") and "a long password" not in made
    assert passwords.matches(made, "a long password") and not passwords.matches(made, "a long passworD")
    assert not passwords.matches(None, "a long password")
    assert passwords.demo_hash() is passwords.demo_hash()  # made once for every demo user
    from tafdesk.services.errors import ValidationError

    with pytest.raises(ValidationError, match="at least 10 characters"):
        passwords.check_new_password("short")


# -- the lock-out (SQLite: tafdesk checks the passwords) ---------------------------------------


@pytest.fixture
def sqlite_jo(sqlite_url) -> Database:
    upgrade_schema(sqlite_url)
    database = Database(sqlite_url)
    with database.session() as s:
        s.add(
            User(
                username="jo.bloggs",
                display_name="Jo Bloggs",
                role=Role.ADMIN,
                password_hash=passwords.hash_password(PASSWORD),
            )
        )
    yield database
    database.dispose()


def _fail(database: Database, at: dt.datetime, times: int) -> list[str]:
    said = []
    for _ in range(times):
        with pytest.raises(SignInRefused) as refused:
            UserService(database, now=at).sign_in("jo.bloggs", "a wrong guess")
        said.append(str(refused.value))
    return said


def test_five_failures_lock_the_account_for_fifteen_minutes(sqlite_jo):
    said = _fail(sqlite_jo, NOON, 5)
    until = (NOON + dt.timedelta(minutes=15)).astimezone()
    locked = f"This account is locked until {until:%H:%M} after five failed sign-ins."
    assert said == [MISMATCH] * 4 + [locked]
    with pytest.raises(SignInRefused, match=locked):  # even the right password, while locked
        UserService(sqlite_jo, now=NOON + dt.timedelta(minutes=14)).sign_in("jo.bloggs", PASSWORD)
    actor = UserService(sqlite_jo, now=NOON + dt.timedelta(minutes=15, seconds=1)).sign_in("jo.bloggs", PASSWORD)
    assert actor.username == "jo.bloggs"
    with sqlite_jo.reader() as s:
        user = s.scalars(select(User)).one()
        assert (user.failed_sign_ins, user.locked_until) == (0, None)
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.occurred_at)).all()
    assert [e.action for e in events] == ["user.sign_in_failed"] * 5 + ["user.locked"]
    assert json.loads(events[4].changes) == {"failed_sign_ins": [4, 5]}
    assert {e.entity_id for e in events} == {user.id}


def test_a_right_password_starts_the_count_again(sqlite_jo):
    _fail(sqlite_jo, NOON, 4)
    UserService(sqlite_jo, now=NOON).sign_in("jo.bloggs", PASSWORD)
    assert _fail(sqlite_jo, NOON, 4) == [MISMATCH] * 4  # four more: still not locked


def test_an_old_hash_is_made_again_at_sign_in(sqlite_jo):
    from argon2 import PasswordHasher

    with sqlite_jo.session() as s:
        s.scalars(select(User)).one().password_hash = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(
            PASSWORD
        )
    UserService(sqlite_jo).sign_in("jo.bloggs", PASSWORD)
    with sqlite_jo.reader() as s:
        assert not passwords.needs_rehash(s.scalars(select(User)).one().password_hash)
