"""A table the plan editor edits in place, with its Add and Remove buttons:
edits start on a double click, F2 or typing; Delete empties a cell that may
be empty; rows fit two lines of wrapped text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
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

from tafdesk.ui.icons import icon
from tafdesk.ui.restricted import QuoteWarning
from tafdesk.ui.table_fit import heading_width, keep_rows_in_view

EDITING = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


class PlanTable(QTableView):
    clear_requested = Signal(QModelIndex)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stretch: tuple[int, ...] = ()  # the columns sharing what is left (set_column_widths)
        self.setAccessibleName(name)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(EDITING)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(self.fontMetrics().height() * 3.4))
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        keep_rows_in_view(self, rows=2)  # each row is three lines tall
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        clearing = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState
        editable = self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
        if clearing and editable and self.currentIndex().isValid():
            self.clear_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def set_column_widths(self, widths: dict[int, int], stretch: tuple[int, ...]) -> None:
        """Widths in average characters, never narrower than the heading;
        stretched columns share what is left."""
        header = self.horizontalHeader()
        unit = self.fontMetrics().averageCharWidth()
        for column, chars in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(chars * unit, heading_width(self, column)))
        self._stretch = stretch
        self._share_the_rest()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_the_rest()

    def _share_the_rest(self) -> None:
        """The stretched columns share what is left, but none is squeezed
        narrower than its heading: a table too narrow for that (large text on
        a small screen) keeps them at their headings' widths and scrolls sideways."""
        header = self.horizontalHeader()
        stretch = self._stretch
        if not stretch or self.model() is None:
            return
        fixed = sum(header.sectionSize(c) for c in range(header.count()) if c not in stretch)
        least = {column: heading_width(self, column) for column in stretch}
        fits = self.viewport().width() - fixed >= len(stretch) * max(least.values())  # stretching shares alike
        mode = QHeaderView.ResizeMode.Stretch if fits else QHeaderView.ResizeMode.Interactive
        for column in stretch:
            if header.sectionResizeMode(column) != mode:
                header.setSectionResizeMode(column, mode)
            if not fits and header.sectionSize(column) < least[column]:
                header.resizeSection(column, least[column])

    def set_read_only(self, read_only: bool) -> None:
        # Both ways: the same table shows an agreed version, then a draft.
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else EDITING)


class EditableSection(QWidget):
    """A heading, a line of help, the table, a warning if its current cell
    quotes restricted information (plans/quotes.py), and Add / Remove beneath it."""

    def __init__(
        self,
        title: str,
        help_text: str,
        table: PlanTable,
        add_label: str,
        remove_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = table
        self.heading = QLabel(title, objectName="sectionTitle")
        self.help = QLabel(help_text, objectName="hint", wordWrap=True)
        self.add_button = QPushButton(icon("add"), add_label)
        self.remove_button = QPushButton(icon("remove"), remove_label)
        self.remove_button.setEnabled(False)
        self.quote_warning = QuoteWarning()
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 10)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.help)
        layout.addWidget(table, 1)
        layout.addWidget(self.quote_warning)
        layout.addWidget(self.buttons)

    def connect_selection(self, changed: Callable[[], None]) -> None:
        """Call `changed` whenever the current row may have changed (after set_model)."""
        self.table.selectionModel().currentChanged.connect(lambda *_: changed())
        self.table.model().modelReset.connect(changed)

    def set_read_only(self, read_only: bool) -> None:
        self.table.set_read_only(read_only)
        self.buttons.setVisible(not read_only)
