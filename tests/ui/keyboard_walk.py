"""Walking a window with the keyboard as its users do (imported by name:
tests/ui is on the path). `keyboard_problems(window)` presses Tab from the
first control and says, one line each, what a keyboard or screen-reader
user would stumble on:

- a control Tab never reaches, reaches twice, or a walk that never comes
  back to the first control (a table or editor that keeps Tab);
- a focusable control without an accessible name;
- a label whose accessible name hides what it says;
- Tab going back up the screen within a column (the order not following
  what is seen);
- a Tab stop whose focus indicator is missing or faint: fewer changed
  pixels than a one-pixel outline of it, at 3:1 against the same pixels
  without the focus (WCAG 1.4.11 and 2.4.7)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import shiboken6
from PySide6 import QtGui
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage, QTextDocumentFragment
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFocusFrame,
    QLabel,
    QScrollArea,
    QTabBar,
    QTextBrowser,
    QWidget,
)

LIMIT = 400  # Tab presses before a walk counts as trapped
MARGIN = 3  # pixels round a control where its indicator may be drawn
INSET = 6  # and within it
ENOUGH = 0.8  # of a one-pixel outline: scroll bars and clipping take the rest


@dataclass
class Stop:
    widget: QWidget
    name: str
    rect: QRect  # in the window, as if no scroll area were scrolled
    area: QRect | None  # in the window, the scroll area it is in (outermost), if any
    marked: QRect  # in the window, what its focus indicator marked when it had the focus


def describe(widget: QWidget) -> str:
    name = accessible_name(widget) or widget.objectName()
    return f"{type(widget).__name__} {name!r}"


def accessible_name(widget: QWidget) -> str:
    """What a screen reader names the control: its accessible name or its
    label's text (Linux names a drop-down by its current choice, so a
    drop-down needs one of those two)."""
    if widget.accessibleName():
        return widget.accessibleName()
    face = QAccessible.queryAccessibleInterface(widget)
    if face is None:
        return ""
    for other, relation in face.relations(QAccessible.RelationFlag.Label):
        if relation & QAccessible.RelationFlag.Label and other.text(QAccessible.Text.Name):
            return other.text(QAccessible.Text.Name)
    if isinstance(widget, QComboBox):
        return ""
    return face.text(QAccessible.Text.Name) or ""


def expected_stops(window: QWidget) -> list[QWidget]:
    """The controls Tab should reach in `window`, in no particular order (of
    a group of choices, any one: see `stop_key`)."""
    return [
        widget
        for widget in window.findChildren(QWidget)
        if widget.window() is window
        and not isinstance(widget, QFocusFrame)
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and widget.isVisibleTo(window)
        and widget.isEnabled()
    ]


def stop_key(widget: QWidget) -> object:
    """A group of choices (radio buttons, chips) is one Tab stop: Tab reaches
    the chosen one, or the first, and the arrow keys move within it."""
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        group = widget.group()
        if group is not None and group.exclusive():
            return group
        if widget.autoExclusive():
            return ("together", widget.parentWidget())
    return widget


def unscrolled_rect(widget: QWidget, window: QWidget) -> QRect:
    """The widget's rectangle in the window as it would be with every scroll
    area scrolled to its start, so that places compare however far a form
    has been scrolled."""
    position, child = QPoint(0, 0), widget
    while child is not window and child is not None:
        parent = child.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        scrolled = isinstance(area, QScrollArea) and parent is area.viewport()
        if not scrolled:
            position += child.pos()
        child = parent
    return QRect(position, widget.size())


def _scroll_area_rect(widget: QWidget, window: QWidget) -> QRect | None:
    """Where the outermost scroll area holding widget is in the window."""
    found, parent = None, widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea) and parent.widget() is not None and parent.widget().isAncestorOf(widget):
            found = parent
        parent = parent.parentWidget()
    return None if found is None else QRect(found.mapTo(window, QPoint(0, 0)), found.size())


def walk(window: QWidget, *, indicators: bool = True) -> tuple[list[Stop], list[str]]:
    """Tab from the window's first control until the focus comes back to it."""
    window.activateWindow()
    QTest.qWait(20)
    stops = expected_stops(window)
    if not stops:
        return [], []
    first = _first_in_chain(window, stops)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.qWait(10)
    visited: list[Stop] = []
    problems: list[str] = []
    before = grab_rgb(window) if indicators else None
    current = QApplication.focusWidget()
    for _ in range(LIMIT):
        if current is None:
            problems.append(f"the focus was lost after {describe(visited[-1].widget) if visited else 'the start'}")
            break
        visited.append(
            Stop(
                current,
                describe(current),
                unscrolled_rect(current, window),
                _scroll_area_rect(current, window),
                _focused_part(current, window),
            )
        )
        places = {id(w): _shown(w, window) for w in stops if shiboken6.isValid(w)} if indicators else {}
        QTest.keyClick(current, Qt.Key.Key_Tab)
        QTest.qWait(5)
        following = QApplication.focusWidget()
        if indicators and following is not None and following is not current and id(following) in places:
            after = grab_rgb(window)
            problem = _faint(window, following, before, after, visited[-1].marked, places[id(following)])
            if problem:
                problems.append(problem)
            before = after
        current = following
        if current is first:
            break
    else:
        problems.append(
            f"Tab never came back to {describe(first)}: it went round " + " → ".join(stop.name for stop in visited[-6:])
        )
    return visited, problems


