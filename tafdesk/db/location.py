"""Turning what the user gave (--db, TAFDESK_DB, nothing) into a database URL."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from tafdesk.db.errors import StorageError
from tafdesk.paths import default_database_path

SUPPORTED = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")
FORMS = "Give the path of an SQLite file, or a URL such as postgresql+psycopg://user@server/tafdesk."


def resolve_url(given: str | None = None) -> URL:
    """--db wins, then TAFDESK_DB, then the SQLite file in the user data folder."""
    text = given or os.environ.get("TAFDESK_DB") or str(default_database_path())
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))
    try:
        url = make_url(text)
    except (ValueError, ArgumentError):  # e.g. a port that is not a number
        raise StorageError(f"“{_without_password(text)}” is not a database address tafdesk can read. {FORMS}") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername not in SUPPORTED:
        raise StorageError(f"tafdesk cannot use a “{url.drivername}” database. {FORMS}")
    return url


def _without_password(text: str) -> str:
    """The address as typed, with anything between ':' and '@' blanked."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", text)


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
