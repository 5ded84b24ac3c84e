"""One tab's list: a search box and filters above the table, and a count of
what is showing below it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui import table_fit
from tafdesk.ui.directory.filter_proxy import DirectoryFilterProxy
from tafdesk.ui.directory.roles import ACTIVE_ROLE, ID_ROLE
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.icons import icon
from tafdesk.ui.keyboard import tab_in_order
from tafdesk.ui.table_model import RecordTableModel

FILTER_CHARS = 10  # filter drop-downs show this much of a name; the list shows it all


class ListPanel(QWidget):
    current_changed = Signal(object, object)  # current record id (or None), previous one
    new_requested = Signal()

    def __init__(
        self,
        model: RecordTableModel,
        *,
        search_placeholder: str,
        new_label: str,
        can_edit: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        singular, self._plural = model.NOUN
        self.proxy = DirectoryFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.search = QLineEdit(placeholderText=search_placeholder, clearButtonEnabled=True, objectName="search")
        self.active_only = QCheckBox("Active only", checked=True)
        self.table = QTableView(objectName=f"{singular}Table")
        self.count_label = QLabel(objectName="countLabel")
        self.new_button = QPushButton(icon("add"), new_label)
        self.new_button.setVisible(can_edit)
        self._filters: dict[int, QComboBox] = {}
        self._limits: dict[int, int] = {}
        self._fitted = False
        self._filter_row = FlowLayout()  # the filters wrap in a narrow window (large text)
        self._build()
        self._connect_signals()
        self.proxy.set_required(ACTIVE_ROLE, True)
        self._update_count()

    def _build(self) -> None:
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(f"Search {self._plural}")
        self.search.setMinimumWidth(160)
        self.active_only.setAccessibleName(f"Show active {self._plural} only")

        table = self.table
        table.setModel(self.proxy)
        table.setAccessibleName(self._plural.capitalize())
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the form
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        table_fit.set_row_height(table)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        search_row = FlowLayout()
        search_row.addWidget(self.search)
        search_row.addWidget(self.new_button)
        self._filter_row.addWidget(self.active_only)
        self._filter_row.addStretch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 8, 12)
        layout.setSpacing(8)
        layout.addLayout(search_row)
        layout.addLayout(self._filter_row)
        layout.addWidget(table, 1)
        layout.addWidget(self.count_label)

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self.proxy.set_search)
        self.active_only.toggled.connect(lambda on: self.proxy.set_required(ACTIVE_ROLE, True if on else None))
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.new_button.clicked.connect(self.new_requested)

    # -- filters ------------------------------------------------------------

    def add_filter(self, role: int, all_label: str, accessible_name: str, *, chars: int = FILTER_CHARS) -> QComboBox:
        """A drop-down, `chars` characters wide, that keeps rows whose `role`
        data equals the chosen value."""
        combo = QComboBox()
        combo.setAccessibleName(accessible_name)
        combo.setToolTip(accessible_name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(max(chars, len(all_label)))
        combo.addItem(all_label, None)
        combo.currentIndexChanged.connect(lambda _i: self.proxy.set_required(role, combo.currentData()))
        self._filters[role] = combo
        self._filter_row.insertWidget(self._filter_row.count() - 2, combo)
        tab_in_order(self.new_button, *self._filters.values(), self.active_only, self.table)
        return combo

    def set_filter_choices(self, role: int, choices: Sequence[tuple[str, str]]) -> None:
        """Replace a filter's choices, keeping the current one if it is still offered."""
        combo = self._filters[role]
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, value in choices:
            combo.addItem(label, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        self.proxy.set_required(role, combo.currentData())

    def filter_value(self, role: int) -> str | None:
        return self._filters[role].currentData()

    def set_filter_value(self, role: int, value: str | None) -> None:
        combo = self._filters[role]
        combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in self._filters.values():
            combo.setCurrentIndex(0)
        self.active_only.setChecked(False)

    # -- columns ------------------------------------------------------------

    def set_column_limits(self, limits: dict[int, int]) -> None:
        """The widest each column may grow when fitted, in average characters."""
        self._limits = dict(limits)

    def set_visual_order(self, columns: Sequence[int]) -> None:
        """Show the model's columns in this order (people can still drag them)."""
        header = self.table.horizontalHeader()
        for visual, logical in enumerate(columns):
            header.moveSection(header.visualIndex(logical), visual)

    def fit_columns(self) -> None:
        """Size each column to its header and contents, up to its limit. The
        header always fits, so no title is cut short."""
        table_fit.fit_columns(self.table, self._limits, 40)
        self._fitted = True

    # -- rows and selection ---------------------------------------------------

    def set_records(self, records: Sequence) -> None:
        self.model.set_records(records)
        if not self._fitted and records:
            self.fit_columns()  # once: after that, widths are the user's

    def current_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_id(self, record_id: uuid.UUID | None) -> bool:
        """Make the record current and scroll to it; False if it is not showing."""
        if record_id is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            return False
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        now = current.data(ID_ROLE) if current.isValid() else None
        before = previous.data(ID_ROLE) if previous.isValid() else None
        if now != before:
            self.current_changed.emit(now, before)

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = self.model.NOUN[0] if total == 1 else self._plural
        self.count_label.setText(
            f"Showing all {total} {noun}" if shown == total else f"Showing {shown} of {total} {noun}"
        )
