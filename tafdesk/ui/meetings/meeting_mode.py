"""Meeting mode: the weekly meeting run from one full-screen window, for the
projector, from the keyboard (F1 lists the keys).

For the current family it shows the summary and goes round the agencies at
the table; the chosen agency's professionals come with their caseloads and
suitability; the chair picks the lead (Enter) and the team (Space), the
outcome (Alt+1 … Alt+7), the rationale and actions, and confirms
(Ctrl+Enter). Each decision is written at once and is one command on the
window's undo stack. The deciding itself is in mode_decide.py.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QUndoStack
from PySide6.QtWidgets import QWidget

from tafdesk.models.enums import AgendaKind, AgendaStatus, DecisionOutcome
from tafdesk.services.follow_up import FollowUpService
from tafdesk.services.intake_queue import ProfileSummary
from tafdesk.services.minutes import MinutesService
from tafdesk.ui.announce import announce
from tafdesk.ui.meetings.agency_round import build_round, for_agency
from tafdesk.ui.meetings.balance_chart import balance_rows
from tafdesk.ui.meetings.family_html import family_html
from tafdesk.ui.meetings.keymap import KEYS, OUTCOME_KEYS, action_keys, hint
from tafdesk.ui.meetings.labels import MEETING_STATUS_LABELS, OUTCOMES
from tafdesk.ui.meetings.mode_decide import Decider
from tafdesk.ui.meetings.mode_layout import TAB_BALANCE, TAB_DECISION, TAB_MINUTES, TAB_PROPOSAL, ModeLayout
from tafdesk.ui.meetings.mode_style import base_pixels, mode_style
from tafdesk.ui.meetings.projector import ProjectorView, room_screen
from tafdesk.ui.meetings.quorum import meeting_warnings, warnings_html
from tafdesk.ui.meetings.request_panel import NOT_HERE
from tafdesk.ui.meetings.rights import MeetingRights
from tafdesk.ui.meetings.room_view import Deciding, RoomView, nothing, room_view
from tafdesk.ui.meetings.session import MeetingSession
from tafdesk.ui.meetings.shortcuts import show_shortcuts
from tafdesk.ui.qt_app import qt_application
from tafdesk.ui.restricted import FamilyWording
from tafdesk.ui.text import when
from tafdesk.ui.theme import keep_coloured

log = logging.getLogger(__name__)

KEY_HINTS = {
    "railList": hint(
        "↑ ↓ choose the family", "Enter go round the agencies", "next", "proposal_tab", "projector_view", "help"
    ),
    "roundTable": hint(
        "↑ ↓ choose an agency", "Enter its professionals", "Space agency joins the TAF", "Esc back to the agenda"
    ),
    "candidateTable": hint(
        "↑ ↓ choose", "Enter make lead", "Space add to the TAF", "decide", "Esc back to the agencies"
    ),
    "proposalTable": hint("Enter take it for this family", "accept_all", "decision_tab"),
}
DEFAULT_HINT = hint("outcome", "rationale", "add_action", "confirm", "undo", "projector_view", "help")


class MeetingMode(QWidget):
    left = Signal()  # the chair left meeting mode
    room_changed = Signal(object)  # RoomView: what the projector view shows now
    case_requested = Signal(object)  # CaseRef: the family's case page, opened by the main window

    def __init__(
        self,
        session: MeetingSession,
        undo_stack: QUndoStack,
        rights: MeetingRights,
        minutes: MinutesService,
        parent: QWidget | None = None,
        follow_up: FollowUpService | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.follow_up = follow_up
        self.setObjectName("meetingMode")
        self.setAccessibleName("Meeting mode")
        self.session = session
        self.undo_stack = undo_stack
        self.rights = rights
        self.current: uuid.UUID | None = None
        self._px = 0
        self.projector: ProjectorView | None = None
        self._room_wording: FamilyWording | None = None  # the family whose check the projector waits for
        self.ui = ModeLayout(self, minutes, rights.edit_minutes)
        self.decider = Decider(self)
        self.ui.family.anchorClicked.connect(self._family_link)
        self.mode_actions: dict[str, QAction] = {}
        self._make_actions()
        self._connected = False
        self.setWindowTitle("Meeting mode – tafdesk")
        self._restyle(1280, 720)

    def show_matters_arising(self) -> None:
        """The actions due by the meeting, for the chair or the minute-taker to review one by one."""
        if self.follow_up is None:
            return
        from tafdesk.ui.meetings.mode_dialogs import arising_dialog

        editable = (self.rights.chair or self.rights.edit_minutes) and not self.session.frozen
        dialog = arising_dialog(self, self.follow_up, self.session.meeting_id, editable=editable)
        dialog.open()
        dialog.panel.table.setFocus()

    def show_case_page(self) -> None:
        """The family on the screen's case page (summary, chronology, notes, actions, plan)."""
        from tafdesk.ui.plans.loading import CaseRef

        row = self.session.row(self.current) if self.current else None
        if row is not None:
            self.case_requested.emit(CaseRef(row.case_id, row.case_reference, row.family_name))

    def prepare(self) -> None:
        """Get ready to open before F11 is pressed (the page calls this while
        the chair looks at the agenda): styled and laid out for the screen it
        will open on, and the first family shown. F11 then only shows it."""
        screen = self._screen()
        if screen is not None:
            self.setGeometry(screen.geometry())
            self._restyle(screen.geometry().width(), screen.geometry().height())
        self.ensurePolished()
        if self.session.view is not None:
            self._view_changed()

    # -- actions ---------------------------------------------------------------------

    def _make_actions(self) -> None:
        ui, d = self.ui, self.decider
        slots = {
            "agenda": lambda: self.focus_pane("agenda"),
            "round": lambda: self.focus_pane("round"),
            "people": lambda: self.focus_pane("people"),
            "decide": lambda: self.focus_pane("decision"),
            "next": lambda: self.step(1),
            "previous": lambda: self.step(-1),
            "confirm": d.confirm,
            "decision_tab": lambda: self.show_tab(TAB_DECISION),
            "balance_tab": lambda: self.show_tab(TAB_BALANCE),
            "proposal_tab": lambda: self.show_tab(TAB_PROPOSAL),
            "minutes_tab": lambda: self.show_tab(TAB_MINUTES),
            "accept_all": d.ask_accept_all,
            "profile": d.show_profile,
            "who_letters_go_to": d.who_letters_go_to,
            "share_restricted_information": d.share_restricted,
            "attendance": d.show_attendance,
            "matters_arising": self.show_matters_arising,
            "case_page": self.show_case_page,
            "consider_an_agency_not_at_the_table": d.widen,
            "close_meeting": d.close_meeting,
            "reopen_meeting": d.reopen_meeting,
            "full_screen": self.toggle_full_screen,
            "projector_view": self.toggle_projector,
            "leave": self.leave,
            "help": lambda: show_shortcuts(self),
            "add_action": self.add_action,
        }
        specs: dict[str, tuple[tuple[str, ...], Callable[..., object]]] = {
            name: (keys, slots[name]) for name, keys in action_keys().items()
        }
        for number, (key, outcome) in enumerate(zip(OUTCOME_KEYS, OUTCOMES, strict=True), start=1):
            specs[f"outcome_{number}"] = ((key,), lambda _checked=False, o=outcome: self.choose_outcome(o))
        for name, (keys, slot) in specs.items():
            action = QAction(name.replace("_", " ").capitalize(), self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.mode_actions[name] = action
        self.undo_action = self.undo_stack.createUndoAction(self, "Undo")
        undo, *redo = next(k.keys for k in KEYS if k.hint == "undo")
        self.undo_action.setShortcut(QKeySequence(undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence(k) for k in redo])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        ui.projector_button.clicked.connect(self.toggle_projector)
        ui.proposal_button.clicked.connect(lambda: self.show_tab(TAB_PROPOSAL))
        ui.attendance_button.clicked.connect(d.show_attendance)
        ui.close_button.clicked.connect(d.close_meeting)
        ui.reopen_button.clicked.connect(d.reopen_meeting)
        ui.leave_button.clicked.connect(self.leave)

    def _connect_signals(self) -> None:
        """On start only: a window prepared but not yet shown does not follow the meeting."""
        if self._connected:
            return
        self._connected = True
        ui, s, d = self.ui, self.session, self.decider
        s.view_changed.connect(self._view_changed)
        s.allocation_changed.connect(self._allocation_changed)
        s.minutes_changed.connect(self._minutes_changed)  # methods, not lambdas: let go when this window goes
        s.summary_ready.connect(self._summary_ready)
        s.problem.connect(self._problem)
        ui.rail.current_changed.connect(self._rail_moved)
        ui.rail.activated.connect(lambda: self.focus_pane("round"))
        ui.round.agency_changed.connect(lambda _: self._show_candidates())
        ui.round.activated.connect(lambda: self.focus_pane("people"))
        ui.round.back.connect(lambda: self.focus_pane("agenda"))
        ui.round.team_toggled.connect(d.toggle_agency)
        ui.candidates.lead_chosen.connect(d.choose_lead)
        ui.candidates.team_toggled.connect(d.toggle_member)
        ui.candidates.back.connect(lambda: self.focus_pane("round"))
        ui.decision.confirm_requested.connect(d.confirm)
        ui.request.confirm_requested.connect(d.confirm)
        ui.request.choice_changed.connect(self.tell_room)
        ui.decision.outcome_changed.connect(lambda _: d.draft_changed())
        ui.proposal.accept_one.connect(d.accept_proposal)
        ui.proposal.accept_all.connect(d.accept_all)
        ui.minutes.edited.connect(s.minutes_edited)
        ui.tabs.currentChanged.connect(self._tab_changed)
        qt_application().focusChanged.connect(self._focus_changed)

    # -- opening and leaving ------------------------------------------------------------

    def start(self, *, full_screen: bool = True) -> None:
        """Show the window (full screen, on a second screen if there is one) and the first family to decide."""
        self._connect_signals()
        screen = self._screen()
        if screen is not None:
            self.setGeometry(screen.geometry())
            # Styled for the screen before it shows: restyling a window on view costs a good part of a second.
            self._restyle(screen.geometry().width(), screen.geometry().height())
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
        self.activateWindow()
        if self.session.view is None:
            self.session.load()
        else:
            self._view_changed()  # the first family, with its round from the allocation already read
            self._show_family()  # looked at now (and its summary may have come while this window was not listening)
            self._show_balance()
            if self.session.minutes is not None:
                self.ui.minutes.show_minutes(self.session.minutes)
        self.ui.rail.view.setFocus()

    def _screen(self):
        """A second screen if there is one (the meeting room's projector), else this window's own."""
        return room_screen(self._own_screen()) or self._own_screen()

    def _own_screen(self):
        """The chair's: the one the main window is on."""
        parent = self.parentWidget()
        owner = parent.window().screen() if parent else None
        return owner or QGuiApplication.primaryScreen()

    def leave(self) -> None:
        self.decider.save_draft()
        self.close_projector()
        self.hide()
        self.left.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.decider.save_draft()
        self.close_projector()
        super().closeEvent(event)
        self.left.emit()

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._restyle(event.size().width(), event.size().height())

    def _restyle(self, width: int, height: int) -> None:
        px = base_pixels(width, height)
        if px != self._px:
            self._px = px
            font = self.font()
            font.setPixelSize(px)
            self.setFont(font)
            keep_coloured(self, self._recolour)
            self.ui.proposal.view.verticalHeader().setDefaultSectionSize(round(px * 1.9))
        self.ui.size_panes(width, height, px)  # in the type just set

    def _recolour(self) -> None:
        """This window's stylesheet in the palette in use (again after a change: the projector's text too)."""
        self.setStyleSheet(mode_style(self._px))
        self.tell_room()

    # -- the projector view ------------------------------------------------------------

    def toggle_projector(self) -> None:
        """Open the projector view, full screen on the room's screen (meeting mode moves to the chair's own), or
        a window when there is one screen; or close it."""
        if self.projector is not None:
            self.close_projector()
            return
        self.projector = ProjectorView(self)
        self.projector.closed.connect(self._projector_closed)
        self.room_changed.connect(self.projector.show_room)
        self.tell_room()
        own = self._own_screen()
        room = room_screen(own)
        if room is not None and self.screen() is room:  # the room would have seen the chair's screen
            full = self.isFullScreen()
            self.showNormal()
            self.windowHandle().setScreen(own)
            self.setGeometry(own.geometry())
            self.showFullScreen() if full else self.show()
        self.projector.open_on(room, own)
        self.activateWindow()
        self.ui.projector_button.setText("Close projector view")
        self.notify(
            "The projector view is open: the family and the decision, never restricted information. F7 closes it."
        )

    def close_projector(self) -> None:
        if self.projector is not None:
            self.projector.close()

    def _projector_closed(self) -> None:
        projector, self.projector = self.projector, None
        if projector is not None:
            self.room_changed.disconnect(projector.show_room)
        self.ui.projector_button.setText("Projector view")

    def tell_room(self) -> None:
        """Something the room may see changed: the projector view follows."""
        if self.projector is not None and self.session.view is not None:
            self.room_changed.emit(self.room())

    def room(self) -> RoomView:
        """The meeting as the room may see it, built afresh with the restricted items left out (room_view.py)."""
        row, s = self.current_row(), self.session
        assert s.view is not None  # the room is shown once the meeting is read
        if row is None:
            return room_view(s.view, None, None, Deciding())
        shown = self.ui.family.case_id == row.case_id  # on the chair's screen: the look is recorded
        summary = s.summary(row.case_id) if shown else None
        return room_view(s.view, row, summary, self._deciding(row), self._withhold(row.case_id))

    def _deciding(self, row) -> Deciding:
        if row.kind is AgendaKind.REQUEST:
            return self._deciding_request(row)
        if row.status is AgendaStatus.DECIDED:
            minutes = self.session.minutes
            return Deciding(recorded=next((i for i in minutes.items if i.item_id == row.id), None) if minutes else None)
        draft = self.decider.drafts.get(row.id)
        if draft is not None and self.decider.editable():  # the outcome is kept in the panel until the draft is saved
            draft = replace(draft, outcome=self.ui.decision.outcome())
        return Deciding(draft=draft, proposed=self.decider.proposed_lead(row))

    def _deciding_request(self, row) -> Deciding:
        """The request as last read and, while it is being decided, the answer chosen on the chair's screen."""
        request = self.decider.requests_read.get(row.id)
        if row.status is AgendaStatus.DECIDED or not self.decider.editable():
            return Deciding(request=request)
        panel = self.ui.request
        return Deciding(request=request, verdict=panel.verdict(), until=panel.until())

    def _withhold(self, case_id: uuid.UUID):
        """The family's quote check for the room's text, read when first wanted (the room sees its free text then)."""
        wording = self.session.wording(case_id)
        if wording is None:
            return nothing
        if wording is not self._room_wording:
            if self._room_wording is not None:
                self._room_wording.changed.disconnect(self.tell_room)
            wording.changed.connect(self.tell_room)
            self._room_wording = wording
        wording.want()
        return wording.withhold

    # -- moving round ---------------------------------------------------------------

    def focus_pane(self, pane: str) -> None:
        ui = self.ui
        if pane in ("people", "decision"):
            self.show_tab(TAB_DECISION)
        widget: QWidget
        if pane == "decision" and self.decider.on_request():  # the verdict chosen, or the first
            verdict = ui.request.verdict() or next(iter(ui.request.buttons))
            widget = ui.request.buttons[verdict]
        elif pane in ("round", "people") and self.decider.on_request():
            self.notify(NOT_HERE)
            return
        elif pane == "decision":  # the outcome chosen, or the first
            outcome = ui.decision.outcome() or OUTCOMES[0]
            widget = ui.decision.buttons[outcome]
        else:
            widget = {"agenda": ui.rail.view, "round": ui.round.view, "people": ui.candidates.view}[pane]
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def choose_outcome(self, outcome: DecisionOutcome) -> None:
        if self.decider.on_request():  # Alt+1 … Alt+3: approve, decline, defer
            self.show_tab(TAB_DECISION)
            self.decider.choose_verdict(OUTCOMES.index(outcome) + 1)
            return
        if not self.decider.editable():
            self.decider.refuse()
            return
        self.show_tab(TAB_DECISION)
        self.ui.decision.choose_outcome(outcome, focus=True)

    def add_action(self) -> None:
        if self.decider.on_request():
            self.notify("A request's decision has no actions: the group approves, declines or defers it.")
            return
        if not self.decider.editable():
            self.decider.refuse()
            return
        self.show_tab(TAB_DECISION)
        self.ui.decision.actions_editor.add_action()

    def show_tab(self, index: int) -> None:
        self.ui.tabs.setCurrentIndex(index)
        target = {
            TAB_BALANCE: self.ui.balance,
            TAB_PROPOSAL: self.ui.proposal.view,
            TAB_MINUTES: self.ui.minutes.browser,
        }
        if index in target:
            target[index].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tab_changed(self, index: int) -> None:
        if index == TAB_PROPOSAL:
            self.decider.refresh_proposal()
            if self.decider.on_request():
                self.notify(NOT_HERE)

    def step(self, by: int) -> None:
        rows = list(self.session.rows())
        at = next((n for n, r in enumerate(rows) if r.id == self.current), -1)
        if rows and 0 <= at + by < len(rows):
            self.show_item(rows[at + by].id)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is self:
            self.ui.keys.setText(KEY_HINTS.get(new.objectName(), DEFAULT_HINT))

    # -- showing a family -----------------------------------------------------------------

    def _rail_moved(self, item_id: uuid.UUID | None) -> None:
        if item_id and item_id != self.current:
            self.show_item(item_id)

    def show_item(self, item_id: uuid.UUID) -> None:
        """Make this agenda item the current family and fill every panel for it."""
        row = self.session.row(item_id)
        if row is None:
            return
        self.decider.save_draft()  # what is typed for the family shown now
        if item_id != self.current:
            self.current = item_id
            self.ui.notice.hide()
            self.ui.keys.show()
        self.ui.rail.select(item_id)
        self._show_family()
        self._show_round(keep=None)
        self.decider.load_draft()
        self._show_header()
        self.tell_room()

    def _family_link(self, url: QUrl) -> None:
        if url.scheme() == "share":  # "Share with…" on a restricted item
            self.decider.share_restricted(uuid.UUID(url.path()))

    def current_row(self):
        return self.session.row(self.current) if self.current else None

    def _show_family(self) -> None:
        row = self.current_row()
        if row is None:
            return
        # Made ready unseen (prepare) is no look: start() shows it again.
        refused = self.isVisible() and not self.session.look_at(row.case_id)
        summary = self.session.summary(row.case_id)
        self.ui.family.show_html(
            row.case_id, lambda: family_html(row, summary, can_share=self.rights.share), summary is not None
        )
        if refused:
            self._show_round(keep=self.ui.round.current())  # nothing read from the summary stays on screen

    def _show_round(self, keep: uuid.UUID | None) -> None:
        row, s = self.current_row(), self.session
        if row is None or s.view is None:
            return
        summary = s.summary(row.case_id)
        allocation = s.allocation
        facts = allocation.facts.get(row.case_id) if allocation else None
        rows = build_round(
            s.view.attendance,
            allocation.locality_id if allocation else None,
            allocation.pool.candidates if allocation else (),
            facts,
            summary if isinstance(summary, ProfileSummary) else None,
            s.ranking(row.case_id),
            allocation.widened if allocation else None,
        )
        self.ui.round.set_rows(rows, self.decider.team_agencies(), keep, ranked=facts is not None)
        here = sum(1 for r in rows if r.at_table)
        taken = any(a.status is not None for a in s.view.attendance)
        note = " – updating caseloads…" if s.allocation_stale else ("" if taken else " (attendance not taken yet)")
        self.ui.round.heading.setText(f"Round the table: {here} agenc{'ies' if here != 1 else 'y'}{note}")
        self._show_candidates()

    def _show_candidates(self) -> None:
        row, s = self.current_row(), self.session
        agency = self.ui.round.current_row()
        if row is not None and row.status is AgendaStatus.DECIDED:
            self.ui.candidates.set_candidates(f"The {row.family_name} family is decided", [], 0.0, None, set())
            return
        if row is None or agency is None or s.allocation is None:
            self.ui.candidates.set_candidates("Professionals", [], 0.0, None, set())
            return
        facts = s.allocation.facts.get(row.case_id)
        ranked = for_agency(s.ranking(row.case_id), agency.agency_id, s.allocation.locality_id)
        heading = (
            f"{agency.agency}: {len(ranked)} professional{'s' * (len(ranked) != 1)} for the {row.family_name} family"
        )
        lead, team = self.decider.marks()
        self.ui.candidates.set_candidates(heading, ranked, facts.weight if facts else 0.0, lead, team)

    def _show_header(self) -> None:
        view, row = self.session.view, self.current_row()
        if view is None:
            return
        s = view.summary
        self.ui.title.setText(f"{row.family_name} family" if row else "No families on the agenda")
        self.ui.meeting.setText(
            f"{s.locality} Locality Case Management Group · {when(s.starts_at)}" + (f" · {s.venue}" if s.venue else "")
        )
        self.ui.progress.setText(f"{s.decided} of {s.items} decided")
        self.ui.state.setText(MEETING_STATUS_LABELS[s.status])
        frozen = self.session.frozen
        warnings = meeting_warnings(view, frozen)
        if warnings and warnings_html(warnings) != self.ui.warning.text():
            announce(self.ui.warning, warnings_html(warnings))
        self.ui.warning.setVisible(bool(warnings))
        self.ui.warning.setText(warnings_html(warnings))
        chair = self.rights.chair
        self.ui.close_button.setVisible(chair and not frozen)
        self.ui.reopen_button.setVisible(chair and frozen)

    # -- what the session says ---------------------------------------------------------------

    def _view_changed(self) -> None:
        s = self.session
        rows = s.rows()
        if self.current is None or s.row(self.current) is None:
            first = s.next_pending(None) or (rows[0] if rows else None)
            self.current = None
            self.ui.rail.set_rows(rows, first.id if first else None)
            if first is not None:
                self.show_item(first.id)
                s.want_summaries(r.case_id for r in rows)  # every family's summary, ready for the switch
            self._show_header()
            self.tell_room()
            return
        self.decider.save_draft()
        self.ui.rail.set_rows(rows, self.current)
        self._show_header()
        self.decider.load_draft()
        self._show_round(keep=self.ui.round.current())
        self.tell_room()

    def _allocation_changed(self) -> None:
        self._show_round(keep=self.ui.round.current())
        self._show_balance()
        if self.ui.tabs.currentIndex() == TAB_PROPOSAL:
            self.decider.refresh_proposal()
        self.tell_room()

    def _show_balance(self) -> None:
        s = self.session
        if s.allocation is not None:
            self.ui.balance.set_rows(balance_rows(s.start, s.allocation.balance().by_agency))

    def _minutes_changed(self) -> None:
        self.ui.minutes.show_minutes(self.session.minutes)
        self.tell_room()

    def _problem(self, text: str) -> None:
        self.notify(text, error=True)

    def _summary_ready(self, case_id: uuid.UUID) -> None:
        row = self.current_row()
        if row is not None and row.case_id == case_id:
            self._show_family()
            self._show_round(keep=self.ui.round.current())
            self.tell_room()

    # -- messages ----------------------------------------------------------------------------

    def notify(self, text: str, *, error: bool = False) -> None:
        """A message in the banner at the foot, in place of the key hints, until the next family."""
        self.ui.notice.say(text, error=error)
        self.ui.notice.label.setToolTip(text)

    def notify_said(self, text: str, error: bool) -> None:
        """What marking wording restricted did (a slot for FamilyWording.said)."""
        self.notify(text, error=error)

    def populated(self) -> bool:
        """The current family's summary and agency round are on screen (benchmarks and tests ask)."""
        row = self.current_row()
        return (
            row is not None
            and self.ui.family.case_id == row.case_id
            and self.ui.family.complete
            and self.ui.round.model.rowCount() > 0
        )
