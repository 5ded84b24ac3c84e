"""A professional's caseload before and after taking this family: the figures
("62% → 86%"), then a bar whose solid part is the load now and whose lighter
part is what this family adds, with a mark at 100%. Green under 85% of
capacity, amber up to 100%, red over; the figures are always written, so
colour is never the only signal."""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tafdesk.ui.cell_paint import draw_cell_background
from tafdesk.ui.colours import current
from tafdesk.ui.directory.load_delegate import band_colour
from tafdesk.ui.meetings.roles import AFTER_ROLE, RATIO_ROLE

SCALE_TOP = 1.25  # the bar's right end, as a share of capacity, unless someone is further over


def capacity_text(now: float, after: float | None) -> str:
    def pct(value: float) -> str:
        return "∞" if math.isinf(value) else f"{value:.0%}"

    return pct(now) if after is None else f"{pct(now)} → {pct(after)}"


def paint_bar(painter: QPainter, track: QRect, now: float, after: float | None) -> None:
    """The bar alone, in `track`."""
    top = max(SCALE_TOP, min(after if after is not None and not math.isinf(after) else now, 2.0))
    if math.isinf(now):
        now = top
    radius = max(2, track.height() // 4)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(current().load_track))
    painter.drawRoundedRect(track, radius, radius)

    def width(ratio: float) -> int:
        return round(track.width() * min(max(ratio, 0.0), top) / top)

    if after is not None and after > now:
        added = QRect(track)
        added.setWidth(max(3, width(after)))
        colour = QColor(band_colour(after))
        colour.setAlpha(110)
        painter.setBrush(colour)
        painter.drawRoundedRect(added, radius, radius)
    if now > 0:
        solid = QRect(track)
        solid.setWidth(max(3, width(now)))
        painter.setBrush(band_colour(now))
        painter.drawRoundedRect(solid, radius, radius)
    full = track.left() + width(1.0)
    painter.setPen(QPen(QColor(current().ink), 2))
    painter.drawLine(full, track.top() - 3, full, track.bottom() + 3)


class CapacityDelegate(QStyledItemDelegate):
    """The cell's text (its figures), then the bar; `template` is the widest text expected."""

    PADDING = 8

    def __init__(self, parent=None, *, template: str = "100% → 100%") -> None:
        super().__init__(parent)
        self.template = template

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        now = index.data(RATIO_ROLE)
        if now is None:
            super().paint(painter, option, index)
            return
        after = index.data(AFTER_ROLE)
        opt, text = draw_cell_background(self, painter, option, index)
        text = text or capacity_text(now, after)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = opt.rect.adjusted(self.PADDING, 0, -self.PADDING, 0)
        font = QFont(opt.font)
        over = (after if after is not None else now) > 1.0
        font.setBold(over)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        text_width = max(metrics.horizontalAdvance(self.template), metrics.horizontalAdvance(text)) + 6
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = (
            opt.palette.highlightedText().color()
            if selected
            else (QColor(current().load_over) if over else opt.palette.text().color())
        )
        painter.setPen(ink)
        painter.drawText(
            QRect(rect.left(), rect.top(), text_width, rect.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        bar_left = rect.left() + text_width + 6
        bar_width = rect.right() - bar_left
        if bar_width > 16:
            height = max(8, metrics.height() // 2)
            track = QRect(bar_left, rect.center().y() - height // 2 + 1, bar_width, height)
            paint_bar(painter, track, now, after)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        metrics = option.fontMetrics
        return QSize(
            max(hint.width(), metrics.horizontalAdvance(self.template) + metrics.horizontalAdvance("M") * 5),
            hint.height(),
        )
