"""What the directory's detail forms share: a title, fields with their error
messages beneath them, Save (Ctrl+S) and Discard, and a read-only mode for
people who may look but not change.

Subclasses add their fields with `add_field`, fill them in `fill(record)` /
`fill_new(defaults)` and read them back in `values()`; they call
`self.touched()` whenever an editor changes, and say how a value reads
(`shown_value`) where its plain text would not do (an agency's id).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui.conflict_dialog import same
from tafdesk.ui.field_errors import error_label, field_cell, highlight
from tafdesk.ui.scrolling import settle_layouts
from tafdesk.ui.text import number
from tafdesk.ui.theme import show_spin_buttons

READ_ONLY = "You can look at the directory. Changing it needs a locality manager, business support or an administrator."


@dataclass
class Field:
    widget: QWidget  # what is highlighted
    focus: QWidget  # what takes the focus
    error: QLabel
    label: QLabel


class RecordForm(QWidget):
    save_requested = Signal()
    revert_requested = Signal()
    dirty_changed = Signal(bool)

    def __init__(self, noun: str, *, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self.can_edit = can_edit
        self.locked = False  # this record is not the user's to change (lock_reason says why)
        self.record: Any = None
        self.is_new = False
        self._dirty = False
        self._loading = 0  # depth of _filling() blocks
        self.fields: dict[str, Field] = {}

        self.title = QLabel(objectName="formTitle", wordWrap=True)
        self.subtitle = QLabel(objectName="formSubtitle", wordWrap=True)
        self.read_only_note = QLabel(READ_ONLY, objectName="readOnlyNote", wordWrap=True)
        self.form_error = QLabel(objectName="formError", wordWrap=True)
        self.empty_note = QLabel(
            f"Choose a {noun} in the list to see their details here.", objectName="hint", wordWrap=True
        )
        self.save_button = QPushButton("Save", objectName="primaryButton")
        self.revert_button = QPushButton("Discard changes")
        self.save_action = QAction("Save", self, shortcut=QKeySequence("Ctrl+S"))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.save_action)

        self._form = QFormLayout()
        self._body = QWidget()
        self._scroll = QScrollArea()
        self._buttons = QWidget()
        self._build_frame()
        self._connect_base_signals()

    # -- layout -------------------------------------------------------------

    def _build_frame(self) -> None:
        self.setAccessibleName(f"{self.noun.capitalize()} details")
        self.form_error.hide()
        self.form_error.setAccessibleDescription("Problems with this form")
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._form.setVerticalSpacing(8)
        self._form.setHorizontalSpacing(12)
        self._form.setContentsMargins(0, 0, 6, 0)
        fields = QWidget()
        fields.setLayout(self._form)
        self._scroll.setWidget(fields)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take Tab, and are scrolled into view
        # Narrowed further than its fields allow, the form scrolls rather than clips.
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # A scroll bar that comes and goes changes the width that wrapped error
        # messages were measured at, and cuts them short.
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

        buttons = QHBoxLayout(self._buttons)
        buttons.setContentsMargins(0, 8, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.save_button.setToolTip("Save (Ctrl+S)")

        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        body.addWidget(self.title)
        body.addWidget(self.subtitle)
        body.addWidget(self.read_only_note)
        body.addWidget(self.form_error)
        body.addWidget(self._scroll, 1)
        body.addWidget(self._buttons)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addWidget(self.empty_note)
        outer.addWidget(self._body, 1)
        self.read_only_note.setVisible(not self.can_edit)
        self._buttons.setVisible(self.can_edit)
        self.save_action.setEnabled(self.can_edit)
        self._show_body(False)

    def fitting_width(self) -> int:
        """The width at which every field fits at its smallest, so that the
        form scrolls down but not sideways. Asked once shown, so that the
        stylesheet's sizes count."""
        layout, body = self.layout(), self._scroll.widget()
        assert layout is not None and body is not None  # (both made with the form)
        margins = layout.contentsMargins()
        fields = body.minimumSizeHint().width() + self._scroll.verticalScrollBar().sizeHint().width()
        return fields + margins.left() + margins.right()

    def add_field(
        self,
        name: str,
        label: str,
        widget: QWidget,
        *,
        focus: QWidget | None = None,
        hint: str | None = None,
        wide: bool = False,
    ) -> Field:
        """A labelled row with the editor, an optional hint and the error line.
        A wide field has its label above it and the form's full width."""
        focus = focus or widget
        caption = QLabel(label)
        caption.setBuddy(focus)
        said = label.replace("&", "")
        own = focus.text().replace("&", "") if isinstance(focus, QAbstractButton) else ""
        focus.setAccessibleName(f"{said}: {own}" if own else said)  # a box says its own words too
        error = error_label(name)
        cell = field_cell(widget, error, hint)
        if wide:
            self._form.addRow(caption)
            self._form.addRow(cell)
        else:
            self._form.addRow(caption, cell)
        field = Field(widget, focus, error, caption)
        self.fields[name] = field
        return field

    def add_leading_buttons(self, *widgets: QWidget) -> None:
        """Buttons at the left of the row of Save and Discard (undo and redo, say)."""
        row = self._buttons.layout()
        assert isinstance(row, QBoxLayout)  # (made with the form)
        for position, widget in enumerate(widgets):
            row.insertWidget(position, widget)

    def _connect_base_signals(self) -> None:
        self.save_button.clicked.connect(self.save_requested)
        self.save_action.triggered.connect(self.save_requested)
        self.revert_button.clicked.connect(self.revert_requested)

    # -- what subclasses provide --------------------------------------------

    def fill(self, record: Any) -> None:
        raise NotImplementedError

    def fill_new(self, defaults: dict[str, Any]) -> None:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self, record: Any) -> tuple[str, str]:
        """Title and subtitle for a record."""
        raise NotImplementedError

    def shown_value(self, name: str, value: Any) -> str:
        """A field's value as a person reads it (in the conflict dialog)."""
        if value is None or value == "" or value == ():
            return "(empty)"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, float):
            return number(value)
        if isinstance(value, Enum):
            return str(value.value).replace("_", " ").capitalize()
        if isinstance(value, (tuple, list)):
            return ", ".join(self.shown_value(name, item) for item in value)
        return str(value)

    def field_label(self, name: str) -> str:
        field = self.fields[name]
        return field.label.text().replace("&", "") or field.focus.accessibleName()

    def lock_reason(self, record: Any) -> str | None:
        """Why this record is not the user's to change, though others are (None: it is)."""
        return None

    def editors(self) -> tuple[QWidget, ...]:
        """The editors a locked record makes read-only."""
        return ()

    def _lock(self, reason: str | None) -> None:
        if not self.can_edit:
            return
        self.read_only_note.setText(reason or READ_ONLY)
        if self.locked == bool(reason):
            return
        self.locked = bool(reason)
        self.set_read_only(self.locked, *self.editors())
        self.read_only_note.setVisible(self.locked)
        self._buttons.setVisible(not self.locked)
        self.save_action.setEnabled(not self.locked)

    # -- showing ------------------------------------------------------------

    def show_record(self, record: Any) -> None:
        if self.record is None or self.record.id != record.id:
            self._scroll.verticalScrollBar().setValue(0)  # another record: start at its top
        with self._filling():
            self.record = record
            self.is_new = False
            self._lock(self.lock_reason(record))
            self.fill(record)
            self._show_starts()
            title, subtitle = self.describe(record)
            self.title.setText(title)
            self.subtitle.setText(subtitle)
            self.subtitle.setVisible(bool(subtitle))
        self._settle()

    def show_merged(self, record: Any, values: dict[str, Any]) -> None:
        """Show `record` (as now stored) with `values` in its fields instead:
        unsaved edits, to be saved against its version."""
        self.show_record(record)
        with self._filling():
            self.fill(dataclasses.replace(record, **values))
        self.set_dirty(any(not same(value, getattr(record, name)) for name, value in self.values().items()))

    def _show_starts(self) -> None:
        """Long text (an email address) shows its beginning, not its end."""
        for edit in self.findChildren(QLineEdit):
            edit.setCursorPosition(0)

    def show_new(self, defaults: dict[str, Any] | None = None) -> None:
        self._scroll.verticalScrollBar().setValue(0)
        with self._filling():
            self.record = None
            self.is_new = True
            self._lock(None)
            self.fill_new(dict(defaults or {}))
            self.title.setText(f"New {self.noun}")
            self.subtitle.setText("Fill in the details and save. Undo (Ctrl+Z) takes the addition back.")
            self.subtitle.show()
        self._settle()
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.focus.setFocus()

    def show_nothing(self) -> None:
        self.record = None
        self.is_new = False
        self.clear_errors()
        self.set_dirty(False)
        self._show_body(False)

    def _settle(self) -> None:
        self.clear_errors()
        self.set_dirty(False)
        self._show_body(True)
        self._update_buttons()

    def _show_body(self, visible: bool) -> None:
        self._body.setVisible(visible)
        self.empty_note.setVisible(not visible)

    # -- changes ------------------------------------------------------------

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    def touched(self) -> None:
        if not self._loading and self.can_edit and not self.locked:
            self.set_dirty(True)

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.can_edit and not self.locked and (self._dirty or self.is_new))
        self.revert_button.setEnabled(self._dirty or self.is_new)

    def _filling(self) -> _Filling:
        return _Filling(self)

    # -- errors -------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field, the field highlighted, the first bad
        field focused; messages for no field go at the top."""
        self.clear_errors()
        first: Field | None = None
        for name, field in self.fields.items():
            message = errors.get(name)
            if message is None:
                continue
            field.error.setText(message)
            field.error.show()
            field.focus.setAccessibleDescription(message)
            highlight(field.widget, True)
            first = first or field
        elsewhere = [message for name, message in errors.items() if name not in self.fields]
        marked = len(errors) - len(elsewhere)
        summary = " ".join(elsewhere)
        if marked:
            summary = (
                f"Not saved: correct the {'field' if marked == 1 else f'{marked} fields'} marked in red. {summary}"
            )
        else:
            summary = f"Not saved. {summary}"
        self.form_error.setText(summary.strip())
        self.form_error.show()
        self._settle_layout()
        if first is not None:
            self._scroll.ensureWidgetVisible(first.focus)
            first.focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _settle_layout(self) -> None:
        """Lay out now, not on a later turn of the event loop: messages just
        shown need their wrapped height before the form can scroll to them.
        The form layout keeps the heights it measured for wrapped text, so it
        is told plainly that its rows have changed (or they are drawn cut
        short)."""
        for field in self.fields.values():
            if (holder := field.error.parentWidget()) is not None:
                holder.updateGeometry()
        self._form.invalidate()
        settle_layouts()

    def clear_errors(self) -> None:
        self.form_error.hide()
        self.form_error.clear()
        shown = [field for field in self.fields.values() if field.error.text()]
        for field in shown:
            field.error.clear()
            field.error.hide()
            field.focus.setAccessibleDescription("")
            highlight(field.widget, False)
        if shown:
            self._settle_layout()

    def error_text(self, name: str) -> str:
        """The message shown at a field ('' if none)."""
        field = self.fields[name]
        return field.error.text() if not field.error.isHidden() else ""

    # -- read-only ----------------------------------------------------------

    def make_read_only(self, *widgets: QWidget) -> None:
        """Show values without letting them change. Text stays selectable and
        readable: nothing is greyed out."""
        self.set_read_only(True, *widgets)

    def set_read_only(self, read_only: bool, *widgets: QWidget) -> None:
        for widget in widgets:
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(read_only)
            elif isinstance(widget, QAbstractSpinBox):
                widget.setReadOnly(read_only)
                show_spin_buttons(widget, not read_only)
            elif isinstance(widget, (QComboBox, QCheckBox)):
                if widget.property("editingFocus") is None:  # the policy it had, to give back
                    widget.setProperty("editingFocus", int(widget.focusPolicy().value))
                widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, read_only)
                widget.setFocusPolicy(
                    Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy(widget.property("editingFocus"))
                )
            elif hasattr(widget, "set_read_only"):
                widget.set_read_only(read_only)


class _Filling:
    """Inside it, changes to the editors do not count as the user's edits."""

    def __init__(self, form: RecordForm) -> None:
        self._form = form

    def __enter__(self) -> None:
        self._form._loading += 1

    def __exit__(self, *exc: object) -> None:
        self._form._loading -= 1
