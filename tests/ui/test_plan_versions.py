"""Versions, differences, closing, and who may change a plan: past versions
and other teams' plans are shown read-only; managers see a locality's cases."""

# ruff: noqa: F811 (the fixtures imported from tests/plans and tests/meetings are parameters here)
from __future__ import annotations

import datetime as dt

import pytest
from plan_helpers import TODAY, agreed_plan, journal, member, open_cases, open_row, type_in_cell
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from tafdesk.models import ActionStatus, Case, CaseStatus, ClosureReason, NeedArea, NeedMet, PlanStatus, Role
from tafdesk.services.actor import Actor
from tafdesk.services.plans import PlanService, ReviewInput
from tafdesk.ui.plans import actions_model as am
from tafdesk.ui.plans.closure_windows import ProposeClosureDialog
from tafdesk.ui.plans.compare import CompareDialog
from tafdesk.ui.plans.loading import CaseRef
from tests.meetings.conftest import world  # noqa: F401 (fixture)
from tests.plans.conftest import allocated  # noqa: F401 (fixture)

MANAGER = Actor(None, "Nadia Hughes", Role.LOCALITY_MANAGER, localities=None)
CLERK = Actor(None, "Sam Clerk", Role.BUSINESS_SUPPORT, localities=None)


@pytest.fixture
def history(allocated):
    """Version 1 agreed, version 2 made at a review (the walk done), version 3 a draft."""
    lead = member(allocated, "Tomas Okafor")
    service = PlanService(allocated.db, lead, today=TODAY)
    first = agreed_plan(allocated, lead)
    walk = first.content.actions[0]
    second = service.record_review(
        first.id,
        first.row_version,
        ReviewInput(
            held_on=dt.date(2026, 11, 12),
            scores={NeedArea.EDUCATION: 6, NeedArea.HEALTH: 4},
            action_updates={walk.id: (ActionStatus.DONE, None)},
        ),
    )
    third = service.revise(second.id)
    return first, second, third


def _visible(workspace, kind):
    found = [w for w in workspace.findChildren(kind) if w.isVisible()]
    assert found, f"no {kind.__name__} is open"
    return found[-1]


