"""How big a window's type comes out (imported by name: tests/ui is on the
path): every visible widget that shows text, at the font it is drawn in
once the stylesheets are resolved, against the size the window aims for.
Headings are named by object name; everything else with text is body."""

from __future__ import annotations

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tafdesk.ui.meetings.balance_chart import BalanceChart

HEADINGS = frozenset({"mmTitle", "mmHeading", "mmProgress", "prTitle", "prHeading", "prProgress"})
TEXT = (
    QLabel,
    QAbstractButton,
    QTabBar,
    QHeaderView,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QProgressBar,
    BalanceChart,
)


def pixels(widget: QWidget) -> int:
    return QFontInfo(widget.font()).pixelSize()


def shown_text_widgets(root: QWidget) -> list[QWidget]:
    return [
        w for w in [root, *root.findChildren(QWidget)] if isinstance(w, TEXT) and w.isVisibleTo(root) and w.isVisible()
    ]


def small_type(root: QWidget, body: int) -> list[str]:
    """Each body widget drawn smaller than `body` pixels, and each heading not
    larger than the largest body text; empty when the type is as intended."""
    widgets = shown_text_widgets(root)
    headings = [w for w in widgets if w.objectName() in HEADINGS]
    others = [w for w in widgets if w.objectName() not in HEADINGS]
    found = [f"{_name(w)} is {pixels(w)} px, body is {body}" for w in others if pixels(w) < body]
    largest = max((pixels(w) for w in others), default=body)
    found += [
        f"heading {_name(w)} is {pixels(w)} px, body text up to {largest}" for w in headings if pixels(w) <= largest
    ]
    return found


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    return f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r} {text[:40]!r}"
