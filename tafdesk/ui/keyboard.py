"""Tab moves the keyboard from one control to the next, everywhere, after one
press (WCAG 2.1.2, no keyboard trap):

- a table or list keeps its arrow keys for moving between cells, and Tab
  leaves it (Qt's tables otherwise walk every cell with Tab, for ever);
- in a cell being edited, Tab keeps what was typed and leaves the table
  (a delegate may keep its editor open to say why the text cannot be kept:
  `keeps_editor_open(editor)`);
- in a text editor Tab moves on too, and Ctrl+Tab types a tab;
- a date or time field is left by Tab, not walked part by part (the arrow
  keys and typing move between its day, month and year).

One filter on the application does this for every window, dialog and table,
those made before it was installed too."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QDateTimeEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def apply_tab_rules(widget: QObject) -> None:
    """Tab leaves `widget` if it is a table, a list or a text editor."""
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):  # read-only too: some become editable later
        widget.setTabChangesFocus(True)


class KeyboardRules(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish:
            apply_tab_rules(watched)
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in TAB_KEYS
            and isinstance(watched, QWidget)
        ):
            return _tab_pressed(watched, event)
        return False


def _tab_pressed(widget: QWidget, event: QKeyEvent) -> bool:
    if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return _type_a_tab(widget) if event.key() == Qt.Key.Key_Tab else False
    forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    if isinstance(widget, QDateTimeEdit):
        widget.setCurrentSectionIndex(widget.sectionCount() - 1 if forward else 0)  # its last part: Tab leaves
        return False
    view = _view_editing_in(widget)
    if view is None:
        return False
    return _leave_cell(view, widget, forward)


def _type_a_tab(widget: QWidget) -> bool:
    """Ctrl+Tab in a text editor types a tab (elsewhere it goes on to the
    next tab of a tab widget)."""
    if not isinstance(widget, (QTextEdit, QPlainTextEdit)) or widget.isReadOnly():
        return False
    widget.textCursor().insertText("\t")
    return True


def _view_editing_in(widget: QWidget) -> QAbstractItemView | None:
    """The table or list whose cell `widget` (or a widget within it) edits."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and not child.isWindow():
        view = parent.parentWidget()
        if isinstance(view, QAbstractItemView) and parent is view.viewport():
            return view
        child, parent = parent, parent.parentWidget()
    return None


def _leave_cell(view: QAbstractItemView, editor: QWidget, forward: bool) -> bool:
    """Keep what the cell's editor holds and move the keyboard out of the
    table, unless its delegate keeps the editor open (it then says why)."""
    while (parent := editor.parentWidget()) is not None and parent is not view.viewport():
        editor = parent  # the editor itself, not a part of it
    index = view.indexAt(editor.geometry().center())
    index = index if index.isValid() else view.currentIndex()
    delegate = view.itemDelegateForIndex(index) if index.isValid() else view.itemDelegate()
    keeps_open = getattr(delegate, "keeps_editor_open", None)
    if keeps_open is not None and keeps_open(editor):
        return False  # its own filter sees the key and says what is wrong
    if not (index.isValid() and view.isPersistentEditorOpen(index)):
        delegate.commitData.emit(editor)
        delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    view.setTabKeyNavigation(False)
    view.setFocus(Qt.FocusReason.TabFocusReason)
    key = Qt.Key.Key_Tab if forward else Qt.Key.Key_Backtab
    modifiers = Qt.KeyboardModifier.NoModifier if forward else Qt.KeyboardModifier.ShiftModifier
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))
    return True


def tab_in_order(*widgets: QWidget) -> None:
    """Tab goes through `widgets` in this order (what is seen, left to right
    and down), wherever they are in the window's chain: a widget made later
    (a filter added to a built panel, a chip per locality once they are read)
    otherwise comes last."""
    for before, after in itertools.pairwise(widgets):
        QWidget.setTabOrder(before, after)


def install_keyboard_rules(app: QApplication) -> None:
    """Once per application: widgets made later are covered as they are first
    shown, and those already made now."""
    if app.property("keyboard_rules"):
        return
    app.installEventFilter(KeyboardRules(app))
    app.setProperty("keyboard_rules", True)
    for widget in app.allWidgets():
        apply_tab_rules(widget)
