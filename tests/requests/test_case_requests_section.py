"""The case page's Requests and changes section: a manager proposes a new
lead, and once it is accepted makes the letters in the background; requests
are raised from it (My cases no longer has a button of its own); business
support records the transition plan of a case stepped down from social care."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tafdesk.models import LeadChangeState, RequestKind
from tafdesk.services.lead_changes import LeadChangeService
from tafdesk.services.letterhead import LetterheadService
from tafdesk.ui.case_page.requests_panel import choose_person
from tafdesk.ui.case_page.window import CaseWindow
from tafdesk.ui.plans.cases_list import CaseList
from tafdesk.ui.plans.loading import CaseRef
from tests.documents.conftest import LETTERHEAD
from tests.meetings.conftest import CHAIR
from tests.requests.conftest import AFTER, CLERK


def _section(qtbot, world, actor):
    window = CaseWindow(world.db, actor, CaseRef(world.case_id, "N-2026-0001", "Mensah"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window, window.show_section("requests")


def test_a_manager_proposes_a_new_lead_and_makes_the_letters(qtbot, allocated, supporter, tmp_path):
    LetterheadService(allocated.db, CLERK).save(LETTERHEAD)
    window, panel = _section(qtbot, allocated, CHAIR)
    assert panel.propose_button.isVisible() and not panel.letters_button.isEnabled()
    qtbot.mouseClick(panel.propose_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    choose_person(dialog.person, allocated.people["Ruth Adeyemi"])
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no reason: refused at the field
    assert dialog.errors["reason"].isVisibleTo(dialog) and dialog.isVisible()
    dialog.grab().save("/tmp/propose_lead_dialog.png")
    dialog.reason.setPlainText("Tomas moves team; Ruth knows the family well.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert panel.change_model.rowCount() == 1
    assert panel.change_model.row_at(panel.change_model.index(0, 0)).state is LeadChangeState.PROPOSED

    answers = LeadChangeService(allocated.db, supporter, now=AFTER)
    (row,) = answers.to_answer()
    answers.accept(row.id, row.version)
    panel.reload()
    assert panel.letters_button.isEnabled()
    panel.choose_folder = lambda: tmp_path
    qtbot.mouseClick(panel.letters_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Making" not in panel.banner.text(), timeout=30_000)
    assert "letters made" in panel.banner.text(), panel.banner.text()
    assert len(list(tmp_path.glob("letter_*.pdf"))) == 2
    window.grab().save("/tmp/case_requests_section.png")


def test_requests_are_raised_from_the_case_page(qtbot, allocated, lead):
    _window, panel = _section(qtbot, allocated, lead)
    assert not panel.propose_button.isVisible() and not panel.transition_button.isVisible()
    qtbot.mouseClick(panel.raise_button, Qt.MouseButton.LeftButton)
    requests = panel.window_open
    requests.kind.setCurrentIndex(requests.kind.findData(RequestKind.BLOCKAGE))
    requests.reason.setPlainText("School will not share attendance data with the TAF.")
    qtbot.mouseClick(requests.raise_button, Qt.MouseButton.LeftButton)
    requests.close()
    qtbot.waitUntil(lambda: panel.request_model.rowCount() == 1)
    assert panel.request_model.row_at(panel.request_model.index(0, 0)).kind is RequestKind.BLOCKAGE


def test_my_cases_has_one_way_to_raise_a_request(qtbot):
    import datetime as dt

    cases = CaseList(dt.date(2026, 12, 2), own_cases=True)
    qtbot.addWidget(cases)
    assert not hasattr(cases, "requests_button")


def test_business_support_records_the_transition_plan(qtbot, allocated):
    _window, panel = _section(qtbot, allocated, CLERK)
    assert "No transition plan" in panel.transition.text()
    qtbot.mouseClick(panel.transition_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["social_worker_name"].isVisibleTo(dialog)
    assert dialog.errors["social_worker_contact"].isVisibleTo(dialog)
    choose_person(dialog.person, allocated.people["Ruth Adeyemi"])
    dialog.worker.setText("Sam Social-Worker")
    dialog.contact.setText("01234 567890")
    dialog.grab().save("/tmp/transition_dialog.png")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Sam Social-Worker" in panel.transition.text() and "Ruth Adeyemi" in panel.transition.text()
