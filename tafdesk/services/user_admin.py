"""Managing users: adding them, disabling and enabling, resetting passwords,
changing roles and localities. Administrators only, every change audited.

A database with no users gets its first administrator from whoever owns it
(SYSTEM here: the command line decides who that is, see cli_users.py): on
PostgreSQL the connection must be the tables' owner, on SQLite anyone who can
write the file. On PostgreSQL each change to a user changes their login role
in the same transaction (tafdesk/db/server_logins.py)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from tafdesk import models
from tafdesk.models.enums import Role
from tafdesk.services import audit, passwords
from tafdesk.services.actor import Permission
from tafdesk.services.clock import ClockedService
from tafdesk.services.errors import NotFound, PermissionDenied, ValidationError

USERNAME = re.compile(r"[a-z][a-z0-9._-]{0,62}")
IN_LOCALITIES = frozenset({Role.LOCALITY_MANAGER, Role.BUSINESS_SUPPORT})


@dataclass(frozen=True)
class UserSummary:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    localities: tuple[str, ...]  # names
    professional: str | None  # their directory entry's email
    active: bool
    locked_until: dt.datetime | None  # set only while locked


@dataclass(frozen=True)
class NewUser:
    username: str
    role: Role
    display_name: str = ""  # default: the professional's name, else the username
    localities: tuple[str, ...] = ()  # names or codes
    professional: str | None = None  # email of their directory entry (a lead professional's own)


class UserAdminService(ClockedService):
    def users(self) -> list[UserSummary]:
        self._require_admin()
        with self._db.reader() as s:
            users = s.scalars(select(models.User).order_by(models.User.username)).all()
            return [self._summary(s, u) for u in users]

    def locality_names(self) -> list[str]:
        self._require_admin()
        with self._db.reader() as s:
            return list(s.scalars(select(models.Locality.name).order_by(models.Locality.name)))

    def add(self, new: NewUser, password: str | None) -> UserSummary:
        """A new user, with password (None only for single sign-on on
        PostgreSQL, where the server knows them by their computer's account)."""
        first = self._actor.user_id is None
        if not first:
            self._require_admin()
        username = _username(new.username)
        if password is not None:
            passwords.check_new_password(password)
        elif self._db.is_sqlite:
            raise ValidationError({"password": "Every user of an SQLite database needs a password."})
        with self._db.session() as s:
            if first:
                self._require_first_administrator(s, new.role)
            if s.scalar(select(models.User.id).where(func.lower(models.User.username) == username)):
                raise ValidationError({"username": f"There is already a user called “{username}”."})
            localities = _localities(s, new.role, new.localities)
            professional = _professional(s, new.role, new.professional)
            name = new.display_name.strip() or (
                f"{professional.given_name} {professional.family_name}" if professional else username
            )
            user = models.User(
                username=username,
                display_name=name[:160],
                role=new.role,
                professional_id=professional.id if professional else None,
                password_hash=passwords.hash_password(password) if password and self._db.is_sqlite else None,
            )
            user.localities = [models.UserLocality(locality_id=loc.id) for loc in localities]
            s.add(user)
            s.flush()
            if not self._db.is_sqlite:
                from tafdesk.db import server_logins

                server_logins.create_login(server_logins.raw(s), username, new.role, password)
            audit.record(
                s,
                self._actor,
                "user.created",
                "app_user",
                user.id,
                {
                    "username": [None, username],
                    "role": [None, new.role],
                    "display_name": [None, user.display_name],
                    "localities": [None, [loc.name for loc in localities]],
                    "professional_id": [None, user.professional_id],
                },
            )
            return self._summary(s, user)

    def set_active(self, username: str, active: bool) -> UserSummary:
        self._require_admin()
        with self._db.session() as s:
            user = self._user(s, username)
            if user.active == active:
                return self._summary(s, user)
            if not active:
                self._keep_an_administrator(s, user, "disabled")
            user.active = active
            if not self._db.is_sqlite:
                from tafdesk.db import server_logins

                server_logins.set_can_log_in(server_logins.raw(s), user.username.lower(), active)
            audit.record(
                s,
                self._actor,
                "user.enabled" if active else "user.disabled",
                "app_user",
                user.id,
                {"active": [not active, active]},
            )
            return self._summary(s, user)

    def set_password(self, username: str, password: str) -> None:
        """A new password (an administrator's reset); on SQLite it also ends a lock-out."""
        self._require_admin()
        passwords.check_new_password(password)
        with self._db.session() as s:
            user = self._user(s, username)
            if self._db.is_sqlite:
                user.password_hash = passwords.hash_password(password)
                user.failed_sign_ins, user.locked_until = 0, None
            else:
                from tafdesk.db import server_logins

                server_logins.set_password(server_logins.raw(s), user.username.lower(), password)
            audit.record(s, self._actor, "user.password_changed", "app_user", user.id)

    def change_role(self, username: str, role: Role, localities: Sequence[str] = ()) -> UserSummary:
        self._require_admin()
        with self._db.session() as s:
            user = self._user(s, username)
            chosen = _localities(s, role, localities)
            if role is not Role.ADMIN:
                self._keep_an_administrator(s, user, "made something else")
            if role is Role.LEAD_PROFESSIONAL and user.professional_id is None:
                raise ValidationError(
                    {
                        "professional": "A lead professional needs their directory entry: add them "
                        "again with --professional EMAIL."
                    }
                )
            before = (user.role, sorted(_names(s, user)))
            user.role = role
            _set_localities(user, chosen)
            if not self._db.is_sqlite:
                from tafdesk.db import server_logins

                server_logins.set_group(server_logins.raw(s), user.username.lower(), role)
            audit.record(
                s,
                self._actor,
                "user.role_changed",
                "app_user",
                user.id,
                {
                    "role": [before[0], role],
                    "localities": [before[1], sorted(loc.name for loc in chosen)],
                },
            )
            s.flush()
            return self._summary(s, user)

    # -- rules ----------------------------------------------------------------

    def _require_admin(self) -> None:
        if self._actor.user_id is None:
            raise PermissionDenied("Sign in as an administrator to manage users (--user NAME).")
        self._actor.require(Permission.MANAGE_USERS)

    def _require_first_administrator(self, s, role: Role) -> None:
        if s.scalar(select(func.count()).select_from(models.User)):
            raise PermissionDenied(
                "This database has users already: sign in as an administrator to add one (--user NAME)."
            )
        if role is not Role.ADMIN:
            raise ValidationError({"role": "A new database's first user must be an administrator (--role admin)."})
        if not self._db.is_sqlite:
            from tafdesk.db import server_logins

            if not server_logins.owns_database(server_logins.raw(s)):
                raise PermissionDenied(
                    "Only the database's owner role makes its first administrator: connect as "
                    "the owner (the role that ran `tafdesk db upgrade`)."
                )

    def _keep_an_administrator(self, s, user: models.User, becoming: str) -> None:
        if user.id == self._actor.user_id:
            raise PermissionDenied(f"You cannot have your own account {becoming}: ask another administrator.")
        if user.role is Role.ADMIN and user.active:
            others = s.scalar(
                select(func.count())
                .select_from(models.User)
                .where(models.User.role == Role.ADMIN, models.User.active, models.User.id != user.id)
            )
            if not others:
                raise PermissionDenied(f"{user.username} is the only active administrator: make another first.")

    def _user(self, s, username: str) -> models.User:
        key = username.strip().lower()
        user = s.scalars(select(models.User).where(func.lower(models.User.username) == key).with_for_update()).first()
        if user is None:
            raise NotFound(f"There is no user called “{username.strip()}”.")
        return user

    def _summary(self, s, user: models.User) -> UserSummary:
        email = (
            s.scalar(select(models.Professional.email).where(models.Professional.id == user.professional_id))
            if user.professional_id
            else None
        )
        locked = user.locked_until if user.locked_until and user.locked_until > self.now() else None
        return UserSummary(
            user.id,
            user.username,
            user.display_name,
            user.role,
            tuple(sorted(_names(s, user))),
            email,
            user.active,
            locked,
        )


def _username(given: str) -> str:
    name = given.strip().lower()
    if not USERNAME.fullmatch(name) or name.startswith(("pg_", "tafdesk_")):
        raise ValidationError(
            {
                "username": f"“{given.strip()}” cannot be a username: use a letter, then letters, "
                "digits, dots, hyphens or underscores (63 at most), not starting pg_ "
                "or tafdesk_."
            }
        )
    return name


def _localities(s, role: Role, given: Sequence[str]) -> list[models.Locality]:
    wanted = [g.strip() for g in given if g.strip()]
    if role not in IN_LOCALITIES:
        if wanted:
            raise ValidationError(
                {
                    "locality": "Only locality managers and business support work in localities: "
                    "leave the localities out for this role."
                }
            )
        return []
    if not wanted:
        raise ValidationError({"locality": "Say which localities they work in (--locality NAME, once for each)."})
    every = s.scalars(select(models.Locality).order_by(models.Locality.name)).all()
    found = []
    for name in wanted:
        match = next((loc for loc in every if name.casefold() in (loc.name.casefold(), loc.code.casefold())), None)
        if match is None:
            raise ValidationError(
                {
                    "locality": f"There is no locality called “{name}” (there are: "
                    f"{', '.join(loc.name for loc in every) or 'none yet'})."
                }
            )
        if match not in found:
            found.append(match)
    return found


def _professional(s, role: Role, email: str | None) -> models.Professional | None:
    if not email or not email.strip():
        if role is Role.LEAD_PROFESSIONAL:
            raise ValidationError(
                {
                    "professional": "A lead professional needs their directory entry "
                    "(--professional EMAIL): their cases are the ones it leads or "
                    "supports."
                }
            )
        return None
    found = s.scalars(
        select(models.Professional).where(func.lower(models.Professional.email) == email.strip().lower())
    ).first()
    if found is None:
        raise ValidationError({"professional": f"No professional in the directory has the email “{email.strip()}”."})
    return found


def _set_localities(user: models.User, chosen: Sequence[models.Locality]) -> None:
    """Keep the rows of localities that stay (a row removed and added again
    in one flush would clash with itself on the unique rule)."""
    wanted = {loc.id for loc in chosen}
    kept = [row for row in user.localities if row.locality_id in wanted]
    have = {row.locality_id for row in kept}
    user.localities = kept + [models.UserLocality(locality_id=loc.id) for loc in chosen if loc.id not in have]


def _names(s, user: models.User) -> list[str]:
    return list(
        s.scalars(
            select(models.Locality.name)
            .join(models.UserLocality, models.UserLocality.locality_id == models.Locality.id)
            .where(models.UserLocality.user_id == user.id)
        )
    )
