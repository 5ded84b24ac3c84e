"""The Intake page: importing (as the dialog and a drop do), filtering the
queue through its widgets, and reading a profile's summary."""

from __future__ import annotations

import datetime as dt

import pytest
from intake_helpers import CLERK, LEAD, MANAGER, choose, import_through_page, make_council, open_intake, queue_files
from PySide6.QtCore import QDate, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from tafdesk.models.enums import ConsentStatus, NeedArea
from tafdesk.services.actor import Permission
from tafdesk.ui.intake import queue_model as qm
from tafdesk.ui.intake.import_results import ImportResultsDialog
from tafdesk.ui.intake.page import AreaNote, build_intake_page
from tafdesk.ui.intake.summary_html import RESTRICTED_TAG
from tafdesk.ui.settings import AppSettings


@pytest.fixture
def council(db):
    return make_council(db)


@pytest.fixture
def page(qtbot, council):
    return open_intake(qtbot, council, MANAGER)


@pytest.fixture
def filled(qtbot, page, tmp_path):
    import_through_page(qtbot, page, queue_files(tmp_path / "in"))
    page.results_dialog.close()
    return page


def test_an_empty_queue_says_so_and_offers_import(page):
    assert page.table.count_label.text() == "Showing all 0 profiles"
    assert page.filters.chip_counts() == {None: 0, "Central": 0, "North": 0, "South": 0}
    assert page.detail.text().startswith("Choose a profile")
    assert page.intake_actions["import_profiles"].isEnabled()
    assert not page.intake_actions["add_to_meeting"].isEnabled()
    assert page.intake_actions["add_to_meeting"].toolTip() == "Choose a profile in the queue first."


def test_importing_files_and_a_folder_reports_each_file(qtbot, page, tmp_path):
    files = queue_files(tmp_path / "in")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "tafdesk.profile360/1",}', encoding="utf-8")
    outcome = import_through_page(qtbot, page, [files[0], tmp_path / "in", broken])
    assert outcome.imported_profiles == 5
    dialog = page.results_dialog
    assert isinstance(dialog, ImportResultsDialog) and dialog.isVisible()
    lines = dialog.lines()
    assert len(lines) == 6  # okonkwo.json given and in the folder is imported once
    assert lines[0].startswith("Imported: okonkwo.json: imported 1 profile")
    assert lines[-1].startswith("Rejected: broken.json: rejected, nothing imported. broken.json: line 1, column 35")
    assert dialog.heading.text() == "Imported 5 profiles from 6 files; 1 file was rejected."
    assert "Rejected" in dialog.details.toPlainText() and "Imported" in dialog.details.toPlainText()
    assert page.model.rowCount() == 5
    assert page.table.count_label.text() == "Showing all 5 profiles"
    assert page.notice.text() == dialog.heading.text() and page.notice.property("error") is True
    # The first profile imported is the one shown.
    assert page.detail.summary.family_name == "Okonkwo-Hale"

    again = import_through_page(qtbot, page, [files[0]])
    assert page.results_dialog.lines() == [
        "Already imported: okonkwo.json: 1 profile already imported, unchanged (ESAT-2026-10001)"
    ]
    assert again.imported_profiles == 0 and page.model.rowCount() == 5


def test_several_files_show_progress_and_can_be_stopped(qtbot, page, tmp_path, monkeypatch):
    files = queue_files(tmp_path / "in")
    started = []
    from tafdesk.ui.intake import import_run

    real = import_run.ImportRun._start_next

    def stop_after_two(run):
        started.append(run._next)
        if run._next == 2 and run.dialog is not None:
            assert run.dialog.isVisible() and run.dialog.labelText() == "Importing file 2 of 5: bell.json"
            run.dialog.findChild(QPushButton).click()  # "Stop after this file"
        real(run)

    monkeypatch.setattr(import_run.ImportRun, "_start_next", stop_after_two)
    with qtbot.waitSignal(page.import_finished, timeout=20_000) as finished:
        page.import_paths(files)
    outcome = finished.args[0]
    assert len(outcome.reports) == 2 and [p.name for p in outcome.skipped] == ["carr.json", "dunn.json", "ellis.json"]
    assert "3 not imported because the import was stopped" in outcome.headline()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)


