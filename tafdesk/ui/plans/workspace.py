"""One family's plan: a header saying whose plan, which version and whether
it is saved, with what can be done to it now (agree, revise, record a
review, close); tabs for the family, needs and outcomes, SMART actions,
reviews and distance travelled, and versions; and the SMART check beside a
draft. A case with no plan yet offers to start one.

Reads happen off the interface thread; the deliberate steps (start, agree,
revise, review, close) are short writes made when asked, each followed by a
fresh read of the plan. The plan is read again when someone else changes it
(ui/live.py), unless something typed here is not yet saved: then the save's
own check of the plan's version brings the choice of which to keep. What
could not be done is said in the banner under the heading.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tafdesk.db.changes import Change
from tafdesk.logs import log_unexpected
from tafdesk.models.enums import PlanStatus
from tafdesk.plans.content import PlanContent
from tafdesk.plans.view import PlanView
from tafdesk.services.restricted_text import Context
from tafdesk.ui.background import run_in_background
from tafdesk.ui.banner import Banner
from tafdesk.ui.errors import explain
from tafdesk.ui.flow_layout import FlowLayout
from tafdesk.ui.live import ChangeSignal, LiveReload
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans import family_letter, operations, plan_copy
from tafdesk.ui.plans.autosave import SaveState, journal_verdict
from tafdesk.ui.plans.editor import PlanEditor
from tafdesk.ui.plans.labels import PLAN_STATUS_LABELS
from tafdesk.ui.plans.loading import CaseRef, PlanBundle, PlanServices, load_bundle
from tafdesk.ui.plans.recovered import RecoveredBanner
from tafdesk.ui.plans.reviews_tab import ReviewsTab
from tafdesk.ui.plans.versions_tab import VersionsTab
from tafdesk.ui.restricted import FamilyWording
from tafdesk.ui.text import day, plural
from tafdesk.ui.window_fit import resize_within_screen

log = logging.getLogger(__name__)

STATE_MARKS = {
    SaveState.SAVED: "✓",
    SaveState.SAVING: "…",
    SaveState.LOCAL: "●",
    SaveState.REFUSED: "●",
    SaveState.CONFLICT: "!",
}
Ask = Callable[[str, str], bool]  # title, question -> yes


def ask_question(parent: QWidget, title: str, question: str, yes: str, no: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    mine = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is mine


class PlanWorkspace(QWidget):
    back_requested = Signal()
    status_message = Signal(str)
    shown = Signal()  # after each plan (or the offer to start one) has been shown
    changed = Signal()  # a plan was started, agreed, revised, reviewed or closed: lists may need a fresh read

    def __init__(
        self,
        services: PlanServices,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        changes: ChangeSignal | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("TAF plan")
        self.services = services
        self.bundle: PlanBundle | None = None
        self.wording: FamilyWording | None = None  # the family's quote check, while its plan may be edited
        self._case: CaseRef | None = None
        self._reads = 0  # only the latest read is shown
        self.ask_keep_draft: Ask = lambda title, text: ask_question(
            self, title, text, "Use my draft", "Use the database's version"
        )
        today = services.plans.today()
        self.editor = PlanEditor(undo_stack, services.journal, today, self)
        self.reviews = ReviewsTab(self._outcomes_of)
        self.versions = VersionsTab()
        self.back_button = QPushButton("← Cases", objectName="backButton")
        self.title = QLabel(objectName="pageTitle")
        self.subtitle = QLabel(objectName="formSubtitle", wordWrap=True)
        self.save_state = QLabel(objectName="saveState", wordWrap=True)  # a long refusal wraps, never widens the window
        self.save_state.setAccessibleDescription("Saved state")
        self.buttons = {
            "agree": QPushButton("Agree plan…", objectName="primaryButton"),
            "revise": QPushButton("Revise plan"),
            "review": QPushButton("Record review…", objectName="primaryButton"),
            "close": QPushButton("Propose closure…"),
            "evidence": QPushButton("Outcome evidence…"),
            "copy": QPushButton("Save a copy…"),
            "print": QPushButton("Print…"),
            "letter": QPushButton("Letter to the family…"),
            "profile": QPushButton("360° profile…"),
        }
        self.banner = Banner()
        self.recovered = RecoveredBanner()
        self._database_content: PlanContent | None = None  # what the database had when a draft was put back
        self.band = QLabel(objectName="planBand", wordWrap=True)
        self.band_button = QPushButton("Back to the current version")
        self.tabs = QTabWidget(objectName="planTabs")
        self.start_note = QLabel(objectName="pageText", wordWrap=True)
        self.start_button = QPushButton("Start the plan", objectName="primaryButton")
        self.loading = QLabel("Reading the plan…", objectName="pageNote")
        self._stack = QStackedWidget()
        self._build()
        self._connect()
        self.live = LiveReload(
            self, changes, self.wants, self.reload, holding=self.holding, say=self.status_message.emit
        )

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        top = QGridLayout()
        top.setHorizontalSpacing(8)
        top.setVerticalSpacing(2)
        top.addWidget(self.back_button, 0, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 0, 1, Qt.AlignmentFlag.AlignTop)
        top.setColumnStretch(2, 1)
        # The buttons at the right, wrapping onto more rows in a narrow window (large text).
        buttons = QWidget()
        row = FlowLayout(buttons, right=True)
        for name in ("profile", "copy", "print", "letter", "evidence", "revise", "close", "review", "agree"):
            row.addWidget(self.buttons[name])
        top.addWidget(buttons, 0, 2)
        # Under the title and the buttons: the plan's reference and state, and how saving it went
        # (a long refusal or conflict wraps there).
        state = QHBoxLayout()
        state.setContentsMargins(0, 0, 0, 0)
        state.addWidget(self.subtitle, 1, Qt.AlignmentFlag.AlignTop)
        state.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(state, 1, 1, 1, 2)
        self.buttons["copy"].setToolTip("Save the plan as PDF or Word, for the family and the team (Ctrl+Shift+S)")
        self.buttons["print"].setToolTip("Print the plan (Ctrl+P)")
        self.buttons["letter"].setToolTip(
            "The letter to the family or their TAF review invitation, as PDF or Word (Ctrl+Shift+T)"
        )
        self.buttons["profile"].setToolTip("The family's 360° profile, with the restricted items you may read (Ctrl+I)")
        for name, keys in (
            ("copy", "Ctrl+Shift+S"),
            ("print", "Ctrl+P"),
            ("letter", "Ctrl+Shift+T"),
            ("profile", "Ctrl+I"),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.buttons[name].click)
        band = QHBoxLayout()
        band.setContentsMargins(0, 0, 0, 0)
        band.addWidget(self.band, 1)
        band.addWidget(self.band_button)
        self._band_row = QWidget()
        self._band_row.setLayout(band)

        self.tabs.setDocumentMode(True)
        e = self.editor
        self.tabs.addTab(e.family_tab, "Family")
        self.tabs.addTab(e.outcomes, "Needs and outcomes")
        self.tabs.addTab(e.actions, "SMART actions")
        self.tabs.addTab(self.reviews, "Reviews and progress")
        self.tabs.addTab(self.versions, "Versions")
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(e.smart)
        column.addWidget(self.tabs, 1)

        start = QWidget()
        column = QVBoxLayout(start)
        column.setContentsMargins(40, 24, 40, 24)
        column.addWidget(self.start_note)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        self.loading.setContentsMargins(24, 24, 24, 24)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._stack.addWidget(self.loading)
        self._stack.addWidget(content)
        self._stack.addWidget(start)
        self._content, self._start = content, start

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.recovered)
        layout.addWidget(self._band_row)
        layout.addWidget(self._stack, 1)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.editor.tab_wanted.connect(self.tabs.setCurrentWidget)
        self.editor.document.actions_reset.connect(self._count_actions)
        self.editor.document.replaced.connect(self._count_actions)
        self.band_button.clicked.connect(lambda: self.reload())
        self.recovered.discard_chosen.connect(self._discard_recovered)
        self.recovered.keep_chosen.connect(lambda: self.status_message.emit("The changes put back are kept."))
        self.editor.edited.connect(self.recovered.hide)  # edited on: the changes put back are kept
        self.start_button.clicked.connect(lambda: operations.start(self))
        self.buttons["agree"].clicked.connect(lambda: operations.agree(self))
        self.buttons["revise"].clicked.connect(lambda: operations.revise(self))
        self.buttons["review"].clicked.connect(lambda: operations.record_review(self))
        self.buttons["close"].clicked.connect(lambda: operations.close(self))
        self.buttons["evidence"].clicked.connect(lambda: operations.evidence(self))
        self.buttons["copy"].clicked.connect(lambda: plan_copy.save_copy(self))
        self.buttons["profile"].clicked.connect(self.show_profile)
        self.buttons["print"].clicked.connect(lambda: plan_copy.print_copy(self))
        self.buttons["letter"].clicked.connect(lambda: family_letter.make_letter(self))
        self.versions.view_requested.connect(self._open_version)
        self.versions.compare_requested.connect(lambda older, newer: operations.compare(self, older, newer))

    # -- opening -------------------------------------------------------------------------

    @property
    def plan(self) -> PlanView | None:
        return self.bundle.plan if self.bundle else None

    def open_case(self, case: CaseRef, plan_id: uuid.UUID | None = None) -> None:
        """Read the case's plan (or the version plan_id) and show it."""
        self.flush()
        self.live.reading()
        if self._case is None or self._case.case_id != case.case_id:
            self.banner.hide()  # what it said was about another family's plan
        self._case = case
        self.title.setText(f"The {case.family_name} family")
        self.subtitle.setText(case.reference)
        self._stack.setCurrentWidget(self.loading)
        self.loading.setText("Reading the plan…")
        for button in self.buttons.values():
            button.hide()
        self.recovered.hide()
        self._band_row.hide()
        self.save_state.hide()
        self._reads += 1
        token = self._reads

        def read(bundle: PlanBundle) -> None:
            if token == self._reads:  # not since asked for another
                self.show_bundle(bundle)

        def failed(error: Exception) -> None:
            if token == self._reads:
                self._load_failed(error)

        run_in_background(lambda: load_bundle(self.services, case, plan_id), read, failed, context=self)

    def reload(self) -> None:
        if self._case is not None:
            self.open_case(self._case)

    def _open_version(self, plan_id: uuid.UUID) -> None:
        if self._case is not None:
            self.open_case(self._case, plan_id)

    def wants(self, change: Change) -> bool:
        """Another process's change to the plan shown, or to its case (this one's are read back as made)."""
        if self._case is None or change.local or change.look:
            return False
        if change.everything or change.case_id == self._case.case_id:  # a new version of its plan, say
            return True
        if change.entity == "taf_plan":
            return self.plan is not None and change.may_name(self.plan.id)
        return change.entity == "case" and change.may_name(self._case.case_id)

    def holding(self) -> bool:
        """Something typed here that the database does not have yet."""
        saver = self.editor.autosaver
        return (saver is not None and not saver.quiet) or self.recovered.isVisible()

    def _load_failed(self, error: Exception) -> None:
        log_unexpected(log, "reading a plan", error)  # never the message: it may name a family or a user
        self.loading.setText(f"The plan could not be read. {explain(error, 'reading a plan')}")
        self.shown.emit()

    def show_bundle(self, bundle: PlanBundle) -> None:
        self.bundle, self._case = bundle, bundle.case
        plan = bundle.plan
        self.title.setText(f"The {bundle.case.family_name} family")
        self.buttons["profile"].setVisible(self.services.profiles is not None)
        if plan is None:
            self._show_start(bundle)
            self.shown.emit()
            return
        self.editor.load(plan, bundle.owners, self._saver(plan.id))
        self._follow_wording(plan, bundle)
        saver = self.editor.autosaver
        if saver is not None:
            saver.state_changed.connect(self._show_save_state)
            saver.conflict.connect(self._conflict)
            saver.refused.connect(self.editor.mark_refused)
        self.reviews.show_plan(plan, bundle.versions)
        self.versions.set_versions(bundle.versions, plan.id)
        self.editor.smart.setVisible(plan.is_draft and plan.editable)
        self.subtitle.setText(_describe(plan, bundle))
        self._show_buttons(plan, bundle)
        self._show_band(plan, bundle)
        self._show_save_state(SaveState.SAVED, "Saved")
        self.save_state.setVisible(plan.editable)
        self._count_actions()
        self.tabs.setTabText(3, f"Reviews and progress ({len(plan.reviews)})")
        self.tabs.setTabText(4, f"Versions ({len(bundle.versions)})")
        self._stack.setCurrentWidget(self._content)
        self._take_journal(plan, bundle)
        self.shown.emit()

    def _follow_wording(self, plan: PlanView, bundle: PlanBundle) -> None:
        """The plan's text, and a review's, is checked as it is typed against
        the family's restricted information."""
        service = self.services.restricted
        typed = plan.editable or _may_review(plan, bundle)
        wanted = plan.case_id if typed and service is not None else None
        if self.wording is not None and self.wording.case_id == wanted:
            self.wording.refresh()
        else:
            if self.wording is not None:
                self.wording.deleteLater()
            self.wording = (
                FamilyWording(service, wanted, Context.PLAN, self) if wanted and service is not None else None
            )
            if self.wording is not None:
                self.wording.said.connect(lambda text, _error: self.note(text))
        self.editor.set_wording(self.wording if plan.editable else None)

    def show_profile(self) -> None:
        """The family's 360° profile in a window of its own (read off the interface thread)."""
        from tafdesk.ui.meetings.mode_dialogs import profile_dialog

        case, profiles = self._case, self.services.profiles
        if case is None or profiles is None:
            return

        def shown(summary) -> None:
            self.profile_window = profile_dialog(self, case.family_name, summary)
            resize_within_screen(self.profile_window, self.profile_window.width(), self.profile_window.height())
            self.profile_window.open()

        Operation(
            self.banner,
            lambda: profiles.summary(case.case_id),
            failed="The 360° profile could not be read.",
            doing="reading the profile",
            slow=True,
        ).done(shown).run()

    def _saver(self, plan_id: uuid.UUID):
        plans = self.services.plans
        return lambda base, content: plans.save_draft(plan_id, base, content)

    def _show_start(self, bundle: PlanBundle) -> None:
        family = bundle.case.family_name
        if bundle.may_edit:
            self.start_note.setText(
                f"The {family} family has no plan yet. Start it from their 360° profile: its needs "
                "become outcomes to fill in, and its strengths and views are carried over."
            )
        else:
            self.start_note.setText(f"The {family} family has no plan yet. Their lead professional starts it.")
        self.start_button.setVisible(bundle.may_edit)
        self.subtitle.setText(f"{bundle.case.reference} · No plan yet")
        self._stack.setCurrentWidget(self._start)

    def _show_buttons(self, plan: PlanView, bundle: PlanBundle) -> None:
        current = bundle.newest and bundle.may_edit
        self.buttons["agree"].setVisible(plan.editable and plan.is_draft)
        for name in ("copy", "print"):  # the newest plan, for its team (and business support, managers)
            self.buttons[name].setVisible(bundle.newest and (bundle.may_edit or self.services.may_produce_documents))
        self.buttons["letter"].setVisible(bundle.newest and self.services.may_write_to_families)
        self.buttons["revise"].setVisible(current and plan.status is PlanStatus.AGREED)
        self.buttons["review"].setVisible(_may_review(plan, bundle))
        self.buttons["close"].setVisible(
            current and self.services.closure is not None and plan.status in (PlanStatus.AGREED, PlanStatus.DRAFT)
        )
        self.buttons["evidence"].setVisible(bundle.newest and self.services.evidence is not None)

    def _show_band(self, plan: PlanView, bundle: PlanBundle, extra: str = "") -> None:
        if not bundle.newest:
            text = (
                f"You are reading version {plan.plan_version} ({PLAN_STATUS_LABELS[plan.status].lower()}), "
                "as it was. It cannot be changed."
            )
        elif plan.is_draft and not plan.editable:
            text = (
                "You can read this draft. Only the family's Team Around the Family (its lead professional and "
                "supporting practitioners) and locality managers can change it."
            )
        elif plan.status is PlanStatus.AGREED:
            text = "This is the agreed plan. To change it, revise it: that starts a new draft from it."
            text = (
                text if bundle.may_edit else "This is the agreed plan. Only its Team Around the Family can change it."
            )
        elif plan.status is PlanStatus.CLOSED:
            text = f"This plan was closed on {day(plan.closed_on)}."
        else:
            text = ""
        text = " ".join(t for t in (extra, text) if t)
        self.band.setText(text)
        self.band_button.setVisible(not bundle.newest)
        self._band_row.setVisible(bool(text))

    def _count_actions(self) -> None:
        self.tabs.setTabText(2, f"SMART actions ({len(self.editor.document.content.actions)})")

    def note(self, text: str) -> None:
        """A message in the band above the plan, and in the status bar."""
        if self.plan is not None and self.bundle is not None:
            self._show_band(self.plan, self.bundle, text)
        self.status_message.emit(text)

    # -- drafts kept on this computer ---------------------------------------------------------

    def _take_journal(self, plan: PlanView, bundle: PlanBundle) -> None:
        journal, draft = self.services.journal, bundle.journal
        verdict = journal_verdict(draft, plan.row_version, plan.content)
        if verdict == "none" or draft is None:
            return
        if not plan.editable:
            journal.discard(plan.id)
            if verdict != "discard":
                self.note(
                    "A draft of this plan kept on this computer could not be saved: the plan was agreed or "
                    "closed, or passed to another team, since it was written."
                )
            return
        if verdict == "discard":
            journal.discard(plan.id)
            return
        if verdict == "ask" and not self.ask_keep_draft(
            "A newer draft on this computer",
            "This plan was changed in the database after your draft on this computer was written (perhaps by "
            "someone else in the Team Around the Family). Which do you want to keep?",
        ):
            journal.discard(plan.id)
            self.note("The draft on this computer was set aside; this is the version from the database.")
            return
        self.editor.take_draft(draft, plan.row_version)
        self._database_content = plan.content
        self.recovered.show_recovered(plan.content, self.editor.document.content, draft.saved_at)
        self.recovered.keep_button.setFocus()

    def _discard_recovered(self) -> None:
        if self._database_content is not None:
            self.editor.go_back_to(self._database_content)
            self.note(
                "The changes put back from this computer were discarded: this is the version from the "
                "database. Undo (Ctrl+Z) brings them back."
            )

    def _show_save_state(self, state: SaveState, text: str) -> None:
        self.save_state.setText(f"{STATE_MARKS[state]} {text}")
        self.save_state.setProperty("state", state.value)
        self.save_state.setToolTip(text)
        self.save_state.style().unpolish(self.save_state)
        self.save_state.style().polish(self.save_state)

    def _conflict(self, _message: str) -> None:
        # Said in the plan's band, not a modal box: the save's answer arrives from
        # the background, and a nested event loop there could outlive the page.
        self.note(
            "Someone else saved this plan while you were editing it. It is read again now; your draft "
            "waits on this computer for you to choose whether to keep it."
        )
        self.reload()

    # -- the page asks ------------------------------------------------------------------------

    def flush(self) -> bool:
        """Save what has been typed before moving away; True if the database has it."""
        return self.editor.flush()

    def _outcomes_of(self, plan_ids: list[uuid.UUID]):
        """The outcomes of past versions, for naming them in the reviews (runs off the interface thread)."""
        return {o.id: o for plan_id in plan_ids for o in self.services.plans.version(plan_id).content.outcomes}


def _describe(plan: PlanView, bundle: PlanBundle) -> str:
    parts = [plan.case_reference, f"Version {plan.plan_version}", PLAN_STATUS_LABELS[plan.status]]
    if plan.agreed_on:
        parts[-1] += f" on {day(plan.agreed_on)}"
    if plan.status is PlanStatus.AGREED and plan.next_review_on:
        late = (bundle.today - plan.next_review_on).days
        parts.append(
            f"review {plural(late, 'day')} overdue (due {day(plan.next_review_on)})"
            if late > 0
            else f"next review {day(plan.next_review_on)}"
        )
    return " · ".join(parts)


def _may_review(plan: PlanView, bundle: PlanBundle) -> bool:
    """A review is recorded on the newest plan, once agreed, by its team."""
    return bundle.newest and bundle.may_edit and plan.status is PlanStatus.AGREED
