"""Find a family (Ctrl+K from anywhere in the main window): a name (its
variants and typos), a case or family reference, a postcode or a date of
birth. The search runs off the interface thread as the person types (the
newest answer wins); the families found are a model/view list, and Enter
opens the chosen family's case page."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.logs import log_unexpected
from tafdesk.services.family_search import FamilyHit, FamilySearchService, SearchResult
from tafdesk.ui.background import run_in_background
from tafdesk.ui.errors import explain
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.window_fit import resize_within_screen

log = logging.getLogger(__name__)
TYPING_PAUSE_MS = 250
COL_FAMILY, COL_CASE, COL_LOCALITY, COL_POSTCODE, COL_PEOPLE, COL_WHY = range(6)


class HitsModel(ReadOnlyTableModel[FamilyHit]):
    HEADERS = ("Family", "Case", "Locality", "Postcode", "People", "Found by")

    def display(self, row: FamilyHit, column: int) -> str:
        return (
            f"{row.family_name} ({row.family_reference})",
            f"{row.case_reference}, {row.case_status}",
            row.locality,
            row.postcode,
            row.people,
            row.why,
        )[column]

    def tooltip(self, row: FamilyHit, column: int) -> str | None:
        return self.display(row, column) or None

    def extra(self, row: FamilyHit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.display(row, column)
        return None


class FamilySearchDialog(QDialog):
    case_chosen = Signal(object)  # CaseRef
    searched = Signal()  # an answer is shown (tests wait for it)

    def __init__(self, service: FamilySearchService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._asked = 0  # the number of the newest search asked; older answers are dropped
        self.setWindowTitle("Find a family")
        self.setAccessibleName("Find a family")
        self.field = QLineEdit(clearButtonEnabled=True)
        self.field.setPlaceholderText("Name, case or family reference, postcode, date of birth…")
        self.field.setAccessibleName("Find a family by name, reference, postcode or date of birth")
        label = QLabel("&Find:")
        label.setBuddy(self.field)
        self.summary = QLabel(objectName="hint", wordWrap=True)
        self.summary.setAccessibleName("Search result")
        self.model = HitsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Families found")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PEOPLE, QHeaderView.ResizeMode.Stretch)
        hint = QLabel(
            "Only the families you may see are found. ↓ to the list, Enter opens the case page.", objectName="hint"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self._enter_in_field)
        self.field.installEventFilter(self)
        self.table.activated.connect(lambda _i: self.open_current())
        resize_within_screen(self, 1000, 520)
        self.summary.setText("Type a name, a case or family reference, a postcode or a date of birth.")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        down = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
        if watched is self.field and down and self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def search_now(self) -> None:
        """Search for what is typed, off the interface thread."""
        self._timer.stop()
        self._asked += 1
        number, text = self._asked, self.field.text()
        self.summary.setText("Searching…")

        def shown(result: SearchResult) -> None:
            if number == self._asked:
                self._show(result)

        def failed(error: Exception) -> None:
            if number != self._asked:
                return
            log_unexpected(log, "searching for a family", error)  # never the text: it names a family
            self.summary.setText(f"Not searched. {explain(error, 'searching for a family')}")
            self.searched.emit()

        run_in_background(lambda: self._service.search(text), shown, failed, context=self)

    def _show(self, result: SearchResult) -> None:
        self.model.set_rows(result.hits)
        self.summary.setText(result.summary)
        if result.hits:
            self.table.selectRow(0)
        self.searched.emit()

    def _enter_in_field(self) -> None:
        if self._timer.isActive():
            self.search_now()  # Enter before the pause: search now; Enter again opens
            return
        self.open_current()

    def current(self) -> FamilyHit | None:
        index = self.table.currentIndex()
        return self.model.row_at(index) if index.isValid() else (self.model.row(0) if self.model.rowCount() else None)

    def open_current(self) -> None:
        hit = self.current()
        if hit is not None:
            self.case_chosen.emit(CaseRef(hit.case_id, hit.case_reference, hit.family_name))
