"""One undoable command per save or creation in the Directory.

The editor applies a command itself first (`apply()`), so that a rule broken
on save is shown at the field and never reaches the undo stack; pushing it
afterwards does not apply it twice. Undo and redo go through the service like
any edit: audited, and checked against the version this session last saw.
That version lives in a VersionBook shared by all the commands, because undo
and redo of different commands move the same record's version along.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tafdesk.ui.undo import GuardedCommand, Report

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecordOps:
    """The service calls for one kind of record."""

    kind: str  # "professional" or "agency"
    create: Callable[[Mapping[str, Any], uuid.UUID], Any]
    update: Callable[[uuid.UUID, int, Mapping[str, Any]], Any]
    delete: Callable[[uuid.UUID, int], None]
    read: Callable[[uuid.UUID], Any]  # one record as now stored


class VersionBook:
    """The version of each record as this session's own edits left it."""

    def __init__(self) -> None:
        self._versions: dict[uuid.UUID, int] = {}

    def note(self, record: Any) -> Any:
        self._versions[record.id] = record.version
        return record

    def version(self, record_id: uuid.UUID) -> int:
        return self._versions[record_id]

    def forget(self, record_id: uuid.UUID) -> None:
        self._versions.pop(record_id, None)


Notify = Callable[[str, uuid.UUID], None]  # kind, record id: refresh and show it


class _DirectoryCommand(GuardedCommand):
    LOG = log
    WHAT = "directory change"

    def __init__(
        self, text: str, ops: RecordOps, book: VersionBook, record_id: uuid.UUID, notify: Notify, report: Report
    ) -> None:
        super().__init__(text, report)
        self.ops = ops
        self.record_id = record_id
        self._book = book
        self._notify = notify

    def apply(self) -> Any:
        """The first application, from the editor; raises what the service raises."""
        return self._book.note(super().apply())

    def _first(self) -> Any:
        raise NotImplementedError

    def _after(self) -> None:
        self._notify(self.ops.kind, self.record_id)


class UpdateCommand(_DirectoryCommand):
    """Saving changed fields of a record: undo writes the earlier values back."""

    def __init__(
        self,
        text: str,
        ops: RecordOps,
        book: VersionBook,
        record: Any,
        changes: Mapping[str, Any],
        notify: Notify,
        report: Report,
    ) -> None:
        super().__init__(text, ops, book, record.id, notify, report)
        self._read_version = record.version
        self.after = dict(changes)
        self.before = {name: getattr(record, name) for name in changes}

    def _first(self) -> Any:
        return self.ops.update(self.record_id, self._read_version, self.after)

    def _redo(self) -> None:
        self._book.note(self.ops.update(self.record_id, self._book.version(self.record_id), self.after))

    def _undo(self) -> None:
        self._book.note(self.ops.update(self.record_id, self._book.version(self.record_id), self.before))


class CreateCommand(_DirectoryCommand):
    """Adding a record with an id chosen here, so that redo recreates the same
    record. Undo removes it again (the service refuses if anything refers to
    it by then)."""

    def __init__(
        self, text: str, ops: RecordOps, book: VersionBook, values: Mapping[str, Any], notify: Notify, report: Report
    ) -> None:
        super().__init__(text, ops, book, uuid.uuid4(), notify, report)
        self.values = dict(values)

    def _first(self) -> Any:
        return self.ops.create(self.values, self.record_id)

    def _redo(self) -> None:
        self._book.note(self.ops.create(self.values, self.record_id))

    def _undo(self) -> None:
        self.ops.delete(self.record_id, self._book.version(self.record_id))
        self._book.forget(self.record_id)
