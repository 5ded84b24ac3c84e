"""The computer's own keyring (Windows Credential Manager, macOS Keychain, the
Secret Service such as GNOME Keyring or KWallet on Linux), where it has one."""

from __future__ import annotations

from typing import Any


def usable_keyring() -> Any:
    """The keyring backend, or None where there is none (keyring's "fail"
    backend, or keyring not installed)."""
    try:
        import keyring
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return backend if getattr(backend, "priority", 0) > 0 else None
