"""The plan's tables warned in place: the warning under a table is about its
current cell (what is being typed in it, or what it holds), and Mark
restricted (Ctrl+Shift+M, or the cell's context menu) marks the selected
words of the cell being typed in, or the whole cell."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit

from tafdesk.ui.plans.delegates import TextDelegate
from tafdesk.ui.plans.tables import EditableSection
from tafdesk.ui.restricted import MARK_KEYS, MARK_TIP, QuoteWatch, Source, add_mark_actions, chosen_text


def watch_table(
    section: EditableSection, delegate: TextDelegate, columns: tuple[int, ...], noun: str, parent: QObject
) -> QuoteWatch:
    """A watch over the section's text columns; `noun` names a row ("Action")."""
    table = section.table
    model = table.model()
    watch = QuoteWatch(section.quote_warning, parent)

    def current():
        index = table.currentIndex()
        return index if index.isValid() and index.column() in columns else None

    def text() -> str:
        if delegate.editing is not None:
            return delegate.editing.text()
        index = current()
        value = index.data(Qt.ItemDataRole.EditRole) if index is not None else None
        return value if isinstance(value, str) else ""

    def where() -> str:
        index = current()
        if index is None:
            return ""
        heading = model.headerData(index.column(), Qt.Orientation.Horizontal)
        return f"{noun} {index.row() + 1}, “{heading}”"

    def chosen() -> str:
        return chosen_text(delegate.editing) if delegate.editing is not None else text()

    watch.add(Source(where, text, chosen, lambda: True))
    delegate.typing.connect(lambda *_: watch.later())
    delegate.typing_ended.connect(lambda: watch.later(typed=False))

    def editor_made(editor: QLineEdit) -> None:
        add_mark_actions(editor, watch.mark, watch.show_list, watch.available)

    delegate.editor_made = editor_made
    table.selectionModel().currentChanged.connect(lambda *_: watch.later(typed=False))
    for signal in (model.dataChanged, model.modelReset, model.rowsRemoved):
        signal.connect(lambda *_: watch.later(typed=False))
    mark = QAction("Mark restricted", table)  # on the cell, not typing in it
    mark.setShortcut(QKeySequence(MARK_KEYS))
    mark.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    mark.setToolTip(MARK_TIP)

    def mark_cell() -> None:
        if watch.available() and current() is not None:
            watch.mark(text())

    mark.triggered.connect(mark_cell)
    table.addAction(mark)
    return watch
