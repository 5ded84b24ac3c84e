"""Whether a window shows its words whole (imported by name: tests/ui is on
the path): no label, button, tab, drop-down or column heading narrower or
shorter than its text, none cut off at its parent's edge, and no word in a
text pane broken across two lines. Table cells may elide (their tooltips
say the rest); a column scrolled partly out of its table's view is not cut.

`fit_problems` adds what large text (200%) and small screens test: the
window no larger than the room it has, each control's text measured with
its font against the room its style leaves for it, every tab in view, each
table or list at least a few rows high, and no form scrolling sideways."""

from __future__ import annotations

import re

from PySide6 import QtGui
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionHeader,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)

TEXT_WIDGETS = (QLabel, QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)
WORD = re.compile(r"\w")
FEW_ROWS = 3  # a table or list shows at least this many rows (or all it has),
TALL_ROWS, LINES = 2, 6  # or this many of rows taller than two lines, if they hold this many lines
BUTTON_CONTENTS = {
    QCheckBox: QStyle.SubElement.SE_CheckBoxContents,
    QRadioButton: QStyle.SubElement.SE_RadioButtonContents,
    QPushButton: QStyle.SubElement.SE_PushButtonContents,
}


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
                found.append(
                    f"button {_name(widget)} is {widget.width()} wide, needs {widget.minimumSizeHint().width()}"
                )
        elif isinstance(widget, QComboBox) and widget.width() < widget.minimumSizeHint().width():
            found.append(
                f"drop-down {_name(widget)} is {widget.width()} wide, needs {widget.minimumSizeHint().width()}"
            )
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            found += _headings(widget)
        elif isinstance(widget, QTabBar):
            found += [
                f"tab {widget.tabText(i)!r} is cut"
                for i in range(widget.count())
                if widget.tabRect(i).width() < widget.tabSizeHint(i).width()
            ]
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
            cut.append(
                f"heading {option.text!r} of {header.parentWidget().accessibleName()!r} has {width} for {needed}"
            )
    return cut


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)) else ""
    name = widget.accessibleName() or widget.objectName() or type(widget).__name__
    return f"{name!r}" + (f" ({text[:60]!r})" if text and text != name else "")


# -- large text and small screens -----------------------------------------------------


def fit_problems(window: QWidget, room: QSize) -> list[str]:
    """What does not fit when `window` has `room` (its screen's available
    area inside the system's frame), one line each; empty if all does."""
    found = [
        f"{what} {size.width()}x{size.height()} is larger than the room, {room.width()}x{room.height()}"
        for what, size in (
            ("its smallest size", window.minimumSizeHint()),
            ("its minimum size", window.minimumSize()),
            ("its size", window.size()),
        )
        if size.width() > room.width() or size.height() > room.height()
    ]
    return found + cramped(window)


def cramped(root: QWidget) -> list[str]:
    """Everything above but the window's size: words cut short, measured
    either way, tabs out of view, tables too short, forms scrolling sideways."""
    return cut_text(root) + overflowing_text(root) + short_views(root) + sideways(root)


def overflowing_text(root: QWidget) -> list[str]:
    """Labels, buttons, ticks, choices, drop-downs and tabs whose words,
    measured in their own font, are wider than the room inside them
    (padding, the box of a tick, an arrow and an icon taken off). A label
    that elides by design (ui/elided_label.py: the status bar's database)
    says all of its text in its tooltip, and is left out."""
    found: list[str] = []
    for widget in _all_shown(root):
        if isinstance(widget, QLabel):
            if widget.toolTip() and widget.property("elided"):
                continue
            text = widget.text() if widget.buddy() is None else _without_mnemonic(widget.text())
            room = _label_room(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar):
            room, text = _button_room(widget), _without_mnemonic(widget.text())
        elif isinstance(widget, QTabBar):
            found += _tabs_out_of_view(widget)
            continue
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            room, text = _choice_room(widget), widget.currentText()
        else:
            continue
        if room is None or not text:
            continue
        needed = max(widget.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        if needed > room:
            found.append(f"{_name(widget)} has {room} for words {needed} wide")
    return found


def short_views(root: QWidget, rows: int = FEW_ROWS) -> list[str]:
    """Tables and lists in view fewer than `rows` rows high, or than all
    their rows if they have fewer (chips in a wrapping list are not rows:
    they take as many lines as they need)."""
    found = []
    for view in _all_shown(root):
        if not isinstance(view, (QTableView, QListView)) or view.parentWidget() is None:
            continue
        if isinstance(view, QListView) and view.isWrapping():
            continue
        row = _row_height(view)
        count = max(view.model().rowCount(), 1) if view.model() is not None else 1  # all of them, if fewer
        needed = min(rows * row, max(TALL_ROWS * row, LINES * view.fontMetrics().height()), count * row)
        if view.viewport().height() < needed:
            found.append(f"{_view_name(view)} shows {view.viewport().height()} pixels of rows of {row}, needs {needed}")
    return found


def sideways(root: QWidget) -> list[str]:
    """Forms and pages that need scrolling sideways to be read (a table may)."""
    return [
        f"{_name(area.widget())} in a scroll area is {area.widget().width()} wide for "
        f"{area.viewport().width()}: it scrolls sideways"
        for area in root.findChildren(QScrollArea)
        if area.isVisible()
        and area.widget() is not None  # its viewport is covered by what it holds
        and area.widget().width() > area.viewport().width()
    ]


def _all_shown(root: QWidget) -> list[QWidget]:
    return [widget for widget in [root, *root.findChildren(QWidget)] if _shown(widget, root)]


def _label_room(label: QLabel) -> int | None:
    if (
        label.wordWrap()
        or not label.pixmap().isNull()
        or label.textFormat() == Qt.TextFormat.RichText
        or QtGui.Qt.mightBeRichText(label.text())
    ):
        return None  # wrapped and rich labels: their height is checked by cut_text
    return label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)


def _button_room(button: QAbstractButton) -> int | None:
    element = next((e for kind, e in BUTTON_CONTENTS.items() if isinstance(button, kind)), None)
    if element is None:
        return None
    option = QStyleOptionButton()
    button.initStyleOption(option)
    room = button.style().subElementRect(element, option, button).width()
    if not button.icon().isNull() and isinstance(button, QPushButton):
        room -= button.iconSize().width() + 4  # the gap Fusion leaves between icon and words
    if isinstance(button, QPushButton) and button.menu() is not None:
        room -= button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    return room


def _choice_room(combo: QComboBox) -> int:
    """The room a drop-down leaves for its current choice's words, beside its arrow (and icon)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    room = (
        combo.style()
        .subControlRect(QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo)
        .width()
    )
    return room - (combo.iconSize().width() + 4 if not option.currentIcon.isNull() else 0)


def _tabs_out_of_view(bar: QTabBar) -> list[str]:
    """Tabs scrolled out of the bar, behind its scroll arrows (cut_text finds those squeezed)."""
    return [
        f"tab {bar.tabText(i)!r} is out of view"
        for i in range(bar.count())
        if bar.isTabVisible(i) and (bar.tabRect(i).right() > bar.width() or bar.tabRect(i).left() < 0)
    ]


def _without_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _row_height(view: QAbstractItemView) -> int:
    if isinstance(view, QTableView):
        return view.verticalHeader().defaultSectionSize()
    model = view.model()
    if model is not None and model.rowCount():
        return max(view.sizeHintForRow(0), 1)
    return view.fontMetrics().height()


def _view_name(view: QAbstractItemView) -> str:
    return repr(view.accessibleName() or view.objectName() or type(view).__name__)
