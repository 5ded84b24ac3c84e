"""Editing one version of a plan: the document, its tables and the family's
part, the SMART check beside them, undoable commands for every edit, and
autosave. The workspace places the pieces (`family_tab`, `outcomes`,
`actions`, `smart`) in its tabs; a plan that may not be edited shows the same
pieces read-only."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QObject, QPersistentModelIndex, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from tafdesk.db.reachability import ConnectionState
from tafdesk.plans.content import Owner, PlanContent
from tafdesk.plans.smart import SmartProblem
from tafdesk.plans.view import PlanView
from tafdesk.services.draft_journal import Draft, DraftJournal, TypedText
from tafdesk.ui.labels import NEED_AREA_SHORT
from tafdesk.ui.plans import actions_model as am
from tafdesk.ui.plans import outcomes_model as om
from tafdesk.ui.plans.autosave import Autosaver, Save
from tafdesk.ui.plans.commands import AddCommand, FieldCommand, ItemCommand, RemoveCommand, ReplaceCommand
from tafdesk.ui.plans.delegates import (
    ChoiceDelegate,
    DateDelegate,
    StatusDelegate,
    TextDelegate,
    area_choices,
    owner_choices,
)
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.plans.edits import new_action, new_outcome, with_typed
from tafdesk.ui.plans.family_tab import FIELD_LABELS, FamilyTab
from tafdesk.ui.plans.quotes import watch_table
from tafdesk.ui.plans.roles import ID_ROLE
from tafdesk.ui.plans.smart_panel import SmartPanel
from tafdesk.ui.plans.tables import EditableSection, PlanTable
from tafdesk.ui.restricted import FamilyWording

REFUSED_CELL = re.compile(r"actions\[(\d+)\]\.(\w+)")
ACTION_WIDTHS = {am.COL_OUTCOME: 12, am.COL_OWNER: 20, am.COL_START: 13, am.COL_DUE: 13, am.COL_STATUS: 9}


class PlanEditor(QObject):
    tab_wanted = Signal(QWidget)  # show this tab (a problem was chosen in it)
    edited = Signal()  # the user changed the plan (each undoable edit)

    def __init__(
        self, undo_stack: QUndoStack, journal: DraftJournal, today: dt.date, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.journal = journal
        self.today = today
        self.document = PlanDocument(PlanContent(), editable=False, parent=self)
        self.plan: PlanView | None = None
        self.autosaver: Autosaver | None = None
        self._connection: ConnectionState | None = None  # the watcher's latest news, if any
        self._owners: list[Owner] = []
        self._pushed = False
        self.family_tab = FamilyTab(self.document, self.edit_field, today)
        self.actions_model = am.ActionsModel(self.document, today, self.edit_action, self)
        self.outcomes_model = om.OutcomesModel(self.document, self.edit_outcome, self)
        self.actions = self._actions_section()
        self.outcomes = self._outcomes_section()
        self.smart = SmartPanel()
        self.action_quotes = watch_table(self.actions, self._action_text, (am.COL_WHAT, am.COL_MEASURE), "Action", self)
        self.outcome_quotes = watch_table(self.outcomes, self._outcome_text, (om.COL_NEED, om.COL_WANTED), "Need", self)
        self.actions_model.problems_changed.connect(lambda: self.smart.set_problems(self.actions_model.problems()))
        self.smart.problem_chosen.connect(self.show_problem)
        self.smart.set_problems(self.actions_model.problems())

    # -- building ------------------------------------------------------------------------

    def _actions_section(self) -> EditableSection:
        table = PlanTable("SMART actions")
        table.setModel(self.actions_model)
        self._action_text = self._text_delegate(table, am.COLUMN_FIELD)
        table.setItemDelegate(self._action_text)
        table.setItemDelegateForColumn(am.COL_OWNER, ChoiceDelegate(lambda: owner_choices(self._owners), table))
        table.setItemDelegateForColumn(am.COL_OUTCOME, ChoiceDelegate(self._outcome_choices, table))
        for column in (am.COL_START, am.COL_DUE):
            table.setItemDelegateForColumn(column, DateDelegate(self.today, table))
        self.status_delegate = StatusDelegate(table)
        table.setItemDelegateForColumn(am.COL_STATUS, self.status_delegate)
        table.set_column_widths(ACTION_WIDTHS, stretch=(am.COL_WHAT, am.COL_MEASURE))
        section = EditableSection(
            "SMART actions",
            "Specific, measurable, achievable, realistic and time-bound: what will be done, by whom, "
            "by when, and how we will know. Double-click or type in a cell to change it; Delete empties it.",
            table,
            "Add action",
            "Remove action",
        )
        section.add_button.clicked.connect(self.add_action)
        section.remove_button.clicked.connect(self.remove_action)
        section.connect_selection(
            lambda: section.remove_button.setEnabled(self.document.editable and table.currentIndex().isValid())
        )
        table.clear_requested.connect(self.actions_model.clear)
        return section

    def _outcomes_section(self) -> EditableSection:
        table = PlanTable("Needs and outcomes")
        table.setModel(self.outcomes_model)
        self._outcome_text = self._text_delegate(table, om.COLUMN_FIELD)
        table.setItemDelegate(self._outcome_text)
        table.setItemDelegateForColumn(om.COL_AREA, ChoiceDelegate(area_choices, table))
        table.set_column_widths({om.COL_AREA: 20, om.COL_ACTIONS: 8}, stretch=(om.COL_NEED, om.COL_WANTED))
        section = EditableSection(
            "Needs and outcomes",
            "Each need the plan works on, in one of the ten headline areas, and the outcome "
            "the family wants: what will be different for them.",
            table,
            "Add need",
            "Remove need",
        )
        section.add_button.clicked.connect(self.add_outcome)
        section.remove_button.clicked.connect(self.remove_outcome)
        section.connect_selection(
            lambda: section.remove_button.setEnabled(self.document.editable and table.currentIndex().isValid())
        )
        return section

    def _text_delegate(self, table: PlanTable, fields: dict[int, str]) -> TextDelegate:
        """Text typed in a cell goes to autosave's journal as it is typed, before it is committed."""
        delegate = TextDelegate(table)

        def typing(cell: QPersistentModelIndex, text: str) -> None:
            if cell.isValid():
                self._typing(TypedText(cell.data(ID_ROLE), fields[cell.column()], text))

        delegate.typing.connect(typing)
        delegate.typing_ended.connect(lambda: self._typing(None))
        return delegate

    def _typing(self, typed: TypedText | None) -> None:
        if self.autosaver is not None and self.document.editable:
            self.autosaver.typing(typed)

    def _outcome_choices(self) -> list[tuple[str, Any]]:
        choices: list[tuple[str, Any]] = [("Not linked to an outcome", None)]
        for o in self.document.content.outcomes:
            choices.append((f"{NEED_AREA_SHORT[o.area]}: {o.outcome_wanted or o.need or 'outcome'}"[:70], o.id))
        return choices

    # -- loading --------------------------------------------------------------------------

    def load(self, plan: PlanView, owners: tuple[Owner, ...], save: Save) -> None:
        """Show a plan version; if it may be edited, autosave it through `save`."""
        if self.autosaver is not None:
            self.autosaver.document_gone()
            self.autosaver.deleteLater()
            self.autosaver = None
        if self._pushed:
            self.undo_stack.clear()  # the Plan area's own history: its commands were for the plan shown before
            self._pushed = False
        self.plan = plan
        self._owners = list(owners)
        self.document.editable = plan.editable
        self.document.replace(plan.content)
        self.family_tab.show_plan(plan)
        for section in (self.actions, self.outcomes):
            section.set_read_only(not plan.editable)
        self.actions_model.set_refused({})
        if plan.editable:
            self.autosaver = Autosaver(
                self.document, save, self.journal, plan.id, plan.row_version, label=plan.case_reference, parent=self
            )
            if self._connection is not None:
                self.autosaver.connection_changed(self._connection)

    def connection_changed(self, state: ConnectionState) -> None:
        """The server went out of reach or came back (ui/connection.py): the autosave follows."""
        self._connection = state
        if self.autosaver is not None:
            self.autosaver.connection_changed(state)

    def set_wording(self, wording: FamilyWording | None) -> None:
        """The family whose restricted information the plan's text is checked against as it is typed
        (None for a plan that may not be edited)."""
        self.family_tab.set_wording(wording)
        self.action_quotes.set_wording(wording)
        self.outcome_quotes.set_wording(wording)

    def take_draft(self, draft: Draft, base_version: int) -> None:
        """Put a draft kept on this computer in the editor, with any text that was
        being typed in its cell, and save it at once."""
        assert self.autosaver is not None
        self.autosaver.base_version = base_version
        self.document.replace(with_typed(draft.content, draft.typing))
        self.autosaver.save_now()

    def flush(self) -> bool:
        return self.autosaver.flush() if self.autosaver is not None else True

    # -- edits: each one an undoable command ------------------------------------------------

    def _push(self, command: Any) -> None:
        if self.document.editable:
            self._pushed = True
            self.undo_stack.push(command)
            self.edited.emit()

    def go_back_to(self, content: PlanContent) -> None:
        """Replace the draft with `content` (the database's version), undoably."""
        self._push(ReplaceCommand(self.document, content, "Discard the changes put back from this computer"))

    def edit_field(self, name: str, value: Any) -> None:
        self._push(FieldCommand(self.document, name, value, FIELD_LABELS[name]))

    def edit_action(self, action_id: uuid.UUID, changes: dict[str, Any], text: str) -> None:
        self._push(ItemCommand(self.document, action_id, "action", changes, text))

    def edit_outcome(self, outcome_id: uuid.UUID, changes: dict[str, Any], text: str) -> None:
        self._push(ItemCommand(self.document, outcome_id, "outcome", changes, text))

    def add_action(self) -> None:
        table = self.actions.table
        current = table.currentIndex()
        row = current.row() + 1 if current.isValid() else self.actions_model.rowCount()
        outcome = self.document.action(current.row()).outcome_id if current.isValid() else None
        if outcome is None and self.document.content.outcomes:
            outcome = self.document.content.outcomes[0].id
        self._push(AddCommand(self.document, row, new_action(outcome)))
        self._start_editing(table, self.actions_model.index(row, am.COL_WHAT))

    def remove_action(self) -> None:
        current = self.actions.table.currentIndex()
        if current.isValid():
            self._push(RemoveCommand(self.document, self.document.action(current.row()).id))

    def add_outcome(self) -> None:
        row = self.outcomes_model.rowCount()
        self._push(AddCommand(self.document, row, new_outcome(self.document.content)))
        self._start_editing(self.outcomes.table, self.outcomes_model.index(row, om.COL_NEED))

    def remove_outcome(self) -> None:
        current = self.outcomes.table.currentIndex()
        if current.isValid():
            self._push(RemoveCommand(self.document, self.document.outcome(current.row()).id))

    @staticmethod
    def _start_editing(table: PlanTable, index: Any) -> None:
        table.setCurrentIndex(index)
        table.scrollTo(index)
        table.setFocus()
        table.edit(index)

    # -- problems ---------------------------------------------------------------------------

    def show_problem(self, problem: SmartProblem) -> None:
        """Take the user to what a SMART problem is about."""
        if problem.action_index is not None:
            column = am.FIELD_COLUMN.get(problem.field, am.COL_WHAT)
            self.tab_wanted.emit(self.actions)
            index = self.actions_model.index(problem.action_index, column)
            table = self.actions.table
            table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            table.scrollTo(index)
            table.setFocus()
        elif problem.field == "consent_confirmed_on":
            self.tab_wanted.emit(self.family_tab)
            self.family_tab.consent.known.setFocus()
        elif problem.field == "outcomes":
            self.tab_wanted.emit(self.outcomes)
            self.outcomes.add_button.setFocus()
        else:
            self.tab_wanted.emit(self.actions)
            self.actions.add_button.setFocus()

    def mark_refused(self, errors: dict[str, str]) -> None:
        """Mark the cells a refusal (of the database or of agreeing) was about."""
        cells = {}
        for name, message in errors.items():
            match = REFUSED_CELL.fullmatch(name)
            if match:
                cells[(int(match.group(1)), match.group(2))] = message
        self.actions_model.set_refused(cells)

    def show_refused(self, errors: dict[str, str]) -> None:
        """A refused agreement's problems, at their cells; the first one shown."""
        self.mark_refused(errors)
        first = next(iter(errors), None)
        if first is not None:
            match = REFUSED_CELL.fullmatch(first)
            index = int(match.group(1)) if match else None
            self.show_problem(SmartProblem(index, match.group(2) if match else first, errors[first]))
