"""Drafts kept on this computer as they are typed.

The plan editor writes each change here first (a small file, written to a
temporary name and renamed, so a crash or power cut never leaves half of one)
and then saves it to the database. If the database cannot be reached — a lead
professional in a family's home with no network — the draft waits here and is
saved when the plan is next opened with the database in reach.

Text being typed in a cell of the plan's tables, not yet committed, is kept
beside the draft (`TypedText`), so that a crash mid-paragraph loses nothing.

Each person has their own drafts folder (after Switch user the next person is
not offered someone else's draft), and every draft is encrypted with AES-GCM
under that person's key (journal_key.py): a lost laptop's journal reads as
noise, and a file changed or swapped between plans is refused, not trusted.
Drafts written as plain JSON before encryption are read once, rewritten
encrypted in the folder of whoever opens them, and removed.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tafdesk import clock
from tafdesk.models.enums import ActionStatus, NeedArea
from tafdesk.paths import data_dir
from tafdesk.plans.content import ActionItem, OutcomeItem, Owner, PlanContent
from tafdesk.private_files import open_private, private_folder, replace_durably
from tafdesk.services import journal_key

MAGIC = b"tafdesk-draft-1\n"  # then a 12-byte nonce and the AES-GCM ciphertext
NONCE_BYTES = 12


class JournalLocked(OSError):
    """No key for this person's drafts (no keyring, and no password given at sign-in)."""

    def __init__(self) -> None:
        super().__init__(errno.EACCES, "drafts cannot be kept on this computer without a keyring or a password")


@dataclass(frozen=True)
class TypedText:
    """What an open cell editor holds: the text typed so far into one field of an action or outcome."""

    item_id: uuid.UUID
    field: str
    text: str


@dataclass(frozen=True)
class Draft:
    """A draft kept on this computer, with the database version it was edited from."""

    base_version: int
    content: PlanContent
    saved_at: dt.datetime | None = None  # when it was written (UTC)
    typing: TypedText | None = None
    label: str = ""  # the case's reference, for a list of drafts (none in drafts written before)


