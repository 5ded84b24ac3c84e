"""The SMART check above a draft: how many things to put right before the
plan can be agreed, and each one as a chip that takes you to its cell (its
full explanation in the tooltip, and in the cell's). It never blocks saving
a draft."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from tafdesk.plans.smart import SmartProblem
from tafdesk.ui.plans.labels import things_to_put_right

ROWS_SHOWN = 2


def short_problem(problem: SmartProblem) -> str:
    """'Action 3: no owner' and the like."""
    where = "Plan" if problem.action_index is None else f"Action {problem.action_index + 1}"
    what = {
        "description": "say what",
        "owner": "no owner",
        "measure": "no measure",
        "outcome_id": "outcome removed",
        "outcomes": "no outcomes",
        "actions": "no actions",
        "consent_confirmed_on": "no consent date",
    }.get(problem.field)
    if problem.field == "due_on":
        what = (
            "due date passed"
            if "passed" in problem.message
            else "due before start"
            if "before" in problem.message
            else "no due date"
        )
    return f"{where}: {what or problem.field}"


class SmartPanel(QFrame):
    problem_chosen = Signal(object)  # SmartProblem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smartPanel")
        self.setAccessibleName("SMART check")
        self.summary = QLabel(objectName="smartSummary", wordWrap=True)
        self.hint = QLabel(
            "A draft saves as it is; agreeing needs these put right. Choose one to go to it.",
            objectName="hint",
            wordWrap=True,
        )
        self.list = QListWidget(objectName="smartList")
        self.list.setAccessibleName("Things to put right before agreeing")
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.fontMetrics().height()
        self.list.setFixedHeight(round(ROWS_SHOWN * (line + 16) + 10))
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.summary)
        text.addWidget(self.hint)
        self._column = column = QWidget()
        column.setLayout(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(column)
        layout.addWidget(self.list, 1)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        self._problems: list[SmartProblem] = []

    def set_problems(self, problems: Sequence[SmartProblem]) -> None:
        self._problems = list(problems)
        self.summary.setText(things_to_put_right(len(self._problems)))
        for widget in (self, self.summary):
            widget.setProperty("ready", not self._problems)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.list.clear()
        metrics = self.list.fontMetrics()
        for problem in self._problems:
            item = QListWidgetItem(short_problem(problem))
            item.setData(Qt.ItemDataRole.UserRole, problem)
            item.setToolTip(problem.message)
            item.setSizeHint(QSize(metrics.horizontalAdvance(item.text()) + 40, metrics.height() + 12))
            self.list.addItem(item)
        self.list.setVisible(bool(self._problems))
        self.hint.setVisible(bool(self._problems))
        line = self.fontMetrics().height()
        self._column.setFixedWidth(round(line * 15) if self._problems else 16_777_215)
        self.setAccessibleDescription(self.summary.text())

    def problems(self) -> list[SmartProblem]:
        return list(self._problems)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.problem_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
