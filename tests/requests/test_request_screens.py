"""The Requests window from My cases (raise a request, its state) and the
Changes of lead window (accept one), offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tafdesk.models import Case, RequestKind
from tafdesk.services.lead_changes import LeadChangeService
from tafdesk.services.requests import RequestService
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.plans.requests_window import LeadChangesWindow, RequestsWindow
from tests.meetings.conftest import CHAIR
from tests.requests.conftest import AFTER


def test_raising_a_request_from_its_window(qtbot, allocated, lead):
    case = CaseRef(allocated.case_id, "REF", "Mensah")
    window = RequestsWindow(RequestService(allocated.db, lead, now=AFTER), case, may_raise=True)
    qtbot.addWidget(window)
    window.show()
    window.kind.setCurrentIndex(window.kind.findData(RequestKind.STEP_UP))
    qtbot.mouseClick(window.raise_button, Qt.MouseButton.LeftButton)  # no reason yet: said at the field
    assert "Say why" in window.marks.text("reason") and window.banner.isHidden()
    assert window.focusWidget() is window.reason
    assert window.model.rowCount() == 0
    qtbot.keyClicks(window.reason, "Disclosure of harm at school; the threshold is met.")
    assert window.marks.text("reason") == ""  # gone with the first key typed
    qtbot.mouseClick(window.raise_button, Qt.MouseButton.LeftButton)
    assert window.banner.text().startswith("Step-up request raised"), window.banner.text()
    assert window.model.rowCount() == 1
    assert window.model.row_at(window.model.index(0, 0)).state_words == "Waiting for the group"
    window.grab().save("/tmp/requests_window.png")


def test_accepting_a_change_of_lead_from_its_window(qtbot, allocated, supporter):
    LeadChangeService(allocated.db, CHAIR, now=AFTER).propose(
        allocated.case_id, allocated.people["Ruth Adeyemi"], "Tomas moves team; Ruth knows the family."
    )
    window = LeadChangesWindow(LeadChangeService(allocated.db, supporter, now=AFTER))
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 1
    window.grab().save("/tmp/lead_changes_window.png")
    qtbot.mouseClick(window.accept_button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 0
    with allocated.db.reader() as s:
        assert s.get(Case, allocated.case_id).lead_professional_id == allocated.people["Ruth Adeyemi"]
