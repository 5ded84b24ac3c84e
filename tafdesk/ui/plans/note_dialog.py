"""The form for one case note: a new one, or the correction of one (which
makes a new version and asks what it puts right)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tafdesk import clock
from tafdesk.models import NoteType
from tafdesk.services.case_notes import NOTE_TYPE_WORDS, Child, ChildSeen, NoteInput, NoteView
from tafdesk.ui.field_errors import FieldMarks, error_label
from tafdesk.ui.window_fit import resize_within_screen


class NoteDialog(QDialog):
    def __init__(
        self,
        children: list[Child],
        save: Callable[[NoteInput, str], bool],
        note: NoteView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`save` is given the note and the correction's reason; the dialog closes once it says True."""
        super().__init__(parent)
        self._save = save
        self.correcting = note
        self.setWindowTitle("Correct a case note" if note else "Add a case note")
        self.setAccessibleName(self.windowTitle())
        today = clock.today()
        self.contact_on = QDateEdit(QDate(today.year, today.month, today.day), calendarPopup=True)
        self.contact_on.setDisplayFormat("d MMM yyyy")
        self.contact_on.setAccessibleName("Date of the contact")
        self.note_type = QComboBox()
        self.note_type.setAccessibleName("Type of contact")
        for kind in NoteType:
            self.note_type.addItem(NOTE_TYPE_WORDS[kind], kind)
        self.who_seen = QLineEdit(placeholderText="Mum, Dad, the class teacher…")
        self.who_seen.setAccessibleName("Who was seen")
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName("Summary")
        self.summary.setTabChangesFocus(True)
        self.follow_ups = QPlainTextEdit()
        self.follow_ups.setAccessibleName("Follow-ups")
        self.follow_ups.setTabChangesFocus(True)
        self.follow_ups.setMaximumHeight(self.fontMetrics().height() * 4)
        self.restricted = QCheckBox("&Restricted: withheld from copies for other agencies")
        self.first_family = QCheckBox("First contact with the &family")
        self.first_referrer = QCheckBox("First contact with the r&eferrer")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("What the correction puts right")
        self.marks = FieldMarks()  # each refused field's message beneath it, gone once the field is edited
        self.errors = error_label("note")  # what names no field here
        self._children: list[tuple[Child, QCheckBox, QCheckBox]] = []
        self._build(children)
        if note is not None:
            self._fill(note)

    def _build(self, children: list[Child]) -> None:
        marks = self.marks
        form = QFormLayout()
        form.addRow("&Date:", marks.cell("contact_on", self.contact_on))
        form.addRow("&Type:", self.note_type)
        form.addRow("&Who was seen:", self.who_seen)
        form.addRow("&Summary:", marks.cell("summary", self.summary))
        form.addRow("F&ollow-ups:", self.follow_ups)
        seen = QGroupBox("Children")
        seen.setAccessibleName("Whether each child was seen")
        grid = QGridLayout(seen)
        for n, child in enumerate(children):
            was_seen = QCheckBox(f"{child.name} seen")
            alone = QCheckBox("seen alone")
            was_seen.setAccessibleName(f"{child.name} was seen")
            alone.setAccessibleName(f"{child.name} was seen alone")
            alone.toggled.connect(lambda on, s=was_seen: on and s.setChecked(True))
            was_seen.toggled.connect(lambda on, a=alone: on or a.setChecked(False))
            grid.addWidget(was_seen, n, 0)
            grid.addWidget(alone, n, 1)
            self._children.append((child, was_seen, alone))
        if not children:
            grid.addWidget(QLabel("The family has no children recorded."), 0, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(seen)
        first = self._children[0][1] if self._children else None
        layout.addWidget(marks.bind("children", seen, focus=first))
        layout.addWidget(self.first_family)
        layout.addWidget(self.first_referrer)
        layout.addWidget(self.restricted)
        if self.correcting is not None:
            reason = QFormLayout()
            reason.addRow("What the &correction puts right:", marks.cell("reason", self.reason))
            layout.addLayout(reason)
            layout.addWidget(QLabel("The note as it was is kept; this becomes its new version.", objectName="hint"))
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        resize_within_screen(self, 640, 600)

    def _fill(self, note: NoteView) -> None:
        self.contact_on.setDate(QDate(note.contact_on.year, note.contact_on.month, note.contact_on.day))
        self.note_type.setCurrentIndex(self.note_type.findData(note.note_type))
        self.who_seen.setText(note.who_seen)
        self.summary.setPlainText(note.summary)
        self.follow_ups.setPlainText(note.follow_ups)
        self.restricted.setChecked(note.restricted)
        self.first_family.setChecked(note.first_contact_family)
        self.first_referrer.setChecked(note.first_contact_referrer)
        seen = {c.person_id: c for c in note.children}
        for child, was_seen, alone in self._children:
            if child.person_id in seen:
                was_seen.setChecked(seen[child.person_id].seen)
                alone.setChecked(seen[child.person_id].seen_alone)

    def accept(self) -> None:
        self.show_errors({})
        if self._save(self.value(), self.reason.text()):
            super().accept()

    def value(self) -> NoteInput:
        day = self.contact_on.date()
        return NoteInput(
            dt.date(day.year(), day.month(), day.day()),
            self.note_type.currentData(),
            self.summary.toPlainText(),
            self.who_seen.text(),
            self.follow_ups.toPlainText(),
            self.restricted.isChecked(),
            self.first_family.isChecked(),
            self.first_referrer.isChecked(),
            tuple(ChildSeen(c.person_id, s.isChecked(), a.isChecked()) for c, s, a in self._children),
        )

    def show_errors(self, fields: dict[str, str]) -> None:
        """Each message at its field; any other beneath the form."""
        self.marks.show_all(fields, self.errors)
