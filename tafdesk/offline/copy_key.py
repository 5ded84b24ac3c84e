"""The offline copy's key: derived from the password of the person who took
it, or, for a person who signs in with single sign-on and so has no
password, a random key kept in this computer's keyring (Windows Credential
Manager, macOS Keychain, the Secret Service), as the draft journal's is
(services/journal_key.py). The header says which (header.key_from)."""

from __future__ import annotations

import base64
import logging
import os

from tafdesk.offline.header import KEY_BYTES, KEY_FROM_KEYRING, Header, derive_key
from tafdesk.services.errors import ServiceError

log = logging.getLogger(__name__)
SERVICE = "tafdesk offline copy"


class NoKeyring(ServiceError):
    """Single sign-on, and no keyring to keep the copy's key in."""


def key_for(header: Header, password: str | None, *, new: bool = False) -> bytes:
    """The key that opens the copy (`new`: a copy being made, whose keyring
    key is made now)."""
    if header.key_from != KEY_FROM_KEYRING:
        return derive_key(password or "", header)
    backend = _keyring()
    try:
        if new:
            backend.set_password(SERVICE, _account(header), base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii"))
        stored = backend.get_password(SERVICE, _account(header))
    except Exception as exc:  # noqa: BLE001 (a locked or refusing keyring: said in one sentence)
        log.warning("offline copy key not read from the keyring: %s", type(exc).__name__)
        raise NoKeyring("This computer's keyring did not give the offline copy's key (is it locked?).") from None
    if stored is None:
        raise NoKeyring(
            "The offline copy's key is not in this computer's keyring: a copy can only be opened by the "
            "person who took it, on the computer they took it on."
        )
    return base64.b64decode(stored)


def forget(header: Header) -> None:
    """A wiped copy's key leaves the keyring too (if it can be reached)."""
    if header.key_from != KEY_FROM_KEYRING:
        return
    try:
        _keyring().delete_password(SERVICE, _account(header))
    except Exception:  # noqa: BLE001 (already gone, or no keyring: the copy it opened is gone either way)
        log.info("no offline copy key to remove from the keyring")


def _keyring():
    from tafdesk.keyring_access import usable_keyring

    backend = usable_keyring()
    if backend is None:
        raise NoKeyring(
            "You sign in without a password, and this computer has no keyring to keep an offline copy's key "
            "in: cases cannot be taken offline here."
        )
    return backend


def _account(header: Header) -> str:
    """One entry per copy: its person and its salt (random, per copy)."""
    return f"{header.username} {header.salt}"
