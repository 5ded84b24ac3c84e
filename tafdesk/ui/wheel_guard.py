"""The mouse wheel scrolls the form; it never changes a value the user has not
chosen to edit. Over a drop-down, a number or a date that does not have the
keyboard focus, the wheel goes to the form around it instead (a user scrolling
a long profile once turned consent from Given to Withdrawn this way). Such
fields also stop taking the focus from the wheel (Qt's default for drop-downs
and numbers), so that scrolling past one cannot make it the focused one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Wheel, QEvent.Type.Polish) or not isinstance(watched, GUARDED):
            return False
        if kind is QEvent.Type.Polish:
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if watched.hasFocus():
            return False
        parent = watched.parentWidget()
        if parent is not None:
            QApplication.sendEvent(parent, event)  # the form (or its scroll area) scrolls
        return True


def guard_wheel(app: QApplication) -> None:
    """Once per application; widgets made later are covered too."""
    if app.property("wheel_guarded"):
        return
    app.installEventFilter(WheelGuard(app))
    app.setProperty("wheel_guarded", True)
