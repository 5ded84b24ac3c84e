"""Storage: where the database is, how to connect, and keeping its schema current."""

from tafdesk.db.database import Database
from tafdesk.db.errors import StorageError
from tafdesk.db.location import resolve_url

__all__ = ["Database", "StorageError", "resolve_url"]
