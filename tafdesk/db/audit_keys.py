"""The keys of an SQLite database's audit chain, kept outside the database
file: whoever has a copy of the file alone cannot rewrite its history and
make the chain verify again.

Each chain segment has its own random key, named by the segment's id (a
UUID, so keys of different databases never collide): in the computer's
keyring where there is one, else in a file of its own, readable by its owner
only, in the user's data folder. A key not found here (a copied database, a
new laptop) is not an error: the next event starts a new segment with a new
key, and verification says the earlier segment cannot be verified on this
computer. Keys found are kept in this process's memory.

(On PostgreSQL the keys stay in the database, in a table only the owner role
reads: see migration 0017.)
"""

from __future__ import annotations

import base64
import logging
import os
import threading
import uuid
from pathlib import Path

log = logging.getLogger(__name__)
SERVICE = "tafdesk audit chain"
KEY_BYTES = 32
FOLDER = "audit-keys"

_keys: dict[str, bytes] = {}  # segment (32 hex digits, as SQLite stores a UUID) -> key
_lock = threading.Lock()


def key_for(segment: str) -> bytes | None:
    """The segment's key, or None if this computer does not hold it."""
    with _lock:
        key = _keys.get(segment)
        if key is None:
            key = _from_keyring(segment) or _from_file(segment)
            if key is not None:
                _keys[segment] = key
        return key


def new_segment() -> tuple[str, bytes]:
    """A new segment's id and key, kept where key_for finds them."""
    segment, key = uuid.uuid4().hex, os.urandom(KEY_BYTES)
    with _lock:
        if not _to_keyring(segment, key):
            _to_file(segment, key)
        _keys[segment] = key
    log.info("audit chain: began segment %s with a new key", segment)
    return segment, key


def forget() -> None:
    """Drop the keys held in memory (the next look-up asks the keyring again)."""
    with _lock:
        _keys.clear()


def _from_keyring(segment: str) -> bytes | None:
    from tafdesk.keyring_access import usable_keyring

    backend = usable_keyring()
    if backend is None:
        return None
    try:
        stored = backend.get_password(SERVICE, segment)
    except Exception as exc:  # noqa: BLE001 (a locked or broken keyring: try the file)
        log.warning("audit chain: the keyring refused a look-up (%s)", type(exc).__name__)
        return None
    return _decoded(stored)


def _to_keyring(segment: str, key: bytes) -> bool:
    from tafdesk.keyring_access import usable_keyring

    backend = usable_keyring()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, segment, base64.b64encode(key).decode("ascii"))
    except Exception as exc:  # noqa: BLE001 (refused or broken: the file serves)
        log.warning("audit chain: the keyring refused a new key (%s); keeping it in a file", type(exc).__name__)
        return False
    return True


def _key_file(segment: str) -> Path:
    from tafdesk.paths import data_dir

    return data_dir() / FOLDER / f"{segment}.key"


def _from_file(segment: str) -> bytes | None:
    try:
        return _decoded(_key_file(segment).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None


def _to_file(segment: str, key: bytes) -> None:
    from tafdesk.private_files import open_private, private_folder

    path = _key_file(segment)
    try:
        private_folder(path.parent, ours=True)
        with open_private(path, "w", encoding="ascii") as out:
            out.write(base64.b64encode(key).decode("ascii"))
    except OSError as exc:  # people keep working; this segment will not verify once this process ends
        log.warning("audit chain: the key of segment %s could not be kept (%s)", segment, type(exc).__name__)


def _decoded(stored: str | None) -> bytes | None:
    if not stored:
        return None
    try:
        key = base64.b64decode(stored.strip(), validate=True)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None
