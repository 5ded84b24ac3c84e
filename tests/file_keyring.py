"""A keyring backend kept in a JSON file, so tests exercise the keyring path
without the computer's own keyring (which a test must never write to).

Processes a test starts (a race's, the demo's row writer) use the same file:
keyring makes the backend PYTHON_KEYRING_BACKEND names, with no arguments,
so the file comes from TAFDESK_TEST_KEYRING then."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment] (keyring's classproperty; any positive number means usable)

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        named = path or os.environ.get("TAFDESK_TEST_KEYRING")
        if not named:  # keyring tries every backend with no arguments: not this one, then
            raise TypeError("FileKeyring needs a file")
        self.path = Path(named)

    def _all(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._all().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        stored = self._all()
        stored[f"{service}\0{username}"] = password
        self.path.write_text(json.dumps(stored))

    def delete_password(self, service: str, username: str) -> None:
        stored = self._all()
        stored.pop(f"{service}\0{username}", None)
        self.path.write_text(json.dumps(stored))
