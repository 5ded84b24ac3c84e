"""Linking the chosen profile to a known family by hand.

Business support find the family by reference or name (with nothing typed,
the families the matcher looked at are listed), see its people beside the
profile's and the matcher's reasons, and say why they are one family: a
NoteDialog with the finding and comparing above the note. Nothing is written
until "Link to this family": until then choosing another family, or Cancel,
leaves everything as it was. FamilyLinkService makes the link, checks the
rules and records it; what it refuses is shown here (a missing reason at the
field, anything else in the dialog's banner), the dialog staying open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QWidget,
)

from tafdesk.services.errors import ServiceError
from tafdesk.services.family_links import NOTE_REQUIRED, FamilyChoice, FamilyLinkService
from tafdesk.services.intake_queue import ProfileSummary
from tafdesk.ui.intake.note_dialog import NoteDialog
from tafdesk.ui.intake.summary_html import e, evidence_table, pairs_table
from tafdesk.ui.operation import Operation
from tafdesk.ui.table_fit import keep_rows_in_view
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.theme import keep_coloured
from tafdesk.ui.window_fit import resize_within_screen

SEARCH_PAUSE_MS = 300  # read the families once typing pauses, not at every key
CHOOSE = "Choose a family in the list to compare its people with the profile's."


class FamilyChoiceModel(ReadOnlyTableModel[FamilyChoice]):
    HEADERS = ("Family", "Reference", "Address", "Locality", "Points")
    HEADER_TIPS = {4: "How alike the matcher finds the family and the profile (100: the same people)"}
    NUMERIC_COLUMNS = frozenset({4})

    def display(self, row: FamilyChoice, column: int) -> str:
        return (row.family_name, row.reference, row.address, row.locality, str(row.score))[column]

    def sort_key(self, row: FamilyChoice, column: int) -> Any:
        return row.score if column == 4 else super().sort_key(row, column)


class LinkFamilyDialog(NoteDialog):
    def __init__(self, service: FamilyLinkService, summary: ProfileSummary, parent: QWidget | None = None) -> None:
        super().__init__(
            title=f"Link the {summary.family_name} profile ({summary.case_reference}) to a known family",
            explanation="The profile becomes a repeat referral of the family you choose. People paired (↔) become "
            "that family's people; the others join it. Nothing changes until you link.",
            label="&Why this is the same family (required)",
            submit_text="Link to this family",
            submit=self._link,
            required_message=NOTE_REQUIRED,
            placeholder="What you checked, and with whom",
            failed="Not linked.",
            what="linking a profile to a family",
            parent=parent,
        )
        self.setObjectName("linkFamilyDialog")
        self._service = service
        self._summary = summary
        self.search = QLineEdit(placeholderText="Family reference (F-000123), case reference or name")
        self.found_label = QLabel(objectName="hint", wordWrap=True)
        self.model = FamilyChoiceModel(self)
        self.results = QTableView(objectName="familyChoices")
        self.comparison = QTextBrowser(objectName="familyComparison")
        self._pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._add_finding()
        self.find_families()
        resize_within_screen(self, 880, 760)

    def _add_finding(self) -> None:
        find = QLabel("&Find a family")
        find.setBuddy(self.search)
        self.search.setAccessibleName("Find a family")
        self.search.setClearButtonEnabled(True)
        self.results.setModel(self.model)
        self.results.setAccessibleName("Families found")
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.verticalHeader().hide()
        keep_rows_in_view(self.results)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.comparison.setAccessibleName("The profile's people beside the family's, and why they may be one family")
        self.comparison.setOpenLinks(False)
        self.comparison.document().setDocumentMargin(10)
        self.note.setMinimumHeight(70)
        self.note.setMaximumHeight(90)
        layout = self.body_layout
        at = layout.indexOf(self.banner) + 1  # below the explanation, above the note
        for offset, (widget, stretch) in enumerate(
            ((find, 0), (self.search, 0), (self.found_label, 0), (self.results, 1), (self.comparison, 3))
        ):
            layout.insertWidget(at + offset, widget, stretch)
        layout.setStretchFactor(self.note, 0)
        for button in self.buttons.buttons():  # Enter in the search field searches; it never links
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        self.search.installEventFilter(self)
        self.search.textChanged.connect(lambda _text: self._pause.start())
        self.search.returnPressed.connect(self.find_families)
        self._pause.timeout.connect(self.find_families)
        self.results.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show(current))
        self.search.setFocus()

    # -- finding and comparing --------------------------------------------------------

    def find_families(self) -> None:
        """The families for what is typed (or the matcher's, with nothing typed), the most alike first."""
        self._pause.stop()
        text = self.search.text().strip()
        Operation(
            self.banner,
            lambda: self._service.search(self._summary.case_id, text),
            failed="Families could not be read.",
            doing="finding a family",
        ).done(lambda choices: self._found(choices, _found_text(text, len(choices)))).refused(
            lambda _error: self._found([], "")
        ).run()

    def _found(self, choices: list[FamilyChoice], said: str) -> None:
        self.model.set_rows(choices)
        self.found_label.setText(said)
        if choices:
            self.results.selectRow(0)
        else:
            self._show(QModelIndex())

    def chosen(self) -> FamilyChoice | None:
        return self.model.row_at(self.results.currentIndex())

    def _show(self, index: QModelIndex) -> None:
        choice = self.model.row_at(index)
        self.ok_button.setEnabled(choice is not None)
        keep_coloured(self.comparison, lambda: self.comparison.setHtml(_comparison(choice)))

    def _link(self, note: str) -> FamilyChoice:
        choice = self.chosen()
        if choice is None:  # the button is disabled then; a keyboard path may still get here
            raise ServiceError(CHOOSE)
        return self._service.link(self._summary.case_id, choice.family_id, note)

    def done_text(self) -> str:
        """What happened, once linked."""
        choice = self.result_value
        assert isinstance(choice, FamilyChoice)  # what accept() keeps
        return (
            f"Linked the {self._summary.family_name} profile ({self._summary.case_reference}) to the "
            f"{choice.family_name} family ({choice.reference}): a repeat referral."
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the search field goes to the families."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.results.setFocus()
            return True
        return super().eventFilter(watched, event)


def _found_text(text: str, count: int) -> str:
    families = f"{count} famil{'ies' if count != 1 else 'y'}"
    if not text:
        return (
            f"{families} may be this one (the same postcode, or alike people born on the same day). Type a "
            "reference or a name to find another."
            if count
            else "tafdesk found no family that may be this one. Type a reference or a name."
        )
    return f"{families} found for “{text}”." if count else f"No family found for “{text}”."


def _comparison(choice: FamilyChoice | None) -> str:
    """The chosen family's people beside the profile's, and what the matcher saw."""
    if choice is None:
        return f"<p>{e(CHOOSE)}</p>"
    return (
        f"<p><b>{e(choice.title)}</b> · {e(choice.locality)}</p>"
        f"{pairs_table([(p.ours, p.known) for p in choice.pairings], f'{choice.family_name} family')}"
        f"<p style='margin-top:8px;'>What the matcher sees: <b>{choice.score} points</b></p>"
        f"{evidence_table(choice.evidence)}"
    )
