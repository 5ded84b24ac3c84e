"""A one-line label that shortens its text with an ellipsis in the middle
when it has less room than the text needs (a long database path in the
status bar, at large text sizes): it never widens its window. The whole
text is in its tooltip, and screen readers read all of it (a label's name
is its text)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QStyle, QStyleOption, QWidget

LEAST_CHARS = 12  # what it keeps, at least, of its text


class ElidedLabel(QLabel):
    def __init__(self, text: str, parent: QWidget | None = None, *, object_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("elided", True)  # tests/ui/screen_check.py: cut by design, said in full in the tooltip
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * LEAST_CHARS), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
        room = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, room.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(room, int(self.alignment()), shown)
