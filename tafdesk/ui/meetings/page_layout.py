"""What the Meetings page shows, laid out: the list of meetings with its
filters on the left; on the right the chosen meeting's heading, the quorum
band, its buttons and the Agenda, Attendance and Minutes tabs."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models.enums import MeetingStatus
from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.meetings import MeetingSummary
from tafdesk.services.minutes import MinutesService
from tafdesk.ui.actions_due import ActionsDuePanel
from tafdesk.ui.announce import announce
from tafdesk.ui.banner import Banner
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.meetings import list_model as lm
from tafdesk.ui.meetings.agenda_panel import AgendaPanel
from tafdesk.ui.meetings.attendance_editor import AttendanceEditor, Record
from tafdesk.ui.meetings.labels import CHAIR_ONLY, MEETING_STATUS_LABELS
from tafdesk.ui.meetings.minutes_pane import MinutesPane
from tafdesk.ui.meetings.quorum import meeting_warnings, quorate_text, warnings_html
from tafdesk.ui.meetings.rights import MeetingRights
from tafdesk.ui.meetings.roles import KEY_ROLE
from tafdesk.ui.meetings.session import MeetingSession
from tafdesk.ui.table_fit import set_row_height
from tafdesk.ui.text import plural, when

LIST_SHARE = 0.4  # of the page's width, when it is first shown


class PageLayout(QObject):
    current_changed = Signal(object)  # meeting id or None

    def __init__(
        self,
        page: QWidget,
        minutes: MinutesService,
        rights: MeetingRights,
        today: dt.date,
        record: Record,
        follow_up: FollowUpService | None = None,
    ) -> None:
        super().__init__(page)
        self.rights = rights
        self.model = lm.MeetingListModel(page, today=today)
        self.proxy = lm.MeetingListProxy(page)
        self.proxy.setSourceModel(self.model)
        self.locality = QComboBox()
        self.when = QComboBox()
        self.table = QTableView(objectName="meetingTable")
        self.plan_button = QPushButton("Plan the next 4 weeks")
        self.title = QLabel("Choose a meeting", objectName="meetingTitle", wordWrap=True)
        self.subtitle = QLabel(objectName="meetingSubtitle", wordWrap=True)
        self.band = QLabel(objectName="quorumBand", wordWrap=True)
        self.notice_label = Banner()
        self.build_button = QPushButton("Build agenda")
        self.start_button = QPushButton("Start meeting", objectName="startMeeting")
        self.close_button = QPushButton("Close meeting…")
        self.reopen_button = QPushButton("Reopen…")
        self.tabs = QTabWidget(objectName="meetingTabs")
        self.agenda = AgendaPanel()
        self.attendance = AttendanceEditor(record, banner=self.notice_label)
        self.minutes = MinutesPane(minutes, can_edit=rights.edit_minutes, banner=self.notice_label)
        # The agenda opens with the actions agreed earlier and due by the meeting, reviewed one by one.
        self.arising = (
            ActionsDuePanel(follow_up, at_meeting=True, title="Matters arising", banner=self.notice_label)
            if follow_up
            else None
        )
        self.detail = QWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self._build(page)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.current_changed.emit(self.current_meeting())
        )
        self.locality.currentIndexChanged.connect(lambda _: self._filter())
        self.when.currentIndexChanged.connect(lambda _: self._filter())

    def _build(self, page: QWidget) -> None:
        for combo, name, choices in (
            (self.locality, "Locality", [("All localities", None)]),
            (
                self.when,
                "Which meetings",
                [
                    ("Recent and upcoming", lm.MeetingListProxy.ALL),
                    ("Upcoming", lm.MeetingListProxy.UPCOMING),
                    ("Recent", lm.MeetingListProxy.RECENT),
                ],
            ),
        ):
            combo.setAccessibleName(name)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # the choice in full
            for text, value in choices:
                combo.addItem(text, value)
        t = self.table
        t.setModel(self.proxy)
        t.setAccessibleName("Meetings")
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setTabKeyNavigation(False)
        t.setSortingEnabled(True)
        t.sortByColumn(lm.COL_WHEN, Qt.SortOrder.AscendingOrder)
        t.verticalHeader().hide()
        set_row_height(t)
        t.setAlternatingRowColors(True)
        t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.plan_button.setToolTip("Make sure every locality's weekly meeting is planned for the coming four weeks")
        self.plan_button.setEnabled(self.rights.manage)

        filters = FlowLayout()  # side by side, or one above the other in a narrow column
        filters.addWidget(self.locality)
        filters.addWidget(self.when)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(16, 12, 8, 12)
        column.addLayout(filters)
        column.addWidget(t, 1)
        column.addWidget(self.plan_button)

        self.band.setAccessibleDescription("Quorum")
        self.band.setTextFormat(Qt.TextFormat.RichText)
        self.start_button.setToolTip("Run the meeting full screen, for the projector (F11)")
        self.build_button.setToolTip(
            "Add the families sent to the group, deferred items now due and cases flagged for review"
        )
        self.close_button.setToolTip("Close the meeting: its decisions become final")
        self.reopen_button.setToolTip("Reopen a closed meeting, giving the reason")
        buttons = FlowLayout()  # wrapping in a narrow window (large text), never cut short
        for button in (self.start_button, self.build_button, self.close_button, self.reopen_button):
            buttons.addWidget(button)
        together = QSplitter(Qt.Orientation.Vertical)  # the agenda and the roll call in view together
        together.addWidget(self.agenda)
        together.addWidget(self.attendance)
        together.setChildrenCollapsible(False)
        together.setSizes([400, 600])
        self.tabs.addTab(together, "&Agenda and attendance")
        if self.arising is not None:
            self.arising.setContentsMargins(0, 8, 0, 0)
            self.tabs.addTab(self.arising, "Matters a&rising")
        self.tabs.addTab(self.minutes, "Min&utes")
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Agenda, attendance and minutes")

        right = QVBoxLayout(self.detail)
        right.setContentsMargins(8, 12, 16, 12)
        right.setSpacing(8)
        right.addWidget(self.title)
        right.addWidget(self.subtitle)
        right.addWidget(self.band)
        right.addWidget(self.notice_label)
        right.addLayout(buttons)
        right.addWidget(self.tabs, 1)

        splitter = self.splitter
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(0, 2)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.show_meeting(None)

    # -- the list -------------------------------------------------------------------

    def set_meetings(self, rows: Sequence[MeetingSummary]) -> None:
        keep = self.current_meeting()
        localities = sorted({r.locality for r in rows})
        if [self.locality.itemText(i) for i in range(1, self.locality.count())] != localities:
            chosen = self.locality.currentData()
            self.locality.blockSignals(True)
            while self.locality.count() > 1:
                self.locality.removeItem(1)
            for name in localities:
                self.locality.addItem(name, name)
            self.locality.setCurrentIndex(max(0, self.locality.findData(chosen)))
            self.locality.blockSignals(False)
        self.model.set_rows(rows)
        if keep is not None and self._select(keep):
            return
        self._select_next()

    def _filter(self) -> None:
        keep = self.current_meeting()
        self.proxy.set_locality(self.locality.currentData())
        self.proxy.set_when(self.when.currentData())
        if keep is None or not self._select(keep):
            self._select_next()

    def _select(self, meeting_id: uuid.UUID) -> bool:
        row = self.model.row_of(meeting_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            return False
        self.table.selectRow(index.row())
        return True

    def _select_next(self) -> None:
        """The next meeting to hold (the first still open), else the latest."""
        rows = [self.proxy.index(n, 0) for n in range(self.proxy.rowCount())]
        if not rows:
            self.current_changed.emit(None)
            return
        by_time = sorted(rows, key=lambda index: self.model.row(self.proxy.mapToSource(index).row()).starts_at)
        coming = [i for i in by_time if self.model.row(self.proxy.mapToSource(i).row()).status in lm.OPEN_STATUSES]
        chosen = coming[0] if coming else by_time[-1]
        self.table.selectRow(chosen.row())
        self.table.scrollTo(chosen, QAbstractItemView.ScrollHint.PositionAtCenter)

    def select_meeting(self, meeting_id: uuid.UUID) -> None:
        if not self._select(meeting_id):
            self.when.setCurrentIndex(self.when.findData(lm.MeetingListProxy.ALL))
            self.locality.setCurrentIndex(0)
            self._select(meeting_id)

    def current_meeting(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    # -- the chosen meeting -------------------------------------------------------------

    def show_meeting(self, session: MeetingSession | None) -> None:
        view = session.view if session else None
        self.detail.setEnabled(view is not None)
        if session is None or view is None:
            self.title.setText("Reading the meeting…" if session else "Choose a meeting")
            self.subtitle.clear()
            self.band.hide()
            self.reopen_button.hide()
            return
        s = view.summary
        self.title.setText(f"{s.locality} – {when(s.starts_at)}")
        self.subtitle.setText(
            " · ".join(
                p
                for p in (
                    s.venue,
                    MEETING_STATUS_LABELS[s.status],
                    f"{s.decided} of {plural(s.items, 'family', 'families')} decided",
                )
                if p
            )
        )
        warnings = meeting_warnings(view, False)
        band = warnings_html(warnings) if warnings else quorate_text(view)
        if band != self.band.text() or self.band.isHidden():
            announce(self.band, band)
        self.band.setText(band)
        self.band.setProperty("quorate", not warnings)
        self.band.style().unpolish(self.band)
        self.band.style().polish(self.band)
        self.band.show()
        frozen = session.frozen
        self.agenda.set_rows(view.agenda)
        self.agenda.set_movable(self.rights.manage and not frozen)
        self.attendance.set_rows(view.attendance)
        self.attendance.set_editable(self.rights.manage and not frozen, "The meeting is closed.")
        self.build_button.setEnabled(self.rights.manage and not frozen)
        closed = s.status is MeetingStatus.CLOSED
        self.close_button.setEnabled(self.rights.chair and not frozen)
        self.reopen_button.setEnabled(self.rights.chair and closed)
        self.close_button.setVisible(not closed)  # one or the other, as the meeting stands
        self.reopen_button.setVisible(closed)
        for button in (self.close_button, self.reopen_button):
            if not self.rights.chair:
                button.setToolTip(CHAIR_ONLY)
        self.start_button.setText("Review meeting" if frozen else "Start meeting")
        if self.arising is not None:
            self.arising.show_meeting(s.id, editable=(self.rights.chair or self.rights.edit_minutes) and not frozen)

    def share_width(self, width: int) -> None:
        self.splitter.setSizes([round(width * LIST_SHARE), width - round(width * LIST_SHARE)])

    def notice(self, text: str, *, error: bool = False) -> None:
        self.notice_label.say(text, error=error)
