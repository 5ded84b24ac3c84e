"""The offline copy's small unencrypted header, kept beside it as FILE.head:
what is needed before the password opens the copy (the key's salt and how it
is derived), and what must survive a wrong password (how many in a row).

Nothing in it says whose families the copy holds: the username and the
expiry are here so that a copy can be named and refused before any key is
tried; the expiry is kept inside the encrypted copy too, and that one rules.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from tafdesk.private_files import make_private, open_private
from tafdesk.services.errors import ServiceError

FORMAT = "tafdesk-offline-copy-1"
KEY_BYTES = 32
# argon2id, as tafdesk's other password-derived keys (services/journal_key.py).
KDF_TIME_COST, KDF_MEMORY_KIB, KDF_PARALLELISM = 3, 65536, 4
MAX_WRONG_PASSWORDS = 5
KEY_FROM_PASSWORD, KEY_FROM_KEYRING = "password", "keyring"  # how the key is had (offline/copy_key.py)


class NotAnOfflineCopy(ServiceError):
    """The file has no header tafdesk wrote."""


@dataclass
class Header:
    salt: str  # base64
    username: str
    expires_at: str  # ISO 8601, UTC
    wrong_passwords: int = 0
    format: str = FORMAT
    key_from: str = KEY_FROM_PASSWORD

    @property
    def expires(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.expires_at)


def header_path(copy: Path) -> Path:
    return copy.with_name(copy.name + ".head")


def new_header(username: str, expires_at: dt.datetime, key_from: str = KEY_FROM_PASSWORD) -> Header:
    salt = base64.b64encode(secrets.token_bytes(16)).decode()
    return Header(salt, username, expires_at.isoformat(), key_from=key_from)


def read_header(copy: Path) -> Header:
    try:
        data = json.loads(header_path(copy).read_text(encoding="utf-8"))
        header = Header(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise NotAnOfflineCopy(f"{copy} is not an offline copy tafdesk made (its header is missing).") from exc
    if header.format != FORMAT:
        raise NotAnOfflineCopy(f"{copy} is an offline copy of a format this tafdesk does not know.")
    return header


def write_header(copy: Path, header: Header) -> None:
    """Temp file then rename: a header is never half-written."""
    target = header_path(copy)
    partial = target.with_name(target.name + ".partial")
    with open_private(partial, "w", encoding="utf-8") as f:
        json.dump(asdict(header), f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, target)
    make_private(target)


def derive_key(password: str, header: Header) -> bytes:
    """The copy's key from the password; without the password it cannot be had."""
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        password.encode("utf-8"),
        base64.b64decode(header.salt),
        time_cost=KDF_TIME_COST,
        memory_cost=KDF_MEMORY_KIB,
        parallelism=KDF_PARALLELISM,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
