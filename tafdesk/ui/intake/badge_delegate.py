"""Drawing the family's name with small labelled badges after it ("Repeat",
"Match to confirm"). Each badge is a word, so colour is never the only
signal."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tafdesk.ui.cell_paint import draw_cell_background
from tafdesk.ui.colours import current
from tafdesk.ui.intake.roles import BADGES_ROLE

BADGE_TONES = {"repeat": "info", "match": "warn"}  # kind -> its tone in ui/colours.py
GAP = 6


def badge_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(base.pointSizeF() - 1.0, 9.0))
    font.setBold(True)
    return font


class BadgeDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        badges = index.data(BADGES_ROLE) or ()
        if not badges:
            super().paint(painter, option, index)
            return
        opt, text = draw_cell_background(self, painter, option, index)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = badge_font(opt.font)
        small_metrics = QFontMetrics(small)
        widths = [small_metrics.horizontalAdvance(label) + 12 for label, _ in badges]
        style = opt.widget.style() if opt.widget else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, opt.widget) + 1
        rect = opt.rect.adjusted(margin, 0, -margin, 0)
        room_for_badges = sum(widths) + GAP * len(widths)
        metrics = QFontMetrics(opt.font)
        name_width = max(rect.width() - room_for_badges, metrics.horizontalAdvance("M") * 4)
        name = metrics.elidedText(text, Qt.TextElideMode.ElideRight, name_width)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(opt.palette.highlightedText().color() if selected else opt.palette.text().color())
        painter.setFont(opt.font)
        painter.drawText(
            QRect(rect.left(), rect.top(), name_width, rect.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        x = rect.left() + metrics.horizontalAdvance(name) + GAP + 2
        height = small_metrics.height() + 4
        top = rect.center().y() - height // 2 + 1
        painter.setFont(small)
        for (label, kind), width in zip(badges, widths, strict=True):
            if x + width > rect.right() + 1:
                break
            tone = getattr(current(), BADGE_TONES.get(kind, "info"))
            pill = QRect(x, top, width, height)
            painter.setPen(QColor(tone.line))
            painter.setBrush(QColor(tone.tint))
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(QColor(tone.ink))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
            x += width + GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        badges = index.data(BADGES_ROLE) or ()
        if not badges:
            return hint
        metrics = QFontMetrics(badge_font(option.font))
        extra = sum(metrics.horizontalAdvance(label) + 12 + GAP for label, _ in badges) + GAP
        return QSize(hint.width() + extra, hint.height())
