"""The key a person's draft journal is encrypted with (see draft_journal.py).

Where the computer has a keyring (Windows Credential Manager, macOS Keychain,
the Secret Service on Linux) a random key is kept there for each user. Without
one, the key is derived from the password the person signed in with (Argon2id,
with a salt kept beside their drafts) and held in this process's memory only,
from sign-in to sign-out. Either way a lost laptop's journal reads as noise.
"""

from __future__ import annotations

import base64
import logging
import os
import threading
from pathlib import Path

from tafdesk.private_files import open_private, private_folder

log = logging.getLogger(__name__)
SERVICE = "tafdesk draft journal"
KEY_BYTES = 32
SALT_NAME = "salt"

# Keys found at sign-in, by drafts folder, and the threads still finding them; never written anywhere.
_found: dict[Path, bytes] = {}
_finding: dict[Path, threading.Timer] = {}


def key_for(folder: Path, username: str) -> bytes | None:
    """The key for this user's drafts folder (waiting for sign-in to find it),
    or None when there is no keyring and the person has not signed in with a
    password in this process."""
    finding = _finding.get(folder)
    if finding is not None:
        finding.join()
    return _found.get(folder) or _keyring_key(username)


def unlock_with_password(folder: Path, username: str, password: str, after_s: float = 0.0) -> None:
    """At sign-in: start finding the key (the keyring's, else derived from the
    password) after `after_s` seconds, so as not to slow the window being drawn."""

    def find() -> None:
        try:
            _found[folder] = _keyring_key(username) or _derive(password, _salt(folder))
        except OSError as exc:  # the salt cannot be kept: no drafts are kept either (the journal says so)
            log.warning("no draft journal key: %s", type(exc).__name__)

    forget(folder)
    _finding[folder] = timer = threading.Timer(after_s, find)
    timer.name, timer.daemon = "journal key", True
    timer.start()


def forget(folder: Path) -> None:
    """At sign-out: the key leaves memory with the person."""
    finding = _finding.pop(folder, None)
    if finding is not None:
        finding.join()
    _found.pop(folder, None)


def _keyring_key(username: str) -> bytes | None:
    from tafdesk.keyring_access import usable_keyring

    backend = usable_keyring()
    if backend is None:
        return None
    username = username or "-"  # keyring refuses an empty account name
    try:
        stored = backend.get_password(SERVICE, username)
        if stored is None:
            stored = base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")
            backend.set_password(SERVICE, username, stored)
        key = base64.b64decode(stored)
    except Exception:  # noqa: BLE001 (a locked, refused or broken keyring must not stop sign-in: the password serves)
        return None
    return key if len(key) == KEY_BYTES else None


def _salt(folder: Path) -> bytes:
    path = folder / SALT_NAME
    try:
        salt = path.read_bytes()
        if len(salt) == 16:
            return salt
    except FileNotFoundError:
        pass
    private_folder(folder, ours=True)
    salt = os.urandom(16)
    with open_private(path, "wb") as out:
        out.write(salt)
    return salt


def _derive(password: str, salt: bytes) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    # argon2-cffi's defaults for interactive use (RFC 9106's second choice).
    return hash_secret_raw(
        password.encode("utf-8"), salt, time_cost=3, memory_cost=65536, parallelism=4, hash_len=KEY_BYTES, type=Type.ID
    )
