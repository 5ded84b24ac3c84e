"""A keyring backend kept in a JSON file, so tests exercise the keyring path
without the computer's own keyring (which a test must never write to)."""

from __future__ import annotations

import json
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment] (keyring's classproperty; any positive number means usable)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

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
