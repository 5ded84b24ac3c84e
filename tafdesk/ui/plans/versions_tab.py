"""The versions of a plan: number, status and when each was agreed, with
viewing any of them (read-only) and comparing two."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui.plans.labels import PLAN_STATUS_LABELS
from tafdesk.ui.plans.loading import VersionRow
from tafdesk.ui.plans.roles import ID_ROLE
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.text import day

COL_VERSION = 0
COL_STATUS = 1
COL_AGREED = 2


class VersionsModel(ReadOnlyTableModel[VersionRow]):
    HEADERS = ("Version", "Status", "Agreed on")
    ALIGNED = False

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._shown: uuid.UUID | None = None

    def set_versions(self, rows: Sequence[VersionRow], shown: uuid.UUID | None) -> None:
        self._shown = shown
        self.set_rows(list(reversed(rows)))  # the newest first

    def row_of(self, plan_id: uuid.UUID) -> int:
        return next((row for row, v in enumerate(self._rows) if v[0] == plan_id), -1)

    def display(self, version: VersionRow, column: int) -> str:
        plan_id, number, status, agreed_on = version
        shown = " (showing)" if plan_id == self._shown else ""
        return (f"Version {number}{shown}", PLAN_STATUS_LABELS[status], day(agreed_on, "—"))[column]

    def sort_key(self, version: VersionRow, column: int) -> Any:
        _id, number, status, agreed_on = version
        return (number, PLAN_STATUS_LABELS[status], agreed_on.toordinal() if agreed_on else 0)[column]

    def extra(self, version: VersionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and version[0] == self._shown:
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return version[0]
        return None


class VersionsTab(QWidget):
    view_requested = Signal(object)  # plan id
    compare_requested = Signal(object, object)  # older id or None, newer id or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = VersionsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Versions of the plan")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view_button = QPushButton("View this version")
        self.compare_button = QPushButton("Compare…")
        self.compare_button.setToolTip("See what changed between two versions (choose two rows to compare them)")
        help_text = QLabel(
            "Agreeing a plan freezes it as a numbered version; each review makes the next. "
            "Any version can be read again, and any two compared.",
            objectName="hint",
            wordWrap=True,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 12)
        layout.addWidget(QLabel("Versions", objectName="sectionTitle"))
        layout.addWidget(help_text)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.view_button.clicked.connect(self._view)
        self.compare_button.clicked.connect(self._compare)
        self.table.doubleClicked.connect(lambda _i: self._view())

    def set_versions(self, rows: Sequence[VersionRow], shown: uuid.UUID | None) -> None:
        self.model.set_versions(rows, shown)
        self.compare_button.setEnabled(len(rows) > 1)
        self.view_button.setEnabled(bool(rows))
        row = self.model.row_of(shown) if shown else -1
        if row >= 0:
            self.table.selectRow(row)

    def chosen(self) -> list[uuid.UUID]:
        """The chosen versions, oldest first."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        return [self.model.index(row, 0).data(ID_ROLE) for row in rows]

    def _view(self) -> None:
        chosen = self.chosen()
        if chosen:
            self.view_requested.emit(chosen[-1])

    def _compare(self) -> None:
        chosen = self.chosen()
        if len(chosen) >= 2:
            self.compare_requested.emit(chosen[0], chosen[-1])
        else:
            self.compare_requested.emit(None, chosen[0] if chosen else None)
