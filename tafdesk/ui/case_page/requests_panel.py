"""The case page's "Requests and changes" section: the case's requests to
the group (and "Raise with the group…", the one way to raise one), its
changes of lead (a locality manager proposes a new lead; once one is
accepted, "Make the letters" to the family and the new lead, in the
background), and, for a case stepped down from children's social care, the
transition plan business support or a manager records at intake. Every
service call goes through an Operation."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.models import LeadChangeState
from tafdesk.services.actor import Permission
from tafdesk.services.directory import DirectoryService, ProfessionalRecord
from tafdesk.services.documents import DocumentService
from tafdesk.services.lead_changes import LeadChangeRow, LeadChangeService, TransitionView
from tafdesk.services.requests import RequestService
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import FieldMarks
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.requests_window import RequestsModel, RequestsWindow, _chosen, _day
from tafdesk.ui.record_table import record_table
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.window_fit import resize_within_screen

STATE_WORDS = {
    LeadChangeState.PROPOSED: "Waiting for an answer",
    LeadChangeState.ACCEPTED: "Accepted",
    LeadChangeState.DECLINED: "Declined",
}


class CaseLeadChangesModel(ReadOnlyTableModel[LeadChangeRow]):
    HEADERS = ("Proposed", "From", "To", "Locality", "Reason", "State", "Answered")

    def display(self, row: LeadChangeRow, column: int) -> str:
        locality = f"{row.from_locality} → {row.to_locality}" if row.moves_locality else row.to_locality
        answered = f"{_day(row.answered_on)} by {row.answered_by}" if row.answered_on else ""
        return (
            _day(row.proposed_on),
            row.from_lead or "—",
            row.to_lead,
            locality,
            row.reason.replace("\n", " "),
            STATE_WORDS[row.state],
            answered,
        )[column]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _people(directory: DirectoryService) -> list[ProfessionalRecord]:
    return [p for p in directory.professionals() if p.active]


class _FormDialog(QDialog):
    """A small form whose refused fields are shown beside them."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.banner = Banner(self)
        self.form = QFormLayout()
        self.marks = FieldMarks()  # each refused field's message beneath it, gone once the field is edited
        self.errors: dict[str, QLabel] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def row(self, label: str, field: QWidget, name: str) -> None:
        box = self.marks.cell(name, field)
        self.errors[name] = self.marks.labels[name]
        caption = QLabel(label)
        caption.setBuddy(field)
        field.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.form.addRow(caption, box)

    def _close_if(self, done: bool) -> None:
        if done:
            self.accept()

    def show_errors(self, fields: dict[str, str]) -> None:
        """Each message at its field; one that names no field here in the banner."""
        rest = self.marks.show(fields)
        if rest:
            self.banner.say(" ".join(rest.values()), error=True)


def _people_box(people: list[ProfessionalRecord]) -> QComboBox:
    box = QComboBox()
    for p in people:
        box.addItem(f"{p.given_name} {p.family_name} ({p.agency_name}, {p.locality_name})", p.id)
    return box


def choose_person(box: QComboBox, person_id: uuid.UUID) -> None:
    """Choose a professional by id (findData does not compare Python objects by value)."""
    at = next((n for n in range(box.count()) if box.itemData(n) == person_id), -1)
    if at >= 0:
        box.setCurrentIndex(at)


class ProposeLeadDialog(_FormDialog):
    """A locality manager proposes a new lead for the case."""

    def __init__(self, people: list[ProfessionalRecord], submit: Callable[[uuid.UUID, str], bool], parent=None):
        super().__init__("Propose a new lead professional", parent)
        self.person = _people_box(people)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().height() * 5)
        self.row("New &lead:", self.person, "to_lead_id")
        self.row("&Why:", self.reason, "reason")
        self.form.addRow(
            QLabel(
                "They (or their manager) accept or decline it; the case moves to their locality if it differs.",
                objectName="hint",
                wordWrap=True,
            )
        )
        self.save_button.setText("&Propose")
        self.save_button.clicked.connect(
            lambda: self._close_if(submit(self.person.currentData(), self.reason.toPlainText()))
        )
        resize_within_screen(self, 640, 320)


