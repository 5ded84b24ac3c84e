"""Bringing a widget into view in the scroll area that holds it, once the
layouts have taken in what just changed (a row just added, a message just
shown), rather than on a later turn of the event loop."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QScrollArea, QWidget


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
