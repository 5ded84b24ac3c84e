"""A Database whose every unit of work is a part of one open transaction.

The demo council's bulk rows are written in one transaction by the row
writer (db/row_writer.py); what happens between the meetings is then done
through the services, in the same transaction, so that the council is
written whole or not at all. Each service's session here joins that
transaction: committing it only flushes, and any failure rolls back the
whole of it (nothing is committed until the writer commits), which is what
the demo wants: a refusal there is a fault of its script.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from tafdesk.db import changes
from tafdesk.db.database import Database


class InOneTransaction(Database):
    def __init__(self, database: Database, connection: Connection) -> None:
        # Not Database.__init__: no engine of its own, every session is the connection's.
        self.url = database.url
        self.engine = database.engine
        self.changes = changes.ChangeBus()
        self.origin = database.origin
        self._connection = connection

    @contextmanager
    def session(self) -> Iterator[Session]:
        with (
            Session(bind=self._connection, join_transaction_mode="rollback_only", expire_on_commit=False) as s,
            s.begin(),
        ):
            yield s

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with Session(bind=self._connection, join_transaction_mode="rollback_only", expire_on_commit=False) as s:
            yield s

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        yield self._connection

    def announce(self, *done: changes.Change) -> None:
        """Nobody has the council open yet: nothing to tell."""

    def dispose(self) -> None:
        """The connection is the writer's to close."""
