"""Signing in: who the user is and what role they have.

tafdesk has no passwords of its own yet: the user is chosen at start-up
(--user, TAFDESK_USER, or the sign-in dialog) from the active users."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from tafdesk.db import Database
from tafdesk.models import Role, User
from tafdesk.services import audit
from tafdesk.services.actor import SYSTEM, Actor
from tafdesk.services.errors import NotFound


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
        with self._db.reader() as s:
            users = s.scalars(select(User).where(User.active).order_by(User.display_name))
            return [UserRecord(u.id, u.username, u.display_name, u.role) for u in users]

    def ensure_first_admin(self, username: str) -> None:
        """A brand-new database has nobody to sign in as: its first user becomes
        its administrator."""
        with self._db.session() as s:
            if s.scalar(select(func.count()).select_from(User)):
                return
            user = User(username=username, display_name=username, role=Role.ADMIN)
            s.add(user)
            s.flush()
            audit.record(s, SYSTEM, "user.created", "app_user", user.id, {"username": [None, username], "role": [None, "admin"]})

    def sign_in(self, username: str) -> Actor:
        with self._db.reader() as s:
            user = s.scalar(select(User).where(func.lower(User.username) == username.strip().lower(), User.active))
            if user is None:
                raise NotFound(f"There is no active user called “{username}” in this database.")
            return Actor(user_id=user.id, name=user.display_name, role=user.role, professional_id=user.professional_id)