def test_versions_listed_compared_and_viewed(qtbot, allocated, history, undo_stack, tmp_path):
    first, _second, third = history
    page = open_cases(qtbot, allocated.db, member(allocated, "Tomas Okafor"), undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    workspace = page.workspace
    workspace.tabs.setCurrentWidget(workspace.versions)
    versions = workspace.versions
    assert [[versions.model.index(r, c).data() for c in range(3)] for r in range(3)] == [
        ["Version 3 (showing)", "Draft", "—"],
        ["Version 2", "Agreed", "12 Nov 2026"],
        ["Version 1", "Superseded", "1 Oct 2026"],
    ]
    assert workspace.tabs.tabText(4) == "Versions (3)"

    # Compare versions 1 and 2, chosen in the list.
    selection = versions.table.selectionModel()
    selection.clearSelection()
    for row in (1, 2):
        selection.select(
            versions.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    qtbot.mouseClick(versions.compare_button, Qt.MouseButton.LeftButton)
    dialog = _visible(workspace, CompareDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    rows = {tuple(dialog.model.index(r, c).data() for c in range(5)) for r in range(dialog.model.rowCount())}
    assert ("Action", "Walk Tobi to school", "Status", "open", "done") in rows
    assert dialog.summary.text() == "1 change between these versions."
    assert dialog.older.currentText() == "Version 1 (superseded, agreed 1 Oct 2026)"

    # The same version twice: nothing to compare.
    with qtbot.waitSignal(dialog.shown):
        dialog.newer.setCurrentIndex(dialog.older.currentIndex())
    assert dialog.model.rowCount() == 0 and "two different versions" in dialog.summary.text()
    dialog.close()

    # Version 1, read as it was: read-only, with the way back.
    versions.table.selectRow(2)
    with qtbot.waitSignal(workspace.shown, timeout=10_000):
        qtbot.mouseClick(versions.view_button, Qt.MouseButton.LeftButton)
    assert workspace.plan.id == first.id and not workspace.editor.document.editable
    assert workspace.band.text().startswith("You are reading version 1 (superseded)")
    assert workspace.band_button.isVisible() and not workspace.buttons["agree"].isVisible()
    model = workspace.editor.actions_model
    assert model.index(0, am.COL_STATUS).data() == "Open"
    assert not model.flags(model.index(0, am.COL_WHAT)) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(workspace.shown, timeout=10_000):
        qtbot.mouseClick(workspace.band_button, Qt.MouseButton.LeftButton)
    assert workspace.plan.id == third.id and workspace.editor.document.editable

    # Back on the draft, after a read-only version: its tables take typing again.
    workspace.tabs.setCurrentWidget(workspace.editor.actions)
    table = workspace.editor.actions.table
    type_in_cell(qtbot, table, model.index(1, am.COL_MEASURE), "Place confirmed in writing")
    assert model.index(1, am.COL_MEASURE).data() == "Place confirmed in writing"


def test_outside_the_team_the_plan_is_not_shown(qtbot, allocated, undo_stack, tmp_path):
    lead = member(allocated, "Tomas Okafor")
    plan = PlanService(allocated.db, lead, today=TODAY).start(allocated.case_id)
    drafts = journal(tmp_path)
    stranger = member(allocated, "Full Person")
    page = open_cases(qtbot, allocated.db, stranger, undo_stack, drafts)
    assert page.cases.model.rowCount() == 0 and page.cases.note.text() == "You lead or support no open cases."
    with qtbot.waitSignal(page.workspace.shown, timeout=10_000):
        page.open_case(CaseRef(allocated.case_id, plan.case_reference, plan.family_name))
    workspace = page.workspace
    assert "may not see the plan of a family they do not lead or support" in workspace.loading.text()
    assert workspace.bundle is None and workspace.editor.autosaver is None
    assert not any(button.isVisible() for button in workspace.buttons.values())
    assert not workspace.save_state.isVisible() and undo_stack.count() == 0 and drafts.pending() == []
    assert PlanService(allocated.db, lead, today=TODAY).current(allocated.case_id).row_version == plan.row_version


def test_business_support_reads_a_localitys_plans(qtbot, allocated, undo_stack, tmp_path):
    agreed_plan(allocated, member(allocated, "Tomas Okafor"))
    page = open_cases(qtbot, allocated.db, CLERK, undo_stack, journal(tmp_path))
    cases = page.cases
    assert cases.title.text() == "Open cases in North" and cases.locality.currentText() == "North"
    assert cases.model.headerData(2, Qt.Orientation.Horizontal) == "Lead professional"
    assert cases.model.index(0, 2).data() == "Tomas Okafor"
    open_row(qtbot, page)
    assert page.workspace.plan.status is PlanStatus.AGREED
    visible = {name for name, button in page.workspace.buttons.items() if button.isVisible()}
    # a copy for the family's file, the family's letters, its profile and the evidence of its outcomes to
    # read, but no change
    assert visible == {"copy", "print", "letter", "profile", "evidence"}
    assert not hasattr(page.cases, "closure_button")  # closure is proposed from the case page (and the plan)
    assert "Only its Team Around the Family can change it" in page.workspace.band.text()


def test_a_manager_revises_and_closes_a_plan(qtbot, allocated, undo_stack, tmp_path, messages):
    agreed_plan(allocated, member(allocated, "Tomas Okafor"))
    page = open_cases(qtbot, allocated.db, MANAGER, undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    workspace = page.workspace
    assert all(workspace.buttons[name].isVisible() for name in ("revise", "review", "close"))

    with qtbot.waitSignal(workspace.shown, timeout=10_000):
        qtbot.mouseClick(workspace.buttons["revise"], Qt.MouseButton.LeftButton)
    assert (workspace.plan.plan_version, workspace.plan.status) == (2, PlanStatus.DRAFT)
    assert workspace.editor.document.editable and workspace.buttons["agree"].isVisible()

    qtbot.mouseClick(workspace.buttons["close"], Qt.MouseButton.LeftButton)
    dialog = _visible(workspace, ProposeClosureDialog)
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)  # nothing filled in: refused at the fields
    assert dialog.isVisible() and "Choose why the case is closing" in dialog.marks.text("reason")
    dialog.reason.setCurrentIndex(dialog.reason.findData(ClosureReason.NEEDS_MET))
    for choice in dialog.met.values():
        choice.setCurrentIndex(choice.findData(NeedMet.PARTLY_MET))
    dialog.family_view.setPlainText("Adaeze agrees the school can carry on.")
    dialog.summary.setPlainText("Attendance is up; the school will keep supporting Tobi.")
    dialog.grab().save(str(tmp_path / "propose.png"))
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    with allocated.db.reader() as s:
        assert s.get(Case, allocated.case_id).status is CaseStatus.TAF_OPEN  # waiting for approval
    window = page.open_closures()
    assert window.waiting_model.rowCount() == 1 and window.approve_button.isEnabled()
    window.grab().save(str(tmp_path / "closures.png"))
    qtbot.mouseClick(window.approve_button, Qt.MouseButton.LeftButton)
    with allocated.db.reader() as s:
        assert s.get(Case, allocated.case_id).status is CaseStatus.CLOSED
    window.tabs.setCurrentIndex(1)
    assert window.closed_model.rowCount() == 1 and window.reopen_button.isEnabled()
    window.close()
    qtbot.waitUntil(lambda: page.cases.model.rowCount() == 0, timeout=10_000)  # no longer an open case
    qtbot.mouseClick(workspace.back_button, Qt.MouseButton.LeftButton)
    assert not page.showing_plan()
    assert messages == []
    QApplication.processEvents()


def _lead_on_agreed_plan(qtbot, allocated, undo_stack, tmp_path):
    """The lead professional's Cases page, on their family's agreed plan (the
    caller keeps the page: its workspace goes with it)."""
    lead = member(allocated, "Tomas Okafor")
    agreed_plan(allocated, lead)
    page = open_cases(qtbot, allocated.db, lead, undo_stack, journal(tmp_path))
    open_row(qtbot, page)
    return page


def test_the_lead_professional_saves_a_copy_of_their_plan(qtbot, allocated, undo_stack, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = _lead_on_agreed_plan(qtbot, allocated, undo_stack, tmp_path)
    workspace = page.workspace
    assert workspace.buttons["copy"].isVisible() and workspace.buttons["print"].isVisible()
    target = tmp_path / "copies" / "plan.docx"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), "Word document (*.docx)"))

    qtbot.mouseClick(workspace.buttons["copy"], Qt.MouseButton.LeftButton)

    assert target.exists() and target.read_bytes()[:2] == b"PK"  # a Word file
    from tests.documents.conftest import docx_text

    assert "Walk Tobi to school" in docx_text(target)


def _answer_letter_dialog(monkeypatch, review: bool, word: bool):
    from PySide6.QtWidgets import QDialog

    from tafdesk.models import DocumentFormat, DocumentType
    from tafdesk.ui.plans.family_letter import FamilyLetterDialog

    seen: list[FamilyLetterDialog] = []

    def answer(dialog: FamilyLetterDialog) -> int:
        seen.append(dialog)
        kind = DocumentType.LETTER_REVIEW_INVITATION if review else DocumentType.LETTER_FAMILY
        dialog.letters.buttons[kind].click()
        dialog.formats.buttons[DocumentFormat.DOCX if word else DocumentFormat.PDF].click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FamilyLetterDialog, "exec", answer)
    return seen


