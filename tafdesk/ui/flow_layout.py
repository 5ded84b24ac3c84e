"""A row of controls that wraps onto further rows when the window is too
narrow for it, as words wrap in a paragraph: buttons, filters and chips stay
whole at large text sizes (200%) and on small screens instead of being
squeezed until their words are cut.

Each control keeps its preferred width; a control that may grow sideways
(an Expanding size policy: a search field) shares what is left of its row,
as does a stretch. Controls shorter than their row are centred in it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QWidget


@dataclass
class _Placed:
    item: QLayoutItem
    width: int
    height: int


class FlowLayout(QLayout):
    def __init__(
        self, parent: QWidget | None = None, *, spacing: int = 8, row_spacing: int | None = None, right: bool = False
    ) -> None:
        """`right`: each row keeps to the right-hand end (a header's buttons)."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right = right
        self._spacing = spacing
        self._row_spacing = spacing if row_spacing is None else row_spacing
        self._last: tuple[int, int] | None = None  # (width, height) of the last heightForWidth
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's items ----------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put `widget` at `index` among the controls (as QBoxLayout does)."""
        self.addChildWidget(widget)
        self.addWidget(widget)  # appended by addItem: moved to its place
        self._items.insert(index, self._items.pop())
        self.invalidate()

    def addStretch(self) -> None:
        """Room that takes what its row has spare: the controls after it keep to
        the right-hand end of their row."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self.invalidate()
        return item

    def invalidate(self) -> None:
        self._last = None
        super().invalidate()

    # -- sizes ----------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._last is None or self._last[0] != width:
            self._last = (width, self._arrange(QRect(0, 0, width, 0), place=False))
        return self._last[1]

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """The widest control alone on its row."""
        size = QSize(0, 0)
        for item in self._shown():
            size = size.expandedTo(item.minimumSize().expandedTo(self._wanted(item)))
        return size.grownBy(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    # -- arranging ------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty() or item.spacerItem() is not None]

    @staticmethod
    def _wanted(item: QLayoutItem) -> QSize:
        """The width a control asks for (never below what its contents need)."""
        return item.sizeHint().expandedTo(item.minimumSize()).boundedTo(item.maximumSize())

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the controls out in rows within rect (or only measure): the height used."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        rows: list[list[_Placed]] = [[]]
        used = 0
        for item in self._shown():
            wanted = self._wanted(item)
            width = min(wanted.width(), max(area.width(), item.minimumSize().width()))
            extra = self._spacing if rows[-1] else 0
            if rows[-1] and used + extra + width > area.width():
                rows.append([])
                used, extra = 0, 0
            rows[-1].append(_Placed(item, width, wanted.height()))
            used += extra + width
        top = area.top()
        for row in rows:
            if not row:
                continue
            height = max(placed.height for placed in row)
            if place:
                self._place_row(row, QPoint(area.left(), top), area.width(), height)
            top += height + self._row_spacing
        return max(top - self._row_spacing - area.top(), 0) + margins.top() + margins.bottom()

    def _place_row(self, row: list[_Placed], origin: QPoint, width: int, height: int) -> None:
        spare = width - sum(placed.width for placed in row) - self._spacing * (len(row) - 1)
        growing = [placed for placed in row if _grows(placed.item)]
        for number, placed in enumerate(growing):
            share = max(spare, 0) // (len(growing) - number)
            grown = min(placed.width + share, placed.item.maximumSize().width())
            spare -= grown - placed.width
            placed.width = grown
        x = origin.x() + (max(spare, 0) if self._right else 0)
        for placed in row:
            item_height = min(placed.height, height)
            placed.item.setGeometry(QRect(x, origin.y() + (height - item_height) // 2, placed.width, item_height))
            x += placed.width + self._spacing


def _grows(item: QLayoutItem) -> bool:
    """Whether the item may take the spare width of its row: a stretch, or a
    control whose own policy expands sideways (a search field)."""
    widget = item.widget()
    if widget is None:
        return bool(item.expandingDirections() & Qt.Orientation.Horizontal)
    return bool(widget.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.ExpandFlag.value)
