"""A ring round whatever has the keyboard, in every window (WCAG 2.4.7, focus
visible, and 1.4.11, at least 3:1 against what is beside it): a dark band
with a white line inside it, so that one of the two stands out on a light
field and on a dark button alike. In a table or list it rings the current
cell (the arrow keys move it); on a tab bar, the current tab.

Qt's own focus marks are faint (a table cell's is 1.31:1) and a stylesheet
that styles a widget's border takes them away; one ring, drawn over the
widget by the application, does not depend on how each widget is styled.
Colours: the palette's focus and focus_halo (ui/colours.py). Meeting mode's stylesheet draws
its own orange frame round a focused pane as well; the ring still marks the
current cell and shows on its dark header by the white line."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFocusFrame, QTabBar, QWidget

from tafdesk.ui.colours import current

BAND = 2  # the dark band, outside the widget where there is room
LINE = 1  # the white line inside it
FOLLOW = (
    QEvent.Type.Move,
    QEvent.Type.Resize,
    QEvent.Type.Show,
    QEvent.Type.Hide,
    QEvent.Type.Paint,
    QEvent.Type.LayoutRequest,
)


class FocusRing(QFocusFrame):
    """Only painted: a QFocusFrame because Qt leaves those out of what
    screen readers are told a window holds, takes no clicks and no focus."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter, colours = QPainter(self), current()
        _band(painter, self.rect(), BAND, QColor(colours.focus))
        _band(painter, self.rect().adjusted(BAND, BAND, -BAND, -BAND), LINE, QColor(colours.focus_halo))


def _band(painter: QPainter, rect: QRect, width: int, colour: QColor) -> None:
    left, top, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    for side in (
        QRect(left, top, w, width),
        QRect(left, top + h - width, w, width),
        QRect(left, top, width, h),
        QRect(left + w - width, top, width, h),
    ):
        painter.fillRect(side, colour)


class FocusRings(QObject):
    """Moves the one ring to the widget with the keyboard focus and keeps it
    there as that widget moves, resizes, scrolls or changes its current cell."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._ring: FocusRing | None = None
        self._target: QWidget | None = None
        self._watched: list[QWidget] = []
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit)
        app.focusChanged.connect(lambda _old, new: self.follow(new))

    @property
    def ring(self) -> FocusRing | None:
        return self._ring if self._ring is not None and shiboken6.isValid(self._ring) else None

    def follow(self, widget: QWidget | None) -> None:
        self._target = widget if widget is not None and not isinstance(widget, FocusRing) else None
        self._fit()

    def _fit(self) -> None:
        target = self._target
        if target is None or not shiboken6.isValid(target) or not target.isVisible():
            self._watch()
            if self.ring is not None:
                self.ring.hide()
            return
        host, rect = _host(target), _ring_rect(target)
        self._watch(target, host)  # a table's host changes once it has a current cell
        ring = self.ring
        if ring is None:
            ring = self._ring = FocusRing()
        moved = ring.parentWidget() is not host or ring.geometry() != rect
        if ring.parentWidget() is not host:
            ring.setParent(host)
        if rect.isEmpty():
            ring.hide()
            return
        if moved:  # only then: raising repaints, and a repaint brings us back here
            ring.setGeometry(rect)
            ring.raise_()
        if ring.isHidden():
            ring.show()

    def _watch(self, *widgets: QWidget) -> None:
        """Follow what happens to these widgets (and no longer to others)."""
        wanted = list(dict.fromkeys(widgets))
        if wanted == self._watched:
            return
        for widget in self._watched:
            if shiboken6.isValid(widget):
                widget.removeEventFilter(self)
        for widget in wanted:
            widget.installEventFilter(self)
        self._watched = wanted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in FOLLOW:
            self._refit.start()
        return False


def _host(target: QWidget) -> QWidget:
    """The widget the ring is drawn in: the table's viewport for its current
    cell, the tab bar for its current tab, else the target's parent (so that
    the ring can sit just outside the target)."""
    if isinstance(target, QAbstractItemView) and target.currentIndex().isValid():
        return target.viewport()
    if isinstance(target, QTabBar) and target.currentIndex() >= 0:
        return target
    parent = target.parentWidget()
    return target if parent is None or target.isWindow() else parent


def _ring_rect(target: QWidget) -> QRect:
    """Where the ring goes, in its host, kept within the host."""
    host = _host(target)
    if isinstance(target, QAbstractItemView) and host is target.viewport():
        rect = target.visualRect(target.currentIndex())
    elif isinstance(target, QTabBar) and host is target:
        rect = target.tabRect(target.currentIndex())
    elif host is target:
        rect = target.rect()
    else:
        rect = target.geometry().adjusted(-BAND, -BAND, BAND, BAND)
    return rect.intersected(host.rect())


def show_focus_rings(app: QApplication) -> FocusRings:
    """Once per application; returns the ring's keeper."""
    keeper = app.findChild(FocusRings)
    if keeper is None:
        keeper = FocusRings(app)
        keeper.follow(app.focusWidget())
    return keeper
