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


def set_row_height(view: QTableView) -> None:
    view.verticalHeader().setDefaultSectionSize(round(view.fontMetrics().height() * ROW_HEIGHT_FACTOR))


def fit_columns(view: QTableView, limits: Mapping[int, int], default_limit: int) -> None:
    """Size each column to its heading and contents, the contents up to its
    limit in average characters (`default_limit` where `limits` is silent).
    The heading always fits, so no title is cut short."""
    header = view.horizontalHeader()
    bold = QFont(header.font())
    bold.setBold(True)
    header_metrics = QFontMetrics(bold)
    char = view.fontMetrics().averageCharWidth()
    model = view.model()
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal) or ""
        needed = header_metrics.horizontalAdvance(title) + HEADER_PADDING
        contents = view.sizeHintForColumn(column) + 12
        header.resizeSection(column, max(needed, min(contents, limits.get(column, default_limit) * char)))