class DraftJournal:
    """One person's drafts: `root` (default: the data folder's drafts/) holds a
    folder per username; `key` is given by tests, found by journal_key otherwise."""

    def __init__(self, root: Path | None = None, *, username: str = "", key: bytes | None = None) -> None:
        self._root = root or data_dir() / "drafts"
        self._username = username
        self._folder = user_folder(self._root, username)
        self._key = key

    @property
    def folder(self) -> Path:
        return self._folder

    def _path(self, plan_id: uuid.UUID) -> Path:
        return self._folder / f"{plan_id}.draft"

    def _legacy(self, plan_id: uuid.UUID) -> Path:
        return self._root / f"{plan_id}.json"  # plain JSON, one folder for everybody (before encryption)

    def _cipher(self):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        key = self._key or journal_key.key_for(self._folder, self._username)
        if key is None:
            raise JournalLocked
        return AESGCM(key)

    def _seal(self, plan_id: uuid.UUID, data: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + nonce + self._cipher().encrypt(nonce, data, plan_id.bytes)  # bound to its plan

    def _open(self, plan_id: uuid.UUID, sealed: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        if not sealed.startswith(MAGIC):
            raise ValueError("not a draft")
        nonce, body = sealed[len(MAGIC) : len(MAGIC) + NONCE_BYTES], sealed[len(MAGIC) + NONCE_BYTES :]
        try:
            return self._cipher().decrypt(nonce, body, plan_id.bytes)
        except InvalidTag:
            raise ValueError("a draft that does not open with this key") from None

    def write(
        self,
        plan_id: uuid.UUID,
        base_version: int,
        content: PlanContent,
        typing: TypedText | None = None,
        *,
        label: str = "",
    ) -> None:
        """Keep the draft, with the database version it was edited from, and any text being typed."""
        text = json.dumps(
            {
                "base_version": base_version,
                "label": label,
                "saved_at": clock.now().isoformat(),
                "content": asdict(content),
                "typing": asdict(typing) if typing else None,
            },
            default=_plain,
            ensure_ascii=False,
        )
        self._keep(plan_id, text.encode("utf-8"))

    def _keep(self, plan_id: uuid.UUID, data: bytes) -> None:
        sealed = self._seal(plan_id, data)
        private_folder(self._folder, ours=True)
        path = self._path(plan_id)
        partial = path.with_name(path.name + ".partial")
        with open_private(partial, "wb") as handle:
            handle.write(sealed)
            handle.flush()
            os.fsync(handle.fileno())
        replace_durably(partial, path)

    def read(self, plan_id: uuid.UUID) -> Draft | None:
        try:
            self._encrypt_legacy(plan_id)
            return self.view(plan_id)
        except (FileNotFoundError, JournalLocked):  # none, or no key yet: it waits
            return None
        except ValueError:  # a damaged (or tampered) file is set aside, not trusted
            replace_durably(self._path(plan_id), self._path(plan_id).with_suffix(".damaged"))
            return None

    def view(self, plan_id: uuid.UUID) -> Draft:
        """Read a draft and change nothing (the offline drafts viewer): raises
        FileNotFoundError, JournalLocked, or ValueError for one this key does not open."""
        try:
            data = json.loads(self._open(plan_id, self._path(plan_id).read_bytes()).decode("utf-8"))
            typing = data.get("typing")  # drafts written before typing was kept have none
            return Draft(
                int(data["base_version"]),
                _content(data["content"]),
                dt.datetime.fromisoformat(data["saved_at"]) if data.get("saved_at") else None,
                TypedText(uuid.UUID(typing["item_id"]), str(typing["field"]), str(typing["text"])) if typing else None,
                str(data.get("label") or ""),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError("a draft that cannot be read") from exc

    def _encrypt_legacy(self, plan_id: uuid.UUID) -> None:
        """A plain draft from before encryption: kept encrypted, the plain file removed."""
        legacy = self._legacy(plan_id)
        try:
            data = legacy.read_bytes()
        except FileNotFoundError:
            return
        if not self._path(plan_id).exists():
            self._keep(plan_id, data)
        legacy.unlink(missing_ok=True)

    def discard(self, plan_id: uuid.UUID) -> None:
        self._path(plan_id).unlink(missing_ok=True)
        self._legacy(plan_id).unlink(missing_ok=True)

    def pending(self) -> list[uuid.UUID]:
        """Plans with a draft not yet saved to the database (this person's, and any plain one left from before)."""
        found = {uuid.UUID(p.stem) for p in self._folder.glob("*.draft")} if self._folder.is_dir() else set()
        found |= {uuid.UUID(p.stem) for p in self._root.glob("*.json")} if self._root.is_dir() else set()
        return sorted(found)


def user_folder(root: Path, username: str) -> Path:
    """A person's drafts folder: their username where it is a plain file name, else a digest of it."""
    if re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,63}", username):
        return root / username
    import hashlib

    return root / ("user-" + hashlib.sha256(username.encode("utf-8")).hexdigest()[:16])


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "value"):
        return value.value
    raise TypeError(f"cannot keep {type(value).__name__} in a draft")


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _id(text: str | None) -> uuid.UUID | None:
    return uuid.UUID(text) if text else None


def _content(data: dict) -> PlanContent:
    return PlanContent(
        voice_of_child=data["voice_of_child"],
        voice_of_parents=data["voice_of_parents"],
        strengths=data["strengths"],
        consent_confirmed_on=_day(data["consent_confirmed_on"]),
        review_interval_weeks=int(data["review_interval_weeks"]),
        outcomes=tuple(
            OutcomeItem(uuid.UUID(o["id"]), NeedArea(o["area"]), o["need"], o["outcome_wanted"])
            for o in data["outcomes"]
        ),
        actions=tuple(
            ActionItem(
                uuid.UUID(a["id"]),
                a["description"],
                _id(a["outcome_id"]),
                Owner(a["owner"]["kind"], uuid.UUID(a["owner"]["id"]), a["owner"]["label"]) if a["owner"] else None,
                _day(a["starts_on"]),
                _day(a["due_on"]),
                a["measure"],
                ActionStatus(a["status"]),
                a["dropped_reason"],
            )
            for a in data["actions"]
        ),
    )
