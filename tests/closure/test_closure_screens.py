"""The outcome evidence window, reopening from the Closures window, and the case page's Closure
section and Plan section's outcome evidence (moved there from My cases)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tafdesk import clock
from tafdesk.models import Case, CaseStatus, ClosureReason, NeedMet, OutcomeProgress, Role
from tafdesk.services.actor import Actor
from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
from tafdesk.services.outcome_evidence import OutcomeEvidenceService
from tafdesk.ui.case_page.closure import ClosurePanel
from tafdesk.ui.case_page.window import CaseWindow
from tafdesk.ui.plans.cases_list import CaseList
from tafdesk.ui.plans.closure_windows import ClosuresWindow, ProposeClosureDialog
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.plans.outcome_evidence import OutcomeEvidenceWindow
from tests.closure.conftest import MANAGER

NOW = dt.datetime(2027, 1, 20, 12, 0, tzinfo=dt.UTC)
CLERK = Actor(None, "Clerk Tester", Role.BUSINESS_SUPPORT, localities=None)


def test_the_lead_records_outcome_evidence_in_the_window(qtbot, allocated, lead, agreed, tmp_path):
    service = OutcomeEvidenceService(allocated.db, lead, now=NOW)
    window = OutcomeEvidenceWindow(service, CaseRef(allocated.case_id, "N-1", "Mensah"), agreed.id, may_record=True)
    qtbot.addWidget(window)
    window.show()
    panel = window.panel
    assert panel.model.rowCount() == 2
    panel.table.selectRow(0)
    panel.progress.setCurrentIndex(panel.progress.findData(OutcomeProgress.SUSTAINED))
    assert panel.sustained_from.isEnabled()
    assert not panel.record()  # no evidence yet: refused at the field
    assert "Say what shows the progress" in panel.marks.text("evidence")
    panel.evidence.setPlainText("Attendance 96% since the start of term.")
    assert panel.marks.text("evidence") == ""  # gone as soon as the evidence is typed
    assert panel.record()
    latest = panel.model.row(0).latest
    assert latest is not None and latest.progress is OutcomeProgress.SUSTAINED
    window.grab().save(str(tmp_path / "evidence.png"))


def test_a_manager_reopens_a_recently_closed_case(qtbot, allocated, lead, agreed, tmp_path):
    needs = tuple(NeedAssessed(o.id, NeedMet.MET) for o in agreed.content.outcomes)
    proposed = ClosureService(allocated.db, lead, now=NOW).propose(
        allocated.case_id, ClosureInput(ClosureReason.NEEDS_MET, "Done.", "Happy.", needs)
    )
    service = ClosureService(allocated.db, MANAGER, now=NOW)
    service.approve(proposed.id, proposed.version)
    changed = []
    window = ClosuresWindow(service, on_change=lambda: changed.append(1))
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    assert window.reopen_button.isEnabled()
    window.reopen("Tobi was excluded again.")
    with allocated.db.reader() as s:
        assert s.get(Case, allocated.case_id).status is CaseStatus.TAF_OPEN
    assert changed == [1]
    qtbot.mouseClick(window.tabs.tabBar(), Qt.MouseButton.LeftButton)
    window.grab().save(str(tmp_path / "closed.png"))


def _case_page(qtbot, allocated, actor):
    window = CaseWindow(allocated.db, actor, CaseRef(allocated.case_id, "N-1", "Mensah"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def test_closure_is_proposed_approved_and_reopened_on_the_case_page(qtbot, allocated, lead, agreed, tmp_path):
    """My cases' Propose closure… moved to the case page's Closure section, with the
    decisions on it: a locality manager approves it there, and reopens it."""
    with clock.pinned(NOW):
        window = _case_page(qtbot, allocated, lead)
        panel = window.show_section("closure")
        assert isinstance(panel, ClosurePanel) and panel.model.rowCount() == 0
        assert panel.propose_button.isEnabled() and not panel.approve_button.isVisible()
        assert panel.propose_button.accessibleName() == "Propose closure of this case"
        qtbot.mouseClick(panel.propose_button, Qt.MouseButton.LeftButton)
        dialog = next(d for d in panel.findChildren(ProposeClosureDialog) if d.isVisible())
        dialog.reason.setCurrentIndex(dialog.reason.findData(ClosureReason.NEEDS_MET))
        for choice in dialog.met.values():
            choice.setCurrentIndex(choice.findData(NeedMet.MET))
        dialog.family_view.setPlainText("Adaeze is glad to carry on with the school.")
        dialog.summary.setPlainText("Attendance is up and mum is seeing her GP.")
        with qtbot.waitSignal(dialog.finished, timeout=10_000):
            qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
        assert panel.model.rowCount() == 1 and panel.chosen().status_words == "Waiting for approval"
        assert not panel.propose_button.isEnabled()  # one proposal at a time
        window.grab().save(str(tmp_path / "closure_section.png"))

        managing = _case_page(qtbot, allocated, MANAGER)
        decided = managing.show_section("closure")
        assert decided.approve_button.isEnabled() and decided.return_button.isEnabled()
        qtbot.mouseClick(decided.approve_button, Qt.MouseButton.LeftButton)
        with allocated.db.reader() as s:
            assert s.get(Case, allocated.case_id).status is CaseStatus.CLOSED
        assert decided.chosen().status_words == "Closed" and decided.reopen_button.isEnabled()
        decided.decide.reopen(decided.chosen(), "Tobi was excluded again.")
        with allocated.db.reader() as s:
            assert s.get(Case, allocated.case_id).status is CaseStatus.TAF_OPEN
        assert decided.chosen().status_words == "Reopened" and decided.propose_button.isEnabled()


def test_outcome_evidence_is_recorded_in_the_case_pages_plan_section(qtbot, allocated, lead, agreed):
    with clock.pinned(NOW):
        window = _case_page(qtbot, allocated, lead)
        evidence = window.show_section("plan").evidence
        assert evidence.model.rowCount() == 2 and evidence.record_button.isVisible()
        evidence.progress.setCurrentIndex(evidence.progress.findData(OutcomeProgress.IMPROVING))
        qtbot.mouseClick(evidence.record_button, Qt.MouseButton.LeftButton)  # no evidence: said at the field
        assert "Say what shows the progress" in evidence.marks.text("evidence")
        qtbot.keyClicks(evidence.evidence, "Attendance 85% this half term.")
        assert evidence.marks.text("evidence") == ""
        qtbot.mouseClick(evidence.record_button, Qt.MouseButton.LeftButton)
        assert evidence.model.row(0).latest is not None
        assert evidence.model.row(0).latest.progress is OutcomeProgress.IMPROVING

        clerk = _case_page(qtbot, allocated, CLERK)  # business support reads the evidence, records none
        read_only = clerk.show_section("plan").evidence
        assert read_only.model.rowCount() == 2 and not read_only.record_button.isVisible()


def test_my_cases_keeps_to_the_chosen_case_and_what_waits(qtbot):
    cases = CaseList(dt.date(2027, 1, 20), own_cases=True)
    qtbot.addWidget(cases)
    cases.show()
    shown = {b.text() for b in cases.findChildren(QPushButton) if b.isVisibleTo(cases)}
    assert shown >= {"&Case page…", "Open plan", "Changes of &lead…", "Clos&ures…"}
    assert not {"Propose c&losure…", "Outcome &evidence…"} & shown  # on the case page now
