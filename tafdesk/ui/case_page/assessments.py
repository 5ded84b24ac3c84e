"""The case page's Assessment section: the family's Early Help Assessments
(started, completed, by which organisation, of which children and whether
each was seen, the needs found and their levels). Start…, Edit… and
Complete… open one form; "Use in the plan" adds a completed assessment's
needs to the family's draft plan (services/assessments.py feed_plan)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from tafdesk import clock
from tafdesk.models import NeedArea
from tafdesk.services.assessments import (
    LEVEL_WORDS,
    AssessmentInput,
    AssessmentService,
    AssessmentView,
    ChildInput,
    NeedInput,
)
from tafdesk.services.consent import day_words
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import FieldMarks, error_label, highlight, when_edited
from tafdesk.ui.operation import Operation
from tafdesk.ui.plans.dialogs import date_edit
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.qt_dates import to_date
from tafdesk.ui.record_table import record_table
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.window_fit import resize_within_screen

Errors = dict[str, str]


def needs_words(row: AssessmentView) -> str:
    return "; ".join(f"{n.area.label}: {n.description} (level {LEVEL_WORDS[n.level]})" for n in row.needs) or "—"


class AssessmentModel(ReadOnlyTableModel[AssessmentView]):
    HEADERS = ("Started", "Completed", "Organisation", "Of", "Seen", "Needs and levels")

    def display(self, row: AssessmentView, column: int) -> str:
        if column == 0:
            return day_words(row.started_on)
        if column == 1:
            return day_words(row.completed_on) if row.completed_on else "Not yet"
        if column == 2:
            return row.organisation
        if column == 3:
            return row.of_words
        if column == 4:
            return row.seen_words
        if column == 5:
            return needs_words(row)
        return ""

    def sort_key(self, row: AssessmentView, column: int):
        if column == 0:
            return row.started_on.toordinal()
        if column == 1:
            return row.completed_on.toordinal() if row.completed_on else 10**7
        return super().sort_key(row, column)

    def tooltip(self, row: AssessmentView, column: int) -> str | None:
        return needs_words(row).replace("; ", "\n")


class AssessmentDialog(QDialog):
    """Start, edit or complete one assessment. `save(value)` returns None once
    saved, or the refusal's fields to show here (the form stays as typed)."""

    def __init__(
        self,
        children: list[tuple[uuid.UUID, str]],
        organisations: list[tuple[uuid.UUID, str]],
        save: Callable[[AssessmentInput], Errors | None],
        assessment: AssessmentView | None = None,
        *,
        completing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.completing = completing
        title = (
            "Complete the Early Help Assessment"
            if completing
            else ("Edit the Early Help Assessment" if assessment else "Start an Early Help Assessment")
        )
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        today = clock.today()
        self.started_on = date_edit(today, today)
        self.started_on.setAccessibleName("Date the assessment started")
        self.completed = QCheckBox("&Completed on:")
        self.completed_on = date_edit(today, today)
        self.completed_on.setAccessibleName("Date the assessment was completed")
        self.completed_on.setEnabled(False)
        self.completed.toggled.connect(self.completed_on.setEnabled)
        self.organisation = QComboBox()
        self.organisation.setAccessibleName("Organisation completing the assessment")
        self.organisation.addItem("Choose the organisation…", None)
        for oid, name in organisations:
            self.organisation.addItem(name, oid)
        self.whole_family = QCheckBox("An assessment of the &whole family")
        self.child_boxes: list[tuple[uuid.UUID, QCheckBox, QCheckBox]] = []
        self.marks = FieldMarks()  # each refused field's message beneath it, gone once the field is edited
        self._bad_needs: set[QWidget] = set()  # the need cells marked, each unmarked as it is edited
        kids = QGroupBox("Children it is of")
        kids.setAccessibleName("The children the assessment is of, and whether each was seen")
        grid = QGridLayout(kids)
        for n, (pid, name) in enumerate(children):
            of = QCheckBox(name)
            of.setAccessibleName(f"The assessment is of {name}")
            seen = QCheckBox("seen")
            seen.setAccessibleName(f"{name} was seen")
            seen.setEnabled(False)
            of.toggled.connect(seen.setEnabled)
            of.toggled.connect(lambda on, s=seen: on or s.setChecked(False))
            grid.addWidget(of, n, 0)
            grid.addWidget(seen, n, 1)
            self.child_boxes.append((pid, of, seen))
        if not children:
            grid.addWidget(QLabel("The family has no children recorded."), 0, 0)
        first_child = self.child_boxes[0][1] if self.child_boxes else None
        self.errors = {
            "started_on": self.marks.bind("started_on", self.started_on),
            "completed_on": self.marks.bind("completed_on", self.completed_on),
            "organisation_id": self.marks.bind("organisation_id", self.organisation),
            "children": self.marks.bind("children", kids, focus=first_child),
        }
        self.needs = QTableWidget(0, 3)
        self.needs.setAccessibleName("Needs found, with their area and level")
        self.needs.setHorizontalHeaderLabels(["Area", "Need", "Level"])
        self.needs.verticalHeader().hide()
        self.needs.setTabKeyNavigation(False)
        self.needs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.needs.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        widest = max(self.fontMetrics().horizontalAdvance(area.label) for area in NeedArea)
        self.needs.horizontalHeader().resizeSection(0, widest + 48)  # the area's words whole in its picker
        self.needs.horizontalHeader().resizeSection(2, self.fontMetrics().horizontalAdvance("Level") + 56)
        self.add_need_button = QPushButton("&Add a need")
        self.remove_need_button = QPushButton("Re&move the need")
        self.errors["needs"] = self.marks.bind("needs", self.needs)  # its rows' cells are watched as added
        self.errors["other"] = error_label("other")  # what names no field here
        self.add_need_button.clicked.connect(lambda: self.add_need())
        self.remove_need_button.clicked.connect(self.remove_need)
        need_buttons = QHBoxLayout()
        need_buttons.addWidget(self.errors["needs"], 1)
        need_buttons.addWidget(self.add_need_button)
        need_buttons.addWidget(self.remove_need_button)
        done = QHBoxLayout()
        done.addWidget(self.completed_on)
        done.addStretch(1)
        form = QFormLayout()
        form.addRow("&Started on:", self.started_on)
        form.addRow("", self.errors["started_on"])
        form.addRow(self.completed, done)
        form.addRow("", self.errors["completed_on"])
        form.addRow("&Organisation:", self.organisation)
        form.addRow("", self.errors["organisation_id"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(
            "Complete" if completing else "Save", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("primaryButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.whole_family)
        layout.addWidget(kids)
        layout.addWidget(self.errors["children"])
        layout.addWidget(QLabel("Needs found", objectName="sectionTitle"))
        layout.addWidget(self.needs, 1)
        layout.addLayout(need_buttons)
        layout.addWidget(self.errors["other"])
        layout.addWidget(buttons)
        if assessment is not None:
            self._fill(assessment)
        if completing:
            self.completed.setChecked(True)
        resize_within_screen(self, 760, 620)

    def add_need(self, need: NeedInput | None = None) -> None:
        row = self.needs.rowCount()
        self.needs.insertRow(row)
        area = QComboBox()
        area.setAccessibleName(f"Area of need {row + 1}")
        for choice in NeedArea:
            area.addItem(choice.label, choice)
        text = QLineEdit()
        text.setAccessibleName(f"Need {row + 1}")
        text.setPlaceholderText("What the need is")
        level = QSpinBox(minimum=1, maximum=4)
        level.setAccessibleName(f"Level of need {row + 1} (1 universal to 4 specialist)")
        level.setValue(2)
        if need is not None:
            area.setCurrentIndex(area.findData(need.area))
            text.setText(need.description)
            level.setValue(need.level)
        self.needs.setCellWidget(row, 0, area)
        self.needs.setCellWidget(row, 1, text)
        self.needs.setCellWidget(row, 2, level)
        for cell in (area, text, level):
            when_edited(cell, partial(self._need_edited, cell))
        self._need_edited(None)
        if need is None:
            text.setFocus()

    def remove_need(self) -> None:
        row = self.needs.currentRow()
        if row < 0:
            row = self.needs.rowCount() - 1
        if row >= 0:
            self._bad_needs -= {self.needs.cellWidget(row, column) for column in range(3)}
            self.needs.removeRow(row)
            self._need_edited(None)

    def _need_edited(self, cell: QWidget | None) -> None:
        """A need edited (or one added or taken away): its cell unmarked, and the
        needs' message gone once no cell it spoke of is still marked."""
        if cell is not None and cell in self._bad_needs:
            self._bad_needs.discard(cell)
            highlight(cell, False)
        if not self._bad_needs:
            self.marks.clear_field("needs")

    def _fill(self, assessment: AssessmentView) -> None:
        start = assessment.started_on
        self.started_on.setDate(QDate(start.year, start.month, start.day))
        if assessment.completed_on is not None:
            done = assessment.completed_on
            self.completed.setChecked(True)
            self.completed_on.setDate(QDate(done.year, done.month, done.day))
        found = (
            n for n in range(self.organisation.count()) if self.organisation.itemData(n) == assessment.organisation_id
        )
        self.organisation.setCurrentIndex(next(found, 0))  # findData cannot match a UUID
        self.whole_family.setChecked(assessment.whole_family)
        seen = {c.person_id: c.seen for c in assessment.children}
        for pid, of, was_seen in self.child_boxes:
            of.setChecked(pid in seen)
            was_seen.setChecked(seen.get(pid, False))
        for need in assessment.needs:
            self.add_need(need)

    def value(self) -> AssessmentInput:
        needs = []
        for row in range(self.needs.rowCount()):
            area, text, level = (self.needs.cellWidget(row, c) for c in range(3))
            needs.append(NeedInput(NeedArea(area.currentData()), text.text(), level.value()))  # type: ignore[attr-defined]
        return AssessmentInput(
            to_date(self.started_on.date()),
            self.organisation.currentData(),
            tuple(ChildInput(pid, seen.isChecked()) for pid, of, seen in self.child_boxes if of.isChecked()),
            tuple(needs),
            to_date(self.completed_on.date()) if self.completed.isChecked() else None,
            self.whole_family.isChecked(),
        )

    def submit(self) -> None:
        self.show_errors({})
        refused = self._save(self.value())
        if refused is None:
            self.accept()
        else:
            self.show_errors(refused)

    def show_errors(self, fields: Errors) -> None:
        """Each message at its field; a need's at its row's cell, said in the needs' line."""
        self._bad_needs = set()
        for row in range(self.needs.rowCount()):
            for column, part in ((1, "description"), (2, "level")):
                widget = self.needs.cellWidget(row, column)
                bad = f"needs[{row}].{part}" in fields
                highlight(widget, bad)
                if bad:
                    self._bad_needs.add(widget)
        plain = {k: v for k, v in fields.items() if not k.startswith("needs[")}
        rows = [f"Need {int(k[6 : k.index(']')]) + 1}: {v}" for k, v in fields.items() if k.startswith("needs[")]
        if rows:
            plain["needs"] = " ".join([plain.get("needs", ""), *rows]).strip()
        self.marks.show_all(plain, self.errors["other"])


class AssessmentPanel(QWidget):
    def __init__(
        self, service: AssessmentService, case: CaseRef, *, may_feed_plan: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._case = case
        self._may_feed_plan = may_feed_plan
        self.setAccessibleName("Early Help Assessments")
        self.banner = Banner(self)
        self.model = AssessmentModel(self)
        self.table = record_table("Early Help Assessments", self.model)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.start_button = QPushButton("Sta&rt…", objectName="primaryButton")
        self.start_button.setAccessibleName("Start an Early Help Assessment")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the chosen assessment")
        self.complete_button = QPushButton("Co&mplete…")
        self.complete_button.setAccessibleName("Complete the chosen assessment")
        self.feed_button = QPushButton("&Use in the plan")
        self.feed_button.setAccessibleName("Use the chosen assessment's needs in the family's draft plan")
        self.feed_button.setVisible(may_feed_plan)
        self.start_button.clicked.connect(self.start)
        self.edit_button.clicked.connect(lambda: self.edit(completing=False))
        self.complete_button.clicked.connect(lambda: self.edit(completing=True))
        self.feed_button.clicked.connect(self.feed_plan)
        self.table.activated.connect(lambda _i: self.edit(completing=False))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.summary = QLabel(objectName="hint", wordWrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.start_button, self.edit_button, self.complete_button, self.feed_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.dialog: AssessmentDialog | None = None
        self.reload()

    def reload(self, select: uuid.UUID | None = None) -> None:
        Operation(
            self.banner,
            lambda: self._service.assessments(self._case.case_id),
            failed="The assessments could not be read.",
            doing="reading a case's assessments",
        ).done(lambda rows: self._show(rows, select)).run()

    def _show(self, rows: list[AssessmentView], select: uuid.UUID | None) -> None:
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        self.summary.setText(
            "No Early Help Assessment recorded yet."
            if not rows
            else f"{len(rows)} assessment{'s' * (len(rows) != 1)}; {sum(1 for r in rows if r.completed_on)} completed."
        )
        number = next((n for n, r in enumerate(rows) if r.id == select), 0)
        if rows:
            proxy = self.table.model()
            self.table.setCurrentIndex(proxy.mapFromSource(self.model.index(number, 0)))  # type: ignore[attr-defined]
        self._enable()

    def chosen(self) -> AssessmentView | None:
        index = self.table.currentIndex()
        return self.model.row_at(self.table.model().mapToSource(index)) if index.isValid() else None  # type: ignore[attr-defined]

    def _enable(self) -> None:
        chosen = self.chosen()
        none = "Choose an assessment in the list first."
        self.edit_button.setEnabled(chosen is not None)
        self.edit_button.setToolTip(none if chosen is None else "Change its dates, organisation, children or needs")
        done = chosen is not None and chosen.completed_on is not None
        self.complete_button.setEnabled(chosen is not None and not done)
        self.complete_button.setToolTip(
            none
            if chosen is None
            else (f"Completed on {day_words(chosen.completed_on)}." if chosen.completed_on else "Record its completion")
        )
        self.feed_button.setEnabled(chosen is not None and bool(chosen.needs))
        self.feed_button.setToolTip(
            none
            if chosen is None
            else (
                "Add its needs to the family's draft plan as outcomes to fill in"
                if chosen.needs
                else "This assessment records no needs yet."
            )
        )

    def _read(self, call, doing: str):
        found: list = []
        Operation(self.banner, call, failed="", doing=doing).done(found.append).run()
        return found[0] if found else None

    def start(self) -> None:
        self._open(None, completing=False)

    def edit(self, *, completing: bool) -> None:
        chosen = self.chosen()
        if chosen is not None and not (completing and chosen.completed_on):
            self._open(chosen, completing=completing)

    def _open(self, assessment: AssessmentView | None, *, completing: bool) -> None:
        children = self._read(lambda: self._service.children(self._case.case_id), "reading the family's children")
        organisations = self._read(self._service.organisations, "reading the organisations")
        if children is None or organisations is None:
            return

        def save(value: AssessmentInput) -> Errors | None:
            refused: list[Errors] = []
            done: list[AssessmentView] = []

            def call() -> AssessmentView:
                if assessment is None:
                    return self._service.start(self._case.case_id, value)
                return self._service.update(assessment.id, assessment.version, value)

            Operation(
                self.banner, call, failed="The assessment was not saved.", doing="saving an assessment"
            ).at_fields(refused.append).done(done.append).run()
            if refused:
                return refused[0]
            if done:
                saved = done[0]
                self.banner.say(
                    "Completed: the assessment's needs can now be used in the plan."
                    if saved.completed_on and (assessment is None or assessment.completed_on is None)
                    else "The assessment is saved."
                )
                self.reload(select=saved.id)
                return None
            return {"other": "Not saved: see the message above the list."}

        self.dialog = AssessmentDialog(children, organisations, save, assessment, completing=completing, parent=self)
        self.dialog.open()

    def feed_plan(self) -> None:
        chosen = self.chosen()
        if chosen is None or not self._may_feed_plan:
            return
        Operation(
            self.banner,
            lambda: self._service.feed_plan(chosen.id),
            failed="The needs were not added to the plan.",
            doing="adding an assessment's needs to the plan",
        ).done(
            lambda added: self.banner.say(
                f"{added} need{'s' * (added != 1)} added to the draft plan as outcomes to fill in: open the plan."
                if added
                else "The draft plan already has every need of this assessment."
            )
        ).run()
