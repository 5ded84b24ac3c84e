"""Correcting a family's address and household by hand: where letters go
and to whom, at any time (after a decision too). The fields, a tick for
each member who lives in the household, a table of people who have moved
in (the profile form's member columns), and the record's earlier versions.
Every edit is an undo step (Ctrl+Z, Ctrl+Shift+Z); the correction is saved
through FamilyRecordService, against the version read. If someone else
corrected the family meanwhile, the conflict dialog shows where the two
differ (each field, each tick of the household) to keep, take or merge.
Saving is an Operation (ui/operation.py): a broken rule is shown at its
field, any other refusal in the dialog's banner, and the dialog stays open
with the correction as typed."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tafdesk.clock import LOCAL_TIME
from tafdesk.models.enums import RecordSource
from tafdesk.services.errors import ConflictError
from tafdesk.services.family_record import (
    FamilyRecord,
    FamilyRecordService,
    Newcomer,
    RecordCorrection,
    RecordVersion,
)
from tafdesk.ui.banner import Banner
from tafdesk.ui.conflict_dialog import ConflictDialog, clashes, merged
from tafdesk.ui.directory.form_base import RecordForm
from tafdesk.ui.intake.actions import action_button
from tafdesk.ui.intake.labels import MEMBER_ROLE_LABELS
from tafdesk.ui.intake.profile_columns import MEMBER_COLUMNS
from tafdesk.ui.intake.rows_editor import RowsEditor
from tafdesk.ui.keyboard import tab_in_order
from tafdesk.ui.operation import Operation
from tafdesk.ui.window_fit import resize_within_screen

TEXT_FIELDS = (
    ("address_line1", "&Address"),
    ("address_line2", "Address, second line"),
    ("town", "&Town"),
    ("postcode", "&Postcode"),
    ("phone", "P&hone"),
)
NEWCOMER_COLUMNS = tuple(
    c for c in MEMBER_COLUMNS if c.key in ("first_name", "last_name", "role", "relationship", "date_of_birth")
)
UNDO_KEYS = (QKeySequence("Ctrl+Z"), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))
MERGE_SECONDS = 2.0  # typing in one field within this long of the last keystroke is one undo step
_CELL = re.compile(r"^newcomers\[(\d+)\]\.(\w+)$")


class FamilyRecordForm(RecordForm):
    edited = Signal(str)  # which part was edited: a field's name, "household" or "newcomers"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("family", can_edit=True, parent=parent)
        self.field_editors: dict[str, QLineEdit] = {}
        self.household: dict[uuid.UUID, QCheckBox] = {}
        self._household_box = QWidget()
        self.newcomers = RowsEditor("person", NEWCOMER_COLUMNS, new_row={"role": "child"})
        self.history = QLabel(objectName="hint", wordWrap=True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history.setAccessibleDescription("Earlier records")
        self._build()

    def _build(self) -> None:
        self._form.addRow(QLabel("Where letters go", objectName="sectionTitle"))
        for name, label in TEXT_FIELDS:
            edit = QLineEdit(objectName=name)
            edit.textEdited.connect(lambda _text, name=name: self._touched(name))
            self.add_field(name, label, edit)
            self.field_editors[name] = edit
        self.field_editors["postcode"].setPlaceholderText("For example NT3 8LD")
        self._form.addRow(QLabel("Who lives in the household", objectName="sectionTitle"))
        QVBoxLayout(self._household_box).setContentsMargins(0, 0, 0, 0)
        self.add_field(
            "household",
            "&Lives here",
            self._household_box,
            hint=("Family letters are addressed to the adults ticked here. Untick someone who has moved out."),
        )
        self.newcomers.changed.connect(lambda: self._touched("newcomers"))
        self.add_field(
            "newcomers",
            "People who have &moved in",
            self.newcomers,
            focus=self.newcomers.table,
            wide=True,
            hint="New to the family: they join the household. Dates of birth as dd/mm/yyyy.",
        )
        self._form.addRow(QLabel("Earlier records", objectName="sectionTitle"))
        self._form.addRow(self.history)
        self.save_button.setText("Save")
        self.revert_button.setText("Cancel")

    def _touched(self, part: str) -> None:
        if not self._loading:
            self.edited.emit(part)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.revert_button.setEnabled(True)  # Cancel closes the dialog at any time

    # -- RecordForm ------------------------------------------------------------------

    def describe(self, record: FamilyRecord) -> tuple[str, str]:
        return (
            f"Correct the {record.family_name} family's address and household",
            f"{record.reference}. Letters go to this address, to the adults who live in the household; "
            "what it said before is kept below.",
        )

    def fill(self, record: FamilyRecord) -> None:
        layout = self._household_box.layout()
        assert layout is not None  # (given in __init__)
        for box in self.household.values():
            layout.removeWidget(box)
            box.deleteLater()
        self.household = {}
        for member in record.members:
            words = ", ".join(
                p for p in (MEMBER_ROLE_LABELS[member.role].lower(), member.relationship, member.age) if p
            )
            box = QCheckBox(f"{member.name} ({words})   id {member.shown_id}")
            box.setToolTip(f"{member.name}'s id, for a subject access request: {member.shown_id}")
            box.setAccessibleName(f"{box.text()} lives in the household")
            box.toggled.connect(lambda _on: self._touched("household"))
            layout.addWidget(box)
            self.household[member.person_id] = box
        tab_in_order(list(self.field_editors.values())[-1], *self.household.values(), self.newcomers.table)
        self.set_state(state_of(record))
        self.history.setText(history_text(record))

    # -- the state, for saving and for undo --------------------------------------------

    def state(self) -> dict[str, Any]:
        return {
            **{name: edit.text() for name, edit in self.field_editors.items()},
            "household": {pid: box.isChecked() for pid, box in self.household.items()},
            "newcomers": self.newcomers.rows(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        with self._filling():
            for name, edit in self.field_editors.items():
                if edit.text() != state[name]:
                    edit.setText(state[name])
            for pid, box in self.household.items():
                box.setChecked(state["household"].get(pid, False))
            if self.newcomers.rows() != state["newcomers"]:
                self.newcomers.set_rows(state["newcomers"])

    def correction(self) -> RecordCorrection:
        state = self.state()
        return RecordCorrection(
            **{name: state[name] for name, _ in TEXT_FIELDS},
            household=frozenset(pid for pid, home in state["household"].items() if home),
            newcomers=tuple(
                Newcomer(
                    row.get("first_name"),
                    row.get("last_name"),
                    row.get("role"),
                    row.get("relationship"),
                    row.get("date_of_birth"),
                )
                for row in state["newcomers"]
            ),
        )

    # -- problems ------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str], *, move_focus: bool = True) -> None:
        """Each problem at its field; one in the table of new people at its cell."""
        plain, cells, under = {}, {}, []
        for path, message in problems.items():
            found = _CELL.match(path)
            if found:
                row, key = int(found.group(1)), found.group(2)
                cells[(row, key)] = message
                under.append(f"{self.newcomers.describe(row, key)}: {message}")
            else:
                plain[path] = message
        if under:
            plain["newcomers"] = " ".join(under)
        focus, scroll = self.focusWidget(), self._scroll.verticalScrollBar().value()
        self.show_errors(plain)
        self.newcomers.mark_cells(cells)
        if not move_focus:
            self._scroll.verticalScrollBar().setValue(scroll)
            if focus is not None:
                focus.setFocus()

    def clear_errors(self) -> None:
        super().clear_errors()
        if hasattr(self, "newcomers"):
            self.newcomers.clear_marks()


def state_of(record: FamilyRecord) -> dict[str, Any]:
    """The form's state showing the record as stored."""
    return {
        **{name: getattr(record, name) or "" for name, _ in TEXT_FIELDS},
        "household": {m.person_id: m.in_household for m in record.members},
        "newcomers": [],
    }


