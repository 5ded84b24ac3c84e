"""An open offline copy as a Database, so that the services work on it as
they do on a server or an SQLite file (drafting plans, adding notes)."""

from __future__ import annotations

import uuid

from sqlalchemy.engine import URL

from tafdesk.db import changes
from tafdesk.db.database import APPLICATION, Database
from tafdesk.db.reachability import Reachability
from tafdesk.offline.copying import pending
from tafdesk.offline.store import OfflineCopy


class CopyDatabase(Database):
    offline_copy = True

    def __init__(self, copy: OfflineCopy) -> None:
        # Not Database.__init__: the copy's engine (SQLCipher, keyed) is already made.
        self.url = URL.create("sqlite", database=str(copy.path))
        self._factory = None
        self._damage = None
        self._application = APPLICATION
        self._login = None
        self._write_hooks = []
        self.engine = copy.engine
        self.changes = changes.ChangeBus()
        self.reachability = Reachability()
        self.origin = uuid.uuid4().hex[:16]

    def describe(self) -> str:
        return f"the offline copy {self.url.database}"

    def dispose(self) -> None:
        """The copy's engine is the copy's to close."""

    def unsynced(self, case_id) -> bool:
        with self.engine.connect() as conn:
            return pending(conn, case_id).any
