"""The group's decision on a request put to it (a blockage, a step up or a
step down), in place of the allocation decision when the agenda item is a
request: what was asked, by whom and why; approve, decline or defer (to a
later meeting's date) with a rationale; confirmed with Ctrl+Enter like any
decision. Its choices are made as the decision panel's (choices.py), so the
two look and move alike. Rules the service refuses are shown at their
fields, each until the field is edited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models.enums import RequestState, Verdict
from tafdesk.services.requests import RequestRow
from tafdesk.ui.field_errors import FieldMarks, error_label
from tafdesk.ui.meetings.choices import Choice, NumberedChoices, scrolling_body
from tafdesk.ui.meetings.labels import VERDICT_LABELS

VERDICTS = (Verdict.APPROVE, Verdict.DECLINE, Verdict.DEFER)
VERDICT_MEANINGS = {
    Verdict.APPROVE: "Approve the request",
    Verdict.DECLINE: "Decline the request",
    Verdict.DEFER: "Defer the request to a later meeting",
}
FIELDS = ("verdict", "rationale", "deferred_until", "form")
NOT_HERE = "A request is decided on itself: the agency round, the professionals and the proposal do not apply to it."


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def describe(row: RequestRow) -> str:
    """What the request asks, by whom and why, in a sentence or two."""
    return f"{row.kind_words}, raised by {row.raised_by} on {_day(row.raised_on)}. {row.reason}"


class RequestDraft:
    """What the chair has chosen and typed for one request, kept while moving between items."""

    def __init__(self, verdict: Verdict | None = None, rationale: str = "", until: dt.date | None = None) -> None:
        self.verdict, self.rationale, self.until = verdict, rationale, until


class RequestDecisionPanel(QWidget):
    confirm_requested = Signal()
    choice_changed = Signal()  # the answer or the date to come back to it: what the room sees

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestPanel")
        self.setAccessibleName("The group's decision on the request")
        # What a family, a lead or a reason says is shown as typed, never read as markup.
        plain = Qt.TextFormat.PlainText
        self.heading = QLabel(objectName="mmChoice", wordWrap=True, textFormat=plain)
        self.about = QLabel(wordWrap=True, textFormat=plain)
        self.about.setAccessibleDescription("The request")
        self.note = QLabel(NOT_HERE, objectName="hint", wordWrap=True)
        self.decided = QLabel(objectName="mmDecided", wordWrap=True, textFormat=plain)
        self.decided.setAccessibleDescription("Decision recorded")
        self.choices = NumberedChoices(self, [Choice(VERDICT_LABELS[v], VERDICT_MEANINGS[v]) for v in VERDICTS])
        self.verdicts = self.choices.group
        self.buttons: dict[Verdict, QRadioButton] = dict(zip(VERDICTS, self.choices.buttons, strict=True))
        self.rationale = QPlainTextEdit()
        self.deferred_until = QDateEdit()
        self.confirm = QPushButton("Confirm decision  (Ctrl+Enter)", objectName="mmConfirm")
        self.errors = {name: error_label(f"request_{name}") for name in FIELDS}
        self.marks = FieldMarks()  # in the order the keyboard goes to the first refused
        self.marks.bind("rationale", self.rationale, self.errors["rationale"])
        self.marks.bind("deferred_until", self.deferred_until, self.errors["deferred_until"])
        self.marks.bind("verdict", self.choices.box, self.errors["verdict"], focus=self.buttons[Verdict.APPROVE])
        self._build()
        self.verdicts.idToggled.connect(self._toggled)
        self.deferred_until.dateChanged.connect(lambda _day: self.choice_changed.emit())
        self.confirm.clicked.connect(self.confirm_requested)

    def _build(self) -> None:
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setPlaceholderText("Why the group decided this: it goes into the minutes and the chronology")
        self.rationale.setMaximumHeight(self.fontMetrics().height() * 8)
        self.deferred_until.setAccessibleName("Come back to it on")
        self.deferred_until.setCalendarPopup(True)
        self.deferred_until.setDisplayFormat("d MMM yyyy")
        self.confirm.setToolTip("Record the decision now (Ctrl+Enter); Ctrl+Z undoes it until the meeting is closed")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        rationale_label = QLabel("&Rationale", objectName="mmFieldLabel")
        rationale_label.setBuddy(self.rationale)
        self.date_label = QLabel("Back on", objectName="mmFieldLabel")
        self.date_label.setBuddy(self.deferred_until)
        form.addRow(rationale_label, self._with_error(self.rationale, "rationale"))
        self.date_field = self._with_error(self.deferred_until, "deferred_until")
        form.addRow(self.date_label, self.date_field)
        bottom = QHBoxLayout()
        bottom.addWidget(self.errors["form"], 1)
        bottom.addWidget(self.confirm)
        body = QWidget()  # as the decision panel's: scrolling when the room is short
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(6)
        column.addWidget(self.heading)
        column.addWidget(self.about)
        column.addWidget(self.note)
        column.addWidget(self.decided)
        column.addWidget(self.choices.box)
        column.addWidget(self.errors["verdict"])
        column.addLayout(form)
        column.addStretch(1)
        self.scroll_area = scrolling_body(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bottom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.choices.fit(event.size().width())

    def _with_error(self, field: QWidget, name: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(self.errors[name])
        return box

    # -- showing ----------------------------------------------------------------------

    def load(
        self,
        request: RequestRow | None,
        draft: RequestDraft,
        *,
        meeting_day: dt.date,
        editable: bool,
        why_not: str,
    ) -> None:
        self.clear_errors()
        if request is None:
            self.heading.setText("The request could not be read")
            self.about.setText("")
            editable = False
        else:
            self.heading.setText(f"{request.kind_words}: the {request.family_name} family ({request.case_reference})")
            self.about.setText(describe(request))
        decided = request is not None and request.state is not RequestState.PENDING and request.decided_on
        self.decided.setVisible(bool(decided))
        if decided and request is not None:
            words = request.state_words + (f". {request.referral_words}." if request.referred_on else ".")
            self.decided.setText(f"{words} {request.rationale or ''}".strip())
        self.choices.set_checked(VERDICTS.index(draft.verdict) if draft.verdict is not None else -1)
        self.rationale.setPlainText(draft.rationale)
        later = draft.until or meeting_day + dt.timedelta(days=7)
        self.deferred_until.setMinimumDate(_qdate(meeting_day + dt.timedelta(days=1)))
        self.deferred_until.setDate(_qdate(later))
        for widget in (*self.buttons.values(), self.rationale, self.deferred_until, self.confirm):
            widget.setEnabled(editable and not decided)
        if not editable and not decided:
            self.show_problem(why_not)
        self._follow_verdict()

    def _toggled(self, _id: int, on: bool) -> None:
        if on:  # (the one unchosen says nothing new)
            self._follow_verdict()

    def _follow_verdict(self) -> None:
        defer = self.verdict() is Verdict.DEFER
        self.date_label.setVisible(defer)
        self.date_field.setVisible(defer)
        self.choice_changed.emit()

    # -- reading ----------------------------------------------------------------------

    def verdict(self) -> Verdict | None:
        at = self.verdicts.checkedId()
        return VERDICTS[at] if at >= 0 else None

    def choose(self, verdict: Verdict, *, focus: bool = False) -> None:
        button = self.buttons[verdict]
        button.setChecked(True)
        if focus:
            button.setFocus()

    def save(self, draft: RequestDraft) -> None:
        draft.verdict = self.verdict()
        draft.rationale = self.rationale.toPlainText()
        draft.until = self.until()

    def until(self) -> dt.date | None:
        return self.deferred_until.date().toPython() if self.verdict() is Verdict.DEFER else None  # type: ignore[return-value]

    # -- what was refused -----------------------------------------------------------------

    def clear_errors(self) -> None:
        self.marks.clear()
        self.errors["form"].hide()

    def show_errors(self, fields: Mapping[str, str]) -> None:
        """Each message at its field, the first of them given the keyboard; any other above Confirm."""
        self.marks.show_all(fields, self.errors["form"])

    def show_problem(self, text: str) -> None:
        self.clear_errors()
        self.errors["form"].setText(text)
        self.errors["form"].setVisible(bool(text))
