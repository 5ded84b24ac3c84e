"""The list of cases the area opens on: for a lead professional, the
families they lead or support; for managers and business support, a
locality's open cases. Most urgent first; a plan opens with Enter, a double
click or the Open button, the case page (its notes, requests, outcome
evidence, closure…) with Case page…. Beside them, apart, what waits for the
signed-in person whichever case is chosen: changes of lead to answer, and
closures (to approve, or recently closed to reopen)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.my_cases import MyCase
from tafdesk.ui.actions_due import ActionsDuePanel
from tafdesk.ui.banner import Banner
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.plans import cases_model as cm
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.plans.roles import URGENCY_ROLE
from tafdesk.ui.text import plural


class UrgencyBarDelegate(QStyledItemDelegate):
    """A red or amber bar at the start of the row of a case needing attention."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        colour = cm.urgency_colour(index.data(URGENCY_ROLE) or "")
        if colour is not None:
            painter.fillRect(option.rect.adjusted(0, 1, -(option.rect.width() - 5), -1), colour)


class CaseList(QWidget):
    open_requested = Signal(object)  # CaseRef
    case_requested = Signal(object)  # CaseRef: its case page (summary, chronology, notes, actions…)
    lead_changes_requested = Signal()
    closures_requested = Signal()
    locality_changed = Signal(object)  # locality id

    def __init__(
        self,
        today: dt.date,
        *,
        own_cases: bool,
        follow_up: FollowUpService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.own_cases = own_cases
        # A lead professional's own actions (as owner), due soonest first, to mark done or not done.
        self.my_actions = (
            ActionsDuePanel(follow_up, at_meeting=False, title="My actions") if own_cases and follow_up else None
        )
        self.setAccessibleName("My cases" if own_cases else "Open cases")
        self.model = cm.CasesModel(today, show_lead=not own_cases, parent=self)
        self.proxy = cm.CasesProxy(self)
        self.proxy.setSourceModel(self.model)
        self.title = QLabel("My cases" if own_cases else "Open cases", objectName="pageTitle")
        self.subtitle = QLabel(objectName="formSubtitle", wordWrap=True)
        self.locality = QComboBox()
        self.locality.setAccessibleName("Locality")
        self.locality.setVisible(not own_cases)
        self.search = QLineEdit(
            placeholderText="Search families, case numbers, lead professionals…", clearButtonEnabled=True
        )
        self.search.setAccessibleName("Search cases")
        self.attention = QCheckBox("Only those needing attention")
        self.count = QLabel(objectName="countLabel")
        self.table = QTableView()
        self.table.setAccessibleName(self.accessibleName())
        self.open_button = QPushButton("Open plan", objectName="primaryButton")
        self.open_button.setEnabled(False)
        self.case_button = QPushButton("&Case page…")
        self.case_button.setAccessibleName(
            "Open the chosen case's page: summary, chronology, notes, actions, requests to the group"
        )
        self.case_button.setToolTip(
            "The case page: summary, chronology, notes, actions, plan and its outcome evidence, requests and "
            "changes (raise one with the group there), closure (propose it there) and documents"
        )
        self.lead_changes_button = QPushButton("Changes of &lead…")
        self.lead_changes_button.setAccessibleName("Proposed changes of lead waiting for your answer")
        self.closures_button = QPushButton("Clos&ures…")
        self.closures_button.setAccessibleName("Closures waiting for approval, and cases closed recently to reopen")
        self.held_offline_button = QPushButton("Hel&d offline changes…")
        self.held_offline_button.setAccessibleName("Held offline changes waiting for a locality manager to decide")
        self.held_offline_button.hide()  # shown by the page to those who decide them
        # Shown by the page when it may keep an offline copy (ui/plans/offline_copy.py).
        self.take_offline_button = QPushButton("Ta&ke offline…")
        self.take_offline_button.setAccessibleName("Take your cases offline onto this computer, encrypted")
        self.take_offline_button.hide()
        self.sync_offline_button = QPushButton("S&ync offline copy…")
        self.sync_offline_button.setAccessibleName("Send your offline copy's changes to the server")
        self.sync_offline_button.hide()
        self.banner = Banner(self)
        self.note = QLabel(objectName="pageNote", wordWrap=True)
        self._build()
        self._connect()

    def _build(self) -> None:
        t = self.table
        t.setModel(self.proxy)
        t.setItemDelegateForColumn(cm.COL_FAMILY, UrgencyBarDelegate(t))
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSortingEnabled(True)
        t.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the services' order to begin with
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(round(t.fontMetrics().height() * 2))
        t.setAlternatingRowColors(True)
        t.setTabKeyNavigation(False)
        header = t.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(cm.COL_FAMILY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(t.fontMetrics().averageCharWidth() * 8)
        bar = FlowLayout()  # wraps in a narrow window (large text)
        bar.addWidget(self.locality)
        bar.addWidget(self.search)
        bar.addWidget(self.attention)
        bar.addWidget(self.count)
        legend = QLabel(
            "Red: a review or an action is overdue. Amber: a review within a week, or no plan yet.",
            objectName="hint",
            wordWrap=True,
        )
        actions = QWidget()
        buttons = FlowLayout(actions)  # they wrap onto a second row where the room is short
        # At the left what waits for this person, whichever case is chosen; at the right the chosen case's.
        buttons.addWidget(self.lead_changes_button)
        buttons.addWidget(self.closures_button)
        buttons.addWidget(self.held_offline_button)
        buttons.addWidget(self.take_offline_button)
        buttons.addWidget(self.sync_offline_button)
        buttons.addStretch()
        buttons.addWidget(self.case_button)
        buttons.addWidget(self.open_button)
        bottom = QVBoxLayout()
        bottom.addWidget(legend)
        bottom.addWidget(actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        self.note.hide()
        layout.addWidget(self.banner)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        cases = QWidget()
        column = QVBoxLayout(cases)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(t, 1)
        column.addLayout(bottom)
        if self.my_actions is None:
            layout.addWidget(cases, 1)
            return
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(cases)
        split.addWidget(self.my_actions)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._searched)
        self.attention.toggled.connect(self._attention_toggled)
        self.table.activated.connect(lambda _i: self.open_current())
        self.open_button.clicked.connect(self.open_current)
        self.case_button.clicked.connect(lambda: self._request(self.case_requested))
        self.lead_changes_button.clicked.connect(self.lead_changes_requested)
        self.closures_button.clicked.connect(self.closures_requested.emit)
        self.locality.currentIndexChanged.connect(lambda _i: self.locality_changed.emit(self.locality.currentData()))

    # -- contents -------------------------------------------------------------------------

    def set_localities(self, localities: Sequence[tuple[uuid.UUID, str]], chosen: uuid.UUID | None) -> None:
        self.locality.blockSignals(True)
        self.locality.clear()
        for locality_id, name in localities:
            self.locality.addItem(name, locality_id)
        at = next((row for row in range(self.locality.count()) if self.locality.itemData(row) == chosen), 0)
        self.locality.setCurrentIndex(at)
        self.locality.blockSignals(False)

    def set_rows(self, rows: Sequence[MyCase], keep: uuid.UUID | None = None) -> None:
        self.model.set_rows(rows)
        self.proxy.sort(-1)  # the services' order: most urgent first
        late = sum(1 for r in rows if cm.urgency(r, self.model._today) == "late")
        if self.own_cases:
            self.title.setText("My cases")
            self.subtitle.setText(
                "The families you lead or support, most urgent first. "
                f"{plural(len(rows), 'open case')}, {late} with something overdue."
            )
        else:
            place = self.locality.currentText() or "the locality"
            self.title.setText(f"Open cases in {place}")
            self.subtitle.setText(
                f"Every open case in {place} with its lead professional, most urgent first. "
                f"{plural(len(rows), 'open case')}, {late} with something overdue."
            )
        self.note.setVisible(not rows)
        self.note.setText("You lead or support no open cases." if self.own_cases else "No open cases here.")
        self._counted()
        row = self.model.row_of(keep) if keep else -1
        proxy_row = self.proxy.mapFromSource(self.model.index(row, 0)).row() if row >= 0 else 0
        if self.proxy.rowCount():
            self.table.selectRow(max(0, proxy_row))
        self.open_button.setEnabled(self.proxy.rowCount() > 0)

    def show_failure(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()

    def current(self) -> MyCase | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.proxy.mapToSource(index).row())

    def _request(self, signal) -> None:
        row = self.current()
        if row is not None:
            signal.emit(CaseRef(row.case_id, row.case_reference, row.family_name))

    def open_current(self) -> None:
        row = self.current()
        if row is not None:
            self.open_requested.emit(CaseRef(row.case_id, row.case_reference, row.family_name))

    def _searched(self, text: str) -> None:
        self.proxy.set_search(text)
        self._counted()

    def _attention_toggled(self, on: bool) -> None:
        self.proxy.set_attention_only(on)
        self._counted()

    def _counted(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"Showing all {plural(total, 'case')}" if shown == total else f"Showing {shown} of {total}")
        self.open_button.setEnabled(shown > 0)
        self.case_button.setEnabled(shown > 0)
