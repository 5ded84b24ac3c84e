"""The plan being edited: its content as one immutable PlanContent value,
changed only through the editor's undoable commands, with signals saying
what changed so that each view refreshes only its own part."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QObject, Signal

from tafdesk.plans.content import ActionItem, OutcomeItem, PlanContent
from tafdesk.ui.plans import edits


class PlanDocument(QObject):
    field_changed = Signal(str)  # a plan-level field, by name
    action_changed = Signal(int)  # one action's row
    actions_reset = Signal()  # actions added, removed or reordered
    outcome_changed = Signal(int)  # one outcome's row
    outcomes_changed = Signal()  # outcomes added or removed
    content_changed = Signal()  # after every change: autosave and the SMART check listen
    replaced = Signal()  # the whole content was replaced (a reload, or back to the database's version)

    def __init__(self, content: PlanContent, *, editable: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self.editable = editable

    @property
    def content(self) -> PlanContent:
        return self._content

    def replace(self, content: PlanContent) -> None:
        self._content = content
        self.replaced.emit()
        self.content_changed.emit()

    # -- what the commands call --------------------------------------------

    def set_field(self, name: str, value: Any) -> None:
        if getattr(self._content, name) == value:
            return
        self._content = edits.with_field(self._content, name, value)
        self.field_changed.emit(name)
        self.content_changed.emit()

    def set_action(self, action_id: uuid.UUID, **changes: Any) -> None:
        self._content = edits.with_action(self._content, action_id, **changes)
        self.action_changed.emit(edits.action_index(self._content, action_id))
        self.content_changed.emit()

    def set_outcome(self, outcome_id: uuid.UUID, **changes: Any) -> None:
        self._content = edits.with_outcome(self._content, outcome_id, **changes)
        self.outcome_changed.emit(edits.outcome_index(self._content, outcome_id))
        self.content_changed.emit()

    def insert(self, index: int, item: ActionItem | OutcomeItem) -> None:
        self._content = edits.inserted(self._content, index, item)
        self._announce(item)

    def remove(self, item_id: uuid.UUID) -> tuple[int, ActionItem | OutcomeItem]:
        self._content, index, item = edits.removed(self._content, item_id)
        self._announce(item)
        return index, item

    def _announce(self, item: ActionItem | OutcomeItem) -> None:
        if isinstance(item, OutcomeItem):
            self.outcomes_changed.emit()
        self.actions_reset.emit()
        self.content_changed.emit()

    # -- reading -------------------------------------------------------------

    def action(self, row: int) -> ActionItem:
        return self._content.actions[row]

    def outcome(self, row: int) -> OutcomeItem:
        return self._content.outcomes[row]

    def outcome_by_id(self, outcome_id: uuid.UUID | None) -> OutcomeItem | None:
        return next((o for o in self._content.outcomes if o.id == outcome_id), None)
