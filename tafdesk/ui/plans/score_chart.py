"""Distance travelled: each need area's score (1 to 10, chosen with the
family) at every review, one line per area. Drawn with QPainter in colours
told apart with any colour vision (after Okabe and Ito's, each at least 3:1
against the chart in every palette: ui/colours.py), each line also with its
own marker shape; the legend gives the first
and latest score in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from tafdesk.models.enums import NEED_AREA_ORDER, NeedArea
from tafdesk.ui.colours import current
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.text import day

MARKERS = ("circle", "square", "triangle", "diamond", "down")
EMPTY_TEXT = "No reviews yet. The scores chosen with the family at each review will show here."

History = Mapping[NeedArea, Sequence[tuple[dt.date, int]]]


class ScoreChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreChart")
        self.setAccessibleName("Scores at each review")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._history: dict[NeedArea, list[tuple[dt.date, int]]] = {}
        self._dates: list[dt.date] = []
        self._points: list[tuple[QPointF, str]] = []  # where each point was drawn, and what it says

    def set_history(self, history: History) -> None:
        self._history = {area: list(history[area]) for area in NeedArea if history.get(area)}
        self._dates = sorted({when for points in self._history.values() for when, _ in points})
        parts = [f"{NEED_AREA_SHORT[a]} from {p[0][1]} to {p[-1][1]}" for a, p in self._history.items()]
        self.setAccessibleDescription(f"{len(self._dates)} reviews. " + "; ".join(parts) if parts else EMPTY_TEXT)
        self.update()

    def series(self) -> dict[NeedArea, list[tuple[dt.date, int]]]:
        return {area: list(points) for area, points in self._history.items()}

    def dates(self) -> list[dt.date]:
        return list(self._dates)

    def sizeHint(self) -> QSize:
        return QSize(720, 360)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, 220)

    # -- drawing ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(current().base))
        metrics = self.fontMetrics()
        line = metrics.height()
        self._points = []
        if not self._dates:
            painter.setPen(QColor(current().muted))
            painter.drawText(
                self.rect().adjusted(line, line, -line, -line),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                EMPTY_TEXT,
            )
            return
        legend_width = min(
            self.width() // 3, max(metrics.horizontalAdvance(self._legend_text(a)) for a in self._history) + line * 3
        )
        plot = QRectF(line * 2.4, line * 1.2, self.width() - legend_width - line * 3.6, self.height() - line * 3.6)
        self._axes(painter, plot, line)
        self._lines(painter, plot)
        self._legend(painter, QRectF(plot.right() + line * 1.2, plot.top(), legend_width, plot.height()), line)

    def _x(self, plot: QRectF, when: dt.date) -> float:
        if len(self._dates) == 1:
            return plot.center().x()
        step = plot.width() / (len(self._dates) - 1)
        return plot.left() + step * self._dates.index(when)

    @staticmethod
    def _y(plot: QRectF, score: float) -> float:
        return plot.bottom() - (score - 1) * plot.height() / 9

    def _axes(self, painter: QPainter, plot: QRectF, line: int) -> None:
        metrics, colours = self.fontMetrics(), current()
        grid = QColor(colours.chart_grid)
        for score in range(1, 11):
            y = self._y(plot, score)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(colours.muted))
            painter.drawText(
                QRectF(0, y - line / 2, plot.left() - line * 0.5, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(score),
            )
        painter.setPen(QPen(QColor(colours.muted), 1))
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
        widest = max(metrics.horizontalAdvance(f"{d.day} {d:%b}") for d in self._dates) + line // 2
        spacing = plot.width() / max(1, len(self._dates) - 1)
        every = max(1, int(widest // spacing) + 1) if len(self._dates) > 1 else 1
        year = None
        for index, when in enumerate(self._dates):
            x = self._x(plot, when)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            if index % every == 0 or index == len(self._dates) - 1:
                painter.setPen(QColor(colours.ink))
                painter.drawText(
                    QRectF(x - widest / 2, plot.bottom() + line * 0.4, widest, line),
                    Qt.AlignmentFlag.AlignCenter,
                    f"{when.day} {when:%b}",
                )
                if when.year != year:
                    painter.setPen(QColor(colours.muted))
                    painter.drawText(
                        QRectF(x - widest / 2, plot.bottom() + line * 1.4, widest, line),
                        Qt.AlignmentFlag.AlignCenter,
                        str(when.year),
                    )
                    year = when.year

    def _lines(self, painter: QPainter, plot: QRectF) -> None:
        count = len(self._history)
        for number, (area, points) in enumerate(self._history.items()):
            colour = series_colour(area)
            nudge = (number - (count - 1) / 2) * 3  # areas with the same score stay apart
            spots = [QPointF(self._x(plot, when) + nudge, self._y(plot, score)) for when, score in points]
            path = QPainterPath(spots[0])
            for spot in spots[1:]:
                path.lineTo(spot)
            painter.setPen(QPen(colour, 2.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            for spot, (when, score) in zip(spots, points):
                _marker(painter, MARKERS[NEED_AREA_ORDER[area] % len(MARKERS)], spot, 5.5, colour)
                self._points.append((spot, f"{area.label}\n{day(when)}: {score} out of 10"))

    def _legend_text(self, area: NeedArea) -> str:
        points = self._history[area]
        first, last = points[0][1], points[-1][1]
        return f"{NEED_AREA_SHORT[area]}  {first} → {last}" if len(points) > 1 else f"{NEED_AREA_SHORT[area]}  {last}"

    def _legend(self, painter: QPainter, box: QRectF, line: int) -> None:
        y = box.top()
        painter.setPen(QColor(current().ink))
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(box.left(), y, box.width(), line), Qt.AlignmentFlag.AlignLeft, "First → latest")
        font.setBold(False)
        painter.setFont(font)
        y += line * 1.5
        for area in self._history:
            colour = series_colour(area)
            middle = y + line / 2
            painter.setPen(QPen(colour, 2.6))
            painter.drawLine(QPointF(box.left(), middle), QPointF(box.left() + line * 1.6, middle))
            _marker(
                painter,
                MARKERS[NEED_AREA_ORDER[area] % len(MARKERS)],
                QPointF(box.left() + line * 0.8, middle),
                5,
                colour,
            )
            painter.setPen(QColor(current().ink))
            painter.drawText(
                QRectF(box.left() + line * 2.1, y, box.width() - line * 2.1, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._legend_text(area),
            )
            y += line * 1.5

    # -- hovering -----------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            near = [(abs(p.x() - event.pos().x()) + abs(p.y() - event.pos().y()), text) for p, text in self._points]
            close = [text for distance, text in sorted(near) if distance < 12]
            if close:
                QToolTip.showText(event.globalPos(), close[0], self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def series_colour(area: NeedArea) -> QColor:
    """One colour per headline area, the same for every family."""
    return QColor(current().series[NEED_AREA_ORDER[area]])


def _marker(painter: QPainter, shape: str, at: QPointF, size: float, colour: QColor) -> None:
    painter.setPen(QPen(QColor(current().base), 1.2))  # a thin edge in the chart's colour parts touching markers
    painter.setBrush(colour)
    x, y = at.x(), at.y()
    if shape == "circle":
        painter.drawEllipse(at, size, size)
    elif shape == "square":
        painter.drawRect(QRectF(x - size, y - size, size * 2, size * 2))
    else:
        corners = {
            "triangle": ((0, -1.25), (1.1, 0.8), (-1.1, 0.8)),
            "down": ((0, 1.25), (1.1, -0.8), (-1.1, -0.8)),
            "diamond": ((0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)),
        }[shape]
        path = QPainterPath(QPointF(x + corners[0][0] * size, y + corners[0][1] * size))
        for dx, dy in corners[1:]:
            path.lineTo(x + dx * size, y + dy * size)
        path.closeSubpath()
        painter.drawPath(path)
