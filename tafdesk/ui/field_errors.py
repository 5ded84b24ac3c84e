"""How a field shows that its value broke a rule: a line of text beneath it,
hidden until needed, and the editor marked invalid (both styled in
resources/style.qss)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


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
