"""Cell editors for the plan's tables, and the outline drawn round a cell the
SMART check has a problem with (with a corner mark, so that it does not rely
on colour alone). Text cells say what is being typed in them before it is
committed (`typing`), so that autosave can keep it on this computer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QInputDialog,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from tafdesk.models.enums import ActionStatus, NeedArea
from tafdesk.plans.content import Owner
from tafdesk.ui.colours import current
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.plans.date_edit import DateLineEdit
from tafdesk.ui.plans.labels import ACTION_STATUS_LABELS
from tafdesk.ui.plans.roles import NOT_TAKEN_ROLE, PROBLEM_ROLE
from tafdesk.ui.text import day

Index = QModelIndex | QPersistentModelIndex
LEAVING_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class FlaggedDelegate(QStyledItemDelegate):
    """Draws the cell as usual, then outlines it if it has a problem."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        if not index.data(PROBLEM_ROLE):
            return
        outline = QColor(current().error.mark)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(outline, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        corner = option.rect.topRight()
        size = max(7, option.rect.height() // 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(outline)
        painter.drawPolygon(QPolygon([corner, corner - QPoint(size, 0), corner + QPoint(0, size)]))
        painter.restore()


class TextDelegate(FlaggedDelegate):
    """Text cells, which say what is typed in them as it is typed, before it is
    committed, and when their editor closes."""

    typing = Signal(QPersistentModelIndex, str)
    typing_ended = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.editing: QLineEdit | None = None  # the cell's editor while one is open
        self.editor_made: Callable[[QLineEdit], None] | None = None  # e.g. to give it Mark restricted

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            cell = QPersistentModelIndex(index)
            editor.textEdited.connect(lambda text: self.typing.emit(cell, text))
            self.editing = editor
            if self.editor_made is not None:
                self.editor_made(editor)
        return editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        if editor is self.editing:
            self.editing = None
        self.typing_ended.emit()  # committed first, if it was committed
        super().destroyEditor(editor, index)


class ChoiceDelegate(FlaggedDelegate):
    """A drop-down of (text, value) choices; the first may stand for "none"."""

    def __init__(self, choices: Callable[[], Sequence[tuple[str, Any]]], parent: Any = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for text, value in self._choices():
            if text == "-":
                combo.insertSeparator(combo.count())
            else:
                combo.addItem(text, value)
        combo.setMaxVisibleItems(16)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)  # made by createEditor
        current = index.data(Qt.ItemDataRole.EditRole)
        for row in range(editor.count()):
            if editor.itemData(row) == current and editor.itemText(row):
                editor.setCurrentIndex(row)
                return

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)  # made by createEditor
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
    """A date typed as text, day first. Enter or Tab on text that is not one
    date keeps the editor open with the reason beneath it; closed any other
    way, the cell keeps its date and is marked with what was not taken."""

    def __init__(self, today: dt.date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return DateLineEdit(self.today, parent, note_host=parent.parentWidget())  # the note floats over the table

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, DateLineEdit)  # made by createEditor
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.set_date(value if isinstance(value, dt.date) else None)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, DateLineEdit)  # made by createEditor
        value, problem = editor.reading()
        if problem is None:
            model.setData(index, value, Qt.ItemDataRole.EditRole)  # blank: no date (tabbing through leaves it so)
            return
        kept = day(index.data(Qt.ItemDataRole.EditRole)) or "no date"
        message = f"Not changed (still {kept}): {problem}"
        model.setData(index, message, NOT_TAKEN_ROLE)
        view = self.parent()
        if isinstance(view, QAbstractItemView):  # said at the cell now, and in its tooltip until it is edited
            rect = view.visualRect(index)
            QToolTip.showText(view.viewport().mapToGlobal(rect.bottomLeft()), message, view.viewport(), rect)

    def keeps_editor_open(self, editor: QWidget) -> bool:
        """Text that is not one date keeps Enter and Tab in the cell (ui/keyboard.py asks too)."""
        return isinstance(editor, DateLineEdit) and editor.reading()[1] is not None

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in LEAVING_KEYS
            and isinstance(editor, DateLineEdit)
            and self.keeps_editor_open(editor)
        ):
            editor.insist()
            return True
        return super().eventFilter(editor, event)


AskReason = Callable[[QWidget, str], str | None]


def ask_dropped_reason(parent: QWidget, current: str) -> str | None:
    text, ok = QInputDialog.getText(parent, "Why was it dropped?", "Say why the action was dropped:", text=current)
    return text.strip() if ok and text.strip() else None


class StatusDelegate(FlaggedDelegate):
    """Open, done or dropped; dropping asks why."""

    def __init__(self, parent: Any = None, ask_reason: AskReason = ask_dropped_reason) -> None:
        super().__init__(parent)
        self.ask_reason = ask_reason

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for status, text in ACTION_STATUS_LABELS.items():
            combo.addItem(text, status)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)  # made by createEditor
        status, _reason = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(list(ACTION_STATUS_LABELS).index(status))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)  # made by createEditor
        status = ActionStatus(editor.currentData())  # Qt hands back a string enum's plain value
        current, reason = index.data(Qt.ItemDataRole.EditRole)
        if status is ActionStatus.DROPPED and current is not ActionStatus.DROPPED:
            reason = self.ask_reason(editor.window(), reason or "")
            if reason is None:
                return  # not dropped after all
        model.setData(index, (status, reason), Qt.ItemDataRole.EditRole)
