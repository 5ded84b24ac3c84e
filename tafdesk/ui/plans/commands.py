"""One undoable command per edit of a plan: a field changed, a row added, a
row removed. Commands change the PlanDocument only; autosave takes each
change to this computer's journal and then the database, so undo and redo
are saved like any other edit.

Typing in one box is one command while it goes on: keystrokes within a
moment of each other merge, so undo takes back a burst of typing, not a
letter.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from PySide6.QtGui import QUndoCommand

from tafdesk.plans.content import ActionItem, OutcomeItem, PlanContent
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.text import shortened

MERGE_SECONDS = 2.0
_FIELD_ID = 0x7A10


class FieldCommand(QUndoCommand):
    """A plan-level field: the family's words, strengths, consent, review interval."""

    def __init__(self, document: PlanDocument, name: str, after: Any, label: str) -> None:
        super().__init__(f"Change {label.lower()}")
        self.document = document
        self.name = name
        self.before = getattr(document.content, name)
        self.after = after
        self._stamp = time.monotonic()

    def redo(self) -> None:
        self.document.set_field(self.name, self.after)

    def undo(self) -> None:
        self.document.set_field(self.name, self.before)

    def id(self) -> int:
        return _FIELD_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, FieldCommand) and other.document is self.document and other.name == self.name):
            return False
        if other._stamp - self._stamp > MERGE_SECONDS:
            return False
        self.after, self._stamp = other.after, other._stamp
        self.setObsolete(self.after == self.before)
        return True


class ItemCommand(QUndoCommand):
    """Fields of one action or outcome, changed together (a status and its reason)."""

    def __init__(self, document: PlanDocument, item_id: uuid.UUID, kind: str, after: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self.document = document
        self.item_id = item_id
        self.kind = kind  # "action" or "outcome"
        items = document.content.actions if kind == "action" else document.content.outcomes
        item = next(i for i in items if i.id == item_id)
        self.before = {name: getattr(item, name) for name in after}
        self.after = dict(after)

    def _set(self, values: dict[str, Any]) -> None:
        if self.kind == "action":
            self.document.set_action(self.item_id, **values)
        else:
            self.document.set_outcome(self.item_id, **values)

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)


class AddCommand(QUndoCommand):
    def __init__(self, document: PlanDocument, index: int, item: ActionItem | OutcomeItem) -> None:
        noun = "action" if isinstance(item, ActionItem) else "outcome"
        super().__init__(f"Add an {noun}")
        self.document = document
        self.index = index
        self.item = item

    def redo(self) -> None:
        self.document.insert(self.index, self.item)

    def undo(self) -> None:
        self.document.remove(self.item.id)


class ReplaceCommand(QUndoCommand):
    """The whole content at once: going back to the database's version of a plan."""

    def __init__(self, document: PlanDocument, content: PlanContent, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.before = document.content
        self.after = content

    def redo(self) -> None:
        self.document.replace(self.after)

    def undo(self) -> None:
        self.document.replace(self.before)


class RemoveCommand(QUndoCommand):
    """Removing an action, or an outcome (its actions stay, no longer linked to it)."""

    def __init__(self, document: PlanDocument, item_id: uuid.UUID) -> None:
        content = document.content
        items: tuple[ActionItem | OutcomeItem, ...] = (*content.actions, *content.outcomes)
        item = next(i for i in items if i.id == item_id)
        is_action = isinstance(item, ActionItem)
        name = (
            (item.description or "a blank action")
            if isinstance(item, ActionItem)
            else (item.outcome_wanted or item.need or "an outcome")
        )
        super().__init__(f"Remove “{shortened(name)}”")
        self.document = document
        self.item_id = item_id
        self.index = 0
        self.item: ActionItem | OutcomeItem = item
        self.linked = [] if is_action else [a.id for a in content.actions if a.outcome_id == item_id]

    def redo(self) -> None:
        for action_id in self.linked:
            self.document.set_action(action_id, outcome_id=None)
        self.index, self.item = self.document.remove(self.item_id)

    def undo(self) -> None:
        self.document.insert(self.index, self.item)
        for action_id in self.linked:
            self.document.set_action(action_id, outcome_id=self.item_id)
