"""Scrolling what may not fit: a page or form in a scroll area; bringing a
widget into view in the scroll area that holds it, once the layouts have
taken in what just changed (a row just added, a message just shown), rather
than on a later turn of the event loop; and keeping a list where its reader
left it while its rows are read again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QWidget,
)

from tafdesk.ui.flow_layout import FlowLayout


class _Scroller(QScrollArea):
    def sizeHint(self) -> QSize:
        """As large as all of what it holds (Qt's stops at 24 lines), so that
        a dialog opens showing everything where its screen has the room."""
        body = self.widget()
        if body is None:
            return super().sizeHint()
        frame = 2 * self.frameWidth()
        return body.sizeHint() + QSize(frame, frame)


class _Holder(QLayout):
    """Lays the one widget it holds over all of its room. Its least height
    is the widget's own (a table a few rows, a field its least) with what
    wrapping adds, at their present widths, to the labels and rows of
    controls in it. It says nothing of height for width: Qt's scroll area
    would then take the widget's preferred height for its width (a table's
    every row, the tallest page of a tab widget) and scroll when nothing
    needs to."""

    def __init__(self, body: QWidget) -> None:
        super().__init__()
        self.setContentsMargins(0, 0, 0, 0)
        self._item: QLayoutItem | None = None
        self._wrapped = 0  # what wrapping adds, as last laid out
        self.addWidget(body)

    def addItem(self, item: QLayoutItem) -> None:
        self._item = item

    def count(self) -> int:
        return 0 if self._item is None else 1

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._item if index == 0 else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        item, self._item = (self._item, None) if index == 0 else (None, self._item)
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal | Qt.Orientation.Vertical

    def minimumSize(self) -> QSize:
        least = self._item.minimumSize() if self._item is not None else QSize(0, 0)
        return least + QSize(0, self._wrapped)

    def sizeHint(self) -> QSize:
        hint = self._item.sizeHint() if self._item is not None else QSize(0, 0)
        return hint.expandedTo(self.minimumSize())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        if self._item is None:
            return
        self._item.setGeometry(rect)
        body = self._item.widget()
        wrapped = wrapping_adds(body) if body is not None else 0
        if wrapped != self._wrapped:  # the scroll area measures again
            self._wrapped = wrapped
            self.invalidate()


def wrapping_adds(body: QWidget) -> int:
    """How much taller than their least (one line, one row) the wrapped
    labels and the rows of controls in body are at their present widths;
    leaving out those in a scroll area of their own."""
    added = 0
    for label in body.findChildren(QLabel):
        if label.wordWrap() and label.isVisibleTo(body) and not _scrolled_within(label, body):
            added += max(label.heightForWidth(label.width()) - label.minimumSizeHint().height(), 0)
    for layout in body.findChildren(FlowLayout):
        owner = layout.parentWidget()
        if owner is not None and owner.isVisibleTo(body) and not _scrolled_within(owner, body):
            added += max(layout.heightForWidth(layout.geometry().width()) - layout.minimumSize().height(), 0)
    return added


def _scrolled_within(widget: QWidget, body: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not body:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def scrolling(body: QWidget, *, sideways: bool = False) -> QScrollArea:
    """`body` in a frameless scroll area that scrolls only when the room is
    smaller than the least body needs (large text, a small screen): down,
    and sideways too if asked. The area takes no Tab stop of its own: the
    controls in it do, and are scrolled into view as they get the focus."""
    holder = QWidget()
    holder.setLayout(_Holder(body))
    area = _Scroller(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if not sideways:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(holder)
    for see_through in (area.viewport(), holder):  # as body was: what is behind it paints (Qt fills both)
        see_through.setAutoFillBackground(False)
    return area


def settle_layouts() -> None:
    """Lay out now: a widget just added or a label's new height changes its
    row, then the row's container, then the scroll area's widget."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def reveal(widget: QWidget) -> None:
    """Scroll the nearest scroll area holding widget until all of it is in view."""
    settle_layouts()
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        area.ensureWidgetVisible(widget, 0, 0)


@contextmanager
def kept_scroll(*views: QAbstractScrollArea) -> Iterator[None]:
    """The views scrolled back to where they were once the block has refilled
    them (a table's rows read again for a change made elsewhere)."""
    where = [(view.verticalScrollBar().value(), view.horizontalScrollBar().value()) for view in views]
    yield
    for view, (vertical, horizontal) in zip(views, where, strict=True):
        if isinstance(view, QAbstractItemView):
            view.doItemsLayout()  # the scroll bars' ranges follow the new rows now, not at the next paint
        view.verticalScrollBar().setValue(vertical)
        view.horizontalScrollBar().setValue(horizontal)
