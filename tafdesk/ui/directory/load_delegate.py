"""Drawing a caseload as a percentage and a bar: green under 85% of capacity,
amber up to 100%, red over. The figure is always written, so colour is
never the only signal."""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tafdesk.ui.cell_paint import draw_cell_background
from tafdesk.ui.colours import current
from tafdesk.ui.directory.roles import RATIO_ROLE

NEAR_FULL = 0.85


def band_colour(ratio: float) -> QColor:
    colours = current()
    if ratio > 1.0:
        return QColor(colours.load_over)
    if ratio >= NEAR_FULL:
        return QColor(colours.load_near)
    return QColor(colours.load_ok)


class LoadDelegate(QStyledItemDelegate):
    BAR_HEIGHT = 10
    PADDING = 8

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        ratio = index.data(RATIO_ROLE)
        if ratio is None:
            super().paint(painter, option, index)
            return
        opt, text = draw_cell_background(self, painter, option, index)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = opt.rect.adjusted(self.PADDING, 0, -self.PADDING, 0)
        font = QFont(opt.font)
        if ratio > 1.0:
            font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        text_width = max(metrics.horizontalAdvance("100%"), metrics.horizontalAdvance(text)) + 4
        text_rect = QRect(rect.left(), rect.top(), text_width, rect.height())
        ink: QColor | str  # a colour, or its name
        if opt.state & QStyle.StateFlag.State_Selected:  # on the chosen row's colour, as the row's other text
            ink = opt.palette.highlightedText().color()
        else:
            ink = (
                current().load_over
                if ratio > 1.0
                else index.data(Qt.ItemDataRole.ForegroundRole) or opt.palette.text().color()
            )
        painter.setPen(QColor(ink))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

        bar_left = text_rect.right() + 8
        bar_width = rect.right() - bar_left
        if bar_width > 12:
            track = QRect(bar_left, rect.center().y() - self.BAR_HEIGHT // 2 + 1, bar_width, self.BAR_HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(current().load_track))
            painter.drawRoundedRect(track, 3, 3)
            filled = 1.0 if math.isinf(ratio) else min(max(ratio, 0.0), 1.0)
            if filled > 0:
                bar = QRect(track)
                bar.setWidth(max(3, round(track.width() * filled)))
                painter.setBrush(band_colour(ratio))
                painter.drawRoundedRect(bar, 3, 3)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 150), hint.height())
