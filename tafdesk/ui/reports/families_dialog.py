"""The families behind a figure: a window beside the Reports page listing
them (case reference, family, locality and what the figure counted for
each), read in the background through ReportService.families (which checks
access and records the look in the audit trail). Enter, a double click or
"Open case" opens the family's case page, as My cases does (the main window
opens it, for those whose role has case pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.reports.figures import DrillDown, FamilyList, FamilyRow
from tafdesk.services.reports.service import ReportService
from tafdesk.ui.banner import Banner
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.record_table import record_table
from tafdesk.ui.reports.table import shown
from tafdesk.ui.table_fit import set_row_height
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.window_fit import resize_within_screen

COL_VALUE = 3


class FamiliesModel(ReadOnlyTableModel[FamilyRow]):
    HEADERS = ("Case", "Family", "Locality", "Value")
    NUMERIC_COLUMNS = frozenset({COL_VALUE})

    def set_list(self, found: FamilyList) -> None:
        self.HEADERS = ("Case", "Family", "Locality", found.value_heading)  # type: ignore[misc]
        self.set_rows(found.rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    def display(self, row: FamilyRow, column: int) -> str:
        return (row.case_reference, row.family_name, row.locality, shown(row.value))[column]

    def sort_key(self, row: FamilyRow, column: int) -> Any:
        if column == COL_VALUE:
            value = row.value
            if isinstance(value, dt.date):
                return value.toordinal()
            return value if isinstance(value, int | float) else shown(value)
        return super().sort_key(row, column)


class FamiliesDialog(QDialog):
    case_requested = Signal(object)  # CaseRef

    def __init__(self, service: ReportService, *, may_open_cases: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("familiesDialog")
        self.setWindowTitle("Families behind the figure – tafdesk")
        self.setAccessibleName("Families behind the figure")
        self._service = service
        self._asked: DrillDown | None = None
        self._may_open = may_open_cases
        self.banner = Banner(self)
        self.title = QLabel("", objectName="formTitle", wordWrap=True)
        self.status = QLabel("", objectName="hint", wordWrap=True)
        self.model = FamiliesModel(self)
        self.table = record_table("Families behind the figure", self.model)
        set_row_height(self.table)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.open_button = QPushButton("&Open case", objectName="primaryButton")
        self.open_button.setAccessibleName("Open case: the chosen family's case page")
        self.open_button.setVisible(may_open_cases)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_chosen)
        if may_open_cases:
            self.table.activated.connect(lambda _index: self.open_chosen())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.open_button)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload)
        resize_within_screen(self, 760, 520)

    def show_families(self, drill: DrillDown) -> None:
        """List the families behind `drill` (read in the background)."""
        self._asked = drill
        self.model.set_rows([])
        self.title.setText("Families behind the figure")
        self.status.setText("Reading…")
        self.open_button.setEnabled(False)
        self.show()
        self.raise_()
        self.activateWindow()
        self.reload()

    def reload(self) -> None:
        drill = self._asked
        if drill is None:
            return

        def read(found: FamilyList) -> None:
            if drill is self._asked:  # not a figure asked for before this one
                self._show(found)

        Operation(
            self.banner,
            lambda: self._service.families(drill),
            failed="The families could not be listed.",
            doing="listing the families behind a figure",
            slow=True,
        ).reading().done(read).refused(lambda _e: self.status.setText("")).run()

    def _show(self, found: FamilyList) -> None:
        self.title.setText(found.title)
        self.setAccessibleName(f"Families behind the figure: {found.title}")
        self.model.set_list(found)
        count = len(found.rows)
        if found.more:
            self.status.setText(f"The first {count:,} families are listed: narrow the figure to see the others.")
        else:
            self.status.setText(f"{count:,} famil{'y' if count == 1 else 'ies'}." if count else "No families to list.")
        self.open_button.setEnabled(bool(count))
        if count:
            self.table.selectRow(0)
            self.table.setFocus()

    def chosen(self) -> FamilyRow | None:
        index = self.table.currentIndex()
        proxy = self.table.model()
        return self.model.row_at(proxy.mapToSource(index)) if index.isValid() else None  # type: ignore[attr-defined]

    def open_chosen(self) -> None:
        row = self.chosen()
        if row is not None and row.case_id is not None and self._may_open:
            self.case_requested.emit(CaseRef(row.case_id, row.case_reference, row.family_name))
