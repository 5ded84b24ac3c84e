"""Recording a TAF review: when it was held and who came, notes, progress
towards each outcome (red, amber or green, with a comment), a score from 1
to 10 for each need area (chosen with the family), and what became of the
open actions. `attempt(ReviewInput)` returns None when recorded, or the
refusal's fields, shown at theirs. Every text here can reach the plan's
documents, so each is checked against the family's restricted information
as it is typed, as the plan's own texts are."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models.enums import ActionStatus, NeedArea, Rag
from tafdesk.plans.view import PlanView
from tafdesk.services.plans import ReviewInput
from tafdesk.ui.colours import current
from tafdesk.ui.field_errors import error_label, highlight
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.plans.dialogs import date_edit
from tafdesk.ui.plans.labels import RAG_LABELS, RAG_MEANING
from tafdesk.ui.qt_dates import to_date
from tafdesk.ui.restricted import FamilyWording, QuoteWarning, QuoteWatch
from tafdesk.ui.text import day
from tafdesk.ui.window_fit import resize_within_screen

Errors = dict[str, str]
NOT_SCORED = "Not scored"


class ReviewDialog(QDialog):
    def __init__(
        self,
        plan: PlanView,
        attempt: Callable[[ReviewInput], Errors | None],
        today: dt.date,
        parent: QWidget | None = None,
        wording: FamilyWording | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Record a review of the {plan.family_name} family's plan")
        resize_within_screen(self, 900, 720)
        self._plan = plan
        self._attempt = attempt
        self.held_on = date_edit(today, today)
        self.held_on.setAccessibleName("Held on")
        self.attendees = QLineEdit(_who(plan))
        self.attendees.setAccessibleName("Who came")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("What was discussed, and what the family said")
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        self.rag: dict[uuid.UUID, tuple[QComboBox, QLineEdit]] = {}
        self.scores: dict[NeedArea, QSpinBox] = {}
        self.updates: dict[uuid.UUID, tuple[QComboBox, QLineEdit, QLabel]] = {}
        self.errors: dict[str, QLabel] = {
            name: error_label() for name in ("held_on", "progress", "scores", "action_updates")
        }
        self.form_error = QLabel(objectName="formError", wordWrap=True)
        self.form_error.hide()
        self.quote_warning = QuoteWarning()
        self.quotes = QuoteWatch(self.quote_warning, self)
        self._build()
        self._watch_quotes(wording)

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        form = QFormLayout()
        form.addRow("Held on:", self.held_on)
        form.addRow("", self.errors["held_on"])
        form.addRow("Who came:", self.attendees)
        form.addRow("Notes:", self.notes)
        layout.addLayout(form)
        layout.addWidget(QLabel("Progress towards each outcome", objectName="sectionTitle"))
        layout.addWidget(QLabel(" · ".join(RAG_MEANING.values()), objectName="hint", wordWrap=True))
        layout.addLayout(self._progress_grid())
        layout.addWidget(self.errors["progress"])
        layout.addWidget(QLabel("Scores, chosen with the family", objectName="sectionTitle"))
        layout.addWidget(
            QLabel("From 1 (serious worries) to 10 (going well), for each area of the plan.", objectName="hint")
        )
        layout.addLayout(self._scores_grid())
        layout.addWidget(self.errors["scores"])
        layout.addWidget(QLabel("The open actions", objectName="sectionTitle"))
        layout.addLayout(self._actions_grid())
        layout.addWidget(self.errors["action_updates"])
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take Tab, and are scrolled into view
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.addButton("Record review", QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button.setObjectName("primaryButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(self.form_error)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.quote_warning)  # under the texts, whichever is scrolled into view
        outer.addWidget(buttons)

    def _watch_quotes(self, wording: FamilyWording | None) -> None:
        self.quotes.watch(self.attendees, "Who came")
        self.quotes.watch(self.notes, "Notes")
        for outcome in self._plan.content.outcomes:
            self.quotes.watch(self.rag[outcome.id][1], f"Comment on {NEED_AREA_SHORT[outcome.area]}")
        for _status, reason, _error in self.updates.values():
            self.quotes.watch(reason, "Why it was dropped")
        self.quotes.set_wording(wording)

    def _progress_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        for row, outcome in enumerate(self._plan.content.outcomes):
            name = QLabel(
                f"<b>{NEED_AREA_SHORT[outcome.area]}</b>: {outcome.outcome_wanted or outcome.need}", wordWrap=True
            )
            rag = QComboBox()
            rag.addItem("Not discussed", None)
            for value, label in RAG_LABELS.items():
                rag.addItem(label, value)
            rag.setAccessibleName(f"Progress: {NEED_AREA_SHORT[outcome.area]}")
            comment = QLineEdit(placeholderText="Comment")
            comment.setAccessibleName(f"Comment: {NEED_AREA_SHORT[outcome.area]}")
            grid.addWidget(name, row, 0)
            grid.addWidget(rag, row, 1)
            grid.addWidget(comment, row, 2)
            self.rag[outcome.id] = (rag, comment)
        return grid

    def _scores_grid(self) -> QGridLayout:
        grid = QGridLayout()
        last = {area: score for review in self._plan.reviews for area, score in review.scores.items()}
        areas = list(dict.fromkeys(o.area for o in self._plan.content.outcomes))
        for row, area in enumerate(areas):
            spin = QSpinBox(minimum=0, maximum=10)
            spin.setSpecialValueText(NOT_SCORED)
            spin.setAccessibleName(f"Score: {NEED_AREA_SHORT[area]}")
            spin.setMinimumWidth(self.fontMetrics().horizontalAdvance(NOT_SCORED) + 48)
            error = self.errors.setdefault(f"scores.{area.value}", error_label())
            grid.addWidget(QLabel(area.label, wordWrap=True), row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(
                QLabel(f"last time: {last[area]}" if area in last else "first score", objectName="hint"), row, 2
            )
            grid.addWidget(error, row, 3)
            self.scores[area] = spin
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(3, 2)
        return grid

    def _actions_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        open_actions = [a for a in self._plan.content.actions if a.status is ActionStatus.OPEN]
        if not open_actions:
            grid.addWidget(QLabel("No open actions.", objectName="hint"), 0, 0)
        for row, action in enumerate(open_actions):
            who = f" — {action.owner.label}" if action.owner else ""
            due = f", due {day(action.due_on)}" if action.due_on else ""
            label = QLabel(
                f"{action.description or '(no description)'}<span style='color:{current().muted}'>{who}{due}</span>",
                wordWrap=True,
            )
            status = QComboBox()
            status.addItem("Still open", ActionStatus.OPEN)
            status.addItem("Done", ActionStatus.DONE)
            status.addItem("Dropped", ActionStatus.DROPPED)
            status.setAccessibleName(f"What became of: {action.description}")
            reason = QLineEdit(placeholderText="Why it was dropped")
            reason.setAccessibleName(f"Why it was dropped: {action.description}")
            reason.setEnabled(False)
            error = error_label()
            status.currentIndexChanged.connect(
                lambda _i, s=status, r=reason: r.setEnabled(_chosen(s) is ActionStatus.DROPPED)
            )
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(status, row * 2, 1)
            grid.addWidget(reason, row * 2, 2)
            grid.addWidget(error, row * 2 + 1, 0, 1, 3)
            self.updates[action.id] = (status, reason, error)
        return grid

    # -- submitting --------------------------------------------------------------------

    def review(self) -> ReviewInput:
        return ReviewInput(
            held_on=to_date(self.held_on.date()),
            attendees=self.attendees.text(),
            notes=self.notes.toPlainText(),
            scores={area: spin.value() for area, spin in self.scores.items() if spin.value() > 0},
            progress={
                oid: (Rag(rag.currentData()), comment.text().strip() or None)
                for oid, (rag, comment) in self.rag.items()
                if rag.currentData() is not None
            },
            action_updates={
                aid: (_chosen(status), reason.text().strip() or None)
                for aid, (status, reason, _e) in self.updates.items()
                if _chosen(status) is not ActionStatus.OPEN
            },
        )

    def submit(self) -> None:
        self._clear()
        errors: Errors = {}
        for status, reason, error in self.updates.values():
            if _chosen(status) is ActionStatus.DROPPED and not reason.text().strip():
                error.setText("Say why the action was dropped.")
                error.show()
                highlight(reason, True)
                errors["action_updates"] = ""
        if not errors:
            errors = self._attempt(self.review()) or {}
            if not errors:
                self.accept()
                return
        shown = 0
        for name, message in errors.items():
            label = self.errors.get(name)
            if label is not None and message:
                label.setText(message)
                label.show()
                shown += 1
            if name.startswith("scores.") and NeedArea(name.split(".", 1)[1]) in self.scores:
                highlight(self.scores[NeedArea(name.split(".", 1)[1])], True)
            if name == "held_on":
                highlight(self.held_on, True)
        others = [m for n, m in errors.items() if n not in self.errors and m]
        self.form_error.setText("Not recorded: put right what is marked in red. " + " ".join(others))
        self.form_error.show()

    def _clear(self) -> None:
        self.form_error.hide()
        for label in self.errors.values():
            label.hide()
        for _status, reason, error in self.updates.values():
            error.hide()
            highlight(reason, False)
        for widget in (self.held_on, *self.scores.values()):
            highlight(widget, False)


def _who(plan: PlanView) -> str:
    """The team and the grown-ups of the household, as a starting point."""
    grown_ups = [m.name for m in plan.people.family if m.in_household and m.role in ("parent", "carer", "adult")]
    return ", ".join([*grown_ups, *(m.name for m in plan.people.team)])


def _chosen(combo: QComboBox) -> ActionStatus:
    """The status chosen (Qt hands back a string enum's plain value)."""
    return ActionStatus(combo.currentData())
