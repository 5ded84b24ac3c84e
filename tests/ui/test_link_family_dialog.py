"""Linking a profile to a known family by hand from the Intake page: the
families the matcher looked at are offered first, others found by reference
or name, the people compared side by side, and a note required before
anything is written."""

from __future__ import annotations

import json

from intake_helpers import CLERK, MANAGER, NOW, open_intake
from PySide6.QtCore import Qt
from sqlalchemy import select

from tafdesk.models import AuditEvent, Case, Family
from tafdesk.services.front_door import FrontDoorService
from tafdesk.ui.intake.link_dialog import LinkFamilyDialog
from tests.intake.conftest import add_directory, write
from tests.intake.test_near_repeats import WHITE, household


def _white_and_moved(db, tmp_path):
    """The White family known, and Sharon (her birthday typed 30/04) at a new address with a baby: not linked."""
    from tafdesk.services.intake import IntakeService

    add_directory(db)
    intake = IntakeService(db, CLERK)
    intake.import_path(write(tmp_path / "white.json", WHITE))
    moved = household(
        "ESAT-2026-00002",
        "White",
        {"line1": "12 Quay Street", "postcode": "SB9 1ZZ"},
        ("Sharon", "parent", "1985-04-30"),
        ("Leo", "child", "2026-08-01"),
    )
    [outcome] = intake.import_path(write(tmp_path / "moved.json", moved)).imported
    with db.reader() as s:
        case_id = s.scalar(select(Case.id).where(Case.reference == outcome.case_reference))
        white = s.scalar(select(Family).where(Family.postcode == "NT3 9QA"))
    return case_id, white


def _open_link_dialog(qtbot, page, case_id) -> LinkFamilyDialog:
    assert page.select_case(case_id)
    action = page.intake_actions["link_family"]
    assert action.isEnabled(), action.toolTip()
    action.trigger()
    dialog = page.link_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_linking_a_profile_by_hand_from_the_intake_page(qtbot, db, tmp_path):
    case_id, white = _white_and_moved(db, tmp_path)
    page = open_intake(qtbot, db, CLERK)
    dialog = _open_link_dialog(qtbot, page, case_id)
    assert dialog.model.rowCount() == 1 and dialog.chosen().family_id == white.id  # the matcher's candidate
    assert "may be this one" in dialog.found_label.text()
    compared = dialog.comparison.toPlainText()
    assert "Sharon White" in compared and "Leo White" in compared and "Ella White" in compared
    assert "two digits swapped" in compared

    dialog.ok_button.click()  # no reason yet: refused at the field, nothing written
    assert dialog.isVisible() and "Say why" in dialog.error_text()
    with db.reader() as s:
        assert s.get(Case, case_id).family_id != white.id

    qtbot.keyClicks(dialog.note, "Sharon confirmed by phone she moved from Tower Court; Leo was born in August.")
    assert dialog.error_text() == ""
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.ok_button.click()
    assert page.link_dialog is None  # closed
    assert "Linked the White profile" in page.notice.text() and white.reference in page.notice.text()
    with db.reader() as s:
        case = s.get(Case, case_id)
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "match.linked_by_hand"))
    assert case.family_id == white.id and case.is_repeat
    assert event.actor_name == CLERK.name and "Leo was born in August" in json.loads(event.changes)["note"][1]
    assert page.detail.summary.repeat  # the summary now says so, and why
    said = page.detail.text()
    assert f"Linked to this family ({white.reference}) by hand by {CLERK.name} on " in said
    assert ": “Sharon confirmed by phone" in said


def test_finding_another_family_by_reference_or_name(qtbot, db, tmp_path):
    case_id, white = _white_and_moved(db, tmp_path)
    page = open_intake(qtbot, db, CLERK)
    dialog = _open_link_dialog(qtbot, page, case_id)
    dialog.search.setText("Nobody Known")
    dialog.find_families()
    assert dialog.model.rowCount() == 0 and not dialog.ok_button.isEnabled()
    assert dialog.found_label.text() == "No family found for “Nobody Known”."
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, white.reference.lower())
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # searches; never links
    assert dialog.isVisible() and dialog.chosen().reference == white.reference and dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.results
    dialog.reject()  # cancelled: nothing changed
    with db.reader() as s:
        assert s.get(Case, case_id).family_id != white.id


def test_the_action_says_why_it_cannot_be_taken(qtbot, db, tmp_path):
    case_id, white = _white_and_moved(db, tmp_path)
    with db.reader() as s:
        first = s.scalar(select(Case.id).where(Case.family_id == white.id))
    FrontDoorService(db, MANAGER, now=NOW).give_advice(first, "Advice on rent arrears given to the referrer.")
    page = open_intake(qtbot, db, MANAGER)
    action = page.intake_actions["link_family"]
    assert page.select_case(case_id) and action.isEnabled()
    assert action.toolTip().endswith("(Ctrl+Shift+K)")
    page.show_case(first)  # decided: out of the queue, but its summary can still be asked for
    assert not action.isEnabled()
    assert action.toolTip() == (
        "The White case has been decided (closed), so its profile can no longer be linked to another family."
    )
