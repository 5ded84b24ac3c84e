"""The agency balance chart: for each agency of the locality, how full its
professionals are together, at the start of the meeting (the pale bar) and
now (the solid one; both at least 3:1 against the chart), against a line at 100% of capacity. Drawn here with
QPainter; the figures are written beside the bars."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tafdesk.allocation.caseload import GroupTotal
from tafdesk.ui.colours import current
from tafdesk.ui.directory.load_delegate import band_colour
from tafdesk.ui.text import plural


@dataclass(frozen=True)
class BalanceRow:
    agency: str
    start: float  # utilisation at the start of the meeting
    now: float
    headroom: float  # points left now

    @property
    def moved(self) -> bool:
        return abs(self.now - self.start) > 1e-9


def balance_rows(start: Mapping[str, GroupTotal] | None, now: Mapping[str, GroupTotal]) -> list[BalanceRow]:
    """Agencies with capacity in the locality, those that moved first."""
    rows = [
        BalanceRow(name, (start or now).get(name, total).utilisation, total.utilisation, total.headroom)
        for name, total in now.items()
        if total.capacity > 0
    ]
    return sorted(rows, key=lambda r: (not r.moved, r.agency.casefold()))


class BalanceChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("balanceChart")
        self.setAccessibleName("Agency balance")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._rows: list[BalanceRow] = []

    def set_rows(self, rows: Sequence[BalanceRow]) -> None:
        self._rows = list(rows)
        moved = [r for r in self._rows if r.moved]
        described = "; ".join(f"{r.agency} {r.start:.0%} at the start, {r.now:.0%} now" for r in self._rows)
        self.setAccessibleDescription(f"{plural(len(moved), 'agency', 'agencies')} changed. {described}")
        self.updateGeometry()
        self.update()

    def rows(self) -> list[BalanceRow]:
        return list(self._rows)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(520, round(line * (2.4 + 1.6 * max(len(self._rows), 4))))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.fontMetrics().height() * 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = current()
        ink = QColor(colours.ink)
        painter.fillRect(self.rect(), QColor(colours.base))
        metrics = self.fontMetrics()
        line = metrics.height()
        margin = line // 2
        if not self._rows:
            painter.setPen(QColor(colours.muted))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Reading the caseloads…")
            return
        label_width = min(max(metrics.horizontalAdvance(r.agency) for r in self._rows) + line, self.width() // 3)
        value_width = metrics.horizontalAdvance("100% → 100%") + line
        left = margin + label_width
        right = self.width() - margin - value_width
        top_ratio = max(1.2, min(2.0, max(max(r.start, r.now) for r in self._rows) + 0.05))
        legend_height = round(line * 1.6)
        step = max(line * 1.5, (self.height() - legend_height - 2 * margin) / len(self._rows))
        bar = max(4, round(step * 0.26))

        def x(ratio: float) -> int:
            return left + round((right - left) * min(max(ratio, 0.0), top_ratio) / top_ratio)

        self._legend(painter, margin, left, line)
        y: float = margin + legend_height
        for row in self._rows:
            middle = round(y + step / 2)
            painter.setPen(ink)
            font = painter.font()
            font.setBold(row.moved)
            painter.setFont(font)
            painter.drawText(
                QRect(margin, round(y), label_width - line // 2, round(step)),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(row.agency, Qt.TextElideMode.ElideRight, label_width - line // 2),
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colours.chart_start))
            painter.drawRect(QRect(left, middle - bar - 1, max(2, x(row.start) - left), bar))
            painter.setBrush(band_colour(row.now))
            painter.drawRect(QRect(left, middle + 1, max(2, x(row.now) - left), bar))
            painter.setPen(QColor(colours.load_over) if row.now > 1 else ink)
            text = f"{row.start:.0%} → {row.now:.0%}" if row.moved else f"{row.now:.0%}"
            painter.drawText(
                QRect(right + line // 2, round(y), value_width, round(step)),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            font.setBold(False)
            painter.setFont(font)
            y += step
        full = x(1.0)
        painter.setPen(QPen(ink, 2, Qt.PenStyle.DashLine))
        painter.drawLine(full, margin + legend_height - line // 3, full, round(y))
        painter.setPen(ink)
        painter.drawText(QRect(full - line * 2, margin, line * 4, line), Qt.AlignmentFlag.AlignCenter, "100%")

    def _legend(self, painter: QPainter, margin: int, left: int, line: int) -> None:
        metrics, colours = self.fontMetrics(), current()
        x = margin
        for colour, text in ((colours.chart_start, "At the start of the meeting"), (colours.load_ok, "Now")):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRect(QRect(x, margin + line // 4, line, line // 2 + 2))
            painter.setPen(QColor(colours.ink))
            painter.drawText(x + line + 6, margin + metrics.ascent(), text)
            x += line + 6 + metrics.horizontalAdvance(text) + line * 2