def test_the_lead_professional_makes_a_letter_for_their_family(qtbot, allocated, undo_stack, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tafdesk.services.letterhead import LetterheadService
    from tests.documents.conftest import CLERK, LETTERHEAD, docx_text

    LetterheadService(allocated.db, CLERK).save(LETTERHEAD)
    page = _lead_on_agreed_plan(qtbot, allocated, undo_stack, tmp_path)
    workspace = page.workspace
    assert workspace.buttons["letter"].isVisible()
    target = tmp_path / "letters" / "invitation"  # no suffix: the format chosen adds it
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    seen = _answer_letter_dialog(monkeypatch, review=True, word=True)
    said: list[str] = []
    workspace.status_message.connect(said.append)

    qtbot.mouseClick(workspace.buttons["letter"], Qt.MouseButton.LeftButton)

    made = target.with_suffix(".docx")
    assert seen and made.read_bytes()[:2] == b"PK"
    assert "review" in docx_text(made).lower()
    assert said == [f"The TAF review invitation is saved in {made}."]
    assert not workspace.banner.isVisible()


def test_a_letter_that_cannot_be_made_is_said_in_the_banner(qtbot, allocated, undo_stack, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = _lead_on_agreed_plan(qtbot, allocated, undo_stack, tmp_path)
    workspace = page.workspace
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "letter.pdf"), ""))
    _answer_letter_dialog(monkeypatch, review=False, word=False)

    qtbot.mouseClick(workspace.buttons["letter"], Qt.MouseButton.LeftButton)

    assert workspace.banner.isVisible()
    assert "The letter to the family was not made." in workspace.banner.text()
    assert "letterhead" in workspace.banner.text() and not (tmp_path / "letter.pdf").exists()


def test_the_letter_dialog_offers_the_two_letters_in_two_formats(qtbot):
    from tafdesk.models import DocumentFormat, DocumentType
    from tafdesk.ui.plans.family_letter import FamilyLetterDialog

    dialog = FamilyLetterDialog("Okafor")
    qtbot.addWidget(dialog)
    assert dialog.choice() == (DocumentType.LETTER_FAMILY, DocumentFormat.PDF)
    dialog.formats.buttons[DocumentFormat.DOCX].click()
    dialog.letters.buttons[DocumentType.LETTER_REVIEW_INVITATION].click()
    assert dialog.choice() == (DocumentType.LETTER_REVIEW_INVITATION, DocumentFormat.DOCX)
    assert set(dialog.letters.buttons) == {DocumentType.LETTER_FAMILY, DocumentType.LETTER_REVIEW_INVITATION}
