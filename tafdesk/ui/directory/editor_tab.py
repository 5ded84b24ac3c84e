"""A list beside its detail form: choosing a row shows it in the form, and
saving the form is one undoable command (ui/operation.py). A save that meets
a record someone else changed meanwhile opens the conflict dialog: the
fields that differ side by side, to keep, take or merge, then saved against
the version now stored."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QSplitter, QWidget

from tafdesk.services.errors import ConflictError, NotFound
from tafdesk.ui.banner import Banner
from tafdesk.ui.conflict_dialog import ConflictDialog, clashes, merged, same
from tafdesk.ui.directory.commands import CreateCommand, Notify, RecordOps, Report, UpdateCommand, VersionBook
from tafdesk.ui.directory.form_base import RecordForm
from tafdesk.ui.directory.list_panel import ListPanel
from tafdesk.ui.operation import Operation

FORM_MINIMUM = 280  # narrower windows than 1024 pixels scroll the form sideways


class EditorTab(QWidget):
    changed = Signal(object)  # the id of a record saved or added here
    refresh_needed = Signal()  # after a conflict: the view is out of date
    status_message = Signal(str)

    def __init__(
        self,
        panel: ListPanel,
        form: RecordForm,
        ops: RecordOps,
        undo_stack: QUndoStack,
        book: VersionBook,
        *,
        banner: Banner,
        notify: Notify,
        report: Report,
        new_defaults: Callable[[], dict[str, Any]] = dict,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = panel
        self.form = form
        self._ops = ops
        self._undo_stack = undo_stack
        self._book = book
        self._banner = banner
        self._notify = notify
        self._report = report
        self._new_defaults = new_defaults
        self._quiet = False  # selection changes made by code, not by the user
        self.conflict_dialog: ConflictDialog | None = None  # while open
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self._sized = False
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.form.setMinimumWidth(FORM_MINIMUM)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the list takes what the form does not need
            self._sized = True
            self.splitter.setSizes([10_000, self.form.fitting_width()])

    def _connect_signals(self) -> None:
        self.panel.current_changed.connect(self._on_current_changed)
        self.panel.new_requested.connect(self.start_new)
        self.form.save_requested.connect(self.save)
        self.form.revert_requested.connect(self._revert)

    # -- records ------------------------------------------------------------

    def set_records(self, records: Sequence[Any], select: uuid.UUID | None = None) -> None:
        """Refill the list, keeping (or moving to) the selection, and keep the
        form in step without throwing away unsaved edits: if someone else
        changed that record meanwhile, saving them opens the conflict dialog.
        A read after this screen's own change or undo (`select`) shows the
        record as it now is."""
        keep = select or self.panel.current_id() or (self.form.record.id if self.form.record else None)
        self._quiet = True
        try:
            self.panel.set_records(records)
            exists = keep is not None and self.panel.model.row_of(keep) >= 0
            if exists and not self.panel.select_id(keep) and select is not None:
                self.panel.clear_filters()  # what was just changed must be visible
                self.panel.select_id(keep)
        finally:
            self._quiet = False
        if self.form.is_new:
            return  # a new record being written stays as it is
        record = self.panel.model.record_by_id(keep) if keep is not None else None
        if record is None:
            self.form.show_nothing()
        elif not (
            self.form.is_dirty
            and self.form.record is not None
            and self.form.record.id == record.id
            and (select is None or self.form.record.version == record.version)
        ):
            self.form.show_record(record)

    def _on_current_changed(self, current: uuid.UUID | None, previous: uuid.UUID | None) -> None:
        if self._quiet or current is None:
            return  # a filter hid the row: the form keeps what it shows
        if self.form.record is not None and self.form.record.id == current and not self.form.is_new:
            return
        if not self.confirm_leave():
            self._quietly_select(previous)
            return
        record = self.panel.model.record_by_id(current)
        if record is not None:
            self.form.show_record(record)

    def _quietly_select(self, record_id: uuid.UUID | None) -> None:
        self._quiet = True
        try:
            self.panel.select_id(record_id)
        finally:
            self._quiet = False

    def start_new(self) -> None:
        if not self.form.can_edit or not self.confirm_leave():
            return
        self._quietly_select(None)
        self.form.show_new(self._new_defaults())

    def confirm_leave(self) -> bool:
        """With unsaved edits, ask whether to save them; False means stay."""
        if not self.form.is_dirty:
            return True
        name = self.form.title.text()
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save your changes to {name}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _revert(self) -> None:
        record = self.form.record
        fresh = self.panel.model.record_by_id(record.id) if record is not None else None
        if fresh is not None:
            self.form.show_record(fresh)
        else:
            current = self.panel.current_id()
            current_record = self.panel.model.record_by_id(current) if current else None
            if current_record is not None:
                self.form.show_record(current_record)
            else:
                self.form.show_nothing()

    # -- saving ---------------------------------------------------------------

    def save(self) -> bool:
        """Save the form through the service as one undoable command. Broken
        rules are shown at their fields; True if saved (or nothing to save)."""
        form = self.form
        if not form.can_edit or (form.record is None and not form.is_new):
            return False
        values = form.values()
        record = form.record
        command: CreateCommand | UpdateCommand
        if record is None:
            name = _name_of(values)
            command = CreateCommand(
                f"Add {self._ops.kind} {name}", self._ops, self._book, values, self._notify, self._report
            )
        else:
            changes = {key: value for key, value in values.items() if not same(getattr(record, key), value)}
            if not changes:
                form.set_dirty(False)
                form.clear_errors()
                return True
            command = UpdateCommand(
                f"Edit {record.name}", self._ops, self._book, record, changes, self._notify, self._report
            )
        operation = Operation.undoable(
            self._banner, command, self._undo_stack, failed="Not saved.", doing=f"saving a {self._ops.kind}"
        )
        operation.at_fields(form.show_errors).handle(NotFound, self._gone).retry_with(self.save).done(self._saved)
        if record is not None:
            operation.handle(ConflictError, lambda _error: self._resolve(record, values))
        return operation.run()

    def _saved(self, saved: Any) -> None:
        self.form.clear_errors()
        self.form.set_dirty(False)
        self.form.is_new = False
        self.changed.emit(saved.id)
        self.status_message.emit(f"Saved {saved.name}. Undo with Ctrl+Z.")

    def _gone(self, error: NotFound) -> None:
        self._banner.say(f"Not saved. {error}", error=True)
        self.form.set_dirty(False)  # the refresh below replaces the stale form
        self.refresh_needed.emit()

    # -- someone else saved it meanwhile ----------------------------------------

    def _resolve(self, record: Any, mine: dict[str, Any]) -> None:
        """Compare what was typed with the record as now stored, field by field."""
        Operation(
            self._banner,
            lambda: self._ops.read(record.id),
            failed="Not saved.",
            doing=f"reading a {self._ops.kind} again",
        ).handle(NotFound, self._gone).done(lambda fresh: self._compare(record, mine, fresh)).run()

    def _compare(self, record: Any, mine: dict[str, Any], fresh: Any) -> None:
        theirs = {name: getattr(fresh, name) for name in mine}
        base = {name: getattr(record, name) for name in mine}
        found = clashes(base, mine, theirs, self.form.field_label, self.form.shown_value)
        if not found:  # they saved what was typed here too
            self._take(fresh, mine)
            return
        dialog = ConflictDialog(fresh.name, found, self)
        dialog.finished.connect(lambda result: self._chosen(dialog, result, record, fresh, mine, theirs))
        self.conflict_dialog = dialog
        dialog.open()

    def _chosen(
        self, dialog: ConflictDialog, result: int, record: Any, fresh: Any, mine: dict[str, Any], theirs: dict[str, Any]
    ) -> None:
        self.conflict_dialog = None
        dialog.deleteLater()
        if result != ConflictDialog.DialogCode.Accepted:
            self._banner.say(
                f"Not saved: someone else changed {record.name} meanwhile. Your changes are still in "
                "the form; save again to compare them with theirs.",
                error=True,
            )
            return
        self._take(fresh, merged(mine, theirs, dialog.keep_mine()))

    def _take(self, fresh: Any, values: dict[str, Any]) -> None:
        """The stored record, with the values chosen: saved against its version."""
        self.form.show_merged(fresh, values)
        if self.form.is_dirty:
            self.save()
        else:
            self._banner.clear_problem()
            self.refresh_needed.emit()
            self.status_message.emit(f"{fresh.name} is as someone else saved it.")


def _name_of(values: dict[str, Any]) -> str:
    if "name" in values:
        return values.get("name") or ""
    return " ".join(part for part in (values.get("given_name"), values.get("family_name")) if part)
