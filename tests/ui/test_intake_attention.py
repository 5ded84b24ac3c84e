"""What needs a person besides the queue: amended profiles to take or reject,
and files the inbox rejected, each listed on the Intake page."""

from __future__ import annotations

import os
import time

import pytest
from intake_helpers import CLERK, LEAD, MANAGER, import_through_page, make_council, open_intake
from sqlalchemy import select

from tafdesk.models import Profile360
from tafdesk.services.intake import IntakeService
from tafdesk.ui.intake.amendments_dialog import AmendmentsDialog
from tafdesk.ui.intake.inbox_watcher import InboxWatcher
from tafdesk.ui.intake.rejected_dialog import RejectedFilesDialog
from tafdesk.ui.settings import AppSettings
from tests.intake.conftest import BASE_PROFILE, make_profile, write


@pytest.fixture
def council(db):
    return make_council(db)


def _reissue(tmp_path):
    profile = make_profile()
    profile["family"]["address"]["line1"] = "Flat 2, 9 Kestrel Court"
    return write(tmp_path / "reissue.json", profile)


def test_an_amended_profile_is_listed_with_its_differences_and_can_be_taken(qtbot, council, tmp_path):
    page = open_intake(qtbot, council, CLERK)
    import_through_page(qtbot, page, [write(tmp_path / "first.json", BASE_PROFILE)])
    page.results_dialog.close()
    assert not page.amended_button.isVisible()
    outcome = import_through_page(qtbot, page, [_reissue(tmp_path)])
    assert page.results_dialog.lines()[0].startswith("Amended: reissue.json: 1 profile already imported with different")
    assert "differs in family.address.line1" in page.results_dialog.lines()[0]
    assert page.notice.text().endswith("; 1 amended profile to take or reject.")
    assert outcome.reports[0].needs_attention
    page.results_dialog.close()
    assert page.amended_button.isVisible()
    assert page.amended_button.text() == "1 amended profile to take or reject…"
    page.amended_button.click()
    dialog = page.profile_dialog
    assert isinstance(dialog, AmendmentsDialog) and dialog.isVisible()
    rows = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
    assert rows == [["family.address.line1", "7 Heron Way", "Flat 2, 9 Kestrel Court"]]
    assert "1 field differs" in dialog.heading.text()
    page.grab().save(str(tmp_path / "page.png"))
    dialog.resize(1000, 520)
    dialog.grab().save(str(tmp_path / "amendments.png"))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.take.click()
    assert dialog.heading.text() == "No amended profiles are waiting."
    assert page.notice.text() == "Took the amended ESAT-2026-10001 as version 2 of the profile."
    assert not page.amended_button.isVisible()
    with council.reader() as s:
        assert s.scalar(select(Profile360.address_line1)) == "Flat 2, 9 Kestrel Court"


def test_someone_who_may_not_import_sees_amendments_but_cannot_decide(qtbot, council, tmp_path):
    IntakeService(council, CLERK).import_path(write(tmp_path / "first.json", BASE_PROFILE))
    IntakeService(council, CLERK).import_path(_reissue(tmp_path))
    page = open_intake(qtbot, council, MANAGER)
    page.amended_button.click()
    dialog = page.profile_dialog
    assert dialog.table.rowCount() == 1 and dialog.take.isEnabled()  # a locality manager may
    assert LEAD  # a lead professional has no Intake page at all (tested with the page)


def test_files_the_inbox_rejected_are_listed_with_the_reason(qtbot, council, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = AppSettings.open()
    settings.inbox_folder = str(inbox)
    watcher = InboxWatcher(lambda: IntakeService(council, CLERK), settings, poll_ms=150)
    try:
        page = open_intake(qtbot, council, CLERK, settings=settings, inbox=watcher)
        assert not page.rejected_button.isVisible()
        bad = inbox / "bad.json"
        bad.write_text("{", encoding="utf-8")
        earlier = time.time() - 30
        os.utime(bad, (earlier, earlier))
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            watcher.start(first_look_ms=0)
        qtbot.waitUntil(page.rejected_button.isVisible, timeout=10_000)
        assert page.rejected_button.text() == "1 rejected file in the inbox…"
        page.rejected_button.click()
        dialog = page.profile_dialog
        assert isinstance(dialog, RejectedFilesDialog)
        [(name, why)] = dialog.rows()
        assert name == "bad.json" and why.startswith("bad.json: line 1, column 2")
        dialog.grab().save(str(tmp_path / "rejected.png"))
    finally:
        watcher.stop()


def test_correct_profile_is_disabled_for_a_decided_case_and_says_why(qtbot, council, tmp_path):
    from intake_helpers import NOW, case_of

    from tafdesk.services.front_door import FrontDoorService
    from tafdesk.ui.intake.actions import IntakeActions
    from tafdesk.ui.intake.rights import IntakeRights

    IntakeService(council, CLERK).import_path(write(tmp_path / "first.json", BASE_PROFILE))
    page = open_intake(qtbot, council, MANAGER)
    actions = IntakeActions(IntakeRights.of(MANAGER), page)
    waiting = case_of(council, "Okonkwo-Hale")
    actions.update(waiting)
    assert actions["correct_profile"].isEnabled()
    FrontDoorService(council, MANAGER, now=NOW).step_down(waiting.case_id, "Universal services: the school.")
    actions.update(case_of(council, "Okonkwo-Hale"))
    assert not actions["correct_profile"].isEnabled()
    assert actions["correct_profile"].toolTip() == (
        "The Okonkwo-Hale case has been decided (stepped down), so its profile can no longer be corrected. "
        "Where letters go and who lives there: Correct family address and household."
    )
    assert actions["correct_family"].isEnabled()  # that still may be corrected
