"""Cell editors for the plan's tables, and the outline drawn round a cell the
SMART check has a problem with (with a corner mark, so that it does not rely
on colour alone)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygon
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QInputDialog,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from tafdesk.models.enums import ActionStatus, NeedArea
from tafdesk.plans.content import Owner
from tafdesk.ui import theme
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.plans.labels import ACTION_STATUS_LABELS
from tafdesk.ui.plans.roles import PROBLEM_ROLE

Index = QModelIndex | QPersistentModelIndex
OUTLINE = QColor(theme.LOAD_OVER)


class FlaggedDelegate(QStyledItemDelegate):
    """Draws the cell as usual, then outlines it if it has a problem."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        if not index.data(PROBLEM_ROLE):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(OUTLINE, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        corner = option.rect.topRight()
        size = max(7, option.rect.height() // 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(OUTLINE)
        painter.drawPolygon(QPolygon([corner, corner - QPoint(size, 0), corner + QPoint(0, size)]))
        painter.restore()


class ChoiceDelegate(FlaggedDelegate):
    """A drop-down of (text, value) choices; the first may stand for "none"."""

    def __init__(self, choices: Callable[[], Sequence[tuple[str, Any]]], parent: Any = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for text, value in self._choices():
            if text == "-":
                combo.insertSeparator(combo.count())
            else:
                combo.addItem(text, value)
        combo.setMaxVisibleItems(16)
        return combo

    def setEditorData(self, editor: QComboBox, index: Index) -> None:  # noqa: N802
        current = index.data(Qt.ItemDataRole.EditRole)
        for row in range(editor.count()):
            if editor.itemData(row) == current and editor.itemText(row):
                editor.setCurrentIndex(row)
                return

    def setModelData(self, editor: QComboBox, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def owner_choices(owners: Sequence[Owner]) -> list[tuple[str, Any]]:
    """Nobody, then the team, their agencies and the family, each group apart."""
    choices: list[tuple[str, Any]] = [("Nobody yet", None)]
    for kind in ("professional", "agency", "person"):
        group = [o for o in owners if o.kind == kind]
        if group:
            choices.append(("-", None))
            choices += [(o.label, o) for o in group]
    return choices


def area_choices() -> list[tuple[str, Any]]:
    return [(NEED_AREA_SHORT[area], area) for area in NeedArea]


class DateDelegate(FlaggedDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("d MMM yyyy")
        return editor

    def setEditorData(self, editor: QDateEdit, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(QDate(value) if isinstance(value, dt.date) else QDate.currentDate())
        editor.setProperty("was_empty", not isinstance(value, dt.date))
        editor.setProperty("touched", False)
        for signal in (editor.dateChanged, editor.lineEdit().textEdited, editor.calendarWidget().clicked):
            signal.connect(lambda *_: editor.setProperty("touched", True))  # today chosen on purpose counts

    def setModelData(self, editor: QDateEdit, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if editor.property("was_empty") and not editor.property("touched"):
            return  # tabbing through an empty date leaves it empty, not today
        model.setData(index, editor.date().toPython(), Qt.ItemDataRole.EditRole)


AskReason = Callable[[QWidget, str], str | None]


def ask_dropped_reason(parent: QWidget, current: str) -> str | None:
    text, ok = QInputDialog.getText(parent, "Why was it dropped?", "Say why the action was dropped:", text=current)
    return text.strip() if ok and text.strip() else None


class StatusDelegate(FlaggedDelegate):
    """Open, done or dropped; dropping asks why."""

    def __init__(self, parent: Any = None, ask_reason: AskReason = ask_dropped_reason) -> None:
        super().__init__(parent)
        self.ask_reason = ask_reason

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for status, text in ACTION_STATUS_LABELS.items():
            combo.addItem(text, status)
        return combo

    def setEditorData(self, editor: QComboBox, index: Index) -> None:  # noqa: N802
        status, _reason = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(list(ACTION_STATUS_LABELS).index(status))

    def setModelData(self, editor: QComboBox, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        status = ActionStatus(editor.currentData())  # Qt hands back a string enum's plain value
        current, reason = index.data(Qt.ItemDataRole.EditRole)
        if status is ActionStatus.DROPPED and current is not ActionStatus.DROPPED:
            reason = self.ask_reason(editor.window(), reason or "")
            if reason is None:
                return  # not dropped after all
        model.setData(index, (status, reason), Qt.ItemDataRole.EditRole)
