"""The case page's Consent section: each person's consent to share, per
purpose (the Team Around the Family, or one named agency), when and how it
was given and who recorded it, and its withdrawal. Record consent… and
Withdraw… go through an Operation: a broken rule is shown at its field,
anything else in the section's banner, and what was typed is kept."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk import clock
from tafdesk.models import ConsentMethod, ConsentPurpose
from tafdesk.services.consent import (
    METHOD_WORDS,
    NOTE_LIMIT,
    TEAM_WORDS,
    ConsentInput,
    ConsentService,
    ConsentView,
    day_words,
)
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import FieldMarks, error_label
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.dialogs import date_edit
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.qt_dates import to_date
from tafdesk.ui.record_table import record_table
from tafdesk.ui.table_model import ReadOnlyTableModel

Errors = dict[str, str]


class ConsentModel(ReadOnlyTableModel[ConsentView]):
    HEADERS = ("Person", "Purpose", "Given", "How", "Recorded by", "Withdrawn", "How withdrawn", "Note")

    def display(self, row: ConsentView, column: int) -> str:
        if column == 0:
            return row.person_name
        if column == 1:
            return row.purpose_words
        if column == 2:
            return day_words(row.given_on)
        if column == 3:
            return METHOD_WORDS[row.given_how]
        if column == 4:
            return row.recorded_by
        if column == 5:
            return day_words(row.withdrawn_on) if row.withdrawn_on else "—"
        if column == 6:
            return METHOD_WORDS[row.withdrawn_how] if row.withdrawn_how else ""
        if column == 7:
            return (row.withdrawal_note or "").replace("\n", " ")
        return ""

    def sort_key(self, row: ConsentView, column: int):
        if column == 2:
            return row.given_on.toordinal()
        if column == 5:
            return row.withdrawn_on.toordinal() if row.withdrawn_on else 0
        return super().sort_key(row, column)

    def tooltip(self, row: ConsentView, column: int) -> str | None:
        if row.withdrawn_on is None:
            return f"{row.person_name}: {row.purpose_words.lower()}, given {day_words(row.given_on)}"
        return f"{row.state_words}, recorded by {row.withdrawn_by or 'unknown'}. {row.withdrawal_note or ''}".strip()


def _method_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem("Choose how…", None)
    for method in ConsentMethod:
        combo.addItem(METHOD_WORDS[method], method)
    return combo


class RecordConsentDialog(QDialog):
    """Who, for what, when and how. `save(value)` returns None once recorded,
    or the refusal's fields to show here (the dialog stays open, as typed)."""

    def __init__(
        self,
        people: list[tuple[uuid.UUID, str]],
        agencies: list[tuple[uuid.UUID, str]],
        save: Callable[[ConsentInput], Errors | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record consent")
        self.setAccessibleName("Record consent to share")
        self._save = save
        today = clock.today()
        self.person = QComboBox()
        self.person.setAccessibleName("Who gave consent")
        for pid, name in people:
            self.person.addItem(name, pid)
        self.team = QRadioButton(f"Sharing within {TEAM_WORDS}")
        self.agency_choice = QRadioButton("Sharing with one agency:")
        self.team.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.team)
        group.addButton(self.agency_choice)
        self.agency = QComboBox()
        self.agency.setAccessibleName("The agency consent is for")
        for aid, name in agencies:
            self.agency.addItem(name, aid)
        self.agency.setEnabled(False)
        self.agency_choice.toggled.connect(self.agency.setEnabled)
        self.given_on = date_edit(today, today)
        self.given_on.setAccessibleName("Date consent was given")
        self.given_how = _method_combo("How consent was given")
        # Each refused field's message beneath it, gone once the field is edited; "other" names no field here.
        self.marks = FieldMarks()
        for key, editor in (
            ("person_id", self.person),
            ("purpose", self.agency_choice),  # (toggled whichever of the two is chosen)
            ("agency_id", self.agency),
            ("given_on", self.given_on),
            ("given_how", self.given_how),
        ):
            self.marks.bind(key, editor)
        self.errors = {**self.marks.labels, "other": error_label("other")}
        purpose = QVBoxLayout()
        purpose.addWidget(self.team)
        row = QHBoxLayout()
        row.addWidget(self.agency_choice)
        row.addWidget(self.agency, 1)
        purpose.addLayout(row)
        form = QFormLayout()
        form.addRow("&Person:", self.person)
        form.addRow("", self.errors["person_id"])
        form.addRow("Purpose:", purpose)
        form.addRow("", self.errors["agency_id"])
        form.addRow("", self.errors["purpose"])
        form.addRow("&Given on:", self.given_on)
        form.addRow("", self.errors["given_on"])
        form.addRow("&How:", self.given_how)
        form.addRow("", self.errors["given_how"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.addButton("Record consent", QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button.setObjectName("primaryButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Consent is recorded per person and purpose. Consent given again after a withdrawal is a new "
                "record: the withdrawal is kept.",
                objectName="hint",
                wordWrap=True,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.errors["other"])
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def value(self) -> ConsentInput:
        method = self.given_how.currentData()
        agency = self.agency_choice.isChecked()
        return ConsentInput(
            self.person.currentData(),
            ConsentPurpose.AGENCY if agency else ConsentPurpose.TAF,
            to_date(self.given_on.date()),
            ConsentMethod(method),
            self.agency.currentData() if agency else None,
        )

    def submit(self) -> None:
        self.show_errors({})
        if self.given_how.currentData() is None:
            self.show_errors({"given_how": "Say how consent was given (in writing, verbally, electronically…)."})
            return
        refused = self._save(self.value())
        if refused is None:
            self.accept()
        else:
            self.show_errors(refused)

    def show_errors(self, fields: Errors) -> None:
        self.marks.show_all(fields, self.errors["other"])


def withdrawal_stops(consent: ConsentView) -> str:
    """What withdrawing this consent stops, said plainly."""
    if consent.purpose is ConsentPurpose.TAF:
        whom = "any agency of the Team Around the Family"
        refused = "restricted items, letters, copies of the plan and the chronology for other agencies are refused"
    else:
        whom = consent.agency_name or "the agency"
        refused = (
            "restricted items, letters and copies of the plan for them are refused, the chronology for "
            "other agencies says it may not go to them"
        )
    return (
        f"Withdrawing it stops the family's information being shared with {whom}: {refused} from then on, "
        "and the circulation minutes leave the family out. While the family has a Team Around the Family "
        "the case goes on the agenda of the locality's next meeting."
    )


class WithdrawDialog(QDialog):
    """When, how and a note. `save(on, how, note)` returns None once
    withdrawn, or the refusal's fields to show here."""

    def __init__(
        self,
        consent: ConsentView,
        save: Callable[[dt.date, ConsentMethod | None, str], Errors | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Withdraw consent")
        self.setAccessibleName(f"Withdraw consent: {consent.person_name}, {consent.purpose_words.lower()}")
        self._save = save
        today = clock.today()
        self.withdrawn_on = date_edit(today, today)
        self.withdrawn_on.setAccessibleName("Date consent was withdrawn")
        self.withdrawn_how = _method_combo("How consent was withdrawn")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note on the withdrawal")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("What was said, and by whom")
        self.note.setMaximumHeight(self.fontMetrics().height() * 6)
        self.marks = FieldMarks()  # as in recording consent
        for key, editor in (
            ("withdrawn_on", self.withdrawn_on),
            ("withdrawn_how", self.withdrawn_how),
            ("note", self.note),
        ):
            self.marks.bind(key, editor)
        self.errors = {**self.marks.labels, "other": error_label("other")}
        about = QLabel(
            f"{consent.person_name}: {consent.purpose_words.lower()}, given {day_words(consent.given_on)} "
            f"({METHOD_WORDS[consent.given_how].lower()}).",
            wordWrap=True,
        )
        self.stops = QLabel(withdrawal_stops(consent), objectName="hint", wordWrap=True)
        self.stops.setAccessibleName("What withdrawal stops")
        form = QFormLayout()
        form.addRow("&Withdrawn on:", self.withdrawn_on)
        form.addRow("", self.errors["withdrawn_on"])
        form.addRow("&How:", self.withdrawn_how)
        form.addRow("", self.errors["withdrawn_how"])
        form.addRow("&Note:", self.note)
        form.addRow("", self.errors["note"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.withdraw_button = buttons.addButton("Withdraw consent", QDialogButtonBox.ButtonRole.AcceptRole)
        self.withdraw_button.setObjectName("primaryButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.stops)
        layout.addLayout(form)
        layout.addWidget(self.errors["other"])
        layout.addWidget(buttons)
        self.setMinimumWidth(600)

    def submit(self) -> None:
        self.show_errors({})
        note = self.note.toPlainText()
        if len(note.strip()) > NOTE_LIMIT:
            self.show_errors({"note": f"Keep the note under {NOTE_LIMIT:,} characters."})
            return
        how = self.withdrawn_how.currentData()
        refused = self._save(to_date(self.withdrawn_on.date()), ConsentMethod(how) if how else None, note)
        if refused is None:
            self.accept()
        else:
            self.show_errors(refused)

    def show_errors(self, fields: Errors) -> None:
        self.marks.show_all(fields, self.errors["other"])


class ConsentPanel(QWidget):
    def __init__(self, service: ConsentService, case: CaseRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._case = case
        self.setAccessibleName("Consent")
        self.banner = Banner(self)
        self.model = ConsentModel(self)
        self.table = record_table("Consent to share, per person and purpose", self.model)
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.record_button = QPushButton("&Record consent…", objectName="primaryButton")
        self.record_button.setAccessibleName("Record consent")
        self.withdraw_button = QPushButton("&Withdraw…")
        self.withdraw_button.setAccessibleName("Withdraw the chosen consent")
        self.record_button.clicked.connect(self.record)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.summary = QLabel(objectName="hint", wordWrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.dialog: QDialog | None = None
        self.reload()

    def reload(self) -> None:
        Operation(
            self.banner,
            lambda: self._service.consents(self._case.case_id),
            failed="The consent could not be read.",
            doing="reading a case's consent",
        ).done(self._show).run()

    def _show(self, rows: list[ConsentView]) -> None:
        self.model.set_rows(rows)
        withdrawn = sum(1 for r in rows if r.withdrawn)
        self.summary.setText(
            "No consent recorded yet."
            if not rows
            else f"{len(rows)} recorded; {withdrawn} withdrawn. A withdrawal stops sharing with the agencies it "
            "concerns."
        )
        if rows:
            self.table.selectRow(0)
        self._enable()

    def chosen(self) -> ConsentView | None:
        index = self.table.currentIndex()
        return self.model.row_at(self.table.model().mapToSource(index)) if index.isValid() else None  # type: ignore[attr-defined]

    def _enable(self) -> None:
        chosen = self.chosen()
        self.withdraw_button.setEnabled(chosen is not None and not chosen.withdrawn)
        self.withdraw_button.setToolTip(
            "Choose a consent in the list first."
            if chosen is None
            else (f"Already {chosen.state_words.lower()}." if chosen.withdrawn else "Withdraw the chosen consent")
        )

    def _read(self, call, doing: str):
        found: list = []
        Operation(self.banner, call, failed="", doing=doing).done(found.append).run()
        return found[0] if found else None

    def record(self) -> None:
        people = self._read(lambda: self._service.people(self._case.case_id), "reading the family's people")
        agencies = self._read(self._service.agencies, "reading the agencies")
        if people is None or agencies is None:
            return

        def save(value: ConsentInput) -> Errors | None:
            refused: list[Errors] = []
            done: list[ConsentView] = []
            Operation(
                self.banner,
                lambda: self._service.record(self._case.case_id, value),
                failed="Consent was not recorded.",
                doing="recording consent",
            ).at_fields(refused.append).done(done.append).run()
            if refused:
                return refused[0]
            if done:
                self.banner.say(f"Recorded: {done[0].person_name}, {done[0].purpose_words.lower()}.")
                self.reload()
                return None
            return {"other": "Not recorded: see the message above the list."}

        self.dialog = RecordConsentDialog(people, agencies, save, self)
        self.dialog.open()

    def withdraw(self) -> None:
        consent = self.chosen()
        if consent is None or consent.withdrawn:
            return

        def save(on: dt.date, how: ConsentMethod | None, note: str) -> Errors | None:
            refused: list[Errors] = []
            done: list[ConsentView] = []
            Operation(
                self.banner,
                lambda: self._service.withdraw(consent.id, consent.version, on, how, note),
                failed="Consent was not withdrawn.",
                doing="withdrawing consent",
            ).at_fields(refused.append).done(done.append).refused(lambda _e: self.reload()).run()
            if refused:
                return refused[0]
            if done:
                view = done[0]
                agenda = f" The case is {view.on_agenda}." if view.on_agenda else ""
                self.banner.say(f"Withdrawn: {view.person_name}, {view.purpose_words.lower()}.{agenda}")
                self.reload()
                return None
            return {"other": "Not withdrawn: see the message above the list."}

        self.dialog = WithdrawDialog(consent, save, self)
        self.dialog.open()
