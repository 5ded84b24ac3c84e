"""Entering a profile by hand and correcting one: problems shown at their
fields and cells, nothing written until the profile is good, and fields
the form does not show kept through a correction."""

from __future__ import annotations

import copy

import pytest
from intake_helpers import CLERK, import_through_page, make_council, open_intake
from PySide6.QtCore import Qt
from ui_helpers import audit

from tafdesk.services.profile_editing import ProfileEditingService
from tafdesk.ui.intake.profile_dialog import ProfileDialog
from tests.intake.conftest import BASE_PROFILE, write


@pytest.fixture
def council(db):
    return make_council(db)


@pytest.fixture
def page(qtbot, council):
    return open_intake(qtbot, council, CLERK)


def _new_dialog(page) -> ProfileDialog:
    page.intake_actions["new_profile"].trigger()
    dialog = page.profile_dialog
    assert isinstance(dialog, ProfileDialog) and dialog.isVisible() and dialog.is_new
    return dialog


def _type(qtbot, form, path: str, text: str) -> None:
    editor = form.field_editors[path]
    editor.setFocus()
    if hasattr(editor, "selectAll"):
        editor.selectAll()
    qtbot.keyClicks(editor, text)


def _fill_a_valid_profile(qtbot, form) -> None:
    _type(qtbot, form, "profile_id", "ESAT-2026-20001")
    form.field_editors["locality"].setCurrentIndex(form.field_editors["locality"].findData("South"))
    _type(qtbot, form, "referral.referrer.name", "Jo Referrer")
    _type(qtbot, form, "referral.reason", "Rent arrears and the children are missing school.")
    _type(qtbot, form, "family.family_name", "Quinn")
    _type(qtbot, form, "family.address.line1", "4 Harbour View")
    _type(qtbot, form, "family.address.postcode", "SB2 7QT")
    members = form.tables["family.members"]
    members.set_cell(0, "first_name", "Mia")
    members.set_cell(0, "last_name", "Quinn")
    members.set_cell(0, "date_of_birth", "14/03/1990")
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
    assert members.cell_text(1, "member_id") == "m2"
    members.set_cell(1, "first_name", "Finn")
    members.set_cell(1, "last_name", "Quinn")
    members.set_cell(1, "role", "child")
    members.set_cell(1, "date_of_birth", "31/02/2014")  # there is no 31 February
    form.tables["needs"].set_cell(0, "summary", "Finn's attendance is 70%.")
    form.tables["needs"].set_cell(0, "members", "m2")
    _type(qtbot, form, "recommendation.rationale", "Education and housing needs below the social care threshold.")


def test_manual_entry_shows_problems_at_their_fields_and_writes_nothing(qtbot, page, council):
    dialog = _new_dialog(page)
    form = dialog.form
    _fill_a_valid_profile(qtbot, form)
    _type(qtbot, form, "family.address.postcode", "NOT A POSTCODE")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert form.error_text("family.address.postcode") == '"NOT A POSTCODE" is not a valid UK postcode.'
    members = form.tables["family.members"]
    assert members.cell_problem(1, "date_of_birth") == '"31/02/2014" is not a valid date (dd/mm/yyyy).'
    assert members.cell_problem(0, "date_of_birth") == ""
    assert (
        form.error_text("family.members") == 'Member 2, date of birth: "31/02/2014" is not a valid date (dd/mm/yyyy).'
    )
    assert form.form_error.text() == "Not saved: correct the 2 fields marked in red."
    assert page.model.rowCount() == 0 and audit(council, "profile.imported") == []

    # Corrected, the problems go as the user types, and the save imports the profile.
    members.set_cell(1, "date_of_birth", "28/02/2014")
    _type(qtbot, form, "family.address.postcode", "SB2 7QT")
    qtbot.waitUntil(
        lambda: form.error_text("family.address.postcode") == "" and not members.cell_problem(1, "date_of_birth"),
        timeout=5_000,
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert page.profile_dialog is None  # closed
    assert page.model.rowCount() == 1
    summary = page.detail.summary
    assert (summary.family_name, summary.locality, summary.profile_ref) == ("Quinn", "South", "ESAT-2026-20001")
    assert [m.name for m in summary.members] == ["Mia Quinn", "Finn Quinn"]
    assert summary.members[1].date_of_birth.isoformat() == "2014-02-28"
    assert page.notice.text().startswith("Added the Quinn family's profile to South's queue as S-")
    [(_, changes, actor)] = audit(council, "profile.imported")
    assert actor == "Sam Clerk" and changes["source"][1] == "entered by Sam Clerk"


def test_a_reference_already_imported_is_said_at_its_field(qtbot, page, tmp_path):
    import_through_page(qtbot, page, [write(tmp_path / "p.json", BASE_PROFILE)])
    page.results_dialog.close()
    dialog = _new_dialog(page)
    _fill_a_valid_profile(qtbot, dialog.form)
    dialog.form.tables["family.members"].set_cell(1, "date_of_birth", "01/02/2014")
    _type(qtbot, dialog.form, "profile_id", BASE_PROFILE["profile_id"])
    qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)
    assert dialog.form.error_text("profile_id") == "“ESAT-2026-10001” has already been imported."
    assert page.model.rowCount() == 1


