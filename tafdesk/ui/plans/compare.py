"""What changed between two versions of a plan: a table of changes (section,
item, field, before → after) in a dialog with the two versions to compare."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.plans.versions import Change
from tafdesk.ui.background import run_in_background
from tafdesk.ui.colours import current
from tafdesk.ui.errors import explain
from tafdesk.ui.plans.labels import PLAN_STATUS_LABELS
from tafdesk.ui.plans.loading import VersionRow
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.text import day, plural
from tafdesk.ui.window_fit import resize_within_screen

COL_SECTION = 0
COL_ITEM = 1
COL_FIELD = 2
COL_BEFORE = 3
COL_AFTER = 4

SECTION_LABELS = {"plan": "Plan", "outcome": "Outcome", "action": "Action"}


class DifferencesModel(ReadOnlyTableModel[Change]):
    HEADERS = ("Section", "Which", "What changed", "Before", "After")
    ALIGNED = False

    def set_changes(self, changes: Sequence[Change]) -> None:
        self.set_rows(changes)

    def changes(self) -> list[Change]:
        return self.rows()

    def display(self, change: Change, column: int) -> str:
        return self.text(change, column)

    def tooltip(self, change: Change, column: int) -> str:
        return self.text(change, column)

    def extra(self, change: Change, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            tone = current().error if column == COL_BEFORE else current().ok if column == COL_AFTER else None
            return QColor(tone.ink) if tone is not None else None
        if role == Qt.ItemDataRole.FontRole and column == COL_FIELD and not change.field:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def text(change: Change, column: int) -> str:
        if column == COL_SECTION:
            return SECTION_LABELS.get(change.section, change.section)
        if column == COL_ITEM:
            return change.item
        if column == COL_FIELD:
            if change.field:
                return change.field
            return "Added" if change.after == "added" else "Removed"
        if column == COL_BEFORE:
            return "" if not change.field else change.before or "(empty)"
        if column == COL_AFTER:
            return "" if not change.field else change.after or "(empty)"
        return ""


def version_label(row: VersionRow) -> str:
    _id, number, status, agreed_on = row
    agreed = f", agreed {day(agreed_on)}" if agreed_on else ""
    return f"Version {number} ({PLAN_STATUS_LABELS[status].lower()}{agreed})"


Differences = Callable[[uuid.UUID, uuid.UUID], list[Change]]


class CompareDialog(QDialog):
    shown = Signal()  # after each comparison has been shown

    def __init__(
        self,
        versions: Sequence[VersionRow],
        differences: Differences,
        *,
        older: uuid.UUID | None = None,
        newer: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare versions of the plan")
        resize_within_screen(self, 1000, 560)
        self._differences = differences
        self.older = QComboBox()
        self.newer = QComboBox()
        for combo, label in ((self.older, "From"), (self.newer, "To")):
            combo.setAccessibleName(f"{label} version")
            for row in versions:
                combo.addItem(version_label(row), row[0])
        ids = [row[0] for row in versions]
        self.older.setCurrentIndex(ids.index(older) if older in ids else max(0, len(ids) - 2))
        self.newer.setCurrentIndex(ids.index(newer) if newer in ids else len(ids) - 1)
        self.summary = QLabel(objectName="hint")
        self.model = DifferencesModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Changes between the versions")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (COL_SECTION, COL_FIELD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_ITEM, COL_BEFORE, COL_AFTER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("From:"))
        choose.addWidget(self.older, 1)
        choose.addWidget(QLabel("to:"))
        choose.addWidget(self.newer, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.older.currentIndexChanged.connect(self.compare)
        self.newer.currentIndexChanged.connect(self.compare)
        self.compare()

    def compare(self) -> None:
        older, newer = self.older.currentData(), self.newer.currentData()
        if older is None or newer is None or older == newer:
            self.model.set_changes([])
            self.summary.setText("Choose two different versions to see what changed between them.")
            self.shown.emit()
            return
        self.summary.setText("Comparing…")
        run_in_background(lambda: self._differences(older, newer), self._show, self._failed, context=self)

    def _show(self, changes: list[Change]) -> None:
        self.model.set_changes(changes)
        self.table.resizeRowsToContents()
        self.summary.setText(
            plural(len(changes), "change") + " between these versions."
            if changes
            else "Nothing changed between these versions."
        )
        self.shown.emit()

    def _failed(self, error: Exception) -> None:
        self.model.set_changes([])
        self.summary.setText(f"The versions could not be compared. {explain(error, 'comparing plan versions')}")
        self.shown.emit()
