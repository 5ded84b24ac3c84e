"""A bar chart for figures a person would rather look at than read:
columns (referrals week by week, stacked by locality) or rows of bars
(utilisation against capacity, with a line at 100%). Drawn with QPainter on
the chart's ground in the palette's series colours (each at least 3:1
against it, ui/colours.py), stacked parts parted by a gap of the ground so
no two colours need to be told apart by their edge alone.

Every part of a bar is a figure: clicked, or chosen with the arrow keys
(Home and End too) and Enter or Space, it asks for the families behind it
(`drill_requested(DrillDown)`). Its accessible description gives every
figure in words; the part chosen is said as it is chosen."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from tafdesk.services.reports.figures import DrillDown
from tafdesk.ui.announce import announce
from tafdesk.ui.colours import current


@dataclass(frozen=True)
class Part:
    """One part of a bar: its value, what it says in words, its families."""

    value: float
    words: str
    drill: DrillDown | None = None
    series: int = 0  # its colour and legend entry
    colour: str | None = None  # a role of the palette instead of the series' ("load_over")


@dataclass(frozen=True)
class Bar:
    label: str  # under a column, beside a row
    parts: tuple[Part, ...]
    value_text: str = ""  # written at the bar's end (rows)

    @property
    def total(self) -> float:
        return sum(p.value for p in self.parts)


class BarChart(QWidget):
    drill_requested = Signal(object)  # DrillDown

    def __init__(
        self,
        name: str,
        *,
        rows: bool = False,
        reference: float | None = None,
        reference_text: str = "",
        empty: str = "Nothing to show for this period.",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("figureChart")
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self._rows = rows
        self._reference = reference
        self._reference_text = reference_text
        self._empty = empty
        self._bars: list[Bar] = []
        self._series: list[str] = []
        self._summary = ""
        self._at = (0, 0)  # the bar and part chosen
        self._drawn: list[tuple[QRectF, int, int]] = []  # where each part was painted

    # -- contents -----------------------------------------------------------------

    def set_bars(self, bars: list[Bar], series: list[str] | None = None, summary: str = "") -> None:
        self._bars = list(bars)
        self._series = list(series or [])
        self._summary = summary
        self._at = (0, 0)
        words = [f"{b.label}: " + "; ".join(p.words for p in b.parts) for b in self._bars if b.parts]
        self.setAccessibleDescription(" ".join([summary, *(f"{w}." for w in words)]).strip() or self._empty)
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def chosen(self) -> Part | None:
        bar, part = self._at
        if 0 <= bar < len(self._bars) and 0 <= part < len(self._bars[bar].parts):
            return self._bars[bar].parts[part]
        return None

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        if self._rows:
            return QSize(640, int(line * (2.2 + 1.8 * max(1, len(self._bars)))))
        return QSize(720, line * 16)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 18, self.sizeHint().height() if self._rows else line * 12)

    # -- the keyboard and the mouse ------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        along = (Qt.Key.Key_Up, Qt.Key.Key_Down) if self._rows else (Qt.Key.Key_Left, Qt.Key.Key_Right)
        across = (Qt.Key.Key_Left, Qt.Key.Key_Right) if self._rows else (Qt.Key.Key_Down, Qt.Key.Key_Up)
        if not self._bars:
            super().keyPressEvent(event)
        elif key in along:
            self._choose(self._at[0] + (1 if key == along[1] else -1), self._at[1])
        elif key in across:
            self._choose(self._at[0], self._at[1] + (1 if key == across[1] else -1))
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self._choose(0 if key == Qt.Key.Key_Home else len(self._bars) - 1, self._at[1])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activate()
        else:
            super().keyPressEvent(event)

    def _choose(self, bar: int, part: int) -> None:
        bar = max(0, min(bar, len(self._bars) - 1))
        part = max(0, min(part, len(self._bars[bar].parts) - 1))
        self._at = (bar, part)
        chosen = self.chosen()
        if chosen is not None:
            announce(self, f"{self._bars[bar].label}: {chosen.words}")
        self.update()

    def activate(self) -> None:
        chosen = self.chosen()
        if chosen is not None and chosen.drill is not None:
            self.drill_requested.emit(chosen.drill)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self._at = hit
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.update()
            self.activate()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position())
        if hit is None:
            QToolTip.hideText()
            self.unsetCursor()
        else:
            bar, part = hit
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            words = f"{self._bars[bar].label}: {self._bars[bar].parts[part].words}\nClick for the families"
            QToolTip.showText(event.globalPosition().toPoint(), words, self)

    def _hit(self, where: QPointF) -> tuple[int, int] | None:
        for rect, bar, part in self._drawn:
            if rect.adjusted(-2, -2, 2, 2).contains(where):
                return bar, part
        return None

    def part_rect(self, bar: int, part: int) -> QRectF | None:
        """Where a part was last painted (for tests and tooltips)."""
        return next((r for r, b, p in self._drawn if (b, p) == (bar, part)), None)

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = current()
        painter.fillRect(self.rect(), QColor(colours.base))
        self._drawn = []
        line = self.fontMetrics().height()
        if not self._bars or not any(b.total for b in self._bars):
            painter.setPen(QColor(colours.muted))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty)
            return
        top = self._legend(painter, line) if len(self._series) > 1 else line * 0.6
        if self._rows:
            self._paint_rows(painter, line, top)
        else:
            self._paint_columns(painter, line, top)
        if self.hasFocus():
            self._focus(painter)

    def _colour(self, part: Part) -> QColor:
        colours = current()
        if part.colour:
            return QColor(getattr(colours, part.colour))
        return QColor(colours.series[part.series % len(colours.series)])

    def _legend(self, painter: QPainter, line: int) -> float:
        """The series' names in a row (wrapping) above the chart; returns where the chart begins."""
        x, y, box = line * 0.6, line * 0.5, line * 0.8
        metrics = self.fontMetrics()
        for number, name in enumerate(self._series):
            width = box + line * 0.4 + metrics.horizontalAdvance(name) + line
            if x + width > self.width() and x > line:
                x, y = line * 0.6, y + line * 1.3
            painter.fillRect(QRectF(x, y + (line - box) / 2, box, box), self._colour(Part(0, "", series=number)))
            painter.setPen(QColor(current().ink))
            painter.drawText(QRectF(x + box + line * 0.4, y, width, line), Qt.AlignmentFlag.AlignVCenter, name)
            x += width
        return y + line * 1.6

    def _paint_columns(self, painter: QPainter, line: int, top: float) -> None:
        colours, metrics = current(), self.fontMetrics()
        step = _step(max(b.total for b in self._bars))
        ticks = max(1, math.ceil(max(b.total for b in self._bars) / step))
        most = step * ticks
        left = metrics.horizontalAdvance(f"{most:,g}") + line
        plot = QRectF(left, top, self.width() - left - line * 0.8, self.height() - top - line * 2.2)
        for tick in range(ticks + 1):  # the scale: a grid line at each step
            y = plot.bottom() - plot.height() * tick / ticks
            painter.setPen(QPen(QColor(colours.chart_grid), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(colours.muted))
            painter.drawText(
                QRectF(0, y - line / 2, plot.left() - line * 0.4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{step * tick:,g}",
            )
        slot = plot.width() / len(self._bars)
        width = max(2.0, slot * 0.72)
        label_width = max(metrics.horizontalAdvance(b.label) for b in self._bars) + line * 0.6
        every = max(1, math.ceil(label_width / slot))
        for number, bar in enumerate(self._bars):
            x = plot.left() + slot * number + (slot - width) / 2
            bottom = plot.bottom()
            for index, part in enumerate(bar.parts):
                height = plot.height() * part.value / most
                rect = QRectF(x, bottom - height, width, height)
                if part.value:
                    painter.fillRect(rect, self._colour(part))
                    if index:  # a gap of the ground between stacked parts
                        painter.fillRect(QRectF(x, bottom - 1, width, 2), QColor(colours.base))
                self._drawn.append((rect if part.value else QRectF(x, bottom - 3, width, 3), number, index))
                bottom -= height
            if number % every == 0:
                painter.setPen(QColor(colours.ink))
                painter.drawText(
                    QRectF(
                        plot.left() + slot * number + slot / 2 - label_width / 2,
                        plot.bottom() + line * 0.4,
                        label_width,
                        line,
                    ),
                    Qt.AlignmentFlag.AlignCenter,
                    bar.label,
                )
        painter.setPen(QPen(QColor(colours.muted), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    def _paint_rows(self, painter: QPainter, line: int, top: float) -> None:
        colours, metrics = current(), self.fontMetrics()
        label_width = min(self.width() / 3, max(metrics.horizontalAdvance(b.label) for b in self._bars) + line)
        value_width = max(metrics.horizontalAdvance(b.value_text) for b in self._bars) + line
        most = max(max(b.total for b in self._bars), self._reference or 0) * 1.05
        plot = QRectF(label_width, top, self.width() - label_width - value_width - line * 0.6, 0)
        pitch = line * 1.8
        for number, bar in enumerate(self._bars):
            y = top + pitch * number
            painter.setPen(QColor(colours.ink))
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(label_width - line * 0.6))
            painter.drawText(
                QRectF(0, y, label_width - line * 0.6, pitch),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            painter.fillRect(
                QRectF(plot.left(), y + pitch * 0.2, plot.width(), pitch * 0.6), QColor(colours.load_track)
            )
            x = plot.left()
            for index, part in enumerate(bar.parts):
                width = plot.width() * part.value / most if most else 0
                rect = QRectF(x, y + pitch * 0.2, max(width, 3), pitch * 0.6)
                painter.fillRect(rect, self._colour(part))
                self._drawn.append((rect, number, index))
                x += width
            painter.setPen(QColor(colours.ink))
            painter.drawText(
                QRectF(x + line * 0.4, y, value_width, pitch), Qt.AlignmentFlag.AlignVCenter, bar.value_text
            )
        bottom = top + pitch * len(self._bars)
        if self._reference:
            x = plot.left() + plot.width() * self._reference / most
            painter.setPen(QPen(QColor(colours.ink), 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, top - line * 0.2), QPointF(x, bottom))
            painter.drawText(
                QRectF(x - line * 4, bottom, line * 8, line * 1.2), Qt.AlignmentFlag.AlignCenter, self._reference_text
            )

    def _focus(self, painter: QPainter) -> None:
        rect = self.part_rect(*self._at)
        if rect is None:
            return
        colours = current()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(colours.focus_halo), 5))
        painter.drawRect(rect.adjusted(-3, -3, 3, 3))
        painter.setPen(QPen(QColor(colours.focus), 3))
        painter.drawRect(rect.adjusted(-3, -3, 3, 3))


def _step(value: float) -> float:
    """A step of the scale (1, 2 or 5 times a power of ten, whole for counts) giving at most five steps."""
    if value <= 0:
        return 1.0
    rough = value / 5
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    return float(next(step * power for step in (1, 2, 5, 10) if step * power >= rough))
