"""A professional's name with, beneath it, why they score as they do: the
reasons get the widest column and wrap, so the whole explanation can be read
from the back of the room."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tafdesk.ui.cell_paint import draw_cell_background
from tafdesk.ui.colours import current
from tafdesk.ui.meetings.roles import DETAIL_ROLE

PAD = 6
WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)


class ReasonsDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt, name = draw_cell_background(self, painter, option, index)
        reasons = str(index.data(DETAIL_ROLE) or "")
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        rect = opt.rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(ink if selected or foreground is None else QColor(foreground))
        line = painter.fontMetrics().height()
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), Qt.AlignmentFlag.AlignLeft, name)
        painter.setFont(opt.font)
        painter.setPen(ink if selected else QColor(foreground if foreground is not None else current().muted))
        painter.drawText(QRect(rect.left(), rect.top() + line, rect.width(), rect.height() - line), WRAP, reasons)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = option.fontMetrics
        width = max(option.rect.width() - 2 * PAD, metrics.horizontalAdvance("M") * 4)  # the width it will have
        reasons = str(index.data(DETAIL_ROLE) or "")
        height = metrics.boundingRect(QRect(0, 0, width, 10_000), WRAP, reasons).height() if reasons else 0
        return QSize(width + 2 * PAD, metrics.height() + height + PAD)
