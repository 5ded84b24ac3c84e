"""The family's part of the plan: their own words, strengths, consent and the
review schedule, with the family members (and their ages) and the Team
Around the Family (and how to reach them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.plans.schedule import next_review
from tafdesk.plans.view import PlanView
from tafdesk.ui.count_spin import follow_count
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.plans.edits import PLAN_TEXT_FIELDS, text_value
from tafdesk.ui.plans.people_models import FamilyModel, TeamModel
from tafdesk.ui.qt_dates import to_date
from tafdesk.ui.restricted import FamilyWording, QuoteWarning, QuoteWatch
from tafdesk.ui.text import day, plural
from tafdesk.ui.theme import show_spin_buttons

TEXT_LABELS = {
    "voice_of_child": ("Voice of the child", "What the children say, in their own words"),
    "voice_of_parents": ("Voice of the parents", "What the parents or carers say, in their own words"),
    "strengths": ("Strengths", "What is going well, and what the family can build on"),
}
FIELD_LABELS = {
    **{name: label for name, (label, _) in TEXT_LABELS.items()},
    "consent_confirmed_on": "Consent date",
    "review_interval_weeks": "Review interval",
}

EditField = Callable[[str, Any], None]  # field name, new value


class OptionalDate(QWidget):
    """A date that may not be known yet: a tick box, then the date."""

    changed = Signal(object)  # dt.date | None

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox(label)
        self.date = QDateEdit(calendarPopup=True, displayFormat="d MMM yyyy")
        self.date.setAccessibleName(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.date)
        layout.addStretch(1)
        self.known.toggled.connect(self._toggled)
        self.date.dateChanged.connect(lambda _d: self._emit())

    def value(self) -> dt.date | None:
        return to_date(self.date.date()) if self.known.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.blockSignals(True)
        self.known.setChecked(value is not None)
        self.date.setDate(QDate(value.year, value.month, value.day) if value else QDate.currentDate())
        self.date.setEnabled(value is not None)
        self.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        self.known.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, read_only)
        self.known.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)
        self.date.setReadOnly(read_only)
        show_spin_buttons(self.date, not read_only)

    def _toggled(self, on: bool) -> None:
        self.date.setEnabled(on)
        self._emit()

    def _emit(self) -> None:
        if not self.signalsBlocked():
            self.changed.emit(self.value())


def _people_table(name: str, model: Any) -> QTableView:
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


class FamilyTab(QScrollArea):
    def __init__(
        self, document: PlanDocument, edit_field: EditField, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take Tab, and are scrolled into view
        self._document = document
        self._edit_field = edit_field
        self._today = today
        self._plan: PlanView | None = None
        self.texts: dict[str, QPlainTextEdit] = {}
        self.quote_warning = QuoteWarning()
        self.quotes = QuoteWatch(self.quote_warning, self)
        self.consent = OptionalDate("Consent given on")
        self.interval = QSpinBox(minimum=1, maximum=52)
        self._interval_unit = follow_count(self.interval, "week", "weeks")
        self.interval.setAccessibleName("Review every")
        self.next_review = QLabel(objectName="hint", wordWrap=True)
        self.family = FamilyModel(self)
        self.team = TeamModel(self)
        self.family_table = _people_table("Family members", self.family)
        self.team_table = _people_table("Team Around the Family", self.team)
        self._build()
        self._connect()

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 6, 16, 16)
        layout.setSpacing(6)
        layout.addWidget(QLabel("In the family's own words", objectName="sectionTitle"))
        words = QGridLayout()
        words.setHorizontalSpacing(14)
        words.setVerticalSpacing(4)
        for column, name in enumerate(PLAN_TEXT_FIELDS):
            label, hint = TEXT_LABELS[name]
            edit = QPlainTextEdit(objectName=name)
            edit.setAccessibleName(label)
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(round(self.fontMetrics().height() * 5.5))
            caption = QLabel(f"<b>{label}</b>")
            caption.setBuddy(edit)
            words.addWidget(caption, 0, column)
            words.addWidget(edit, 1, column)
            self.texts[name] = edit
            self.quotes.watch(edit, label)
        layout.addLayout(words)
        layout.addWidget(self.quote_warning)

        layout.addWidget(QLabel("Consent and reviews", objectName="sectionTitle"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("Consent to the plan:", self.consent)
        reviews = QHBoxLayout()
        reviews.addWidget(self.interval)
        reviews.addWidget(self.next_review, 1)
        form.addRow("Review every:", reviews)
        layout.addLayout(form)

        layout.addWidget(QLabel("Family members", objectName="sectionTitle"))
        layout.addWidget(self.family_table)
        layout.addWidget(QLabel("Team Around the Family", objectName="sectionTitle"))
        layout.addWidget(self.team_table)
        layout.addStretch(1)
        self.setWidget(body)

    def _connect(self) -> None:
        for name, edit in self.texts.items():
            edit.textChanged.connect(lambda name=name, edit=edit: self._typed(name, edit))
        self.consent.changed.connect(lambda value: self._edit_field("consent_confirmed_on", value))
        self.interval.valueChanged.connect(self._interval_changed)
        self._document.field_changed.connect(self._show_field)
        self._document.replaced.connect(self._show_all)

    # -- showing ------------------------------------------------------------------

    def set_wording(self, wording: FamilyWording | None) -> None:
        """The family whose restricted information the texts are checked against (None: not checked)."""
        self.quotes.set_wording(wording)

    def show_plan(self, plan: PlanView) -> None:
        self._plan = plan
        self.family.set_people(plan.people.family)
        self.team.set_people(plan.people.team)
        for table in (self.family_table, self.team_table):
            rows = max(1, table.model().rowCount())
            height = table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
            table.setFixedHeight(height + 2 * table.frameWidth())
        read_only = not self._document.editable
        for edit in self.texts.values():
            edit.setReadOnly(read_only)
            edit.setPlaceholderText("" if read_only else TEXT_LABELS[edit.objectName()][1])
        self.consent.set_read_only(read_only)
        self.interval.setReadOnly(read_only)
        show_spin_buttons(self.interval, not read_only)
        self._show_all()

    def _show_all(self) -> None:
        for name in (*PLAN_TEXT_FIELDS, "consent_confirmed_on", "review_interval_weeks"):
            self._show_field(name)

    def _show_field(self, name: str) -> None:
        value = getattr(self._document.content, name)
        if name in self.texts:
            edit = self.texts[name]
            if text_value(edit.toPlainText()) != value:
                edit.blockSignals(True)
                edit.setPlainText(value or "")
                edit.blockSignals(False)
        elif name == "consent_confirmed_on":
            if self.consent.value() != value:
                self.consent.set_value(value)
        elif name == "review_interval_weeks":
            if self.interval.value() != value:
                self.interval.blockSignals(True)
                self.interval.setValue(value)
                self.interval.blockSignals(False)
                self._interval_unit(value)
            self._show_next_review()

    def _show_next_review(self) -> None:
        plan, weeks = self._plan, self._document.content.review_interval_weeks
        if plan is None:
            return
        if plan.is_draft:
            first = next_review(self._today, weeks)
            text = f"If the plan is agreed today, the first review falls on {first:%A} {day(first)}"
        elif plan.next_review_on:
            late = (self._today - plan.next_review_on).days
            text = f"Next review: {plan.next_review_on:%A} {day(plan.next_review_on)}"
            text += f" — {plural(late, 'day')} overdue" if late > 0 else ""
        else:
            text = "No review is due: the plan is closed." if plan.closed_on else ""
        self.next_review.setText(
            text + ("  (moved to a working day when it falls on a weekend or bank holiday)" if plan.is_draft else "")
        )

    # -- edits --------------------------------------------------------------------

    def _typed(self, name: str, edit: QPlainTextEdit) -> None:
        value = text_value(edit.toPlainText())
        if value != getattr(self._document.content, name):
            self._edit_field(name, value)

    def _interval_changed(self, weeks: int) -> None:
        if weeks != self._document.content.review_interval_weeks:
            self._edit_field("review_interval_weeks", weeks)
