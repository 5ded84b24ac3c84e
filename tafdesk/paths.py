"""Where tafdesk keeps its files. TAFDESK_HOME overrides the platform folders
(tests and portable installs use it)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tafdesk"


def data_dir() -> Path:
    home = os.environ.get("TAFDESK_HOME")
    if home:
        return Path(home)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    home = os.environ.get("TAFDESK_HOME")
    if home:
        return Path(home) / "logs"
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """What tafdesk can work out again (never personal data): bank holidays."""
    home = os.environ.get("TAFDESK_HOME")
    if home:
        return Path(home) / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def backup_dir() -> Path:
    return data_dir() / "backups"


def default_database_path() -> Path:
    return data_dir() / "tafdesk.sqlite"


def resource_path(*parts: str) -> Path:
    """A file shipped in resources/: inside the package when installed from a
    wheel, beside it in a source checkout."""
    package = Path(__file__).resolve().parent
    for root in (package / "resources", package.parent / "resources"):
        if root.is_dir():
            return root.joinpath(*parts)
    raise FileNotFoundError("tafdesk resources folder is missing from this installation")


def offline_copy_path(username: str) -> Path:
    """The signed-in person's one offline copy on this computer (tafdesk/offline/)."""
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in username.lower()) or "user"
    return data_dir() / "offline" / f"{safe}.tafcopy"
