"""An administrator's backup of an SQLite database from the window (File →
Back up now…): the same consistent copy as `tafdesk db backup`
(db/backup.py, written beside the target and renamed into place), kept
until deleted by hand, and recorded in the audit trail. A server's database
is backed up with its own tools (pg_dump), not from here."""

from __future__ import annotations

from pathlib import Path

from tafdesk.db import Database
from tafdesk.db.errors import StorageError
from tafdesk.services import audit
from tafdesk.services.actor import Actor, Permission


class BackupService:
    def __init__(self, database: Database, actor: Actor) -> None:
        self._db = database
        self._actor = actor

    def available(self) -> bool:
        """Whether this person may back up this database from here."""
        return self._db.is_sqlite and self._actor.can(Permission.BACK_UP)

    def back_up(self, target: Path) -> Path:
        """Copy the database to target (a file, or a folder for a stamped
        name); returns the copy's path. The copy holds the event recording it
        only in the database, not in itself."""
        from tafdesk.db.backup import SERVER_BACKUP, backup_sqlite

        self._actor.require(Permission.BACK_UP)
        source = self._db.path
        if source is None:
            raise StorageError(SERVER_BACKUP)
        if target.expanduser().resolve() == Path(source).resolve():
            raise StorageError("A backup cannot replace the database itself: choose another file.")
        copy = backup_sqlite(Path(source), target)
        with self._db.session() as s:
            audit.record(s, self._actor, "database.backed_up", "database", None, {"file": [None, copy.name]})
        return copy
