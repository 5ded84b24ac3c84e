"""What meeting mode shows, laid out for a projector: a header with the
meeting, the family and progress; the warning band; the agenda rail on the
left; the family and the agency round in the middle; on the right the
decision (professionals above it), the balance chart, the proposal and the
minutes as tabs; and a line of the keys that work where the cursor is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.minutes import MinutesService
from tafdesk.ui.banner import Banner
from tafdesk.ui.meetings.balance_chart import BalanceChart
from tafdesk.ui.meetings.decision_panel import DecisionPanel
from tafdesk.ui.meetings.minutes_pane import MinutesPane
from tafdesk.ui.meetings.mode_panels import AgendaRail, CandidatesPanel, FamilyPanel, RoundPanel
from tafdesk.ui.meetings.proposal_panel import ProposalPanel
from tafdesk.ui.meetings.request_panel import NOT_HERE, RequestDecisionPanel

TAB_DECISION, TAB_BALANCE, TAB_PROPOSAL, TAB_MINUTES = range(4)


class NoticeBar(Banner):
    """Meeting mode's banner (ui/banner.py), in the bar at the foot of the
    window: while it says something it takes the place of the key hints."""

    def __init__(self, keys: QLabel) -> None:
        super().__init__()
        self._keys = keys

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._keys.hide()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.isHidden():  # hidden itself, not with the window
            self._keys.show()


class ModeLayout:
    def __init__(self, window: QWidget, minutes: MinutesService, can_edit_minutes: bool) -> None:
        self.header = QFrame(objectName="mmHeader")
        self.title = QLabel(objectName="mmTitle")
        self.meeting = QLabel(objectName="mmMeeting", wordWrap=True)
        self.progress = QLabel(objectName="mmProgress")
        self.state = QLabel(objectName="mmState")
        self.projector_button = QPushButton("Projector view")
        self.proposal_button = QPushButton("Proposal")
        self.attendance_button = QPushButton("Attendance")
        self.close_button = QPushButton("Close meeting…")
        self.reopen_button = QPushButton("Reopen…")
        self.leave_button = QPushButton("Leave")
        self.warning = QLabel(objectName="mmWarning", wordWrap=True)
        self.keys = QLabel(objectName="mmKeys", wordWrap=True)  # at 200% the hints take two lines
        self.notice = NoticeBar(self.keys)
        self.rail = AgendaRail()
        self.rail.heading.setMinimumWidth(1)
        self.family = FamilyPanel()
        self.round = RoundPanel()
        self.candidates = CandidatesPanel()
        self.decision = DecisionPanel()
        self.request = RequestDecisionPanel()  # in place of the allocation decision on a request item
        self.no_round = QLabel(NOT_HERE, objectName="mmNoRound", wordWrap=True)
        self.no_round.setAccessibleDescription("No agency round")
        self.round_stack = QStackedWidget()
        self.decision_stack = QStackedWidget()
        self.balance = BalanceChart()
        self.proposal = ProposalPanel()
        self.minutes = MinutesPane(minutes, can_edit=can_edit_minutes, banner=self.notice)
        self.tabs = QTabWidget(objectName="mmTabs")
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.centre = QSplitter(Qt.Orientation.Vertical)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self._build(window)

    def _build(self, window: QWidget) -> None:
        for label, name in (
            (self.title, "Family"),
            (self.meeting, "Meeting"),
            (self.progress, "Progress"),
            (self.state, "Meeting state"),
            (self.warning, "Warning"),
            (self.keys, "Keys that work here"),
        ):
            label.setAccessibleDescription(name)  # its name is what it says
        for button, tip in (
            (
                self.projector_button,
                "Open or close the view for the room's screen: the family and "
                "the decision without restricted information (F7)",
            ),
            (self.proposal_button, "The best leads for the whole agenda, beside case by case (Ctrl+P)"),
            (self.attendance_button, "Who is here, by agency (Ctrl+Shift+A)"),
            (self.close_button, "Close the meeting: its decisions become final (Ctrl+Shift+C)"),
            (self.reopen_button, "Reopen the closed meeting, giving the reason (Ctrl+Shift+R)"),
            (self.leave_button, "Back to the Meetings area; everything confirmed is saved (Ctrl+W)"),
        ):
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        for label in (self.title, self.meeting):  # long names do not widen the window
            label.setMinimumWidth(1)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.warning.hide()

        # Two rows, so that neither runs out of room in large type: the family and the buttons; then the
        # meeting (wrapping if it must), the progress and the meeting's state.
        top, below = QHBoxLayout(), QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.title, 1)
        for button in (
            self.projector_button,
            self.proposal_button,
            self.attendance_button,
            self.close_button,
            self.reopen_button,
            self.leave_button,
        ):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        below.setSpacing(16)
        below.addWidget(self.meeting, 1)
        below.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignVCenter)
        below.addWidget(self.state, 0, Qt.AlignmentFlag.AlignVCenter)
        header = QVBoxLayout(self.header)
        header.setContentsMargins(16, 8, 16, 8)
        header.setSpacing(2)
        header.addLayout(top)
        header.addLayout(below)

        self.centre.addWidget(self.family)
        self.round_stack.addWidget(self.round)
        self.round_stack.addWidget(self.no_round)
        self.centre.addWidget(self.round_stack)
        self.centre.setStretchFactor(0, 3)
        self.centre.setStretchFactor(1, 2)
        self.right.addWidget(self.candidates)
        self.right.addWidget(self.decision)
        self.right.setStretchFactor(0, 2)
        self.right.setStretchFactor(1, 3)
        self.decision_stack.addWidget(self.right)
        self.decision_stack.addWidget(self.request)
        self.tabs.addTab(self.decision_stack, "Decision")
        self.tabs.addTab(self.balance, "Balance")
        self.tabs.addTab(self.proposal, "Proposal")
        self.tabs.addTab(self.minutes, "Minutes")
        for index, key in enumerate(("Ctrl+D", "Ctrl+B", "Ctrl+P", "Ctrl+M")):
            self.tabs.setTabToolTip(index, key)
        self.tabs.setAccessibleName("Decision, balance, proposal and minutes")
        for splitter in (self.body, self.centre, self.right):
            splitter.setChildrenCollapsible(False)
            splitter.setHandleWidth(8)
        self.body.addWidget(self.rail)
        self.body.addWidget(self.centre)
        self.body.addWidget(self.tabs)
        self.body.setStretchFactor(0, 0)
        self.body.setStretchFactor(1, 5)
        self.body.setStretchFactor(2, 6)

        messages = QVBoxLayout()
        messages.setContentsMargins(12, 6, 12, 0)
        messages.addWidget(self.warning)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(0)
        bar.addWidget(self.notice, 1)
        bar.addWidget(self.keys, 1)
        self.notice.setMinimumWidth(1)
        self.keys.setMinimumWidth(1)
        self.keys.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(12, 8, 12, 8)
        body.addWidget(self.body)
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(messages)
        layout.addWidget(inner, 1)
        layout.addLayout(bar)

    def show_request(self, on: bool) -> None:
        """A request item: the request's decision in place of the allocation's, and no agency round."""
        self.round_stack.setCurrentIndex(1 if on else 0)
        self.decision_stack.setCurrentIndex(1 if on else 0)

    def size_panes(self, width: int, height: int, px: int) -> None:
        """Share the width out: the rail a seventh (room for a family's name), the family and round nearly half
        the rest (room for the round's headings), the decision and its tabs what is left."""
        rail = max(px * 9, round(width * 0.14))
        centre = max(round((width - rail) * 0.47), self.round.least_width())
        self.body.setSizes([rail, centre, width - rail - centre])
        self.centre.setSizes([round(height * 0.5), round(height * 0.5)])
        self.right.setSizes([round(height * 0.46), round(height * 0.54)])