def _drop_event(paths, kind=QDropEvent):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPoint(200, 300) if kind is QDragEnterEvent else QPointF(200, 300)  # the two take different points
    return mime, kind(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def test_dropping_files_and_folders_imports_them(qtbot, page, tmp_path):
    files = queue_files(tmp_path / "in")
    _mime, enter = _drop_event([tmp_path / "in"], QDragEnterEvent)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    _mime, drop = _drop_event([tmp_path / "in"])
    with qtbot.waitSignal(page.loaded, timeout=20_000), qtbot.waitSignal(page.import_finished, timeout=20_000):
        QApplication.sendEvent(page, drop)
    assert drop.isAccepted()
    assert page.model.rowCount() == len(files)
    assert page.results_dialog.lines()[0].startswith("Imported: bell.json")  # a folder's files by name


def test_a_role_that_may_not_import_cannot_drop_or_import(qtbot, council, tmp_path):
    from intake_helpers import open_intake as open_as

    # Business support may import; nobody without IMPORT_PROFILES reaches this page, but the rule holds anyway.
    page = open_as(qtbot, council, CLERK)
    assert page.acceptDrops()
    lead_page = build_intake_page(council, LEAD, AppSettings.open())
    qtbot.addWidget(lead_page)
    assert isinstance(lead_page, AreaNote)
    assert "locality manager" in lead_page.note.text()


def test_filters_through_the_widgets_change_rows_and_locality_counts(qtbot, filled):
    page = filled
    bar = page.filters
    assert bar.chip_counts() == {None: 5, "Central": 1, "North": 2, "South": 2}
    assert [chip.text() for chip in bar.chips.values()] == ["All localities  5", "Central  1", "North  2", "South  2"]

    qtbot.keyClicks(bar.search, "esat-c")  # a profile reference
    assert page.table.visible_families() == ["Carr"]
    assert bar.chip_counts() == {None: 1, "Central": 1, "North": 0, "South": 0}
    bar.search.clear()
    qtbot.keyClicks(bar.search, "dun")  # a family name
    assert page.table.visible_families() == ["Dunn"]
    bar.search.clear()

    qtbot.mouseClick(bar.chips["South"], Qt.MouseButton.LeftButton)
    assert sorted(page.table.visible_families()) == ["Dunn", "Ellis"]
    assert page.table.count_label.text() == "Showing 2 of 5 profiles"
    assert bar.chip_counts()["North"] == 2  # the chips count under the other filters

    bar.consent.setCurrentIndex(bar.consent.findData(ConsentStatus.REFUSED.value))
    assert page.table.visible_families() == ["Dunn"]
    assert bar.chip_counts() == {None: 1, "Central": 0, "North": 0, "South": 1}
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert page.table.visible_count() == 5 and bar.chips[None].isChecked()

    # Working days waiting, with today Wednesday 25 November: Carr (9 Nov) 12, Okonkwo-Hale and Dunn (16 Nov) 7,
    # Ellis (Fri 20 Nov) 3, Bell (Mon 23 Nov) 2.
    bar.waiting.setValue(6)
    assert bar.waiting.text() == "More than 6 working days"
    assert sorted(page.table.visible_families()) == ["Carr", "Dunn", "Okonkwo-Hale"]
    assert bar.chip_counts() == {None: 3, "Central": 1, "North": 1, "South": 1}
    bar.waiting.setValue(7)
    assert page.table.visible_families() == ["Carr"]
    bar.waiting.setValue(0)
    assert bar.waiting.text() == "Any time waiting"

    assert not bar.received_from.isEnabled()
    assert bar.received_from.date().toPython() == dt.date(2026, 11, 9)  # the oldest profile waiting
    qtbot.mouseClick(bar.received, Qt.MouseButton.LeftButton)
    bar.received_from.setDate(QDate(2026, 11, 16))
    bar.received_to.setDate(QDate(2026, 11, 20))
    assert sorted(page.table.visible_families()) == ["Dunn", "Ellis", "Okonkwo-Hale"]
    qtbot.mouseClick(bar.received, Qt.MouseButton.LeftButton)  # unticked: every date again
    assert page.table.visible_count() == 5

    bar.need_area.setCurrentIndex(bar.need_area.findData(NeedArea.EDUCATION.value))
    assert sorted(page.table.visible_families()) == ["Ellis", "Okonkwo-Hale"]
    bar.need_area.setCurrentIndex(0)
    bar.risk.setCurrentIndex(bar.risk.findText("High risk"))
    assert page.table.visible_families() == ["Carr"]
    bar.clear()


def test_repeat_filter_and_badges(qtbot, filled, tmp_path):
    page = filled
    from tests.intake.conftest import make_profile, write

    again = make_profile(profile_id="ESAT-2027-00001")
    again["referral"]["received_on"] = "2026-11-24"
    import_through_page(qtbot, page, [write(tmp_path / "again.json", again)])
    bar = page.filters
    qtbot.mouseClick(bar.repeat_only, Qt.MouseButton.LeftButton)
    assert page.table.visible_families() == ["Okonkwo-Hale"]
    index = page.proxy.index(0, qm.COL_FAMILY)
    assert index.data(qm.BADGES_ROLE) == (qm.REPEAT_BADGE,)
    assert bar.chip_counts() == {None: 1, "Central": 0, "North": 1, "South": 0}


def test_the_summary_reads_like_a_case_summary(qtbot, filled):
    page = filled
    choose(qtbot, page, "Okonkwo-Hale")
    text = page.detail.text()
    assert "Okonkwo-Hale family" in text
    assert "7 working days waiting since 16 Nov 2026" in text
    # Members with their ages today (25 November 2026).
    assert "Adaeze Okonkwo-Hale" in text and "38" in text and "born 12 Apr 1988" in text
    assert "Tobi Okonkwo-Hale" in text and "13" in text
    assert "Zoë Okonkwo-Hale" in text and "9" in text
    assert "Getting a good education" in text and "Attendance 68% this term." in text
    assert f"{RESTRICTED_TAG}" in text and "information from Police" in text
    assert "Education Welfare" in text and "worker: EWO Example" in text
    assert "Mother wants help." in text and "Adaeze wants Tobi back in school." in text
    assert "Allocation of a lead professional at the LCMG" in text and "3 – enhanced" in text
    assert not page.detail.consent_band.isVisibleTo(page.detail)
    assert not page.detail.match_bar.isVisibleTo(page.detail)
    # A restricted item is tagged where it is listed, not only in the summary at the top.
    involvement = text[text.index("Agency involvement") :]
    assert involvement.index("Police") < involvement.index(RESTRICTED_TAG)


def test_refused_consent_shows_a_red_band(qtbot, filled):
    page = filled
    choose(qtbot, page, "Dunn")
    detail = page.detail
    assert detail.consent_band.isVisibleTo(detail)
    assert "Consent refused." in detail.consent_text.text() and "Allocation is blocked" in detail.consent_text.text()
    assert "allocation is blocked until a locality manager records an override reason" in detail.text()
    assert page.proxy.index(page.table.current_row(), qm.COL_CONSENT).data() == "Refused"
    assert detail.override_button.isEnabled()  # a locality manager may override


def test_the_detail_follows_the_keyboard_and_the_find_shortcut(qtbot, filled):
    page = filled
    page.table.view.setFocus()
    first = page.detail.summary.family_name
    qtbot.keyClick(page.table.view, Qt.Key.Key_Down)
    assert page.detail.summary.family_name != first
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=5_000)
    qtbot.keyClick(page.table.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.search.hasFocus()
    assert page.intake_actions["find"].shortcut().toString() == "Ctrl+F"
    assert page.intake_actions["import_profiles"].shortcut().toString() == "Ctrl+I"


def test_a_failed_read_is_said(qtbot, page, monkeypatch):
    def broken():
        raise RuntimeError("the database file is on a drive that is not connected")

    monkeypatch.setattr(page._queue, "queue", broken)
    page.reload()
    qtbot.waitUntil(lambda: page.notice.isVisible(), timeout=5_000)
    assert "could not be read" in page.notice.text() and "did not expect (RuntimeError)" in page.notice.text()
    assert "not connected" not in page.notice.text()  # an unforeseen error's own text is for the log only
    assert page.notice.property("error") is True


def test_business_support_sees_why_decisions_are_not_theirs(qtbot, council, tmp_path):
    page = open_intake(qtbot, council, CLERK)
    import_through_page(qtbot, page, queue_files(tmp_path / "in"))
    choose(qtbot, page, "Dunn")
    for name in ("advice", "step_up", "step_down", "override_consent"):
        assert not page.intake_actions[name].isEnabled()
        assert page.intake_actions[name].toolTip().startswith("Only a locality manager may")
    assert page.intake_actions["add_to_meeting"].isEnabled()  # business support may schedule
    assert not page.detail.step_up_button.isEnabled()
    assert page.detail.step_up_button.toolTip() == page.intake_actions["step_up"].toolTip()
    assert page.detail.step_up_button.accessibleName() == "Step up to social care"
    assert Permission.IMPORT_PROFILES in page.rights.allowed


def test_results_say_what_became_of_each_file_in_words(qtbot, page, tmp_path):
    files = queue_files(tmp_path / "in")
    import_through_page(qtbot, page, files[:1])
    import_through_page(qtbot, page, files[:2])
    dialog = page.results_dialog
    assert dialog.heading.text() == "Imported 1 profile from 2 files."
    assert [line.split(":")[0] for line in dialog.lines()] == ["Already imported", "Imported"]
    html = dialog.details.toHtml()
    assert "Already imported" in html and "bell.json" in html