def _first_in_chain(window: QWidget, stops: list[QWidget]) -> QWidget:
    widget = window.nextInFocusChain()
    while widget is not window:
        if widget in stops:
            return widget
        widget = widget.nextInFocusChain()
    return stops[0]


def keyboard_problems(window: QWidget, *, indicators: bool = True) -> list[str]:
    """Everything above, for one window as it stands."""
    expected = expected_stops(window)  # before: the walk may enable more (a row chosen)
    visited, problems = walk(window, indicators=indicators)
    problems += _coverage(expected, visited)
    problems += _order(visited)
    problems += unnamed(window)
    problems += hidden_label_text(window)
    return problems


def _coverage(expected: list[QWidget], visited: list[Stop]) -> list[str]:
    problems = []
    reached = {stop_key(stop.widget) for stop in visited if shiboken6.isValid(stop.widget)}
    for widget in expected:
        if shiboken6.isValid(widget) and widget.isVisible() and stop_key(widget) not in reached:
            problems.append(f"Tab never reaches {describe(widget)}")
    previous = None
    seen: set[object] = set()
    for stop in visited:
        widget = stop.widget
        if widget is previous and isinstance(widget, QTextBrowser):
            continue  # Tab goes from link to link in a text with links
        key = stop_key(widget)
        if key in seen:
            problem = f"{stop.name} {'keeps Tab' if widget is previous else 'is reached twice'}"
            problems += [problem] if problem not in problems else []
        seen.add(key)
        previous = widget
    for widget in {stop.widget for stop in visited}:
        if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
            problems.append(f"{describe(widget)} moves between cells with Tab")
    return problems


def _order(visited: list[Stop]) -> list[str]:
    """Tab order against what is seen: a control reached after one that is
    below it in the same column (wholly below, overlapping side to side).
    Tab goes round: the walk is read from the control seen first (top left)."""
    if visited:
        first = min(range(len(visited)), key=lambda n: (visited[n].rect.top(), visited[n].rect.left()))
        visited = visited[first:] + visited[:first]
    problems = []
    for position, there in enumerate(visited):
        for here in visited[:position]:
            a, b = (
                (here.rect, there.rect)
                if here.area == there.area
                else (here.area or here.rect, there.area or there.rect)
            )
            if (
                here.widget is not there.widget
                and b.bottom() < a.top()
                and b.left() < a.right()
                and a.left() < b.right()
            ):
                problems.append(f"Tab reaches {there.name} after {here.name}, which is below it")
                break
    return problems


def unnamed(window: QWidget) -> list[str]:
    return [
        f"{describe(widget)} has no accessible name"
        for widget in _focusable(window)
        if not accessible_name(widget).strip()
    ]


