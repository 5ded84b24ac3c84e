"""Whether a free text about a family quotes what documents may not: its
restricted 360° items, its members' sensitive details, its home address.
For the warning shown as a rationale or an action is typed; documents
withhold such quotes themselves (exports.redaction)."""

from __future__ import annotations

import uuid

from tafdesk.db import Database
from tafdesk.exports.quotes import Redactor
from tafdesk.exports.redaction import redactor
from tafdesk.services import document_secrets, scope
from tafdesk.services.actor import Actor, Permission

WARNING = ("This quotes restricted information about the family. The full minutes keep it; letters, plans and the "
           "circulation minutes will show “[withheld: restricted]” in its place.")  # fmt: skip


class RestrictedTextService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    def checker(self, case_id: uuid.UUID) -> Redactor:
        """The family's quote check (its `quoted(text)` is quick: call it as the text changes)."""
        self._actor.require(Permission.MANAGE_MEETINGS)
        with self._db.reader() as s:
            scope.case(s, self._actor, case_id, "check quotes of the restricted information")
            return redactor(document_secrets.for_case(s, case_id))
