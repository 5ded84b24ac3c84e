"""Searching and filtering the Directory's lists through their widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tafdesk.ui.directory.roles import AGENCY_ROLE, LOCALITY_ROLE, MEMBERSHIP_ROLE


def _names(panel) -> list[str]:
    return sorted(panel.proxy.index(row, 0).data() for row in range(panel.proxy.rowCount()))


def test_first_read_fills_both_tabs(page, sample):
    assert page.professionals.panel.model.rowCount() == 6
    assert page.agencies.panel.model.rowCount() == 3
    assert page.professionals.panel.visible_count() == sample.active_professionals  # active only by default
    assert page.professionals.panel.count_label.text() == "Showing 5 of 6 professionals"
    assert page.agencies.panel.count_label.text() == "Showing all 3 agencies"


def test_search_filters_as_you_type_across_columns(qtbot, page):
    panel = page.professionals.panel
    qtbot.keyClicks(panel.search, "nurs")  # agency name and job title
    assert _names(panel) == ["Grace Okafor", "Liam Byrne"]
    qtbot.keyClicks(panel.search, "e north")  # every word must match somewhere
    assert _names(panel) == ["Grace Okafor"]
    assert panel.count_label.text() == "Showing 1 of 6 professionals"
    panel.search.clear()
    qtbot.keyClicks(panel.search, "domestic abuse")  # a specialism
    assert _names(panel) == ["Amira Khan"]
    qtbot.keyClicks(panel.search, " nobody")
    assert panel.visible_count() == 0
    assert panel.count_label.text() == "Showing 0 of 6 professionals"


def test_agency_and_locality_filters(qtbot, page, sample):
    panel = page.professionals.panel
    agencies = panel._filters[AGENCY_ROLE]
    localities = panel._filters[LOCALITY_ROLE]
    assert [agencies.itemText(i) for i in range(agencies.count())] == [
        "All agencies",
        "Early Help Service",
        "Harbour Family Trust",
        "School Nursing",
    ]
    agencies.setCurrentIndex(agencies.findData(str(sample.early_help.id)))
    assert _names(panel) == ["Amira Khan", "Tom Price"]
    localities.setCurrentIndex(localities.findText("North"))
    assert _names(panel) == ["Amira Khan"]
    qtbot.mouseClick(panel.active_only, Qt.MouseButton.LeftButton)  # show inactive people too
    assert _names(panel) == ["Amira Khan", "Ruth Evans"]
    agencies.setCurrentIndex(0)
    localities.setCurrentIndex(0)
    assert panel.visible_count() == 6


def test_filters_keep_their_choice_when_the_directory_is_read_again(page, sample):
    panel = page.professionals.panel
    panel.set_filter_value(AGENCY_ROLE, str(sample.nursing.id))
    page.reload()
    assert panel.filter_value(AGENCY_ROLE) == str(sample.nursing.id)
    assert _names(panel) == ["Grace Okafor", "Liam Byrne"]


def test_agency_tab_filters(qtbot, page):
    panel = page.agencies.panel
    membership = panel._filters[MEMBERSHIP_ROLE]
    membership.setCurrentIndex(membership.findData("associate"))
    assert _names(panel) == ["Harbour Family Trust"]
    membership.setCurrentIndex(0)
    qtbot.keyClicks(panel.search, "health")  # the sector
    assert _names(panel) == ["School Nursing"]


def test_ctrl_f_goes_to_the_search_box(qtbot, page):
    page.activateWindow()
    page.professionals.panel.table.setFocus()
    page.find_action.trigger()
    assert page.professionals.panel.search.hasFocus()
