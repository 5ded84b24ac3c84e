"""The queue's table and the count of what it shows, set up as the
directory's lists are: whole rows selected, sortable, columns fitted once
to their contents with every header in full."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from tafdesk.services.intake_queue import QueueRow
from tafdesk.ui import table_fit
from tafdesk.ui.intake import queue_model as qm
from tafdesk.ui.intake.badge_delegate import BadgeDelegate
from tafdesk.ui.intake.queue_proxy import QueueFilterProxy
from tafdesk.ui.intake.roles import ID_ROLE

# The widest each column grows when fitted to its contents, in average characters.
COLUMN_LIMITS = {qm.COL_FAMILY: 34, qm.COL_STATUS: 22, qm.COL_NEED_AREAS: 40}


class QueueTable(QWidget):
    current_changed = Signal(object)  # the current case id, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = qm.QueueTableModel(self)
        self.proxy = QueueFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(objectName="queueTable")
        self.count_label = QLabel(objectName="countLabel")
        self._fitted = False
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        view = self.view
        view.setModel(self.proxy)
        view.setAccessibleName("Profiles waiting")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.setItemDelegateForColumn(qm.COL_FAMILY, BadgeDelegate(view))
        view.setSortingEnabled(True)
        view.sortByColumn(qm.COL_WAITING, Qt.SortOrder.DescendingOrder)  # the longest waiting first
        view.verticalHeader().hide()
        table_fit.set_row_height(view)
        table_fit.keep_rows_in_view(view)
        header = view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 0, 8, 12)
        layout.setSpacing(8)
        layout.addWidget(view, 1)
        layout.addWidget(self.count_label)

    def _connect_signals(self) -> None:
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self.proxy.filter_changed.connect(self._keep_a_row_current)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    # -- rows ---------------------------------------------------------------------

    def set_rows(self, rows: Sequence[QueueRow]) -> None:
        self.model.set_records(rows)
        if not self._fitted and rows:
            self.fit_columns()

    def fit_columns(self) -> None:
        table_fit.fit_columns(self.view, COLUMN_LIMITS, 24)
        self._fitted = True

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    def visible_families(self) -> list[str]:
        return [self.proxy.index(row, qm.COL_FAMILY).data() for row in range(self.proxy.rowCount())]

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "profile" if total == 1 else "profiles"
        self.count_label.setText(
            f"Showing all {total} {noun}" if shown == total else f"Showing {shown} of {total} {noun}"
        )

    # -- selection ------------------------------------------------------------------

    def current_id(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_id(self, case_id: uuid.UUID | None) -> bool:
        """Make the case current; False if it is not showing."""
        row = self.model.row_of(case_id) if case_id is not None else -1
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._select(index)
        return True

    def select_row(self, row: int) -> None:
        """Make a row of the table current (-1: none)."""
        if 0 <= row < self.proxy.rowCount():
            self._select(self.proxy.index(row, 0))
        else:
            self.view.selectionModel().clear()
            self.view.setCurrentIndex(QModelIndex())

    def _select(self, index: QModelIndex) -> None:
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)

    def _keep_a_row_current(self) -> None:
        """A filter that hides the current row leaves nothing chosen."""
        if not self.view.currentIndex().isValid():
            self.current_changed.emit(None)

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        now = current.data(ID_ROLE) if current.isValid() else None
        before = previous.data(ID_ROLE) if previous.isValid() else None
        if now != before:
            self.current_changed.emit(now)
