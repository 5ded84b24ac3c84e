"""The decision on the current family: the outcome (Alt+1 … Alt+7), the lead
and team chosen in the round, the rationale, the deferral's reason and date,
the actions, and Confirm (Ctrl+Enter). Rules the service refuses are shown
at their fields; the rationale and each action are checked as they are typed
against the family's restricted information (ui/restricted.py)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models.enums import DecisionOutcome
from tafdesk.ui.field_errors import error_label, when_edited
from tafdesk.ui.meetings.actions_editor import ActionsEditor, Owner
from tafdesk.ui.meetings.choices import Choice, NumberedChoices, scrolling_body
from tafdesk.ui.meetings.drafts import Draft
from tafdesk.ui.meetings.labels import NEEDS_LEAD, OUTCOME_LABELS, OUTCOME_SHORT, OUTCOMES, TAKES_LEAD
from tafdesk.ui.restricted import FamilyWording, QuoteWarning, QuoteWatch
from tafdesk.ui.text import and_list

FIELDS = ("lead_professional_id", "rationale", "deferral_reason", "deferred_until", "actions")


class DecisionPanel(QWidget):
    confirm_requested = Signal()
    outcome_changed = Signal(object)  # DecisionOutcome

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionPanel")
        self.setAccessibleName("Decision")
        self.choices = NumberedChoices(self, [Choice(OUTCOME_SHORT[o], OUTCOME_LABELS[o]) for o in OUTCOMES])
        self.outcomes = self.choices.group
        self.buttons: dict[DecisionOutcome, QRadioButton] = dict(zip(OUTCOMES, self.choices.buttons, strict=True))
        self.choice = QLabel(objectName="mmChoice", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.decided = QLabel(objectName="mmDecided", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.rationale = QPlainTextEdit()
        self.deferral_reason = QLineEdit(placeholderText="What the group needs before it can decide")
        self.deferred_until = QDateEdit()
        self.actions_editor = ActionsEditor()
        self.confirm = QPushButton("Confirm decision  (Ctrl+Enter)", objectName="mmConfirm")
        self.errors = {name: error_label(name) for name in (*FIELDS, "form")}
        # Warned in place as the rationale is typed, if it quotes the family's restricted information.
        self.quote_warning = QuoteWarning()
        self.quotes = QuoteWatch(self.quote_warning, self)
        self._defer_rows: list[QWidget] = []
        self._editable = True
        self._shown: Draft | None = None  # the draft loaded last
        self._build()
        self.outcomes.idToggled.connect(self._toggled)
        self.confirm.clicked.connect(self.confirm_requested)
        # What was said of a field's value goes once it is edited.
        when_edited(self.rationale, self.errors["rationale"].hide)
        when_edited(self.deferral_reason, self.errors["deferral_reason"].hide)
        when_edited(self.deferred_until, self.errors["deferred_until"].hide)

    def _build(self) -> None:
        self.choice.setAccessibleDescription("Lead and team chosen")
        self.decided.setAccessibleDescription("Decision recorded")
        self.decided.hide()
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setPlaceholderText("Why the group decided this: it goes into the minutes")
        self.quotes.watch(self.rationale)
        self.deferral_reason.setAccessibleName("Reason for deferring")
        self.deferred_until.setAccessibleName("Come back to it on")
        self.deferred_until.setCalendarPopup(True)
        self.deferred_until.setDisplayFormat("d MMM yyyy")
        self.confirm.setToolTip("Record the decision now (Ctrl+Enter); Ctrl+Z undoes it until the meeting is closed")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rationale_label = QLabel("&Rationale", objectName="mmFieldLabel")
        rationale_label.setBuddy(self.rationale)
        form.addRow(rationale_label, self._with_error(self.rationale, "rationale"))
        reason_label = QLabel("Deferred &because", objectName="mmFieldLabel")
        reason_label.setBuddy(self.deferral_reason)
        date_label = QLabel("Back on", objectName="mmFieldLabel")
        date_label.setBuddy(self.deferred_until)
        reason_field = self._with_error(self.deferral_reason, "deferral_reason")
        date_field = self._with_error(self.deferred_until, "deferred_until")
        form.addRow(reason_label, reason_field)
        form.addRow(date_label, date_field)
        self._defer_rows = [reason_label, reason_field, date_label, date_field]
        self.rationale.setMinimumHeight(round(self.fontMetrics().height() * 3.2))
        self.rationale.setMaximumHeight(self.fontMetrics().height() * 6)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(6)
        column.addWidget(self.decided)
        column.addWidget(self.choices.box)
        column.addWidget(self.choice)
        column.addWidget(self.errors["lead_professional_id"])
        column.addLayout(form)
        column.addWidget(self.actions_editor)
        column.addWidget(self.errors["actions"])
        column.addStretch(1)
        self.scroll_area = scrolling_body(body)

        bottom = QHBoxLayout()
        bottom.addWidget(self.errors["form"], 1)
        bottom.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bottom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.choices.fit(event.size().width())

    def _with_error(self, widget: QWidget, name: str) -> QWidget:
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.errors[name])
        if widget is self.rationale:
            column.addWidget(self.quote_warning)
        return cell

    def set_wording(self, wording: FamilyWording | None) -> None:
        """The family whose restricted information the rationale and actions are checked against."""
        self.quotes.set_wording(wording)
        self.actions_editor.set_wording(wording)

    def check_quotes(self) -> None:
        self.quotes.check()
        self.actions_editor.check_quotes()

    # -- state ----------------------------------------------------------------------

    def outcome(self) -> DecisionOutcome | None:
        checked = self.outcomes.checkedId()
        return OUTCOMES[checked] if checked >= 0 else None

    def choose_outcome(self, outcome: DecisionOutcome, *, focus: bool = False) -> None:
        if self._editable:
            self.buttons[outcome].setChecked(True)
            if focus:
                self.buttons[outcome].setFocus()

    def _toggled(self, number: int, checked: bool) -> None:
        if checked:
            self._follow_outcome()
            self.outcome_changed.emit(OUTCOMES[number])

    def _follow_outcome(self) -> None:
        defer = self.outcome() is DecisionOutcome.DEFER
        for widget in self._defer_rows:
            widget.setVisible(defer)

    def load(
        self, draft: Draft, *, meeting_day: dt.date, editable: bool, decided: str | None, why_not: str = ""
    ) -> None:
        """Show a family's draft; `decided` is the recorded decision's wording, if there is one."""
        self._editable = editable and decided is None
        self.clear_errors()
        self.choices.set_checked(OUTCOMES.index(draft.outcome) if draft.outcome is not None else -1)
        self.rationale.setPlainText(draft.rationale)
        self.deferral_reason.setText(draft.deferral_reason)
        later = draft.deferred_until or meeting_day + dt.timedelta(days=7)
        self.deferred_until.setMinimumDate(QDate(meeting_day.year, meeting_day.month, meeting_day.day).addDays(1))
        self.deferred_until.setDate(QDate(later.year, later.month, later.day))
        self.actions_editor.load(draft.actions, meeting_day + dt.timedelta(days=14))
        self._follow_outcome()
        self.decided.setVisible(decided is not None)
        self.decided.setText(
            f"<b>Decided.</b> {html.escape(decided)}<br/>Ctrl+Z undoes it while the meeting is open." if decided else ""
        )
        for widget in (*self.buttons.values(), self.rationale, self.deferral_reason, self.deferred_until, self.confirm):
            widget.setEnabled(self._editable)
        self.actions_editor.set_enabled(self._editable)
        self.choice.setVisible(decided is None)
        self.show_choice(draft)
        if draft is not self._shown:  # another family: its decision from the top
            self._shown = draft
            self.scroll_area.verticalScrollBar().setValue(0)

    def save(self, draft: Draft) -> None:
        """What is typed and chosen, into the draft."""
        draft.outcome = self.outcome()
        draft.rationale = self.rationale.toPlainText()
        draft.deferral_reason = self.deferral_reason.text()
        date = self.deferred_until.date()
        draft.deferred_until = dt.date(date.year(), date.month(), date.day())
        draft.actions = self.actions_editor.drafts()

    def show_choice(self, draft: Draft) -> None:
        """The lead and team chosen, in rich text: every name and reason escaped, so
        that a name or reason with < or & in it is shown as typed, never read as markup."""
        e = html.escape
        outcome = self.outcome()
        parts = []
        if draft.lead is not None:
            parts.append(f"<b>Lead:</b> {e(draft.lead.name)} ({e(draft.lead.agency_name)})")
            if draft.override_reason:
                parts.append(f"<b>Over capacity, agreed because:</b> {e(draft.override_reason)}")
        elif outcome in NEEDS_LEAD or outcome is None:
            parts.append("<b>Lead:</b> not chosen yet – Enter on a professional")
        if draft.team:
            parts.append(f"<b>Team Around the Family:</b> {e(and_list(draft.team_names()))}")
        if outcome is not None and outcome not in TAKES_LEAD and (draft.lead or draft.team):
            parts.append("(no lead or team for this outcome)")
        self.choice.setText("<br/>".join(parts))
        owners: list[Owner] = []
        if draft.lead is not None:
            owners.append((draft.lead.name, draft.lead.key))
        owners += [(name, professional) for (_agency, professional), name in draft.team.items()]
        owners.append(("The group", None))
        self.actions_editor.set_owners(owners)

    # -- errors -----------------------------------------------------------------------

    def show_errors(self, fields: Mapping[str, str]) -> None:
        self.clear_errors()
        for name, message in fields.items():
            label = self.errors.get(name, self.errors["form"])
            label.setText(message if label is not self.errors["form"] else " ".join(fields.values()))
            label.show()
        first = next((name for name in ("rationale", "deferral_reason", "deferred_until") if name in fields), None)
        if first:
            {
                "rationale": self.rationale,
                "deferral_reason": self.deferral_reason,
                "deferred_until": self.deferred_until,
            }[first].setFocus()

    def show_problem(self, message: str) -> None:
        self.clear_errors()
        self.errors["form"].setText(message)
        self.errors["form"].show()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()

    def visible_errors(self) -> dict[str, str]:
        return {name: label.text() for name, label in self.errors.items() if not label.isHidden()}
