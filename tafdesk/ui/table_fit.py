"""How the record tables are sized: rows tall enough to read and to hit on
a projector, and columns fitted once to their contents with every heading
in full."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

ROW_HEIGHT_FACTOR = 1.9  # rows this many text lines tall: easy to read and to hit
HEADER_PADDING = 34  # room for the section's padding and its sort arrow
SORT_ARROW = 14  # of HEADER_PADDING


def set_row_height(view: QTableView) -> None:
    view.verticalHeader().setDefaultSectionSize(round(view.fontMetrics().height() * ROW_HEIGHT_FACTOR))


def heading_width(view: QTableView, column: int, *, sortable: bool = True) -> int:
    """The width that shows the column's heading whole (every line of it),
    in the bold the stylesheet draws headings in, with padding and (if the
    table sorts) the sort arrow."""
    bold = QFont(view.horizontalHeader().font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
    padding = HEADER_PADDING if sortable else HEADER_PADDING - SORT_ARROW
    return max(metrics.horizontalAdvance(line) for line in title.split("\n")) + padding


def fit_columns(view: QTableView, limits: Mapping[int, int], default_limit: int) -> None:
    """Size each column to its heading and contents, the contents up to its
    limit in average characters (`default_limit` where `limits` is silent).
    The heading always fits, so no title is cut short."""
    header = view.horizontalHeader()
    char = view.fontMetrics().averageCharWidth()
    for column in range(view.model().columnCount()):
        contents = view.sizeHintForColumn(column) + 12
        header.resizeSection(column, max(heading_width(view, column),
                                         min(contents, limits.get(column, default_limit) * char)))  # fmt: skip
