"""A letter to the family from the plan workspace: the letter to the family
(the group's decision and their team) or the TAF review invitation, as PDF
or Word, saved where the user chooses and recorded in the register. A lead
professional makes these for their own families, on an offline copy too
(marked as a draft there while it rests on unsynchronised changes)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.exports.files import letter_file_name
from tafdesk.models.enums import DocumentFormat, DocumentType
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.plan_copy import FILTERS, documents_of

if TYPE_CHECKING:
    from tafdesk.services.document_register import RegisterEntry
    from tafdesk.ui.plans.workspace import PlanWorkspace

LETTERS = (
    (DocumentType.LETTER_FAMILY, "&Letter to the family: the group's decision and their team"),
    (DocumentType.LETTER_REVIEW_INVITATION, "TAF &review invitation: the date of the plan's next review"),
)
# How a sentence names each ("The TAF review invitation is saved in …").
NAMED = {
    DocumentType.LETTER_FAMILY: "letter to the family",
    DocumentType.LETTER_REVIEW_INVITATION: "TAF review invitation",
}
FORMATS = ((DocumentFormat.PDF, "&PDF"), (DocumentFormat.DOCX, "&Word"))


class FamilyLetterDialog(QDialog):
    """Which letter, and in which format; the file's place is asked next."""

    def __init__(self, family_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("A letter to the family")
        self.setMinimumWidth(560)
        intro = QLabel(
            f"A letter to the {family_name} family, on the letterhead, recorded in the register "
            "of documents. Check it before you send it.",
            wordWrap=True,
        )
        self.letters = _Choices("Which letter", LETTERS)
        self.formats = _Choices("Save it as", FORMATS)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("&Save the letter…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.letters.box)
        layout.addWidget(self.formats.box)
        layout.addWidget(buttons)

    def choice(self) -> tuple[DocumentType, DocumentFormat]:
        return self.letters.chosen(), self.formats.chosen()


class _Choices:
    """A group of radio buttons, each standing for a value; the first checked."""

    def __init__(self, title: str, options: tuple) -> None:
        self.box = QGroupBox(title)
        column = QVBoxLayout(self.box)
        self.buttons: dict[Any, QRadioButton] = {}
        for value, words in options:
            button = QRadioButton(words, checked=not self.buttons)
            button.setAccessibleName(f"{title}: {words.replace('&', '')}")
            column.addWidget(button)
            self.buttons[value] = button

    def chosen(self) -> Any:
        return next(value for value, button in self.buttons.items() if button.isChecked())


def make_letter(workspace: PlanWorkspace) -> Path | None:
    """Ask which letter and where, then make it; the path, or None."""
    plan, case = workspace.plan, workspace.bundle.case if workspace.bundle else None
    if plan is None or case is None or not workspace.flush():
        return None
    dialog = FamilyLetterDialog(case.family_name, workspace)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    kind, fmt = dialog.choice()
    name = NAMED[kind]
    suggested = Path.home() / letter_file_name(plan.case_reference, kind, fmt)
    only = next(f for f in FILTERS.split(";;") if f"*.{fmt.value}" in f)
    chosen, _filter = QFileDialog.getSaveFileName(workspace, f"Save the {name}", str(suggested), only)
    if not chosen:
        return None
    path = Path(chosen).with_suffix(f".{fmt.value}")  # the format chosen in the dialog decides
    made: list[RegisterEntry] = []
    Operation(
        workspace.banner,
        lambda: documents_of(workspace).produce_case_letter(plan.case_id, kind, fmt, path),
        failed=f"The {name} was not made.",
        doing="making a family's letter",
    ).done(made.append).run()
    if not made:
        return None
    workspace.status_message.emit(f"The {name} is saved in {path}.")
    return path
