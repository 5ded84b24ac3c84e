"""Signing in: who the user is and what role they have.

On SQLite tafdesk checks the password against the user's Argon2id hash; five
failures in a row lock the account for 15 minutes (each failure and the lock
audited). On PostgreSQL the person connects as their own login role and the
server checks the password (or their computer's identity, with single
sign-on); tafdesk reads who it is connected as (`current_user`) and signs in
the active user of that name. Refusals never say whether the username or the
password was wrong.

Signing in is on the start-up path, so it reads the user with plain SQL:
mapping every ORM class first would hold up the window. Only a failed
attempt, which writes the audit trail, loads the ORM."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Uuid, bindparam, text

from tafdesk.db import Database
from tafdesk.db.login import MISMATCH, Login
from tafdesk.models.enums import Role
from tafdesk.models.utc import UTCDateTime
from tafdesk.services import passwords
from tafdesk.services.actor import SYSTEM, Actor
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import SignInRefused
from tafdesk.services.lookup import existing

MAX_FAILURES = 5  # said as "five" in _locked_message
LOCK_FOR = dt.timedelta(minutes=15)
FIRST_ADMIN_HINT = "tafdesk users add NAME --role admin"

_USER_COLUMNS = (
    "id, username, display_name, role, professional_id, active, password_hash, failed_sign_ins, locked_until"
)
BY_USERNAME = text(f"SELECT {_USER_COLUMNS} FROM app_user WHERE lower(username) = :username").columns(  # noqa: S608 (names from the code, values bound)
    id=Uuid, professional_id=Uuid, locked_until=UTCDateTime()
)
BY_CONNECTED_ROLE = text(
    "SELECT id, username, display_name, role, professional_id, active FROM app_user "
    "WHERE lower(username) = lower(current_user)"
).columns(id=Uuid, professional_id=Uuid)
USER_LOCALITIES = (
    text("SELECT locality_id FROM user_locality WHERE user_id = :user_id")
    .bindparams(bindparam("user_id", type_=Uuid))
    .columns(locality_id=Uuid)
)
ANY_USER = text("SELECT 1 FROM app_user LIMIT 1")


def no_users_message() -> str:
    return f"This database has no users yet. Its owner makes the first administrator with `{FIRST_ADMIN_HINT}`."


class UserService(ClockedService):
    """Signing in. `now` pins the clock (tests of the lock-out)."""

    def __init__(self, db: Database, now: dt.datetime | None = None) -> None:
        super().__init__(db, SYSTEM, now)

    def sign_in(self, username: str | None, password: str | None) -> Actor:
        """The actor for username, if password is theirs. On PostgreSQL with
        single sign-on both may be None: the server names who is connecting."""
        if self._db.is_sqlite:
            if not username or password is None:
                raise SignInRefused("Give your username and password.")
            actor = self._check_password(username, password)
        else:
            self._db.connect_as(Login(username.strip().lower() if username else None, password))
            actor = self._connected_user()
        self._db.signed_in(actor.username)
        return actor

    def confirm(self, actor: Actor, password: str | None) -> None:
        """Unlocking a locked window: the same person, with their password
        (on SQLite counted towards the lock-out like any sign-in)."""
        if self._db.is_sqlite:
            self._check_password(actor.username or "", password or "")
            return
        role = self._db.check_login(Login(actor.username, password))
        if role.lower() != actor.username:
            raise SignInRefused(MISMATCH)

    def has_users(self) -> bool:
        with self._db.connection() as conn:
            return conn.execute(ANY_USER).first() is not None

    # -- SQLite: tafdesk checks the password --------------------------------

    def _check_password(self, username: str, password: str) -> Actor:
        key = username.strip().lower()
        with self._db.connection() as conn:
            row = conn.execute(BY_USERNAME, {"username": key}).first()
            localities = frozenset(conn.execute(USER_LOCALITIES, {"user_id": row.id}).scalars()) if row else frozenset()
        now = self.now()
        if row is not None and row.locked_until is not None and row.locked_until > now:
            raise SignInRefused(_locked_message(row.locked_until))
        # The hash is checked first even with no such user: see passwords.matches.
        if not passwords.matches(row.password_hash if row else None, password) or row is None:
            if row is None:
                raise SignInRefused(MISMATCH if self.has_users() else no_users_message())
            raise self._failed(row.id, now)
        if not row.active:
            raise SignInRefused("This account has been disabled. An administrator can enable it again.")
        if row.failed_sign_ins or row.locked_until is not None or passwords.needs_rehash(row.password_hash):
            self._succeeded(row.id, password, passwords.needs_rehash(row.password_hash))
        return _actor(row, localities)

    def _failed(self, user_id: uuid.UUID, now: dt.datetime) -> SignInRefused:
        """Count the failure (audited; the fifth in a row locks the account)
        and say so: the refusal to raise once the count is saved."""
        from tafdesk.models import User
        from tafdesk.services import audit

        with self._db.session() as s:
            user = existing(s, User, user_id, "user")
            failures = user.failed_sign_ins + 1
            audit.record(
                s,
                SYSTEM,
                "user.sign_in_failed",
                "app_user",
                user.id,
                {"failed_sign_ins": [user.failed_sign_ins, failures]},
            )
            if failures < MAX_FAILURES:
                user.failed_sign_ins = failures
                message = MISMATCH
            else:
                user.failed_sign_ins, user.locked_until = 0, now + LOCK_FOR
                audit.record(s, SYSTEM, "user.locked", "app_user", user.id, {"locked_until": [None, user.locked_until]})
                message = _locked_message(user.locked_until)
        return SignInRefused(message)

    def _succeeded(self, user_id: uuid.UUID, password: str, rehash: bool) -> None:
        values = {"id": user_id, "hash": passwords.hash_password(password) if rehash else None}
        with self._db.connection() as conn:
            conn.execute(
                text(
                    "UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL, "
                    "password_hash = coalesce(:hash, password_hash) WHERE id = :id"
                ).bindparams(bindparam("id", type_=Uuid)),
                values,
            )
            conn.commit()
        from tafdesk.db.changes import Change

        self._db.announce(Change("app_user", "user.signed_in", frozenset({user_id})))  # not audited

    # -- PostgreSQL: the server checked who is connecting ------------------------

    def checked_by_server(self, username: str | None, password: str | None) -> Actor:
        """The active user whose login role the server accepts with this
        password (or single sign-on), while this database stays connected as
        it was (the owner's, for work no person's role may do)."""
        role = self._db.check_login(Login(username.strip().lower() if username else None, password))
        with self._db.connection() as conn:
            row = conn.execute(BY_USERNAME, {"username": role.lower()}).first()
            localities = frozenset(conn.execute(USER_LOCALITIES, {"user_id": row.id}).scalars()) if row else frozenset()
        if row is None or not row.active:
            raise SignInRefused(f"The database account “{role}” is not an active tafdesk user of this database.")
        return _actor(row, localities)

    def _connected_user(self) -> Actor:
        with self._db.connection() as conn:
            role = conn.exec_driver_sql("SELECT current_user").scalar_one()
            row = conn.execute(BY_CONNECTED_ROLE).first()
            localities = frozenset(conn.execute(USER_LOCALITIES, {"user_id": row.id}).scalars()) if row else frozenset()
        if row is None or not row.active:
            self._db.forget_login()
            raise SignInRefused(
                f"The database account “{role}” is not an active tafdesk user of this database, so tafdesk did not "
                f"sign it in. An administrator adds users with `tafdesk users add`; a new database's first "
                f"administrator is made by its owner with `{FIRST_ADMIN_HINT}`."
            )
        return _actor(row, localities)


def _actor(row, localities: frozenset[uuid.UUID]) -> Actor:
    return Actor(
        user_id=row.id,
        name=row.display_name,
        role=Role(row.role),
        professional_id=row.professional_id,
        localities=localities,
        username=row.username.lower(),
    )


def _locked_message(until: dt.datetime) -> str:
    return f"This account is locked until {until.astimezone():%H:%M} after five failed sign-ins."


def open_signed_in(url, username: str | None, password: str | None, **options) -> tuple[Database, Actor]:
    """Open the database at url and sign in: on a server, connecting as the
    person from the start (their role may be the only way in)."""
    from tafdesk.db.schema import open_database

    database = open_database(url, login=Login(username.strip().lower() if username else None, password), **options)
    try:
        return database, UserService(database).sign_in(username, password)
    except BaseException:
        database.dispose()
        raise