class TransitionDialog(_FormDialog):
    """The transition plan a case stepped down from children's social care arrives with."""

    def __init__(
        self,
        people: list[ProfessionalRecord],
        today: dt.date,
        current: TransitionView | None,
        submit: Callable[[uuid.UUID, str, str, dt.date], bool],
        parent=None,
    ):
        super().__init__("Transition plan from children's social care", parent)
        self.person = _people_box(people)
        self.worker = QLineEdit()
        self.contact = QLineEdit(placeholderText="Phone number or email")
        self.visit = QDateEdit(calendarPopup=True, displayFormat="d MMM yyyy")
        self.visit.setDate(_qdate(today))
        if current is not None:
            choose_person(self.person, current.receiving_lead_id)
            self.worker.setText(current.social_worker_name)
            self.contact.setText(current.social_worker_contact)
            self.visit.setDate(_qdate(current.joint_visit_on))
        self.row("&Receiving lead:", self.person, "receiving_lead_id")
        self.row("&Social worker:", self.worker, "social_worker_name")
        self.row("&Contact:", self.contact, "social_worker_contact")
        self.row("&Joint visit on:", self.visit, "joint_visit_on")
        self.save_button.clicked.connect(
            lambda: self._close_if(
                submit(
                    self.person.currentData(),
                    self.worker.text(),
                    self.contact.text(),
                    self.visit.date().toPython(),  # type: ignore[arg-type]
                )
            )
        )
        resize_within_screen(self, 640, 300)


