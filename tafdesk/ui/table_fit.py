"""How the record tables are sized: rows tall enough to read and to hit on
a projector, columns fitted once to their contents with every heading in
full, and a table never squeezed shorter than a few rows (large text on a
small screen: the page scrolls instead)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QTableView

ROW_HEIGHT_FACTOR = 1.9  # rows this many text lines tall: easy to read and to hit
HEADER_PADDING = 34  # room for the section's padding and its sort arrow
SORT_ARROW = 14  # of HEADER_PADDING
FEW_ROWS = 3
# What changes a view's heading or rows: measured again then.
RESIZED_BY = (QEvent.Type.Polish, QEvent.Type.Show, QEvent.Type.StyleChange, QEvent.Type.FontChange)


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
        header.resizeSection(
            column, max(heading_width(view, column), min(contents, limits.get(column, default_limit) * char))
        )


def keep_rows_in_view(view: QAbstractItemView, rows: int = FEW_ROWS) -> None:
    """Never shorter than its heading, `rows` rows and its sideways scroll bar
    (while it shows one): measured again when the stylesheet or the font
    changes the heading's and rows' heights, and as the scroll bar comes and goes."""
    keeper = _RowsInView(view, rows)
    view.installEventFilter(keeper)
    container = view.horizontalScrollBar().parentWidget()
    if container is not None:  # the bar's container is shown and hidden
        container.installEventFilter(keeper)


class _RowsInView(QObject):
    def __init__(self, view: QAbstractItemView, rows: int) -> None:
        super().__init__(view)
        self._view = view
        self._rows = rows
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        watching = RESIZED_BY if watched is self._view else (QEvent.Type.Show, QEvent.Type.Hide)
        if event.type() in watching:
            self._fit()
        return False

    def _fit(self) -> None:
        view = self._view
        heading = 0
        if isinstance(view, QTableView):
            header = view.horizontalHeader()
            heading = header.sizeHint().height() if not header.isHidden() else 0
            row = view.verticalHeader().defaultSectionSize()
        else:
            row = max(view.sizeHintForRow(0), view.fontMetrics().height() + 8)
        bar = view.horizontalScrollBar()
        container = bar.parentWidget()
        shown = (
            container is not None
            and container.isVisibleTo(view)
            and view.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        view.setMinimumHeight(
            heading + self._rows * row + (bar.sizeHint().height() if shown else 0) + 2 * view.frameWidth()
        )
