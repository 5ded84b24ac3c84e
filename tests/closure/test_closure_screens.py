"""The outcome evidence window, and reopening from the Closures window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tafdesk.models import CaseStatus, ClosureReason, NeedMet, OutcomeProgress
from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
from tafdesk.services.outcome_evidence import OutcomeEvidenceService
from tafdesk.ui.plans.closure_windows import ClosuresWindow, OutcomeEvidenceWindow
from tafdesk.ui.plans.loading import CaseRef
from tests.closure.conftest import MANAGER

NOW = dt.datetime(2027, 1, 20, 12, 0, tzinfo=dt.UTC)


def test_the_lead_records_outcome_evidence_in_the_window(qtbot, allocated, lead, agreed, tmp_path):
    service = OutcomeEvidenceService(allocated.db, lead, now=NOW)
    window = OutcomeEvidenceWindow(service, CaseRef(allocated.case_id, "N-1", "Mensah"), agreed.id, may_record=True)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 2
    window.table.selectRow(0)
    window.progress.setCurrentIndex(window.progress.findData(OutcomeProgress.SUSTAINED))
    assert window.sustained_from.isEnabled()
    assert not window.record()  # no evidence yet: refused at the field
    assert "Evidence" in window.errors.text()
    window.evidence.setPlainText("Attendance 96% since the start of term.")
    assert window.record()
    latest = window.model.row(0).latest
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
    from tafdesk.models import Case

    with allocated.db.reader() as s:
        assert s.get(Case, allocated.case_id).status is CaseStatus.TAF_OPEN
    assert changed == [1]
    qtbot.mouseClick(window.tabs.tabBar(), Qt.MouseButton.LeftButton)
    window.grab().save(str(tmp_path / "closed.png"))
