"""Whether a window shows its words whole (imported by name: tests/ui is on
the path): no label, button, tab, drop-down or column heading narrower or
shorter than its text, none cut off at its parent's edge, and no word in a
text pane broken across two lines. Table cells may elide (their tooltips
say the rest); a column scrolled partly out of its table's view is not cut."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionHeader,
    QTabBar,
    QTextEdit,
    QWidget,
)

TEXT_WIDGETS = (QLabel, QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)
WORD = re.compile(r"\w")


def cut_text(root: QWidget) -> list[str]:
    """What is shown cut short in root, one line each; empty if nothing is."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        if isinstance(widget, QLabel):
            found += _label(widget)
        elif isinstance(widget, QAbstractButton) and widget.text() and not isinstance(widget.parentWidget(), QTabBar):
            if widget.width() < widget.minimumSizeHint().width():
                found.append(f"button {_name(widget)} is {widget.width()} wide, needs {widget.minimumSizeHint().width()}")
        elif isinstance(widget, QComboBox) and widget.width() < widget.minimumSizeHint().width():
            found.append(f"drop-down {_name(widget)} is {widget.width()} wide, needs {widget.minimumSizeHint().width()}")
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            found += _headings(widget)
        elif isinstance(widget, QTabBar):
            found += [f"tab {widget.tabText(i)!r} is cut" for i in range(widget.count())
                      if widget.tabRect(i).width() < widget.tabSizeHint(i).width()]  # fmt: skip
        elif isinstance(widget, QTextEdit):
            found += [f"{_name(widget)} breaks {word!r}" for word in broken_words(widget.document())]
        if isinstance(widget, TEXT_WIDGETS) and widget.visibleRegion().boundingRect().width() < widget.width():
            found.append(f"{_name(widget)} is cut at its parent's edge")
    return found


def broken_words(document: QTextDocument) -> list[str]:
    """Words the layout split across two lines (a column too narrow for them)."""
    document.documentLayout().documentSize()  # the whole document laid out, not only what is in view
    broken = []
    block = document.begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        for n in range(layout.lineCount() - 1):
            end = layout.lineAt(n).textStart() + layout.lineAt(n).textLength()
            if 0 < end < len(text) and WORD.match(text[end - 1]) and WORD.match(text[end]):
                start = end - 1
                while start > 0 and WORD.match(text[start - 1]):
                    start -= 1
                broken.append(re.match(r"\w+", text[start:]).group())
        block = block.next()
    return broken


def _shown(widget: QWidget, root: QWidget) -> bool:
    if not widget.isVisible() or not widget.isVisibleTo(root):
        return False
    painted = widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget  # a view's viewport covers it
    return not painted.visibleRegion().isEmpty()  # scrolled out of view entirely: nothing to cut


def _label(label: QLabel) -> list[str]:
    if not label.text() or not label.pixmap().isNull():
        return []
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return [f"label {_name(label)} is {label.height()} high, needs {needed}"]
        return []
    needed = label.minimumSizeHint()
    if label.width() < needed.width() or label.height() < needed.height():
        return [f"label {_name(label)} is {label.width()}x{label.height()}, needs {needed.width()}x{needed.height()}"]
    return []


def _headings(header: QHeaderView) -> list[str]:
    """Column headings wholly in view whose text does not fit between the
    section's padding (and its sort arrow, if it shows one)."""
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)  # as resources/style.qss draws them
    metrics = QFontMetrics(font)
    cut = []
    for column in range(header.count()):
        position, size = header.sectionViewportPosition(column), header.sectionSize(column)
        if header.isSectionHidden(column) or position < 0 or position + size > header.width():
            continue
        option = QStyleOptionHeader()
        header.initStyleOption(option)
        header.initStyleOptionForIndex(option, column)
        option.rect = QRect(position, 0, size, header.height())
        room = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)
        width = room.width()
        if option.sortIndicator != QStyleOptionHeader.SortIndicator.None_:
            arrow = header.style().subElementRect(QStyle.SubElement.SE_HeaderArrow, option, header)
            width = min(width, arrow.left() - room.left())
        lines = str(option.text).split("\n")
        needed = max(metrics.horizontalAdvance(line) for line in lines)
        if needed > width or metrics.height() * len(lines) > room.height() + 2:
            cut.append(f"heading {option.text!r} of {header.parentWidget().accessibleName()!r} "
                       f"has {width} for {needed}")  # fmt: skip
    return cut


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)) else ""
    name = widget.accessibleName() or widget.objectName() or type(widget).__name__
    return f"{name!r}" + (f" ({text[:60]!r})" if text and text != name else "")
