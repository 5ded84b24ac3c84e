"""The form for the core of a 360° profile, entered by hand or corrected.

Every field is named by its JSON path in the profile360-v1 contract
(`referral.reason`, `family.address.postcode`), so a problem the service
finds is shown under its field; a problem inside a list
(`family.members[1].date_of_birth`) highlights the cell. A correction
starts from the stored document, so anything the form does not show is
kept as it was.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tafdesk import clock
from tafdesk.clock import LOCAL_TIME
from tafdesk.models.enums import ConsentStatus, Pathway
from tafdesk.ui.directory.form_base import RecordForm
from tafdesk.ui.intake.labels import (
    CONSENT_LABELS,
    LEVEL_OF_NEED_LABELS,
    PATHWAY_LABELS,
)
from tafdesk.ui.intake.profile_columns import (
    INVOLVEMENT_COLUMNS,
    MEMBER_COLUMNS,
    NEED_COLUMNS,
    RISK_COLUMNS,
    next_member_id,
)
from tafdesk.ui.intake.rows_editor import RowsEditor, parse_date, show_date
from tafdesk.ui.qt_dates import to_date, to_datetime

FORMAT = "tafdesk.profile360/1"
TABLES = ("family.members", "needs", "agency_involvement", "risks")
# Text the contract requires to be present and not blank: a blank one is sent as "" to be named at its field.
REQUIRED_TEXT = frozenset(
    {
        "profile_id",
        "referral.referrer.name",
        "referral.reason",
        "family.family_name",
        "family.address.line1",
        "family.address.postcode",
        "recommendation.rationale",
    }
)
TEXT = (
    ("referral.referrer.name", "Referrer's &name"),
    ("referral.referrer.role", "Referrer's role"),
    ("referral.referrer.agency", "Referrer's agency"),
    ("referral.referrer.email", "Referrer's email"),
    ("referral.referrer.phone", "Referrer's phone"),
)
_ROW = re.compile(r"^\[(\d+)\](?:\.([A-Za-z_]+))?")


@dataclass(frozen=True)
class LoadedProfile:
    """A stored profile being corrected."""

    case_id: Any
    version: int
    document: dict

    @property
    def id(self) -> Any:  # what the record form tells records apart by
        return self.case_id


class ProfileForm(RecordForm):
    edited = Signal()

    def __init__(self, localities: list[str], agencies: list[str], parent: QWidget | None = None) -> None:
        super().__init__("profile", can_edit=True, parent=parent)
        self.field_editors: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.tables: dict[str, RowsEditor] = {}
        self._localities = localities
        self._agencies = agencies
        self._build()

    # -- building -------------------------------------------------------------------

    def _heading(self, text: str) -> None:
        self._form.addRow(QLabel(text, objectName="sectionTitle"))

    def _line(self, path: str, label: str, *, hint: str | None = None, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(placeholderText=placeholder)
        edit.textEdited.connect(self.touched)
        self.add_field(path, label, edit, hint=hint)
        self.field_editors[path] = edit
        return edit

    def _text(self, path: str, label: str, lines: int = 3, *, hint: str | None = None) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        edit.textChanged.connect(self.touched)
        self.add_field(path, label, edit, hint=hint)
        self.field_editors[path] = edit
        return edit

    def _combo(self, path: str, label: str, choices: list[tuple[str, Any]], *, editable: bool = False) -> QComboBox:
        combo = QComboBox(editable=editable)
        for text, value in choices:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self.touched)
        if editable:
            combo.editTextChanged.connect(self.touched)
        self.add_field(path, label, combo)
        self.field_editors[path] = combo
        return combo

    def _rows(self, path: str, label: str, editor: RowsEditor, hint: str | None = None) -> None:
        editor.changed.connect(self.touched)
        self.add_field(path, label, editor, focus=editor.table, hint=hint, wide=True)
        self.tables[path] = editor

    def _build(self) -> None:
        self._heading("Profile")
        self._line("profile_id", "Profile &reference", placeholder="The access team's reference, e.g. ESAT-2026-00417")
        self.compiled_at = QDateTimeEdit(calendarPopup=True, displayFormat="d MMM yyyy HH:mm")
        self.compiled_at.dateTimeChanged.connect(self.touched)
        self.add_field("compiled_at", "Compiled at", self.compiled_at)
        self._combo("locality", "&Locality", [(name, name) for name in self._localities])

        self._heading("Referral")
        self.received_on = QDateEdit(calendarPopup=True, displayFormat="d MMM yyyy")
        self.received_on.dateChanged.connect(self.touched)
        self.add_field("referral.received_on", "Recei&ved on", self.received_on)
        for path, label in TEXT:
            self._line(path, label)
        self._text("referral.reason", "Reason for the referral")
        self._combo("referral.consent.status", "&Consent", [(CONSENT_LABELS[c], c.value) for c in ConsentStatus])
        self._line("referral.consent.given_by", "Consent given by")
        self._line("referral.consent.date", "Consent date", placeholder="dd/mm/yyyy")
        self._text("referral.consent.notes", "Consent notes", 2)

        self._heading("Family")
        self._line("family.family_name", "&Family name")
        self._line("family.address.line1", "Address")
        self._line("family.address.line2", "Address, second line")
        self._line("family.address.town", "Town")
        self._line("family.address.postcode", "Postcode")
        self._line("family.language", "Language")
        self.interpreter = QCheckBox("An interpreter is needed")
        self.interpreter.toggled.connect(self.touched)
        self.add_field("family.interpreter_needed", "Interpreter", self.interpreter)
        self._rows(
            "family.members",
            "&Members",
            RowsEditor("member", MEMBER_COLUMNS, new_row={"member_id": next_member_id}),
            hint="Dates as dd/mm/yyyy. An unborn child has an expected date instead of a date of birth.",
        )

        self._heading("Needs, risks and strengths")
        self._rows("needs", "&Needs", RowsEditor("need", NEED_COLUMNS, new_row={"level": "medium"}))
        self._rows("risks", "Ris&ks", RowsEditor("risk", RISK_COLUMNS, new_row={"level": "medium"}))
        self._text("strengths", "Strengths", 3, hint="One strength a line")

        self._heading("Agency involvement")
        self._rows(
            "agency_involvement",
            "A&gencies",
            RowsEditor("agency", INVOLVEMENT_COLUMNS, new_row={"status": "current"}),
            hint="Restricted information is for the LCMG only and never appears in letters or circulated minutes.",
        )

        self._heading("The family's views and the recommendation")
        self._text("family_views", "The family's &views")
        self._combo("recommendation.pathway", "&Pathway", [(PATHWAY_LABELS[p], p.value) for p in Pathway])
        self._combo(
            "recommendation.suggested_lead_agency",
            "Suggested lead agency",
            [("", None)] + [(name, name) for name in self._agencies],
            editable=True,
        )
        self._combo(
            "recommendation.level_of_need",
            "Level of need",
            [("Not stated", None)] + [(text, level) for level, text in LEVEL_OF_NEED_LABELS.items()],
        )
        self._text("recommendation.rationale", "Rationale")
        self.save_button.setText("Save profile")
        self.revert_button.setText("Cancel")

    # -- RecordForm -------------------------------------------------------------------

    def touched(self) -> None:
        super().touched()
        if not self._loading:
            self.edited.emit()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.revert_button.setEnabled(True)  # Cancel closes the dialog at any time

    def fill_new(self, defaults: dict[str, Any]) -> None:
        now = clock.local_now().replace(second=0, microsecond=0)
        document = {
            "format": FORMAT,
            "profile_id": "",
            "compiled_at": now.isoformat(),
            "locality": defaults.get("locality") or (self._localities[0] if self._localities else ""),
            "referral": {
                "received_on": clock.today().isoformat(),
                "referrer": {"name": ""},
                "reason": "",
                "consent": {"status": "given"},
            },
            "family": {
                "family_name": "",
                "address": {"line1": "", "postcode": ""},
                "members": [{"member_id": "m1", "first_name": "", "last_name": "", "role": "parent"}],
            },
            "needs": [{"area": "education", "level": "medium", "summary": ""}],
            "recommendation": {"pathway": "lcmg_allocation", "rationale": ""},
        }
        self._fill_document(document)
        self._original: dict = {"format": FORMAT}

    def fill(self, record: LoadedProfile) -> None:
        self._fill_document(record.document)
        self._original = copy.deepcopy(record.document)
        reference = self.field_editors["profile_id"]
        assert isinstance(reference, QLineEdit)  # (see _build)
        reference.setReadOnly(True)
        reference.setToolTip("The access team's reference cannot be changed.")

    def describe(self, record: LoadedProfile) -> tuple[str, str]:
        doc = record.document
        return f"Correct profile {doc['profile_id']}", f"{doc['family']['family_name']} family · {doc['locality']}"

    def show_new(self, defaults: dict[str, Any] | None = None) -> None:
        super().show_new(defaults)
        self.subtitle.setText(
            "Enter the profile as the access team compiled it. It is checked as an imported file would be."
        )

    def _fill_document(self, doc: dict) -> None:
        for path, editor in self.field_editors.items():
            value = _get(doc, path)
            if isinstance(editor, QLineEdit):
                editor.setText(show_date(value) if path == "referral.consent.date" else (value or ""))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText("\n".join(value) if isinstance(value, list) else (value or ""))
            elif isinstance(editor, QComboBox):
                found = editor.findData(value)
                if found < 0 and editor.isEditable() and value:
                    editor.setEditText(value)
                else:
                    editor.setCurrentIndex(max(found, 0))
        compiled = dt.datetime.fromisoformat(doc["compiled_at"]).astimezone(LOCAL_TIME)
        self.compiled_at.setDateTime(
            QDateTime(QDate(compiled.year, compiled.month, compiled.day), QTime(compiled.hour, compiled.minute))
        )
        received = dt.date.fromisoformat(doc["referral"]["received_on"])
        self.received_on.setDate(QDate(received.year, received.month, received.day))
        self.interpreter.setChecked(bool(_get(doc, "family.interpreter_needed")))
        for path, table in self.tables.items():
            table.set_rows(_get(doc, path) or [])

    # -- the document ---------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The profile360-v1 document the form holds."""
        doc = copy.deepcopy(getattr(self, "_original", {"format": FORMAT}))
        doc["format"] = FORMAT
        for path, editor in self.field_editors.items():
            if path == "strengths":
                assert isinstance(editor, QPlainTextEdit)  # one strength a line
                lines = [line.strip() for line in editor.toPlainText().splitlines() if line.strip()]
                _put(doc, path, lines or None)
                continue
            if isinstance(editor, QComboBox):
                value = editor.currentData()
                if editor.isEditable():
                    text = editor.currentText().strip()
                    value = text or None
            elif isinstance(editor, QPlainTextEdit):
                value = editor.toPlainText().strip()
            else:
                value = editor.text().strip()
            if path == "referral.consent.date":
                value = parse_date(value or "")
            if value == "" and path not in REQUIRED_TEXT:
                value = None
            _put(doc, path, value)
        _put(doc, "compiled_at", self._compiled_at(doc.get("compiled_at")))
        _put(doc, "referral.received_on", to_date(self.received_on.date()).isoformat())
        interpreter = self.interpreter.isChecked()
        _put(
            doc,
            "family.interpreter_needed",
            True if interpreter else (False if "interpreter_needed" in doc.get("family", {}) else None),
        )
        for path, table in self.tables.items():
            rows = table.rows()
            _put(doc, path, rows if rows or path in ("family.members", "needs") else None)
        return doc

    def _compiled_at(self, before: str | None) -> str:
        """The time in the form; the stored text if the form shows the same minute."""
        local = to_datetime(self.compiled_at.dateTime()).replace(tzinfo=LOCAL_TIME)
        try:
            if before and dt.datetime.fromisoformat(before).replace(second=0, microsecond=0) == local:
                return before
        except ValueError:
            pass
        return local.isoformat()

    # -- problems ---------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str], *, move_focus: bool = True) -> None:
        """Each problem at its field, or at its cell in a table."""
        plain, cells = self.sort_problems(errors)
        focus = QApplication.focusWidget()
        scroll = self._scroll.verticalScrollBar().value()
        super().show_errors(plain)
        for path, problems in cells.items():
            self.tables[path].mark_cells(problems)
        self._form.invalidate()  # QFormLayout keeps heights per width: messages shown since would overlap
        if not move_focus:
            self._scroll.verticalScrollBar().setValue(scroll)
            if focus is not None:
                focus.setFocus()

    def sort_problems(self, errors: dict[str, str]) -> tuple[dict[str, str], dict[str, dict]]:
        plain: dict[str, str] = {}
        cells: dict[str, dict] = defaultdict(dict)
        under: dict[str, list[str]] = defaultdict(list)
        for path, said in errors.items():
            message = _for_this_form(said)
            table = next((t for t in TABLES if path.startswith(t + "[")), None)
            if table is not None:
                found = _ROW.match(path[len(table) :])
                assert found is not None  # a table's path goes on "[row]" or "[row].key"
                row, key = int(found.group(1)), found.group(2)
                cells[table][(row, key)] = _sentence(message)
                under[table].append(f"{self.tables[table].describe(row, key)}: {message}")
            elif path.startswith("strengths["):
                found = _ROW.match(path[len("strengths") :])
                assert found is not None  # "strengths[row]"
                number = int(found.group(1)) + 1
                under["strengths"].append(f"Strength {number}: {message}")
            elif path in self.fields:
                plain[path] = _sentence(message)
            else:
                owner = next((name for name in self.fields if name.startswith(path + ".")), None)
                plain[owner or path] = message if owner else f"{path}: {message}"
        for name, lines in under.items():
            plain[name] = " ".join(([plain[name]] if name in plain else []) + lines)
        return plain, dict(cells)

    def clear_errors(self) -> None:
        super().clear_errors()
        for table in getattr(self, "tables", {}).values():
            table.clear_marks()
        self._form.invalidate()


def _for_this_form(message: str) -> str:
    """A contract message in the form's terms: dates are typed dd/mm/yyyy here,
    and an empty value is simply blank."""
    if message.startswith('"" '):
        return "must not be blank."
    return message.replace("(YYYY-MM-DD)", "(dd/mm/yyyy)")


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def _get(doc: dict, path: str) -> Any:
    value: Any = doc
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _put(doc: dict, path: str, value: Any) -> None:
    """Set a value by dotted path, making the dicts on the way; None removes the key."""
    keys = path.split(".")
    target = doc
    for key in keys[:-1]:
        if value is None and not isinstance(target.get(key), dict):
            return
        target = target.setdefault(key, {})
    if value is None:
        target.pop(keys[-1], None)
    else:
        target[keys[-1]] = value
