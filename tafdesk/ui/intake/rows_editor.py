"""A small table for the lists inside a profile (members, needs, agency
involvement, risks): rows added and removed with buttons, each row kept
with the item it was loaded from, so that fields the table does not show
survive a correction. A problem in a cell highlights the cell and puts the
message in its tooltip. A choice (a member's role, a need's level) is a
cell like the others, edited in a drop-down: the arrow keys move between
cells and Tab leaves the table."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui.colours import current
from tafdesk.ui.icons import icon
from tafdesk.ui.table_fit import heading_width

_UK_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def parse_date(text: str) -> str | None:
    """'21/07/2014' or '2014-07-21' as '2014-07-21'; other text unchanged, for
    the contract's check to name; None when blank."""
    text = text.strip()
    if not text:
        return None
    found = _UK_DATE.match(text)
    if found:
        day, month, year = map(int, found.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return text
    return text


def show_date(value: str | None) -> str:
    """'2014-07-21' as '21/07/2014' (text that is not a date as it is)."""
    if not value:
        return ""
    try:
        return f"{dt.date.fromisoformat(value):%d/%m/%Y}"
    except ValueError:
        return value


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str = "text"  # text, required (never omitted: blank is a problem), date, ids, choice, check
    choices: Sequence[tuple[str, Any]] = ()  # for choice: (label, value); value None leaves the key out
    width: int = 14  # in average characters
    default: Any = None  # for check: the contract's default, left out when unchanged
    tip: str = ""
    stretch: bool = False  # takes the table's spare width


VALUE_ROLE = Qt.ItemDataRole.UserRole  # a choice cell's value; its text is the choice's label


class _ChoiceDelegate(QStyledItemDelegate):
    """A choice cell edited in a drop-down of its column's choices."""

    def __init__(self, choices: Sequence[tuple[str, Any]], parent: QWidget) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self._choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)  # made by createEditor
        editor.setCurrentIndex(max(editor.findData(index.data(VALUE_ROLE)), 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)  # made by createEditor
        model.setData(index, editor.currentData(), VALUE_ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class RowsEditor(QFrame):
    changed = Signal()

    def __init__(
        self, noun: str, columns: Sequence[Column], *, new_row: dict | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rowsEditor")
        self.noun = noun
        self.columns = list(columns)
        self._new_row = dict(new_row or {})
        self._originals: list[dict] = []
        self._filling = False
        self.table = QTableWidget(0, len(self.columns))
        self.add_button = QPushButton(icon("add"), f"Add {noun}")
        self.remove_button = QPushButton(icon("remove"), f"Remove {noun}")
        self._build()
        self.table.itemChanged.connect(self._item_changed)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)

    def _build(self) -> None:
        table = self.table
        table.setAccessibleName(f"{self.noun.capitalize()} table")
        table.setHorizontalHeaderLabels([c.title for c in self.columns])
        for position, column in enumerate(self.columns):
            title = table.horizontalHeaderItem(position)  # (made by setHorizontalHeaderLabels)
            if column.tip and title is not None:
                title.setToolTip(column.tip)
            if column.kind == "choice":
                table.setItemDelegateForColumn(position, _ChoiceDelegate(column.choices, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setDefaultSectionSize(round(table.fontMetrics().height() * 2.0))
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(not any(c.stretch for c in self.columns))
        char = table.fontMetrics().averageCharWidth()
        for position, column in enumerate(self.columns):
            header.resizeSection(position, max(heading_width(table, position), column.width * char))
            if column.stretch:
                header.setSectionResizeMode(position, QHeaderView.ResizeMode.Stretch)
        self.add_button.setAccessibleName(f"Add a {self.noun}")
        self.remove_button.setAccessibleName(f"Remove the chosen {self.noun}")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)  # room for the red frame of a table with problems
        layout.setSpacing(4)
        layout.addWidget(table)
        layout.addLayout(buttons)
        self._fit_height()

    # -- contents -----------------------------------------------------------------

    def set_rows(self, items: Sequence[dict]) -> None:
        self._filling = True
        try:
            self.table.setRowCount(0)
            self._originals = []
            for item in items:
                self._append(item)
        finally:
            self._filling = False
        self._fit_height()

    def add_row(self) -> None:
        defaults = {key: (value(self) if callable(value) else value) for key, value in self._new_row.items()}
        self._filling = True
        try:
            self._append(defaults, new=True)
        finally:
            self._filling = False
        self._fit_height()
        row = self.table.rowCount() - 1
        first_text = next((i for i, c in enumerate(self.columns) if c.kind not in ("choice", "check")), 0)
        self.table.setCurrentCell(row, first_text)
        self.table.setFocus()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        del self._originals[row]
        self._fit_height()
        self.changed.emit()

    def _append(self, item: dict, *, new: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._originals.append({} if new else dict(item))
        for position, column in enumerate(self.columns):
            value = item.get(column.key)
            cell = QTableWidgetItem()
            if column.kind == "choice":
                label, value = next(((t, v) for t, v in column.choices if v == value), column.choices[0])
                cell.setText(label)
                cell.setData(VALUE_ROLE, value)
            elif column.kind == "check":
                cell.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                checked = column.default if value is None else bool(value)
                cell.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            elif column.kind == "date":
                cell.setText(show_date(value))
            elif column.kind == "ids":
                cell.setText(", ".join(value or ()))
            else:
                cell.setText("" if value is None else str(value))
            self.table.setItem(row, position, cell)

    def rows(self) -> list[dict]:
        """Each row as a contract item: the item it was loaded from, with the
        table's columns written over it (a blank optional cell removes its key)."""
        result = []
        for row, original in enumerate(self._originals):
            item = dict(original)
            for position, column in enumerate(self.columns):
                value = self._value(row, position, column, original)
                if value is None:
                    item.pop(column.key, None)
                else:
                    item[column.key] = value
            result.append(item)
        return result

    def _value(self, row: int, position: int, column: Column, original: dict) -> Any:
        cell = self._cell(row, position)
        if column.kind == "choice":
            return cell.data(VALUE_ROLE)
        if column.kind == "check":
            checked = cell.checkState() == Qt.CheckState.Checked
            return None if checked == column.default and column.key not in original else checked
        text = cell.text().strip()
        if column.kind == "required":
            return text
        if column.kind == "date":
            return parse_date(text)
        if column.kind == "ids":
            ids = [part for part in re.split(r"[,\s]+", text) if part]
            return ids or None
        return text or None

    def cell_text(self, row: int, key: str) -> str:
        return self._cell(row, self._position(key)).text()

    def set_cell(self, row: int, key: str, value: Any) -> None:
        """Type into a cell, or choose in it (tests, and code that fills defaults)."""
        position = self._position(key)
        column = self.columns[position]
        if column.kind == "choice":
            cell = self._cell(row, position)
            cell.setData(VALUE_ROLE, value)
            cell.setText(next(label for label, choice in column.choices if choice == value))
        elif isinstance(value, bool):
            self._cell(row, position).setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        else:
            self._cell(row, position).setText(str(value))

    def _cell(self, row: int, position: int) -> QTableWidgetItem:
        cell = self.table.item(row, position)
        assert cell is not None  # _append gives every cell of a row its item
        return cell

    def _position(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def _item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self.changed.emit()

    def _fit_height(self) -> None:
        """Tall enough for every row (up to ten) and a horizontal scroll bar."""
        table = self.table
        rows = min(max(table.rowCount(), 2), 10)
        scroll_bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
        height = table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
        table.setFixedHeight(height + 2 * table.frameWidth() + scroll_bar + 2)
        layout = self.layout()
        if layout is not None:  # a form's layout must not squeeze the buttons over the table
            self.setMinimumHeight(layout.minimumSize().height())

    # -- problems -------------------------------------------------------------------

    def mark_cells(self, problems: dict[tuple[int, str | None], str]) -> None:
        """Highlight each cell with a problem, its message in the tooltip; a
        problem with a whole row marks its first cell."""
        self.clear_marks()
        self._filling = True
        try:
            self._mark(problems)
        finally:
            self._filling = False

    def _mark(self, problems: dict[tuple[int, str | None], str]) -> None:
        error = current().error
        tint = QBrush(QColor(error.tint))
        for (row, key), message in problems.items():
            if not 0 <= row < self.table.rowCount():
                continue
            position = self._position(key) if key in {c.key for c in self.columns} else 0
            cell = self._cell(row, position)
            cell.setBackground(tint)
            cell.setForeground(QBrush(QColor(error.ink)))
            cell.setToolTip(message)
            cell.setData(Qt.ItemDataRole.AccessibleDescriptionRole, message)

    def clear_marks(self) -> None:
        self._filling = True
        try:
            for row in range(self.table.rowCount()):
                for position in range(len(self.columns)):
                    cell = self.table.item(row, position)
                    if cell is not None and cell.toolTip():
                        cell.setBackground(QBrush())
                        cell.setForeground(QBrush())
                        cell.setToolTip("")
                        cell.setData(Qt.ItemDataRole.AccessibleDescriptionRole, None)
        finally:
            self._filling = False

    def cell_problem(self, row: int, key: str) -> str:
        """The message at a cell ('' if none)."""
        return self._cell(row, self._position(key)).toolTip() or ""

    def describe(self, row: int, key: str | None) -> str:
        """'Member 2, date of birth' for a message under the table."""
        title = next((c.title for c in self.columns if c.key == key), None)
        return f"{self.noun.capitalize()} {row + 1}" + (f", {title.lower()}" if title else "")
