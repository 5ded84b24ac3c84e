"""How a field shows that its value broke a rule: a line of text beneath it,
hidden until needed, and the editor marked invalid (both styled in
resources/style.qss). The mark goes as soon as the field is edited: what
it said was about the value that was there (`when_edited`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

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
    repolish(widget)


def repolish(widget: QWidget) -> None:
    """The style sheet again, after a property its rules select on has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def _changed(widget: QWidget) -> SignalInstance | None:
    """The signal an editor gives when what it holds changes; None for anything else."""
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.valueChanged
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.toggled
    return None


def _editors(widget: QWidget) -> list[QWidget]:
    """The widget if it is an editor, else the editors inside it (not the parts of an editor: a date's line)."""
    if _changed(widget) is not None:
        return [widget]
    children = widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return [editor for child in children for editor in _editors(child)]


def when_edited(widget: QWidget, then: Callable[[], None]) -> None:
    """`then()` as soon as what `widget` holds changes; for a box of fields
    (a group of check boxes, say), what any field in it holds."""
    for editor in _editors(widget):
        signal = _changed(editor)
        assert signal is not None
        signal.connect(lambda *_args: then())


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
    """A form's named fields, each with its error line: a broken rule is
    shown at the field it names (the editor marked, the message beneath it
    and read to screen readers) and the first such field takes the keyboard;
    editing the field takes its mark away. With an Operation
    (ui/operation.py): `.at_fields(marks.at_fields(banner, failed))`."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def cell(self, name: str, editor: QWidget, *, focus: QWidget | None = None, hint: str | None = None) -> QWidget:
        """The editor with its error line beneath, for a form row; `focus`: the part that takes the keyboard."""
        return field_cell(editor, self.bind(name, editor, focus=focus), hint)

    def bind(self, name: str, editor: QWidget, label: QLabel | None = None, *, focus: QWidget | None = None) -> QLabel:
        """The field `name` is `editor` (a box of fields counts as one), its
        error line `label` (made if not given, for the form to place): the
        line, for laying out."""
        error = label or error_label(name)
        self._fields[name] = (focus or editor, error)
        when_edited(editor, lambda: self.clear_field(name))
        return error

    @property
    def labels(self) -> dict[str, QLabel]:
        """Each field's error line, by the field's name."""
        return {name: label for name, (_editor, label) in self._fields.items()}

    def show(self, errors: Mapping[str, str]) -> dict[str, str]:
        """Mark the fields named (and clear the others); what names no field here is returned."""
        first: QWidget | None = None
        for name in self._fields:
            message = errors.get(name, "")
            self._mark(name, message)
            if message and first is None:
                first = self._fields[name][0]
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return {name: message for name, message in errors.items() if name not in self._fields}

    def show_all(self, errors: Mapping[str, str], other: QLabel) -> None:
        """Each message at its field; those that name no field here on `other` (a line under the form)."""
        rest = self.show(errors)
        other.setText(" ".join(rest.values()))
        other.setVisible(bool(rest))

    def clear_field(self, name: str) -> None:
        """The field was edited: what was said of its value no longer holds."""
        if self.text(name):
            self._mark(name, "")

    def _mark(self, name: str, message: str) -> None:
        editor, label = self._fields[name]
        label.setText(message)
        label.setVisible(bool(message))
        highlight(editor, bool(message))
        editor.setAccessibleDescription(message)

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
