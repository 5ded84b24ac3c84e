"""The signed-in person's one offline copy, at its default place on this
computer (paths.offline_copy_path): taken from My cases, synced back from
there. The copy is protected by their sign-in password, so the password is
checked as the sign-in's first (`confirm`, as the idle lock's): a copy under
a mistyped password could never be opened again."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from tafdesk.db import Database
from tafdesk.offline import store
from tafdesk.offline.merge import Conflict
from tafdesk.paths import offline_copy_path
from tafdesk.services.actor import Actor
from tafdesk.services.errors import ConflictError
from tafdesk.services.offline_sync import CaseOutcome, OfflineSyncService
from tafdesk.services.offline_take import OfflineTakeService

Sides = Mapping[str, str]  # a conflict's name (Conflict.name) -> "mine" | "theirs"


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
        return OfflineTakeService(self._db, self._actor).take(references, self.path, key)

    def sync(self, password: str = "", sides: Sides | None = None) -> list[CaseOutcome]:
        """Sync every case; a conflict named in `sides` is settled that way, the others wait."""
        key = self._password(password)
        if not self.exists():
            raise ConflictError("There is no offline copy on this computer to sync.")
        chosen = dict(sides or {})

        def choose(conflict: Conflict) -> str | None:
            return chosen.get(conflict.name)

        return OfflineSyncService(self._db, self._actor).sync(self.path, key, choose)