def _rich_profile() -> dict:
    """A profile with fields the form does not show."""
    profile = copy.deepcopy(BASE_PROFILE)
    profile["family"]["members"][0].update(
        {
            "ethnicity": "Black British – Nigerian",
            "first_language": "English",
            "known_as": "Ada",
            "disability": "None known",
        }
    )
    profile["agency_involvement"][1]["source"] = "Police records"
    profile["family"]["phone"] = "01632 960001"
    return profile


def test_a_correction_keeps_what_the_form_does_not_show(qtbot, page, council, tmp_path):
    import_through_page(qtbot, page, [write(tmp_path / "p.json", _rich_profile())])
    page.results_dialog.close()
    case_id = page.detail.summary.case_id
    page.intake_actions["correct_profile"].trigger()
    dialog = page.profile_dialog
    form = dialog.form
    assert not dialog.is_new and form.title.text() == "Correct profile ESAT-2026-10001"
    assert form.field_editors["profile_id"].isReadOnly()
    assert form.values() == ProfileEditingService(council, CLERK).document(case_id)[0]  # nothing changed yet
    _type(qtbot, form, "referral.reason", "Attendance has fallen to 60% and the family is struggling.")
    form.tables["agency_involvement"].set_cell(0, "restricted", True)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert page.notice.text() == "Saved the correction to the Okonkwo-Hale family's profile."

    document, _version = ProfileEditingService(council, CLERK).document(case_id)
    assert document["referral"]["reason"] == "Attendance has fallen to 60% and the family is struggling."
    assert document["agency_involvement"][0]["restricted"] is True
    kept = _rich_profile()
    assert document["family"]["members"][0] == kept["family"]["members"][0]
    assert document["agency_involvement"][1]["source"] == "Police records"
    assert document["compiled_by"] == kept["compiled_by"] and document["family"]["phone"] == "01632 960001"
    assert document["referral"]["referrer"] == kept["referral"]["referrer"]
    [(_, changes, _actor)] = audit(council, "profile.corrected")
    assert sorted(changes) == ["agency_involvement[0].restricted", "referral.reason"]
    assert page.detail.summary.involvement[0].restricted


def test_a_clash_with_someone_elses_correction_reloads_the_form(qtbot, page, council, tmp_path):
    import_through_page(qtbot, page, [write(tmp_path / "p.json", BASE_PROFILE)])
    page.results_dialog.close()
    case_id = page.detail.summary.case_id
    page.intake_actions["correct_profile"].trigger()
    form = page.profile_dialog.form
    _type(qtbot, form, "family_views", "Mine.")

    other = ProfileEditingService(council, CLERK)
    theirs, version = other.document(case_id)
    theirs["family_views"] = "Theirs, saved first."
    other.correct(case_id, version, theirs)

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert page.profile_dialog.isVisible()
    assert page.profile_dialog.banner.text().startswith("Not saved. Someone else changed this case")
    assert form.field_editors["family_views"].toPlainText() == "Theirs, saved first."
    assert other.document(case_id)[0]["family_views"] == "Theirs, saved first."
    assert len(audit(council, "profile.corrected")) == 1