class RequestsPanel(QWidget):
    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Requests and changes")
        self._context, actor = context, context.actor
        self._case = context.case
        self.requests = RequestService(context.db, actor)
        self.changes = LeadChangeService(context.db, actor)
        self.directory = DirectoryService(context.db, actor)
        self.documents = DocumentService(context.db, actor)
        self.choose_folder: Callable[[], Path | None] = self._ask_folder  # tests put a folder here
        self.dialog: QDialog | None = None
        self.window_open: RequestsWindow | None = None
        self.banner = Banner(self)
        self.request_model = RequestsModel(self)
        self.request_table = record_table("Requests to the group", self.request_model)
        self.request_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.change_model = CaseLeadChangesModel(self)
        self.change_table = record_table("Changes of lead", self.change_model)
        self.change_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.raise_button = QPushButton("Raise with the &group…")
        self.raise_button.setAccessibleName("Raise a request with the group, or record a referral's outcome")
        self.propose_button = QPushButton("Propose a new &lead…")
        self.propose_button.setAccessibleName("Propose a new lead professional for this case")
        self.letters_button = QPushButton("Make the lette&rs")
        self.letters_button.setAccessibleName(
            "Make the letters to the family and the new lead for the chosen accepted change"
        )
        self.transition = QLabel(wordWrap=True)
        self.transition.setAccessibleDescription("Transition plan from children's social care")
        self.transition_button = QPushButton("&Transition plan…")
        self.transition_button.setAccessibleName("Record the transition plan of a case stepped down from social care")
        self.raise_button.setVisible(actor.can(Permission.EDIT_PLANS))
        self.propose_button.setVisible(actor.can(Permission.CHAIR_MEETING) and actor.can(Permission.VIEW_DIRECTORY))
        self.letters_button.setVisible(actor.can(Permission.PRODUCE_DOCUMENTS))
        self.transition_button.setVisible(actor.can(Permission.IMPORT_PROFILES))
        self._build()
        self.raise_button.clicked.connect(self.open_requests)
        self.propose_button.clicked.connect(self.propose)
        self.letters_button.clicked.connect(self.make_letters)
        self.transition_button.clicked.connect(self.record_transition)
        self.change_table.selectionModel().currentRowChanged.connect(lambda *_: self._follow_choice())
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(QLabel("Requests to the group", objectName="sectionTitle"))
        layout.addWidget(self.request_table, 1)
        row = QHBoxLayout()
        row.addWidget(
            QLabel(
                "A request goes on the locality's next meeting; the group approves, declines or defers it.",
                objectName="hint",
                wordWrap=True,
            ),
            1,
        )
        row.addWidget(self.raise_button)
        layout.addLayout(row)
        layout.addWidget(QLabel("Changes of lead", objectName="sectionTitle"))
        layout.addWidget(self.change_table, 1)
        row = QHBoxLayout()
        row.addWidget(
            QLabel(
                "The receiving professional or their manager accepts it (My cases → Changes of lead…).",
                objectName="hint",
                wordWrap=True,
            ),
            1,
        )
        row.addWidget(self.propose_button)
        row.addWidget(self.letters_button)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.transition, 1)
        row.addWidget(self.transition_button)
        layout.addLayout(row)

    # -- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        case_id = self._case.case_id

        def read():
            return (
                self.requests.requests(case_id),
                self.changes.for_case(case_id),
                self.changes.transition(case_id),
            )

        Operation(self.banner, read, failed="", doing="reading a case's requests and changes").done(self._show).run()

    def _show(self, read) -> None:
        requests, changes, transition = read
        self.request_model.set_rows(requests)
        self.change_model.set_rows(changes)
        if transition is None:
            self.transition.setText("No transition plan from children's social care is recorded.")
        else:
            self.transition.setText(
                f"Stepped down from children's social care: {transition.social_worker_name} "
                f"({transition.social_worker_contact}) hands over to {transition.receiving_lead}; joint visit on "
                f"{_day(transition.joint_visit_on)}. Recorded by {transition.recorded_by} on "
                f"{_day(transition.recorded_on)}."
            )
        at = next((n for n, r in enumerate(changes) if r.state is LeadChangeState.ACCEPTED), 0)
        if changes:
            self.change_table.selectRow(at)
        self._follow_choice()

    def _chosen_change(self) -> LeadChangeRow | None:
        return _chosen(self.change_table, self.change_model)

    def _follow_choice(self) -> None:
        row = self._chosen_change()
        self.letters_button.setEnabled(row is not None and row.state is LeadChangeState.ACCEPTED)

    # -- acting -------------------------------------------------------------------------

    def open_requests(self) -> None:
        window = RequestsWindow(self.requests, self._case, may_raise=True, parent=self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: self.reload())
        window.finished.connect(lambda *_: self.reload())
        self.window_open = window
        window.show()

    def _people(self) -> list[ProfessionalRecord] | None:
        people: list[list[ProfessionalRecord]] = []
        Operation(self.banner, lambda: _people(self.directory), failed="", doing="reading the directory").done(
            people.append
        ).run()
        return people[0] if people else None

    def propose(self) -> None:
        people = self._people()
        if people is None:
            return
        case_id = self._case.case_id

        def submit(to_lead_id: uuid.UUID, reason: str) -> bool:
            assert self.dialog is not None
            done = (
                Operation(
                    self.dialog.banner,  # type: ignore[attr-defined]
                    lambda: self.changes.propose(case_id, to_lead_id, reason),
                    failed="Not proposed.",
                    doing="proposing a new lead",
                )
                .at_fields(self.dialog.show_errors)  # type: ignore[attr-defined]
                .run()
            )
            if done:
                self.banner.say("The change of lead is proposed: it waits for the receiving professional's answer.")
                self.reload()
            return done

        self.dialog = ProposeLeadDialog(people, submit, self)
        self.dialog.open()

    def record_transition(self) -> None:
        people = self._people()
        if people is None:
            return
        case_id = self._case.case_id
        current: list[TransitionView | None] = []
        Operation(
            self.banner, lambda: self.changes.transition(case_id), failed="", doing="reading a transition plan"
        ).done(current.append).run()

        def submit(lead_id: uuid.UUID, worker: str, contact: str, visit: dt.date) -> bool:
            assert self.dialog is not None
            done = (
                Operation(
                    self.dialog.banner,  # type: ignore[attr-defined]
                    lambda: self.changes.record_transition(case_id, lead_id, worker, contact, visit),
                    failed="Not recorded.",
                    doing="recording a transition plan",
                )
                .at_fields(self.dialog.show_errors)  # type: ignore[attr-defined]
                .run()
            )
            if done:
                self.banner.say("The transition plan is recorded.")
                self.reload()
            return done

        self.dialog = TransitionDialog(people, self.changes.today(), current[0] if current else None, submit, self)
        self.dialog.open()

    def _ask_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the letters", str(Path.home()))
        return Path(chosen) if chosen else None

    def make_letters(self) -> None:
        row = self._chosen_change()
        if row is None or row.state is not LeadChangeState.ACCEPTED:
            self.banner.say("Choose an accepted change of lead: its letters name the new lead.", error=True)
            return
        folder = self.choose_folder()
        if folder is None:
            return
        self.letters_button.setEnabled(False)
        self.banner.say("Making the letters…")

        def finished(made) -> None:
            self._follow_choice()
            self.banner.say(f"{len(made)} letters made in {folder}; they are in Documents.")

        Operation(
            self.banner,
            lambda: self.documents.produce_lead_change_letters(row.case_id, folder),
            failed="The letters were not made.",
            doing="making the letters after a change of lead",
            slow=True,
        ).done(finished).refused(lambda _e: self._follow_choice()).run()
