"""A table of figures on the Reports page: a FigureTable in a sortable view
(a proxy over the model), each cell activatable (Enter, or a double click)
for the families behind its figure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tafdesk.ui.directory.roles import SORT_ROLE
from tafdesk.ui.reports.figure_tables import FigureTable
from tafdesk.ui.table_fit import RESIZED_BY, set_row_height
from tafdesk.ui.table_model import LEFT, RIGHT
from tafdesk.ui.text import day, number

DRILL_ROLE = int(Qt.ItemDataRole.UserRole) + 40
Index = QModelIndex | QPersistentModelIndex
MOST_ROWS = 10  # shown at once; a longer table scrolls within itself
DRILL_TIP = "Enter or double-click: the families behind this figure"


def shown(value: Any) -> str:
    """A cell as the page writes it: 1,234; 0.75; 16 Nov 2026; blank for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return number(value)
    if isinstance(value, dt.date):
        return day(value)
    return str(value)


def _sort_key(value: Any) -> Any:
    """Numbers by size, days in order, blanks first, text by its letters."""
    if value is None:
        return (0, 0.0, "")
    if isinstance(value, int | float):
        return (1, float(value), "")
    if isinstance(value, dt.date):
        return (1, float(value.toordinal()), "")
    return (2, 0.0, str(value).casefold())


class FigureTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: FigureTable | None = None

    def set_table(self, table: FigureTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.sheet.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.sheet.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.table.sheet.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        value = self.table.sheet.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(value)
        if role == SORT_ROLE:
            return _sort_key(value)
        if role == DRILL_ROLE:
            return self.table.drill(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if isinstance(value, int | float) else LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return DRILL_TIP if self.table.drill(index.row(), index.column()) is not None else None
        return None


class _SortKeys(QSortFilterProxyModel):
    def lessThan(self, left: Index, right: Index) -> bool:
        return self.sourceModel().data(left, SORT_ROLE) < self.sourceModel().data(right, SORT_ROLE)


class FigureTableView(QTableView):
    """A figure table; `drill_requested(DrillDown)` when a cell is activated."""

    drill_requested = Signal(object)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTable")
        self.setAccessibleName(name)
        self.figures = FigureTableModel(self)
        self.proxy = _SortKeys(self)
        self.proxy.setSourceModel(self.figures)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order first
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setToolTip(DRILL_TIP)
        set_row_height(self)
        self.activated.connect(self._activated)

    def set_table(self, table: FigureTable) -> None:
        self.figures.set_table(table)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self._fit_height()
        if self.proxy.rowCount():
            self.setCurrentIndex(self.proxy.index(0, 0))

    def _fit_height(self) -> None:
        """All its rows up to MOST_ROWS: the page scrolls, not a small table."""
        set_row_height(self)
        rows = max(1, min(self.proxy.rowCount(), MOST_ROWS))
        bar = self.horizontalScrollBar().sizeHint().height()
        height = self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(height + bar + 2 * self.frameWidth())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in RESIZED_BY:  # the stylesheet or the font sets the heading's and rows' heights
            self._fit_height()
        return handled

    def drill_at(self, index: QModelIndex) -> Any:
        return index.data(DRILL_ROLE) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        drill = self.drill_at(index)
        if drill is not None:
            self.drill_requested.emit(drill)