def history_text(record: FamilyRecord) -> str:
    """Where the record now came from, then its earlier versions, newest first."""
    if not record.history:
        return "None: the record has not changed since it was first made."
    current, *earlier = record.history
    lines = [f"Now: {_origin(current)}."]
    for v in earlier:
        lines.append(
            f"Before: {', '.join(v.address)}"
            + (f"; phone {v.phone}" if v.phone else "")
            + f"; living there: {', '.join(v.household) or 'nobody'} ({_origin(v)})."
        )
    return "\n".join(lines)


def _origin(version: RecordVersion) -> str:
    if version.source is RecordSource.EARLIER:
        return version.source_text()
    at = version.recorded_at.astimezone(LOCAL_TIME)
    return f"{version.source_text()}, recorded {at.day} {at:%b %Y}"


class StateCommand(QUndoCommand):
    """One edit of the form: the whole state before and after it. Typing in
    one field goes on merging into one step while it goes on."""

    def __init__(self, form: FamilyRecordForm, before: dict, after: dict, part: str) -> None:
        super().__init__(f"change {PARTS[part]}")
        self.form, self.before, self.after, self.part = form, before, after, part
        self._stamp = time.monotonic()
        self._done = True  # pushed once the edit is made: the first redo is not needed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.form.set_state(self.after)

    def undo(self) -> None:
        self.form.set_state(self.before)

    def id(self) -> int:
        return 0x7A20

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, StateCommand) and other.part == self.part and other.part in self.form.field_editors):
            return False
        if other._stamp - self._stamp > MERGE_SECONDS:
            return False
        self.after, self._stamp = other.after, other._stamp
        return True


