"""The plan screens' table models, checked by Qt's model tester and for what
they say: SMART problems at their cells, edits as undoable commands, red and
amber cues on the cases, changes between versions."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoStack

from tafdesk.models import ActionStatus, NeedArea, PlanStatus
from tafdesk.plans.content import ActionItem, OutcomeItem, Owner, PlanContent
from tafdesk.plans.versions import Change
from tafdesk.plans.view import FamilyMember, TeamMember
from tafdesk.services.locality_cases import LocalityCase
from tafdesk.services.my_cases import MyCase
from tafdesk.ui.colours import current
from tafdesk.ui.plans import actions_model as am
from tafdesk.ui.plans import cases_model as cm
from tafdesk.ui.plans import outcomes_model as om
from tafdesk.ui.plans.commands import AddCommand, ItemCommand, RemoveCommand
from tafdesk.ui.plans.compare import DifferencesModel
from tafdesk.ui.plans.document import PlanDocument
from tafdesk.ui.plans.people_models import FamilyModel, TeamModel
from tafdesk.ui.plans.roles import PROBLEM_ROLE, SORT_ROLE, URGENCY_ROLE
from tafdesk.ui.plans.versions_tab import VersionsModel

TODAY = dt.date(2026, 12, 2)
SCHOOL = OutcomeItem(uuid.uuid4(), NeedArea.EDUCATION, "Tobi misses school", "Tobi in school every day")
HOME = OutcomeItem(uuid.uuid4(), NeedArea.HOUSING, "Rent arrears", "")
TOMAS = Owner("professional", uuid.uuid4(), "Tomas Okafor (Education Welfare)")
WALK = ActionItem(
    uuid.uuid4(),
    "Walk Tobi to school",
    SCHOOL.id,
    TOMAS,
    dt.date(2026, 12, 3),
    dt.date(2027, 1, 12),
    "Attendance above 90%",
)
VAGUE = ActionItem(uuid.uuid4(), "Sort out the rent", HOME.id, None, None, dt.date(2026, 11, 1), None)
DONE = ActionItem(uuid.uuid4(), "Referral to the food bank", HOME.id, None, status=ActionStatus.DONE)


@pytest.fixture
def edited(qapp):
    """A document, its undo stack, and the actions model pushing commands onto it."""
    document = PlanDocument(
        PlanContent(outcomes=(SCHOOL, HOME), actions=(WALK, VAGUE, DONE), consent_confirmed_on=dt.date(2026, 11, 17)),
        editable=True,
    )
    stack = QUndoStack()

    def edit(item_id, changes, text):
        stack.push(ItemCommand(document, item_id, "action", changes, text))

    return document, stack, am.ActionsModel(document, TODAY, edit)


def test_actions_model_passes_the_model_tester(qtmodeltester, edited):
    document, stack, model = edited
    qtmodeltester.check(model, force_py=True)
    stack.push(AddCommand(document, 1, ActionItem(uuid.uuid4(), "New")))
    stack.push(RemoveCommand(document, WALK.id))
    qtmodeltester.check(model, force_py=True)


def test_smart_problems_show_at_their_cells_and_not_for_finished_actions(edited):
    _document, _stack, model = edited
    assert {(p.action_index, p.field) for p in model.problems()} == {
        (None, "outcomes"),
        (1, "owner"),
        (1, "due_on"),
        (1, "measure"),
        (1, "outcome_id"),
    }  # the housing outcome is unwritten
    assert model.index(1, am.COL_DUE).data(PROBLEM_ROLE) == "The due date, 01 Nov 2026, has passed."
    assert model.index(1, am.COL_OWNER).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, am.COL_WHAT).data(PROBLEM_ROLE) is None
    assert all(model.index(0, c).data(PROBLEM_ROLE) is None for c in range(model.columnCount()))
    assert all(model.index(2, c).data(PROBLEM_ROLE) is None for c in range(model.columnCount()))  # done
    assert model.index(2, am.COL_STATUS).data() == "Done"
    assert model.index(1, am.COL_OUTCOME).data() == "Housing"
    assert model.headerData(1, Qt.Orientation.Vertical) == "2"


def test_editing_a_cell_is_an_undoable_command(edited):
    document, stack, model = edited
    changed = []
    model.problems_changed.connect(lambda: changed.append(len(model.problems())))
    assert model.setData(model.index(1, am.COL_OWNER), TOMAS)
    assert document.content.actions[1].owner == TOMAS and changed[-1] == 4
    assert stack.undoText() == "Change “who” of action 2"
    assert not model.setData(model.index(1, am.COL_OWNER), TOMAS)  # no change, no command
    assert model.setData(model.index(1, am.COL_STATUS), (ActionStatus.DROPPED, "Paid off by the family"))
    assert (document.content.actions[1].status, document.content.actions[1].dropped_reason) == (
        ActionStatus.DROPPED,
        "Paid off by the family",
    )
    assert [p.field for p in model.problems()] == ["outcomes"]  # a dropped action is not checked
    stack.undo()
    stack.undo()
    assert document.content.actions[1] == VAGUE and len(model.problems()) == 5
    assert model.clear(model.index(0, am.COL_DUE)) and document.content.actions[0].due_on is None
    assert not model.clear(model.index(0, am.COL_WHAT))  # an action always says what


def test_refused_agreement_marks_cells_until_edited(edited):
    _document, _stack, model = edited
    model.set_refused({(0, "measure"): "Describe the measure."})
    assert model.index(0, am.COL_MEASURE).data(PROBLEM_ROLE) == "Describe the measure."
    model.setData(model.index(0, am.COL_MEASURE), "Attendance above 95%")
    assert model.index(0, am.COL_MEASURE).data(PROBLEM_ROLE) is None


def test_removing_an_outcome_unlinks_its_actions_and_undo_links_them_again(qapp, qtmodeltester):
    document = PlanDocument(PlanContent(outcomes=(SCHOOL, HOME), actions=(WALK, VAGUE)), editable=True)
    stack = QUndoStack()
    model = om.OutcomesModel(document, lambda *a: None)
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, om.COL_WANTED).data() == "Say what the family wants to be different"
    assert model.index(0, om.COL_ACTIONS).data() == "1"
    stack.push(RemoveCommand(document, HOME.id))
    assert [a.outcome_id for a in document.content.actions] == [SCHOOL.id, None]
    stack.undo()
    assert document.content == PlanContent(outcomes=(SCHOOL, HOME), actions=(WALK, VAGUE))
    qtmodeltester.check(model, force_py=True)


def test_outcome_edits_through_the_model(qapp):
    document = PlanDocument(PlanContent(outcomes=(SCHOOL,)), editable=True)
    stack = QUndoStack()
    model = om.OutcomesModel(
        document, lambda oid, changes, text: stack.push(ItemCommand(document, oid, "outcome", changes, text))
    )
    assert model.setData(model.index(0, om.COL_AREA), NeedArea.HEALTH)
    assert document.content.outcomes[0].area is NeedArea.HEALTH
    stack.undo()
    assert document.content.outcomes[0].area is NeedArea.EDUCATION
    read_only = om.OutcomesModel(PlanDocument(PlanContent(outcomes=(SCHOOL,)), editable=False), lambda *a: None)
    assert not read_only.flags(read_only.index(0, om.COL_NEED)) & Qt.ItemFlag.ItemIsEditable
    assert not read_only.setData(read_only.index(0, om.COL_NEED), "x")


def _case(name, status=PlanStatus.AGREED, late=0, overdue=0, review=dt.date(2027, 1, 20), lead=None):
    row = (uuid.uuid4(), f"N-{name[:3].upper()}", name, "Lead", status, 1 if status else None, review, late, overdue, 2)
    return LocalityCase(*row, lead_name=lead) if lead is not None else MyCase(*row)


def test_cases_model_cues_what_is_late_in_words_and_colour(qapp, qtmodeltester):
    rows = [
        _case("Hall", late=36, overdue=1, review=dt.date(2026, 10, 27)),
        _case("Reid", review=dt.date(2026, 12, 7)),
        _case("Abdi", status=None, review=None),
        _case("Clarke"),
    ]
    model = cm.CasesModel(TODAY)
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, cm.COL_REVIEW).data() for r in range(4)] == [
        "36 days overdue",
        "Due in 5 days",
        "",
        "Due in 49 days",
    ]
    assert [model.index(r, 0).data(URGENCY_ROLE) for r in range(4)] == ["late", "soon", "soon", ""]
    late, soon = QColor(current().error.tint), QColor(current().warn.tint)
    assert model.index(0, cm.COL_REVIEW).data(Qt.ItemDataRole.BackgroundRole) == late
    assert model.index(0, cm.COL_OVERDUE).data(Qt.ItemDataRole.BackgroundRole) == late
    assert model.index(1, cm.COL_REVIEW).data(Qt.ItemDataRole.BackgroundRole) == soon
    assert model.index(2, cm.COL_PLAN).data() == "No plan yet"
    assert model.index(3, cm.COL_REVIEW).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, cm.COL_REVIEW).data(SORT_ROLE) < model.index(1, cm.COL_REVIEW).data(SORT_ROLE)


def test_cases_proxy_searches_and_keeps_those_needing_attention(qapp, qtmodeltester):
    model = cm.CasesModel(TODAY, show_lead=True)
    model.set_rows([_case("Hall", late=3, lead="Riley Fenwick"), _case("Reid", lead="Ann Lee"), _case("Abdi", lead="")])
    proxy = cm.CasesProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    assert model.headerData(cm.COL_ROLE, Qt.Orientation.Horizontal) == "Lead professional"
    assert model.index(2, cm.COL_ROLE).data() == "Nobody yet"
    proxy.set_search("fenwick")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "Hall"
    proxy.set_search("")
    proxy.set_attention_only(True)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Hall"]


def test_versions_differences_and_people_models(qapp, qtmodeltester):
    ids = [uuid.uuid4() for _ in range(3)]
    versions = VersionsModel()
    versions.set_versions(
        [
            (ids[0], 1, PlanStatus.SUPERSEDED, dt.date(2026, 10, 1)),
            (ids[1], 2, PlanStatus.AGREED, dt.date(2026, 11, 12)),
            (ids[2], 3, PlanStatus.DRAFT, None),
        ],
        shown=ids[1],
    )
    qtmodeltester.check(versions, force_py=True)
    assert [versions.index(r, 0).data() for r in range(3)] == ["Version 3", "Version 2 (showing)", "Version 1"]
    assert versions.index(0, 2).data() == "—" and versions.index(1, 2).data() == "12 Nov 2026"

    differences = DifferencesModel()
    differences.set_changes(
        [
            Change("action", "Walk Tobi to school", "Status", "open", "done"),
            Change("action", "Book the course", "", "", "added"),
            Change("plan", "", "Strengths", "", "Loves football"),
        ]
    )
    qtmodeltester.check(differences, force_py=True)
    rows = [[differences.index(r, c).data() for c in range(5)] for r in range(3)]
    assert rows == [
        ["Action", "Walk Tobi to school", "Status", "open", "done"],
        ["Action", "Book the course", "Added", "", ""],
        ["Plan", "", "Strengths", "(empty)", "Loves football"],
    ]

    family, team = FamilyModel(), TeamModel()
    family.set_people([FamilyMember("Adaeze Mensah", "parent", "mother", "39", True)])
    team.set_people([TeamMember("Tomas Okafor", "Lead professional", "Education Welfare", "t@x.example", None)])
    qtmodeltester.check(family, force_py=True)
    qtmodeltester.check(team, force_py=True)
    assert [family.index(0, c).data() for c in range(4)] == ["Adaeze Mensah", "Mother", "39", "Yes"]
    assert [team.index(0, c).data() for c in range(5)] == [
        "Tomas Okafor",
        "Lead professional",
        "Education Welfare",
        "t@x.example",
        "",
    ]


def test_tabbing_through_an_empty_date_leaves_it_empty(qtbot, edited):
    from PySide6.QtWidgets import QTableView

    from tafdesk.ui.plans.delegates import DateDelegate

    document, stack, model = edited
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = DateDelegate(TODAY, view)
    index = model.index(1, am.COL_START)  # "Sort out the rent" has no start date
    editor = delegate.createEditor(view.viewport(), None, index)
    delegate.setEditorData(editor, index)
    assert editor.text() == ""
    delegate.setModelData(editor, model, index)  # Tab: the editor closes untouched
    assert document.content.actions[1].starts_on is None and stack.count() == 0

    editor = delegate.createEditor(view.viewport(), None, index)
    delegate.setEditorData(editor, index)
    qtbot.keyClicks(editor, "today")
    delegate.setModelData(editor, model, index)
    assert document.content.actions[1].starts_on == TODAY
