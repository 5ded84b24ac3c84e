"""The proposal in meeting mode: for each family still to decide, the lead
that gives the best total for the whole agenda within everyone's capacity,
beside case-by-case choices. Enter takes it for the chosen family into the
decision, its rationale filled in, to check and confirm; Ctrl+Shift+Enter
asks to accept it for all, and Enter then records them all as decisions."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models.enums import AgendaKind
from tafdesk.ui.colours import current
from tafdesk.ui.meetings.labels import KIND_LABELS
from tafdesk.ui.meetings.proposal import ProposalRow, ProposalTable
from tafdesk.ui.meetings.roles import KEY_ROLE
from tafdesk.ui.meetings.table_model import RowsTableModel
from tafdesk.ui.text import plural

COL_FAMILY = 0
COL_LEAD = 1
COL_SCORE = 2
COL_GREEDY = 3
COL_GREEDY_SCORE = 4


def _who(candidate) -> str:
    return f"{candidate.name} ({candidate.agency_name})" if candidate else "No one within capacity"


class ProposalModel(RowsTableModel[ProposalRow]):
    HEADERS = ("Family", "Proposed\nlead", "Score", "Case by\ncase", "Score")  # two lines fit large type
    HEADER_TIPS = {
        COL_LEAD: "Best for the whole agenda, within everyone's capacity",
        COL_GREEDY: "What choosing the best for each family in turn would give",
    }
    NUMERIC_COLUMNS = frozenset({COL_SCORE, COL_GREEDY_SCORE})

    def display(self, row: ProposalRow, column: int) -> str:
        if column == COL_FAMILY:
            kind = "" if row.kind is AgendaKind.NEW_PROFILE else f", {KIND_LABELS[row.kind].lower()}"
            return f"{row.family}\n{row.case_reference}{kind}"  # two lines: the reference whole in a narrow column
        if column == COL_LEAD:
            return _who(row.lead)
        if column == COL_SCORE:
            return f"{row.score:.0f}" if row.score is not None else "—"
        if column == COL_GREEDY:
            return ("" if row.differs else "same: ") + _who(row.greedy)
        if column == COL_GREEDY_SCORE:
            return f"{row.greedy_score:.0f}" if row.greedy_score is not None else "—"
        return ""

    def sort_key(self, row: ProposalRow, column: int) -> Any:
        if column == COL_SCORE:
            return row.score or 0.0
        if column == COL_GREEDY_SCORE:
            return row.greedy_score or 0.0
        return super().sort_key(row, column)

    def extra(self, row: ProposalRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_GREEDY and row.differs:
            return QColor(current().warn.ink)
        if role == Qt.ItemDataRole.FontRole and column == COL_LEAD:
            font = QFont()
            font.setBold(True)
            return font
        return None


class ProposalPanel(QWidget):
    accept_one = Signal(object)  # agenda item id
    accept_all = Signal()
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalPanel")
        self.setAccessibleName("Proposal")
        self.model = ProposalModel(self)
        self.table: ProposalTable | None = None
        self.view = QTableView(objectName="proposalTable")
        self.totals = QLabel(
            "Working out the best allocation for the whole agenda…", objectName="mmTotals", wordWrap=True
        )
        self.accept_button = QPushButton("Accept for this family  (Enter)")
        self.all_button = QPushButton("Accept for all…  (Ctrl+Shift+Enter)")
        self.confirm_bar = QWidget(objectName="mmConfirmBar")
        self.confirm_text = QLabel(wordWrap=True)
        self.confirm_all = QPushButton("Record them all", objectName="mmConfirm")
        self.cancel_all = QPushButton("Cancel")
        self._build()

    def _build(self) -> None:
        v = self.view
        v.setModel(self.model)
        v.setAccessibleName("Proposed leads")
        v.setAccessibleDescription("Enter accepts the proposed lead for the chosen family")
        v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        v.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        v.setTabKeyNavigation(False)
        v.verticalHeader().hide()
        v.setShowGrid(False)
        header = v.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_FAMILY, COL_LEAD, COL_GREEDY):  # words wrap in these; in large type they share the width
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        v.installEventFilter(self)
        self.totals.setAccessibleDescription("Proposal totals")
        bar = QHBoxLayout(self.confirm_bar)
        bar.setContentsMargins(8, 6, 8, 6)
        bar.addWidget(self.confirm_text, 1)
        bar.addWidget(self.cancel_all)
        bar.addWidget(self.confirm_all)
        self.confirm_bar.hide()
        for button in (self.confirm_all, self.cancel_all, self.accept_button, self.all_button):
            button.setAutoDefault(True)  # Enter presses the button that has the focus
        buttons = QVBoxLayout()  # one above the other: side by side, in large type, they would widen the tabs
        for button in (self.accept_button, self.all_button):
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.totals)
        layout.addWidget(v, 1)
        layout.addWidget(self.confirm_bar)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(self._accept_current)
        self.all_button.clicked.connect(self.ask_all)
        self.confirm_all.clicked.connect(self._confirm_all)
        self.cancel_all.clicked.connect(self._cancel_all)

    def show_waiting(self) -> None:
        self.table = None
        self.model.set_rows([])
        self._say("Working out the best allocation for the whole agenda…")
        self.confirm_bar.hide()

    def _say(self, totals: str) -> None:
        self.totals.setText(totals)
        self._fit_totals()

    def _fit_totals(self) -> None:
        # The layout can keep the totals at the height of their first text when they change on a hidden tab;
        # as tall as their words need at this width, whatever happened while hidden.
        self.totals.setMinimumHeight(self.totals.heightForWidth(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_totals()

    def set_table(self, table: ProposalTable) -> None:
        self.table = table
        keep = self.current_item()
        self.model.set_rows(table.rows)
        row = self.model.row_of(keep) if keep else 0
        if table.rows:
            self.view.selectRow(max(row, 0))
        self.view.resizeRowsToContents()
        if not table.rows:
            self._say("Every family on the agenda is decided: there is nothing to propose.")
        else:
            self._say(
                f"<b>Whole-agenda proposal: {table.total:.0f} points</b> for "
                f"{plural(table.assigned, 'family', 'families')} · case by case: {table.greedy_total:.0f} points for "
                f"{plural(table.greedy_assigned, 'family', 'families')}"
                + (f" · <b>{table.gain:+.1%}</b>" if table.greedy_total else "")
                + "<br/>Totals count each professional's second and later new family a little less, to spread the work."
            )
        accepting = any(r.lead for r in table.rows)
        self.accept_button.setEnabled(accepting)
        self.all_button.setEnabled(accepting)

    def current_item(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def ask_all(self) -> None:
        if self.table is None:
            return
        count = sum(1 for r in self.table.rows if r.lead)
        if not count:
            return
        self.confirm_text.setText(
            f"Record the proposed lead for {plural(count, 'family', 'families')} as decisions now? "
            "Each can be undone with Ctrl+Z."
        )
        self.confirm_bar.show()
        self.confirm_all.setFocus()

    def _accept_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.accept_one.emit(item)

    def _confirm_all(self) -> None:
        self.confirm_bar.hide()
        self.accept_all.emit()

    def _cancel_all(self) -> None:
        self.confirm_bar.hide()
        self.view.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            self._accept_current()
            return True
        return super().eventFilter(watched, event)
