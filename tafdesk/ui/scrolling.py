"""Bringing a widget into view in the scroll area that holds it, once the
layouts have taken in what just changed (a row just added, a message just
shown), rather than on a later turn of the event loop; and keeping a list
where its reader left it while its rows are read again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QScrollArea, QWidget


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
