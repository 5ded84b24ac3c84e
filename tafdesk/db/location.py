"""Turning what the user gave (--db, TAFDESK_DB, nothing) into a database URL."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from tafdesk.paths import default_database_path


def resolve_url(given: str | None = None) -> URL:
    """--db wins, then TAFDESK_DB, then the SQLite file in the user data folder."""
    text = given or os.environ.get("TAFDESK_DB") or str(default_database_path())
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))
    url = make_url(text)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL; None for a server or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def describe(url: URL) -> str:
    """The database as shown to people: a path, or a URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return url.render_as_string(hide_password=True)
