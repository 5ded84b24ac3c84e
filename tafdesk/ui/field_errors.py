"""How a field shows that its value broke a rule: a line of text beneath it,
hidden until needed, and the editor marked invalid (both styled in
resources/style.qss)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from tafdesk.ui.banner import Banner


def error_label(name: str = "") -> QLabel:
    """The hidden error line of the field called `name` (its object name is NAMEError)."""
    label = QLabel(objectName=f"{name}Error" if name else "", wordWrap=True)
    label.setProperty("fieldError", True)
    label.hide()
    return label


def highlight(widget: QWidget, bad: bool) -> None:
    """Mark an editor as holding a value that broke a rule, or clear the mark."""
    widget.setProperty("invalid", bad)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def field_cell(editor: QWidget, error: QLabel, hint: str | None = None) -> QWidget:
    """The editor, an optional hint and the error line beneath, for a form row."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(3)
    column.addWidget(editor)
    if hint:
        column.addWidget(QLabel(hint, objectName="hint", wordWrap=True))
    column.addWidget(error)
    return cell


class FieldMarks:
    """A dialog's named fields, each with its error line: a broken rule is
    shown at the field it names (the editor marked, the message beneath it
    and read to screen readers) and the first such field takes the keyboard.
    With an Operation (ui/operation.py): `.at_fields(marks.at_fields(banner, failed))`."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def cell(self, name: str, editor: QWidget, *, focus: QWidget | None = None, hint: str | None = None) -> QWidget:
        """The editor with its error line beneath, for a form row; `focus`: the part that takes the keyboard."""
        error = error_label(name)
        self._fields[name] = (focus or editor, error)
        return field_cell(editor, error, hint)

    def show(self, errors: Mapping[str, str]) -> dict[str, str]:
        """Mark the fields named (and clear the others); what names no field here is returned."""
        first: QWidget | None = None
        for name, (editor, label) in self._fields.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            highlight(editor, bool(message))
            editor.setAccessibleDescription(message)
            if message and first is None:
                first = editor
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return {name: message for name, message in errors.items() if name not in self._fields}

    def clear(self) -> None:
        self.show({})

    def text(self, name: str) -> str:
        """The message shown at the field, or ""."""
        label = self._fields[name][1]
        return label.text() if not label.isHidden() else ""

    def at_fields(self, banner: Banner, failed: str) -> Callable[[dict[str, str]], None]:
        """What a refused Operation does with a broken rule: each message at its
        field; one that names no field here said in the banner."""

        def show(errors: dict[str, str]) -> None:
            rest = self.show(errors)
            if rest:
                banner.say(f"{failed} {' '.join(rest.values())}", error=True)
            else:
                banner.clear_problem()

        return show
