"""Each area keeps its own undo history (Directory, Intake, Meetings, Plan):
Ctrl+Z undoes the last change made where the person is looking, never one
made in another area, and nothing one area does clears another's history.

The window's Edit → Undo and Redo follow the history of the area shown (a
QUndoGroup's active stack) and say what they would undo and where: "Undo
Add an action — Plan". An area without undo leaves them disabled."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack

UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


class AreaUndo(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.group = QUndoGroup(self)
        self._names: dict[QUndoStack, str] = {}
        self.undo_action = QAction("&Undo", parent, enabled=False)
        self.undo_action.setShortcuts(list(UNDO_KEYS))
        self.redo_action = QAction("&Redo", parent, enabled=False)
        self.redo_action.setShortcuts(list(REDO_KEYS))
        self.undo_action.triggered.connect(self.group.undo)
        self.redo_action.triggered.connect(self.group.redo)
        for signal in (
            self.group.activeStackChanged,
            self.group.indexChanged,
            self.group.canUndoChanged,
            self.group.canRedoChanged,
            self.group.undoTextChanged,
            self.group.redoTextChanged,
        ):
            signal.connect(self._update)

    def add(self, stack: QUndoStack, name: str) -> None:
        """An area's history, called `name` in the Edit menu; the group keeps it from now on."""
        stack.setParent(self.group)
        self.group.addStack(stack)
        self._names[stack] = name

    def follow(self, stack: QUndoStack | None) -> None:
        """The area shown has this history (None: it has none)."""
        self.group.setActiveStack(stack)  # type: ignore[arg-type]  # Qt takes None (no stack active); the stubs do not say so
        self._update()

    def area_name(self) -> str:
        stack = self.group.activeStack()
        return self._names.get(stack, "") if stack is not None else ""

    def _update(self, *_: object) -> None:
        area = self.area_name()
        for action, verb, can, text in (
            (self.undo_action, "Undo", self.group.canUndo(), self.group.undoText()),
            (self.redo_action, "Redo", self.group.canRedo(), self.group.redoText()),
        ):
            action.setEnabled(can)
            if not can:
                action.setText(f"&{verb}")
                action.setToolTip(f"Nothing to {verb.lower()} here")
                continue
            where = f" — {area}" if area else ""
            action.setText(f"&{verb} {text.replace('&', '&&')}{where}")  # && shows one ampersand
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{verb} “{text}”{f' in {area}' if area else ''} ({keys})")