PARTS = {
    "address_line1": "the address",
    "address_line2": "the address's second line",
    "town": "the town",
    "postcode": "the postcode",
    "phone": "the phone",
    "household": "who lives in the household",
    "newcomers": "the people who have moved in",
}


class FamilyRecordDialog(QDialog):
    saved = Signal(str)  # what was saved, in a sentence

    def __init__(self, service: FamilyRecordService, family_id: uuid.UUID, parent: QWidget | None = None) -> None:
        """Reads the record first (raising what the service raises: the opener says it)."""
        record = service.record(family_id)  # first: refused, no dialog is left behind
        super().__init__(parent)
        self.setObjectName("familyRecordDialog")
        self.setWindowTitle("Correct family address and household")
        self._service = service
        self._family_id = family_id
        self._checking = False  # problems are shown: check again as the user types
        self.banner = Banner()
        self.form = FamilyRecordForm()
        self.undo_stack = QUndoStack(self)
        self._shown: dict[str, Any] = {}
        self.conflict_dialog: ConflictDialog | None = None  # while open
        self._build()
        self.show_record(record)

    def _build(self) -> None:
        # Actions of the dialog's own (not the stack's createUndoAction): owned by it, ended with it.
        undo = QAction("Undo", self, enabled=False, toolTip="Undo the last change (Ctrl+Z)")
        undo.setShortcut(UNDO_KEYS[0])
        redo = QAction("Redo", self, enabled=False, toolTip="Redo the change undone (Ctrl+Shift+Z)")
        redo.setShortcuts(UNDO_KEYS[1:])
        undo.triggered.connect(self.undo_stack.undo)
        redo.triggered.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(redo.setEnabled)
        self.addActions([undo, redo])
        self.undo_button = action_button(undo, object_name="undoButton")
        self.redo_button = action_button(redo, object_name="redoButton")
        self.form.add_leading_buttons(self.undo_button, self.redo_button)
        for edit in self.form.field_editors.values():
            edit.installEventFilter(self)  # Ctrl+Z is the form's undo, not the line's own
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        resize_within_screen(self, 760, 680)  # fits a 1366x768 laptop's screen
        self.form.edited.connect(self._edited)
        self.form.save_requested.connect(self.save)
        self.form.revert_requested.connect(self.reject)
        self.undo_stack.cleanChanged.connect(self._clean_changed)  # methods, not lambdas: let go with the dialog
        self.undo_stack.indexChanged.connect(self._after_undo)

    def show_record(self, record: FamilyRecord) -> None:
        """The record as stored, with no edits to undo."""
        self.form.show_record(record)
        self._shown = self.form.state()
        self.undo_stack.clear()

    # -- edits, each an undo step ---------------------------------------------------------

    def _edited(self, part: str) -> None:
        state = self.form.state()
        if state != self._shown:
            self.undo_stack.push(StateCommand(self.form, self._shown, state, part))
            self._shown = state
        if self._checking:
            self._check_again()

    def _clean_changed(self, clean: bool) -> None:
        self.form.set_dirty(not clean)

    def _after_undo(self, _index: int = 0) -> None:
        self._shown = self.form.state()
        if self._checking:
            self._check_again()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and any(QKeySequence(event.keyCombination()) == keys for keys in UNDO_KEYS)
        ):
            return True  # not taken by the line: the dialog's shortcut runs
        return super().eventFilter(watched, event)

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        correction = self.form.correction()
        problems = self._service.problems(correction)
        if problems:
            self._show_problems(problems)
            return False
        record = self.form.record
        return (
            Operation(
                self.banner,
                lambda: self._service.correct(record.family_id, record.version, correction),
                failed="Not saved.",
                doing="correcting a family record",
            )
            .at_fields(self._show_problems)
            .handle(ConflictError, lambda _error: self._resolve(record))
            .retry_with(self.save)
            .done(self._saved)
            .run()
        )

    def _saved(self, saved: FamilyRecord) -> None:
        self.undo_stack.setClean()
        self.saved.emit(f"Saved the {saved.family_name} family's address and household: letters go there from now on.")
        self.accept()

    # -- someone else corrected it meanwhile ------------------------------------------------

    def _resolve(self, record: FamilyRecord) -> None:
        """Compare this correction with the record as now stored, field by field."""
        mine = self.form.state()
        Operation(
            self.banner,
            lambda: self._service.record(self._family_id),
            failed="Not saved.",
            doing="reading a family record again",
        ).done(lambda fresh: self._compare(record, mine, fresh)).run()

    def _compare(self, record: FamilyRecord, mine: dict[str, Any], fresh: FamilyRecord) -> None:
        people = {m.person_id: m.name for m in fresh.members if m.person_id in mine["household"]}
        flat = [_flat(state, people) for state in (state_of(record), mine, state_of(fresh))]
        labels = {
            **{name: label.replace("&", "") for name, label in TEXT_FIELDS},
            **{f"lives:{pid}": f"{name} lives here" for pid, name in people.items()},
        }
        found = clashes(flat[0], flat[1], flat[2], labels.__getitem__, self.form.shown_value)
        if not found:
            self._take(fresh, mine, flat[1], flat[2], set())
            return
        dialog = ConflictDialog(f"the {fresh.family_name} family's address and household", found, self)
        dialog.finished.connect(lambda result: self._chosen(dialog, result, fresh, mine, flat[1], flat[2]))
        self.conflict_dialog = dialog
        dialog.open()

    def _chosen(
        self,
        dialog: ConflictDialog,
        result: int,
        fresh: FamilyRecord,
        mine: dict[str, Any],
        mine_flat: dict[str, Any],
        theirs_flat: dict[str, Any],
    ) -> None:
        self.conflict_dialog = None
        dialog.deleteLater()
        if result != ConflictDialog.DialogCode.Accepted:
            self._say(
                "Not saved: someone else corrected this family meanwhile. Your changes are still here; "
                "save again to compare them with theirs."
            )
            return
        self._take(fresh, mine, mine_flat, theirs_flat, dialog.keep_mine())

    def _take(
        self,
        fresh: FamilyRecord,
        mine: dict[str, Any],
        mine_flat: dict[str, Any],
        theirs_flat: dict[str, Any],
        keep: set[str],
    ) -> None:
        """The stored record with the choices made (and the people typed in as moving in), saved against its version."""
        chosen = merged(mine_flat, theirs_flat, keep)
        state = state_of(fresh)
        state.update({name: chosen[name] for name, _ in TEXT_FIELDS}, newcomers=mine["newcomers"])
        household = state["household"]
        household.update({pid: chosen[f"lives:{pid}"] for pid in household if f"lives:{pid}" in chosen})
        self.form.show_record(fresh)
        self.form.set_state(state)
        self._shown = state
        self.undo_stack.clear()
        if state == state_of(fresh):
            self._say("Nothing was saved: the family's record is as someone else corrected it.")
            return
        self.undo_stack.resetClean()  # not saved yet
        self.save()

    def _show_problems(self, problems: dict[str, str]) -> None:
        self._checking = True
        self.form.show_problems(problems)

    def _check_again(self) -> None:
        problems = self._service.problems(self.form.correction())
        if problems:
            self.form.show_problems(problems, move_focus=False)
        else:
            self.form.clear_errors()

    def _say(self, text: str) -> None:
        self.banner.say(text, error=True)

    def reject(self) -> None:
        if self.form.is_dirty:
            answer = QMessageBox.question(
                self,
                "Unsaved changes",
                "Close without saving this correction?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()


def _flat(state: dict[str, Any], people: dict[uuid.UUID, str]) -> dict[str, Any]:
    """A state's fields one by one, for comparing: each text field, each tick of who lives there."""
    return {
        **{name: state[name] for name, _ in TEXT_FIELDS},
        **{f"lives:{pid}": state["household"].get(pid, False) for pid in people},
    }


def family_record_dialog(
    service: FamilyRecordService, case_id: uuid.UUID, parent: QWidget, banner: Banner
) -> FamilyRecordDialog | None:
    """The dialog for the case's family, or None (and the opener's banner says why) if it cannot be opened."""
    opened: list[FamilyRecordDialog] = []
    Operation(
        banner,
        lambda: FamilyRecordDialog(service, service.family_of_case(case_id), parent),
        failed="The family's record could not be opened.",
        doing="opening a family record",
    ).done(opened.append).run()
    return opened[0] if opened else None
