"""Where a window opens: wholly inside the screen's available area (taskbar
and docks excluded), with room for the title bar and borders the system
draws round it, so that its status bar is never below the bottom edge."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# The system's frame round a window (Windows 10/11 at 100%: a 31-pixel title
# bar and 8-pixel borders); it is not known until the window has been shown.
FRAME = QMargins(8, 32, 8, 8)


def available_area(window: QWidget, at: QRect | None = None) -> QRect:
    """The available area of the screen showing `at` (default the window's own screen)."""
    screen = QGuiApplication.screenAt(at.center()) if at is not None and at.isValid() else None
    return (screen or window.screen()).availableGeometry()


def fitted(wanted: QRect, available: QRect, frame: QMargins = FRAME) -> QRect:
    """`wanted` (a window's own area, without the frame) made no larger than
    `available` allows with the frame round it, then moved wholly inside."""
    room = available.marginsRemoved(frame)
    size = wanted.size().boundedTo(room.size())
    left = min(max(wanted.left(), room.left()), room.right() + 1 - size.width())
    top = min(max(wanted.top(), room.top()), room.bottom() + 1 - size.height())
    return QRect(QPoint(left, top), size)


def centred(size: QSize, available: QRect, frame: QMargins = FRAME) -> QRect:
    """A window of `size` (smaller if the screen is) in the middle of `available`."""
    room = available.marginsRemoved(frame)
    shown = size.boundedTo(room.size())
    return QRect(
        QPoint(room.left() + (room.width() - shown.width()) // 2, room.top() + (room.height() - shown.height()) // 2),
        shown,
    )


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Give a dialog the size it is best at, or less where its screen is
    smaller (large text: 200% leaves a 1920x1080 screen 960x540 pixels);
    what does not fit then scrolls."""
    room = available_area(window).marginsRemoved(FRAME).size()
    window.resize(QSize(width, height).boundedTo(room))
