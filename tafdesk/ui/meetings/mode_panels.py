"""The panels of meeting mode: the agenda rail with progress, the family's
summary, the agency round and the chosen agency's professionals. Each one
is a view; MeetingMode fills them and acts on what they ask."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QProgressBar,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tafdesk.allocation.candidates import Ranked
from tafdesk.services.meetings import AgendaRow
from tafdesk.ui.cell_paint import draw_cell_background
from tafdesk.ui.colours import current
from tafdesk.ui.meetings import agenda_model as agm
from tafdesk.ui.meetings import candidate_model as cm
from tafdesk.ui.meetings import round_model as rm
from tafdesk.ui.meetings.agency_round import RoundRow
from tafdesk.ui.meetings.capacity_delegate import CapacityDelegate
from tafdesk.ui.meetings.reasons_delegate import ReasonsDelegate
from tafdesk.ui.meetings.roles import DETAIL_ROLE, KEY_ROLE, STATE_ROLE
from tafdesk.ui.reading import whole_words
from tafdesk.ui.table_fit import heading_width
from tafdesk.ui.theme import keep_coloured

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
ROUND_SHARES = {
    rm.COL_AGENCY: 0.22,
    rm.COL_INVOLVEMENT: 0.22,
    rm.COL_SKILLS: 0.19,
    rm.COL_HEADROOM: 0.15,
    rm.COL_BEST: 0.22,
}


def _heading(text: str) -> QLabel:
    label = QLabel(text, objectName="mmHeading", wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setMinimumWidth(1)  # a long heading takes two lines rather than widening its column
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def _table(view: QTableView, name: str) -> None:
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # wrapped text shows whole
    view.setWordWrap(True)
    view.setShowGrid(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _keys(view: QObject, owner: QObject) -> None:
    view.installEventFilter(owner)


def _keep_in_view(view: QAbstractItemView) -> None:
    if view.currentIndex().isValid():
        view.scrollTo(view.currentIndex())


def _home_or_end(view: QTableView, event: QKeyEvent) -> bool:
    """Home and End go to the first and last row (a table's own go to the first and last column)."""
    if event.key() not in (Qt.Key.Key_Home, Qt.Key.Key_End) or not view.model().rowCount():
        return False
    view.selectRow(0 if event.key() == Qt.Key.Key_Home else view.model().rowCount() - 1)
    return True


class _RailDelegate(QStyledItemDelegate):
    """A mark (✓ decided, ○ to decide), the family's name and a second line."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt, _text = draw_cell_background(self, painter, option, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        decided = index.data(STATE_ROLE) == "decided"
        ink = opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        line = opt.fontMetrics.height()
        rect = opt.rect.adjusted(line // 2, 4, -line // 2, -4)
        painter.save()
        mark = QFont(opt.font)
        mark.setBold(True)
        painter.setFont(mark)
        done, muted = QColor(current().ok.ink), QColor(current().muted)
        painter.setPen(ink if selected else (done if decided else muted))
        painter.drawText(
            QRect(rect.left(), rect.top(), line * 2, line), Qt.AlignmentFlag.AlignLeft, "✓" if decided else "○"
        )
        text_left = rect.left() + round(line * 1.4)
        painter.setPen(ink)
        painter.drawText(
            QRect(text_left, rect.top(), rect.right() - text_left, line),
            Qt.AlignmentFlag.AlignLeft,
            opt.fontMetrics.elidedText(index.data() or "", Qt.TextElideMode.ElideRight, rect.right() - text_left),
        )
        small = QFont(opt.font)
        if opt.font.pixelSize() > 0:
            small.setPixelSize(max(10, round(opt.font.pixelSize() * 0.8)))
        else:
            small.setPointSizeF(max(8.0, opt.font.pointSizeF() * 0.8))
        painter.setFont(small)
        painter.setPen(ink if selected else (done if decided else muted))
        detail = QFontMetrics(small).elidedText(
            str(index.data(DETAIL_ROLE) or ""), Qt.TextElideMode.ElideRight, rect.right() - text_left
        )  # a narrow rail: "New prof…", not cut
        painter.drawText(
            QRect(text_left, rect.top() + line, rect.right() - text_left, line), Qt.AlignmentFlag.AlignLeft, detail
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(200, round(option.fontMetrics.height() * 2.3) + 8)


class AgendaRail(QWidget):
    current_changed = Signal(object)  # agenda item id
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaRail")
        self.model = agm.AgendaModel(self)
        self.model.movable = False
        self.view = QListView(objectName="railList")
        self.progress = QProgressBar(objectName="railProgress")
        self.heading = _heading("Agenda")
        self.view.setModel(self.model)
        self.view.setModelColumn(agm.COL_FAMILY)
        self.view.setItemDelegate(_RailDelegate(self.view))
        self.view.setAccessibleName("Agenda")
        self.view.setAccessibleDescription("Up and Down choose the family; Enter starts the agency round")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.progress.setAccessibleName("Decided so far")
        self.progress.setTextVisible(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _: self.current_changed.emit(current.data(KEY_ROLE))
        )
        _keys(self.view, self)

    def set_rows(self, rows: Sequence[AgendaRow], current: uuid.UUID | None) -> None:
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        row = self.model.row_of(current) if current else -1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, agm.COL_FAMILY))
        self.view.selectionModel().blockSignals(False)
        _keep_in_view(self.view)  # the view follows the current row only through the signals just blocked
        decided = sum(1 for r in rows if r.status.value == "decided")
        self.progress.setRange(0, max(len(rows), 1))
        self.progress.setValue(decided)
        self.progress.setFormat(f"{decided} of {len(rows)} decided")

    def select(self, item_id: uuid.UUID) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, agm.COL_FAMILY))

    def current(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in ENTER
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.activated.emit()
            return True
        return super().eventFilter(watched, event)


class FamilyPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("familySummary")
        whole_words(self)
        self.setAccessibleName("The family")
        self.setOpenLinks(False)
        self.document().setDocumentMargin(12)
        self.case_id: uuid.UUID | None = None
        self.complete = False  # the summary itself is shown, not a placeholder

    def show_html(self, case_id: uuid.UUID, make: Callable[[], str], complete: bool) -> None:
        """The HTML `make` gives, made again in a new palette."""
        self.case_id, self.complete = case_id, complete
        keep_coloured(self, lambda: self.setHtml(make()))


class RoundPanel(QWidget):
    agency_changed = Signal(object)  # agency id or None
    activated = Signal()
    team_toggled = Signal(object)  # agency id
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = rm.AgencyRoundModel(self)
        self.view = QTableView(objectName="roundTable")
        self.heading = _heading("Round the table")
        _table(self.view, "Agency round")
        self.view.setAccessibleDescription(
            "Up and Down choose an agency; Enter lists its professionals; "
            "Space adds the agency to the Team Around the Family"
        )
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(rm.COL_HEADROOM, CapacityDelegate(self.view, template="99.9 pts"))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.viewport().installEventFilter(self)
        # Resizes come in bursts (the window shown, panes sized, restyled): fit once after the last.
        self._fit_later = QTimer(self, singleShot=True, interval=0)
        self._fit_later.timeout.connect(self.fit_columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _: self.agency_changed.emit(current.data(KEY_ROLE))
        )
        _keys(self.view, self)

    def set_rows(
        self, rows: Sequence[RoundRow], team: set[uuid.UUID], keep: uuid.UUID | None, *, ranked: bool = True
    ) -> None:
        self.model.team = set(team)
        self.model.ranked = ranked
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else -1
        self.view.selectRow(max(row, 0))
        self.view.selectionModel().blockSignals(False)
        self.fit_columns()

    def set_team(self, team: set[uuid.UUID]) -> None:
        self.model.team = set(team)
        self.model.refresh_all()

    def current(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def current_row(self) -> RoundRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def fit_columns(self) -> None:
        """Share the width out between the columns, none narrower than its heading; long texts wrap."""
        width = self.view.viewport().width()
        header = self.view.horizontalHeader()
        least = self._least()
        sizes = {c: max(least[c], round(width * share)) for c, share in ROUND_SHARES.items()}
        over = sum(sizes.values()) - width
        for column in (
            rm.COL_INVOLVEMENT,
            rm.COL_BEST,
            rm.COL_AGENCY,
            rm.COL_SKILLS,
            rm.COL_HEADROOM,
        ):  # wrap best first
            if over <= 0:
                break
            give = min(over, sizes[column] - least[column])
            sizes[column] -= give
            over -= give
        for column, size in sizes.items():
            header.resizeSection(column, size)
        # Where even the headings do not fit (large text in a narrow window), the table scrolls sideways.
        self.view.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if over <= 0 else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        self.view.resizeRowsToContents()
        _keep_in_view(self.view)  # rows grew or shrank round the chosen agency

    def _least(self) -> dict[int, int]:
        return {c: heading_width(self.view, c, sortable=False) for c in ROUND_SHARES}

    def least_width(self) -> int:
        """Wide enough for every column's heading, beside the scroll bar."""
        frame = 2 * self.view.frameWidth()
        return sum(self._least().values()) + self.view.verticalScrollBar().sizeHint().width() + frame

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_later.start()
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            if _home_or_end(self.view, event):
                return True
            if event.key() in ENTER:
                self.activated.emit()
                return True
            if event.key() == Qt.Key.Key_Space and self.current() is not None:
                self.team_toggled.emit(self.current())
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.back.emit()
                return True
        return super().eventFilter(watched, event)


class CandidatesPanel(QWidget):
    lead_chosen = Signal(object)  # Ranked
    team_toggled = Signal(object)  # Ranked
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = cm.CandidateModel(self)
        self.view = QTableView(objectName="candidateTable")
        self.heading = _heading("Professionals")
        _table(self.view, "Professionals")
        self.view.setAccessibleDescription(
            "Enter makes the professional the lead; Space adds them to the Team Around "
            "the Family; Esc goes back to the agencies"
        )
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(cm.COL_CAPACITY, CapacityDelegate(self.view))
        self.view.setItemDelegateForColumn(cm.COL_NAME, ReasonsDelegate(self.view))
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        _keys(self.view, self)

    def set_candidates(
        self, heading: str, rows: list[Ranked], weight: float, lead: uuid.UUID | None, team: set[uuid.UUID]
    ) -> None:
        self.heading.setText(heading)
        self.model.lead, self.model.team = lead, set(team)
        self.model.set_candidates(rows, weight)
        if rows:
            self.view.selectRow(0)
        self.view.resizeRowsToContents()

    def set_marks(self, lead: uuid.UUID | None, team: set[uuid.UUID]) -> None:
        self.model.set_marks(lead, team)

    def fit_columns(self) -> None:
        """The mark and score as wide as they need, the caseload bar a third; the name and reasons the rest,
        never narrower than its heading (the table scrolls sideways first)."""
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        width = self.view.viewport().width()
        sizes = {
            cm.COL_ROLE: metrics.horizontalAdvance("★ Lead") + 16,
            cm.COL_SCORE: heading_width(self.view, cm.COL_SCORE, sortable=False),
        }
        name = heading_width(self.view, cm.COL_NAME, sortable=False)
        room = width - sum(sizes.values()) - name
        sizes[cm.COL_CAPACITY] = max(metrics.horizontalAdvance("100% → 100%") + 60, min(round(width * 0.3), room))
        sizes[cm.COL_NAME] = max(name, width - sum(sizes.values()))
        for column, size in sizes.items():
            header.resizeSection(column, size)
        fits = sum(sizes.values()) <= width
        self.view.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fits else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )

    def current(self) -> Ranked | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            current = self.current()
            if _home_or_end(self.view, event):
                return True
            if event.key() in ENTER and current is not None:
                self.lead_chosen.emit(current)
                return True
            if event.key() == Qt.Key.Key_Space and current is not None:
                self.team_toggled.emit(current)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.back.emit()
                return True
        return super().eventFilter(watched, event)
