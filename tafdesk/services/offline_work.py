"""The signed-in person's one offline copy, at its default place on this
computer (paths.offline_copy_path): taken from My cases, synced back from
there. The copy is protected by their sign-in password, so the password is
checked as the sign-in's first (`confirm`, as the idle lock's): a copy under
a mistyped password could never be opened again."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tafdesk.db import Database
from tafdesk.models.enums import Role
from tafdesk.offline import store
from tafdesk.offline.database import CopyDatabase
from tafdesk.offline.merge import Choice, Conflict
from tafdesk.paths import offline_copy_path
from tafdesk.services.actor import Actor
from tafdesk.services.errors import ConflictError

if TYPE_CHECKING:  # taking and syncing load the plan services: not at a start that only looks for the copy
    from tafdesk.services.offline_sync import CaseOutcome

# A conflict's name (Conflict.name) -> "mine" | "theirs" | {"edit": text} (another value written instead)
Sides = Mapping[str, Choice]


class OfflineWork:
    """`single_sign_on`: the person has no password to give (the copy's key
    is then kept in this computer's keyring, offline/copy_key.py)."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        confirm: Callable[[str], None],
        path: Path | None = None,
        *,
        single_sign_on: bool = False,
    ) -> None:
        self._db = db
        self._actor = actor
        self._confirm = confirm
        self.path = path or offline_copy_path(actor.username or actor.name)
        self.single_sign_on = single_sign_on

    def _password(self, password: str) -> str | None:
        """The password, once confirmed; None with single sign-on."""
        if self.single_sign_on:
            return None
        self._confirm(password)
        return password

    def exists(self) -> bool:
        return self.path.exists() or store.header_path(self.path).exists()

    def take(self, references: list[str], password: str = "") -> list[str]:
        key = self._password(password)
        if self.exists():
            raise ConflictError(
                "You already have an offline copy on this computer: sync it (or discard it) before taking cases again."
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        from tafdesk.services.offline_take import OfflineTakeService

        return OfflineTakeService(self._db, self._actor).take(references, self.path, key)

    def sync(self, password: str = "", sides: Sides | None = None) -> list[CaseOutcome]:
        """Sync every case; a conflict named in `sides` is settled that way, the others wait."""
        key = self._password(password)
        if not self.exists():
            raise ConflictError("There is no offline copy on this computer to sync.")
        chosen = dict(sides or {})

        def choose(conflict: Conflict) -> Choice | None:
            return chosen.get(conflict.name)

        from tafdesk.services.offline_sync import OfflineSyncService

        return OfflineSyncService(self._db, self._actor).sync(self.path, key, choose)


@dataclass(frozen=True)
class OpenedCopy:
    """The copy opened to work on away from the server: signed in by its key."""

    copy: store.OfflineCopy
    database: CopyDatabase
    actor: Actor

    def confirm(self, password: str | None) -> None:
        """The person is who the copy is for (the idle lock): its key opens it
        again, a wrong password counted as at opening."""
        store.OfflineCopy.open(self.copy.path, password or "").close()

    def close(self) -> None:
        self.copy.close()


def copy_on_this_computer(username: str) -> Path | None:
    """The person's offline copy at its usual place, if they have one."""
    if not username:
        return None
    path = offline_copy_path(username.strip().lower())
    return path if path.exists() or store.header_path(path).exists() else None


def open_for_work(path: Path, password: str) -> OpenedCopy:
    """Open the copy with the password (wrong ones counted, the copy wiped
    after too many; an expired one refused) and who it was taken by."""
    copy = store.OfflineCopy.open(path, password)
    try:
        actor = copy_actor(copy)
    except BaseException:
        copy.close()
        raise
    return OpenedCopy(copy, CopyDatabase(copy), actor)


def copy_actor(copy: store.OfflineCopy) -> Actor:
    """The person who took the copy, as they were when they took it."""
    text = copy.setting("actor")
    try:
        who = json.loads(text or "")
        return Actor(
            user_id=uuid.UUID(who["user_id"]) if who.get("user_id") else None,
            name=who["name"],
            role=Role(who["role"]),
            professional_id=uuid.UUID(who["professional_id"]) if who.get("professional_id") else None,
            username=who.get("username"),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise store.OfflineCopyError("This offline copy does not say who took it: it cannot be worked on.") from exc
