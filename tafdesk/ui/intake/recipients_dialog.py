"""Who a family's letters go to: each member's "risk to others here / do not
write to this address" marker, and whether the referrer is one of them (a
self-referral, suggested when the names match). Saved through
LetterRecipientService, which audits each change, as an Operation
(ui/operation.py): a refusal is said at the field it names or in the
dialog's banner, and the dialog stays open with the choices made. The
family is read before the dialog is made: the opener says why if it cannot be."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.letter_recipients import MARKER_WORDS, LetterRecipientService, Recipients
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import FieldMarks
from tafdesk.ui.operation import Operation

OUTSIDE = "Someone outside the family"


class RecipientsDialog(QDialog):
    """`chair`: also the chair's choice to let letters home name sensitive
    services (police, domestic abuse, substance misuse, mental health), with why."""

    def __init__(
        self, service: LetterRecipientService, case_id: uuid.UUID, parent: QWidget | None = None, *, chair: bool = False
    ) -> None:
        found = service.recipients(case_id)  # first: refused, no dialog is left behind
        super().__init__(parent)
        self._chair = chair
        self.sensitive = QCheckBox(
            "Letters to this home may name police, domestic abuse, substance misuse or mental health services",
            objectName="namesSensitive",
        )
        self.sensitive_reason = QLineEdit(objectName="namesSensitiveReason")
        self.sensitive_reason.setAccessibleName("Why letters home may name these services")
        self.sensitive_reason.setPlaceholderText("Why (required to allow it)")
        self.setWindowTitle("Who letters go to")
        self._service = service
        self._found: Recipients = found
        self.marks = {
            m.person_id: QCheckBox(f"{m.name} ({m.role}{'' if m.in_household else ', lives elsewhere'})")
            for m in self._found.members
        }
        self.referrer = QComboBox(objectName="selfReferrer")
        self.referrer.setAccessibleName("Who made the referral")
        self.note = QLabel("", objectName="pageText", wordWrap=True)
        self.banner = Banner()
        self.marks_at_fields = FieldMarks()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self._build()
        self._fill()

    def _build(self) -> None:
        marks = QGroupBox(f"Marked “{MARKER_WORDS}”: never written to, and letters home name no sensitive service")
        column = QVBoxLayout(marks)
        for box in self.marks.values():
            column.addWidget(box)
        form = QFormLayout()
        form.addRow(
            f"Referred by ({self._found.referrer_name or 'not recorded'}):",
            self.marks_at_fields.cell("person", self.referrer),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(marks)
        layout.addLayout(form)
        if self._chair:
            choice = QGroupBox("The chair's choice")
            rows = QVBoxLayout(choice)
            rows.addWidget(self.sensitive)
            rows.addWidget(self.marks_at_fields.cell("reason", self.sensitive_reason))
            layout.addWidget(choice)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _fill(self) -> None:
        for member in self._found.members:
            self.marks[member.person_id].setChecked(member.do_not_write)
        self.referrer.addItem(OUTSIDE, None)
        for member in self._found.members:
            self.referrer.addItem(member.name, member.person_id)
        chosen = self._found.self_referral_person_id or self._found.suggested_self_referrer
        self.referrer.setCurrentIndex(max(0, self.referrer.findData(chosen)) if chosen else 0)
        self.sensitive.setChecked(self._found.names_sensitive_agencies)
        if self._found.suggested_self_referrer:
            self.note.setText(
                "The referrer's name matches a family member: check, then save to record a "
                "self-referral (they get the family's letter, not the referrer's)."
            )

    def save(self) -> bool:
        """Save what the dialog shows; True (and the dialog accepted) if saved."""
        return (
            Operation(self.banner, self._store, failed="Not saved.", doing="saving who letters go to")
            .at_fields(self.marks_at_fields.at_fields(self.banner, "Not saved."))
            .done(lambda _done: self.accept())
            .run()
        )

    def _store(self) -> None:
        for member in self._found.members:
            wanted = self.marks[member.person_id].isChecked()
            if wanted != member.do_not_write:
                self._service.mark_do_not_write(member.person_id, wanted)
        if self.referrer.currentData() != self._found.self_referral_person_id or self._found.suggested_self_referrer:
            self._service.mark_self_referral(self._found.case_id, self.referrer.currentData())
        if self._chair and self.sensitive.isChecked() != self._found.names_sensitive_agencies:
            self._service.let_letters_name_sensitive_agencies(
                self._found.case_id, self.sensitive.isChecked(), self.sensitive_reason.text()
            )
