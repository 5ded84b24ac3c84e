"""The agenda as a table in the Meetings area: drag a family to a new place,
or move it with Alt+Up and Alt+Down. The panel only asks for a move
(`move_requested`); the page makes it an undoable command."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from tafdesk.services.meetings import AgendaRow
from tafdesk.ui.meetings import agenda_model as agm
from tafdesk.ui.meetings.roles import KEY_ROLE
from tafdesk.ui.table_fit import keep_rows_in_view


class AgendaPanel(QWidget):
    move_requested = Signal(int, int)  # from row, to row
    remove_requested = Signal(object)  # agenda item id
    item_changed = Signal(object)  # agenda item id or None: the chosen row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Agenda")
        self.model = agm.AgendaModel(self)
        self.table = QTableView(objectName="agendaTable")
        self.move_up = QAction("Move up the agenda", self, shortcut=QKeySequence("Alt+Up"))
        self.move_down = QAction("Move down the agenda", self, shortcut=QKeySequence("Alt+Down"))
        self.remove = QAction("Take off the agenda…", self, shortcut=QKeySequence(QKeySequence.StandardKey.Delete))
        self.request_note = QLabel(objectName="requestNote", wordWrap=True)  # a request item: what it asks
        self.request_note.setAccessibleDescription("The chosen request to the group")
        self.request_note.hide()
        self._build()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.item_changed.emit(self.current_item()))
        self.remove.triggered.connect(self._remove_current)
        self.model.move_requested.connect(self.move_requested)
        self.move_up.triggered.connect(lambda: self._step(-1))
        self.move_down.triggered.connect(lambda: self._step(1))

    def _build(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setAccessibleName("Agenda")
        t.setAccessibleDescription(
            "Alt+Up and Alt+Down move the chosen family; rows can also be dragged; Delete takes it off the agenda"
        )
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setTabKeyNavigation(False)
        t.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        t.setDragEnabled(True)
        t.setAcceptDrops(True)
        t.setDropIndicatorShown(True)
        t.setDefaultDropAction(Qt.DropAction.MoveAction)
        t.setDragDropOverwriteMode(False)
        t.verticalHeader().hide()
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        keep_rows_in_view(t)
        for action in (self.move_up, self.move_down, self.remove):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            t.addAction(action)
        t.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(t)
        layout.addWidget(self.request_note)

    def set_rows(self, rows: Sequence[AgendaRow]) -> None:
        keep = self.current_item()
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else -1
        if row >= 0:
            self.table.selectRow(row)

    def show_request(self, text: str | None) -> None:
        """What the chosen request item asks, by whom and why (None: not a request item)."""
        self.request_note.setText(text or "")
        self.request_note.setVisible(bool(text))

    def set_movable(self, movable: bool) -> None:
        self.model.movable = movable
        self.move_up.setEnabled(movable)
        self.move_down.setEnabled(movable)
        self.remove.setEnabled(movable)

    def _remove_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.remove_requested.emit(item)

    def current_item(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def select_item(self, item_id: uuid.UUID) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectRow(row)

    def _step(self, step: int) -> None:
        row = self.table.currentIndex().row()
        if row >= 0 and 0 <= row + step < self.model.rowCount():
            self.move_requested.emit(row, row + step)
