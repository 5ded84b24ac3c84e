"""The pieces that let every screen fit at large text sizes (issue 15): rows
of controls that wrap, pages and forms that scroll only below their least
size, tables kept a few rows high, a label that shortens a long path, and
dialogs no larger than their screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui.elided_label import ElidedLabel
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.scrolling import scrolling
from tafdesk.ui.table_fit import FEW_ROWS, keep_rows_in_view, set_row_height
from tafdesk.ui.theme import apply_theme
from tafdesk.ui.window_fit import FRAME, resize_within_screen

WORDS = ("Import profiles…", "New profile…", "Correct profile…", "Address and household…", "Inbox folder…")


@pytest.fixture(autouse=True)
def _themed(qapp) -> None:
    apply_theme(qapp)


def _row(qtbot, *, search: bool = False, stretch_before: int | None = None, right: bool = False):
    holder = QWidget()
    flow = FlowLayout(holder, right=right)
    buttons = [QPushButton(text) for text in WORDS]
    edit = QLineEdit() if search else None
    for number, button in enumerate(buttons):
        if number == stretch_before:
            flow.addStretch()
        flow.addWidget(button)
    if edit is not None:
        flow.addWidget(edit)
    qtbot.addWidget(holder)
    holder.show()
    return holder, flow, buttons, edit


def _rows(buttons: list[QPushButton]) -> list[list[str]]:
    tops = sorted({button.y() for button in buttons})
    return [[b.text() for b in sorted(buttons, key=lambda b: b.x()) if b.y() == top] for top in tops]


def test_a_row_of_buttons_wraps_and_keeps_every_button_whole(qtbot):
    holder, flow, buttons, _ = _row(qtbot)
    holder.resize(flow.sizeHint().width(), flow.sizeHint().height())
    qtbot.waitUntil(lambda: len(_rows(buttons)) == 1)
    one_row = flow.heightForWidth(holder.width())
    narrow = max(b.sizeHint().width() for b in buttons) + 20
    holder.resize(narrow, flow.heightForWidth(narrow))
    qtbot.waitUntil(lambda: len(_rows(buttons)) == len(buttons))  # one a row, in their order
    assert [row[0] for row in _rows(buttons)] == list(WORDS)
    assert all(b.width() >= b.sizeHint().width() for b in buttons)
    assert flow.heightForWidth(narrow) > 4 * one_row
    assert flow.minimumSize().width() == max(b.sizeHint().width() for b in buttons)


def test_a_search_field_takes_what_its_row_has_spare(qtbot):
    holder, flow, _, edit = _row(qtbot, search=True)
    holder.resize(flow.sizeHint().width() + 300, 80)
    qtbot.waitUntil(lambda: edit.geometry().right() >= holder.width() - 2)
    assert edit.width() >= edit.sizeHint().width() + 290


def test_a_stretch_keeps_what_follows_it_at_the_right(qtbot):
    holder, flow, buttons, _ = _row(qtbot, stretch_before=3)
    holder.resize(flow.sizeHint().width() + 300, 80)
    qtbot.waitUntil(lambda: buttons[-1].geometry().right() >= holder.width() - 2)
    assert buttons[3].x() - buttons[2].geometry().right() > 290
    assert buttons[0].x() == 0


def test_right_aligned_rows_end_at_the_right(qtbot):
    holder, flow, buttons, _ = _row(qtbot, right=True)
    holder.resize(flow.sizeHint().width() + 200, 80)
    qtbot.waitUntil(lambda: buttons[-1].geometry().right() >= holder.width() - 2)
    assert buttons[0].x() >= 190


def _table(rows: int) -> QTableView:
    table = QTableView()
    model = QStandardItemModel(rows, 3, table)
    model.setHorizontalHeaderLabels(["Family", "Case", "Kind"])
    table.setModel(model)
    set_row_height(table)
    keep_rows_in_view(table)
    return table


def test_a_table_keeps_a_few_rows_in_view(qtbot):
    table = _table(40)
    qtbot.addWidget(table)
    table.show()
    row = table.verticalHeader().defaultSectionSize()
    assert table.minimumHeight() >= table.horizontalHeader().sizeHint().height() + FEW_ROWS * row
    table.resize(600, table.minimumHeight())
    assert table.viewport().height() >= FEW_ROWS * row


def _page(table: QTableView, words: str) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel(words, wordWrap=True))
    layout.addWidget(table, 1)
    return page


def test_a_page_scrolls_below_its_least_height_not_below_its_preferred_one(qtbot):
    table = _table(200)  # preferred: every row
    area = scrolling(_page(table, "A line of help above the table. " * 3))
    qtbot.addWidget(area)
    area.resize(500, table.minimumHeight() + 150)
    area.show()
    qtbot.waitUntil(lambda: table.isVisible())
    assert not area.verticalScrollBar().isVisible()  # the table scrolls its own rows
    area.resize(500, table.minimumHeight() // 2)
    qtbot.waitUntil(lambda: area.verticalScrollBar().isVisible())
    assert table.height() >= table.minimumHeight()


def test_a_page_counts_the_lines_its_labels_wrap_onto(qtbot):
    table = _table(5)
    label_text = "Every open case in the locality with its lead professional, most urgent first. " * 4
    page = _page(table, label_text)
    area = scrolling(page)
    qtbot.addWidget(area)
    area.resize(260, 200)  # the words take more lines than the page's least size allows for
    area.show()
    label = page.findChild(QLabel)
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=3_000)
    assert table.height() >= table.minimumHeight()  # neither the words nor the rows squeezed


def test_a_long_path_is_shortened_in_the_middle_and_said_in_full(qtbot):
    text = "Database: C:\\Users\\first.lastname\\AppData\\Local\\Ambervale\\tafdesk\\early-help\\tafdesk.sqlite"
    holder = QWidget()
    row = QHBoxLayout(holder)
    label = ElidedLabel(text)
    row.addWidget(label, 1)
    row.addWidget(QLabel("Signed in as Nadia Hughes (Locality manager)"))
    qtbot.addWidget(holder)
    assert holder.minimumSizeHint().width() < label.fontMetrics().horizontalAdvance(text)  # it never widens its window
    assert label.toolTip() == text and label.text() == text
    holder.resize(holder.minimumSizeHint().width(), 40)
    holder.show()
    qtbot.waitExposed(holder)
    assert label.width() < label.fontMetrics().horizontalAdvance(text)


def test_a_dialog_is_no_larger_than_its_screen(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    room = QApplication.primaryScreen().availableGeometry().marginsRemoved(FRAME).size()
    resize_within_screen(dialog, room.width() + 500, 300)
    assert dialog.size() == QSize(room.width(), 300)
    resize_within_screen(dialog, 640, 420)
    assert dialog.size() == QSize(640, 420)
