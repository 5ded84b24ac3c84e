"""Signing in: who the user is and what role they have.

tafdesk has no passwords of its own yet: the user is chosen at start-up
(--user, TAFDESK_USER, or the sign-in dialog) from the active users.

Signing in is on the start-up path, so it reads the user with a plain SQL
query: mapping every ORM class first would hold up the window. The other
calls load the ORM when they run."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Uuid, bindparam, func, select, text

from tafdesk.db import Database
from tafdesk.models.enums import Role
from tafdesk.services.actor import SYSTEM, Actor
from tafdesk.services.errors import NotFound

SIGN_IN = text(
    "SELECT id, display_name, role, professional_id FROM app_user "
    "WHERE lower(username) = :username AND active = :active"
).columns(id=Uuid, professional_id=Uuid)
USER_LOCALITIES = (
    text("SELECT locality_id FROM user_locality WHERE user_id = :user_id")
    .bindparams(bindparam("user_id", type_=Uuid)).columns(locality_id=Uuid)
)


@dataclass(frozen=True)
class UserRecord:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role


class UserService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def active_users(self) -> list[UserRecord]:
        from tafdesk.models import User

        with self._db.reader() as s:
            users = s.scalars(select(User).where(User.active).order_by(User.display_name))
            return [UserRecord(u.id, u.username, u.display_name, u.role) for u in users]

    def ensure_first_admin(self, username: str) -> None:
        """A brand-new database has nobody to sign in as: its first user becomes
        its administrator."""
        from tafdesk.models import User
        from tafdesk.services import audit

        with self._db.session() as s:
            if s.scalar(select(func.count()).select_from(User)):
                return
            user = User(username=username, display_name=username, role=Role.ADMIN)
            s.add(user)
            s.flush()
            audit.record(s, SYSTEM, "user.created", "app_user", user.id, {"username": [None, username], "role": [None, "admin"]})

    def sign_in(self, username: str) -> Actor:
        with self._db.connection() as conn:
            row = conn.execute(SIGN_IN, {"username": username.strip().lower(), "active": True}).first()
            if row is None:
                raise NotFound(f"There is no active user called “{username}” in this database.")
            localities = frozenset(conn.execute(USER_LOCALITIES, {"user_id": row.id}).scalars())
        self._db.signed_in(username.strip().lower())
        return Actor(user_id=row.id, name=row.display_name, role=Role(row.role), professional_id=row.professional_id,
                     localities=localities)  # fmt: skip