def _focusable(window: QWidget) -> list[QWidget]:
    """Controls Tab can reach, enabled or not (a label is named by its words)."""
    return [
        w
        for w in window.findChildren(QWidget)
        if w.window() is window
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w.isVisibleTo(window)
        and not isinstance(w, (QFocusFrame, QLabel))
    ]


def hidden_label_text(window: QWidget) -> list[str]:
    """Labels, buttons and boxes whose accessible name is set and leaves out
    words they show (a screen reader says the name; someone using speech
    control says what they see: WCAG 2.5.3, label in name)."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisibleTo(window):
            continue
        if not widget.accessibleName() or isinstance(widget.parentWidget(), QTabBar):
            continue
        shown = words(widget.text())
        said = set(words(f"{widget.accessibleName()} {widget.accessibleDescription()}"))
        missing = [word for word in shown if word not in said]
        if missing:
            problems.append(f"{describe(widget)} does not say {' '.join(missing)!r} of {plain(widget.text())[:60]!r}")
    return problems


def words(text: str) -> list[str]:
    return re.findall(r"\w+", plain(text).casefold())


def plain(text: str) -> str:
    if QtGui.Qt.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


# -- the focus indicator ----------------------------------------------------------------


def _shown(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def grab_rgb(window: QWidget) -> np.ndarray:
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    array = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return array[:, : image.width(), 2::-1].astype(np.float64)  # RGB


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB colours (0–255, last axis RGB)."""
    c = rgb / 255.0
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la, lb = luminance(a), luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def _focused_part(widget: QWidget, window: QWidget) -> QRect:
    """What the indicator marks: a table's current cell, a tab bar's current
    tab, or the control; as much of it as is in view."""
    if isinstance(widget, QAbstractItemView) and widget.currentIndex().isValid():
        port = widget.viewport()
        cell = widget.visualRect(widget.currentIndex()).intersected(port.rect())
        return QRect(port.mapTo(window, cell.topLeft()), cell.size())
    if isinstance(widget, QTabBar) and widget.currentIndex() >= 0:
        tab = widget.tabRect(widget.currentIndex())
        return QRect(widget.mapTo(window, tab.topLeft()), tab.size())
    seen = widget.visibleRegion().boundingRect()
    if isinstance(widget, QAbstractScrollArea):
        seen = widget.rect()
    return QRect(widget.mapTo(window, seen.topLeft()), seen.size())


def _faint(
    window: QWidget, widget: QWidget, before: np.ndarray, after: np.ndarray, left: QRect, was: QRect
) -> str | None:
    """Whether the focus arriving at `widget` changed too few pixels, too
    little: compared where the widget stood before Tab (it may have scrolled),
    leaving out the indicator of the control just left (`left`: what it marked)."""
    part = _focused_part(widget, window)
    if part.isEmpty():
        return None
    now = part.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN).intersected(QRect(0, 0, after.shape[1], after.shape[0]))
    shift = was.topLeft() - _shown(widget, window).topLeft()
    then = now.translated(shift)
    if not QRect(0, 0, before.shape[1], before.shape[0]).contains(then):
        return None  # scrolled from out of view: nothing to compare with
    patch_now = after[now.top() : now.bottom() + 1, now.left() : now.right() + 1]
    patch_then = before[then.top() : then.bottom() + 1, then.left() : then.right() + 1]
    changed = contrast(patch_now, patch_then) >= 3.0
    outer = left.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN).translated(-then.topLeft())
    inner = left.adjusted(INSET, INSET, -INSET, -INSET).translated(-then.topLeft())
    gone = np.zeros(changed.shape, bool)
    gone[max(outer.top(), 0) : max(outer.bottom() + 1, 0), max(outer.left(), 0) : max(outer.right() + 1, 0)] = True
    gone[max(inner.top(), 0) : max(inner.bottom() + 1, 0), max(inner.left(), 0) : max(inner.right() + 1, 0)] = False
    changed &= ~gone
    needed = ENOUGH * 2 * (part.width() + part.height())
    count = int(changed.sum())
    if count < needed:
        return f"{describe(widget)} shows its focus with {count} pixels at 3:1, needs {needed:.0f}"
    return None
