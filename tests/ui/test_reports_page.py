"""The Reports page over the figures' council (tests/reports/figures_world.py:
period 2 Mar - 30 Apr 2026, today 5 May 2026): the hand-counted figures
shown, any figure (a table's cell, a chart's bar; mouse or Enter) down to
its families and on to a case page, tables written to CSV and XLSX and
read back, an existing file replaced only when the user says so, and no
figures for lead professionals and administrators."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from tafdesk.models import Role
from tafdesk.services.actor import Actor
from tafdesk.services.reports.report_files import ReportFiles
from tafdesk.ui.area_page import AreaNote
from tafdesk.ui.reports.board_pack_dialog import BoardPackDialog
from tafdesk.ui.reports.page import NOT_FOR_YOU, ReportsPage, build_reports_page
from tafdesk.ui.reports.table import DRILL_ROLE, FigureTableView
from tests.reports.conftest import PERIOD, council  # noqa: F401 (fixture)

D = dt.date


@pytest.fixture
def manager(council):  # noqa: F811
    return council.manager("North", "South")


@pytest.fixture
def page(qtbot, council, manager):  # noqa: F811
    made = ReportsPage(council.service(manager), ReportFiles(council.db, manager), may_open_cases=True)
    qtbot.addWidget(made)
    made.resize(1100, 700)
    made.show()
    made.set_period(PERIOD.start, PERIOD.end)
    _wait_for_figures(qtbot, made)
    return made


def _wait_for_figures(qtbot, page: ReportsPage, locality=None) -> None:
    qtbot.waitUntil(
        lambda: (
            not page.is_reading()
            and page.shown is not None
            and page.shown[0].period == PERIOD
            and page.shown[0].reach.chosen == locality
        ),
        timeout=20_000,
    )


def cells(view: FigureTableView) -> list[tuple[str, ...]]:
    model = view.model()
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def row_named(view: FigureTableView, first: str) -> tuple[str, ...]:
    return next(row for row in cells(view) if row[0] == first)


def test_the_hand_counted_figures_are_shown(page, qtmodeltester):
    referrals = page.sections["referrals"]
    by_locality = referrals.table_named("Referrals by locality")
    qtmodeltester.check(by_locality.figures)
    assert [row[:4] for row in cells(by_locality)[:3]] == [
        ("2 Mar 2026", "3", "1", "4"),
        ("9 Mar 2026", "1", "0", "1"),
        ("16 Mar 2026", "1", "0", "1"),
    ]
    assert row_named(referrals.table_named("Referrals by agency"), "Police")[1] == "4"
    assert cells(referrals.table_named("Repeat referrals")) == [("9", "1", "11.1")]
    timeliness = cells(page.sections["timeliness"].table_named("Timeliness"))
    assert timeliness[0][1:6] == ("8", "1", "5", "3", "7")  # cases, median, 90th percentile, target, within
    closures = cells(page.sections["closures"].table_named("Closures"))
    assert sum(int(row[1]) for row in closures) == 5
    assert row_named(page.sections["closures"].table_named("Closures"), "Needs met")[-1] == "313"
    professionals = page.sections["caseloads"].table_named("Professionals")
    assert row_named(professionals, "Ada Quill")[3:5] == ("20", "3")  # capacity, cases led
    assert "9 referrals received" in page.headline.text()
    assert page.state.text().startswith("2 Mar 2026 to 30 Apr 2026, North and South.")


def test_the_chart_draws_and_says_the_weekly_figures(page):
    chart = page.sections["referrals"].charts[0]
    bars = chart.bars()
    assert len(bars) == 9
    assert [p.value for p in bars[0].parts] == [3, 1]  # North, South in the week of 2 Mar
    assert "2 Mar: North 3; South 1." in chart.accessibleDescription()
    utilisation = page.sections["caseloads"].charts[0]
    assert {b.label: b.value_text for b in utilisation.bars()} == {"Education Welfare": "28%", "Family Support": "23%"}


def test_a_change_of_locality_reads_the_figures_again(qtbot, page, council):  # noqa: F811
    page.set_locality(council.localities["North"])
    _wait_for_figures(qtbot, page, council.localities["North"])
    assert cells(page.sections["referrals"].table_named("Repeat referrals")) == [("8", "1", "12.5")]
    assert page.state.text().startswith("2 Mar 2026 to 30 Apr 2026, North")


def test_a_period_that_ends_before_it_begins_is_said_at_the_dates(qtbot, page):
    page.set_period(D(2026, 4, 30), D(2026, 3, 2))
    assert page.note.isVisible()
    assert "before it begins" in page.note.text()
    assert page.shown[0].period == PERIOD  # the figures shown are still the last good period's


def test_enter_on_a_table_cell_lists_its_families(qtbot, page, council):  # noqa: F811
    view = page.sections["referrals"].table_named("Referrals by agency")
    proxy = view.model()
    police = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "Police")
    view.setFocus()
    view.setCurrentIndex(proxy.index(police, 1))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = page.families
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=10_000)
    refs = council.references
    assert [r.case_reference for r in dialog.model.rows()] == [refs[n] for n in ("Dunn", "Fox", "Abbott", "Lloyd")]
    assert dialog.title.text() == "Referrals received from Police"
    assert dialog.status.text() == "4 families."


def test_a_chart_bar_chosen_with_the_keyboard_lists_its_families(qtbot, page, council):  # noqa: F811
    chart = page.sections["referrals"].charts[0]
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Right)  # the week of 9 Mar, North
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    dialog = page.families
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert dialog.model.rows()[0].case_reference == council.references["Clarke"]
    assert dialog.title.text() == "Referrals received in North, week of 9 Mar 2026"


def test_a_chart_bar_clicked_lists_its_families(qtbot, page):
    chart = page.sections["referrals"].charts[0]
    page.show_section("referrals")
    qtbot.waitUntil(lambda: chart.part_rect(0, 0) is not None)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.part_rect(0, 0).center().toPoint())
    qtbot.waitUntil(lambda: page.families is not None and page.families.model.rowCount() == 3, timeout=10_000)


def test_a_family_listed_opens_its_case_page(qtbot, page, council):  # noqa: F811
    view = page.sections["closures"].table_named("Closures")
    proxy = view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "Needs met")
    page.show_families(proxy.index(row, 1).data(DRILL_ROLE))
    dialog = page.families
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(page.case_requested) as asked:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    case = asked.args[0]
    assert (case.case_id, case.reference, case.family_name) == (
        council.cases["Jones"],
        council.references["Jones"],
        "Jones",
    )


def test_a_table_exported_to_csv_and_xlsx_reads_back(page, tmp_path):
    table = page.sections["referrals"].table_named("Referrals by agency").figures.table
    written = page.export([table], tmp_path / "agencies.csv")
    assert written == [(tmp_path / "agencies.csv").resolve()]
    with open(written[0], newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Referring agency", "Referrals", "Of those received (%)"]
    assert ["Police", "4", "44.4"] in rows
    book = openpyxl.load_workbook(page.export([table], tmp_path / "agencies.xlsx")[0])
    sheet = book["Referrals by agency"]
    assert [c.value for c in sheet[1]] == ["Referring agency", "Referrals", "Of those received (%)"]
    assert ("Police", 4, 44.4) in [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=2)]


def test_a_sections_tables_exported_together(page, tmp_path):
    tables = page.sections["outcomes"].figure_tables()
    written = page.export(tables, tmp_path / "outcomes.xlsx")
    book = openpyxl.load_workbook(written[0])
    assert book.sheetnames == ["Front-door decisions", "Meeting decisions", "Step-ups and step-downs", "Deferrals"]
    weekly = page.export(
        [page.sections["referrals"].table_named("Referrals by locality").figures.table], tmp_path / "w.xlsx"
    )
    cell = openpyxl.load_workbook(weekly[0])["Referrals by locality"]["A2"].value
    assert cell.date() == D(2026, 3, 2)  # a date cell, not text


def test_an_existing_file_is_replaced_only_when_the_user_says_so(page, tmp_path, monkeypatch):
    out = tmp_path / "closures.xlsx"
    out.write_bytes(b"kept")
    table = page.sections["closures"].table_named("Closures").figures.table
    asked = []
    monkeypatch.setattr(page, "_confirm_replace", lambda existing: asked.append(existing) or False)
    assert page.export([table], out) is None
    assert asked == [[out]] and out.read_bytes() == b"kept"
    monkeypatch.setattr(page, "_confirm_replace", lambda existing: True)
    assert page.export([table], out) == [out.resolve()]
    assert openpyxl.load_workbook(out).sheetnames == ["Closures"]


def test_an_export_that_cannot_be_written_is_said_in_the_banner(page, tmp_path):
    table = page.sections["closures"].table_named("Closures").figures.table
    (tmp_path / "a file").write_text("not a folder")
    assert page.export([table], tmp_path / "a file" / "closures.csv") is None
    assert page.banner.isVisible()
    assert page.banner.text().startswith("Not exported.")


def test_how_each_group_is_counted(page):
    dialog = page.explain("plans")
    text = dialog.text.toPlainText()
    assert "Plans agreed within 20 working days" in text
    assert "on time if the first plan version was agreed within 20 working days of allocation" in text
    dialog.close()


def test_the_controls_are_named(page):
    for widget in (page.quick, page.from_edit, page.to_edit, page.locality, page.refresh_button):
        assert widget.accessibleName()
    assert not page.board_pack_button.isVisible()  # this page was given no board pack
    assert [page.quick.itemText(i) for i in range(3)] == [
        "Last 12 months",
        "This financial year",
        "Last financial year",
    ]


def test_a_quick_period_sets_the_days(qtbot, page):
    page.use_quick("Last quarter")  # today is 5 May 2026
    assert (page.from_edit.date().toPython(), page.to_edit.date().toPython()) == (D(2026, 1, 1), D(2026, 3, 31))
    qtbot.waitUntil(lambda: not page.is_reading(), timeout=20_000)


@pytest.mark.parametrize("role", [Role.LEAD_PROFESSIONAL, Role.ADMIN])
def test_lead_professionals_and_administrators_see_why_there_are_no_figures(qtbot, council, role):  # noqa: F811
    actor = Actor(None, "Someone", role, localities=frozenset(council.localities.values()))
    shown = build_reports_page(council.db, actor)
    qtbot.addWidget(shown)
    assert isinstance(shown, AreaNote) and shown.note.text() == NOT_FOR_YOU


def test_a_dialog_for_each_is_a_dialog(page):
    assert isinstance(page.explain("referrals"), QDialog)


def test_the_board_pack_is_made_for_the_period_and_locality_chosen(qtbot, council, manager):  # noqa: F811
    page = build_reports_page(council.db, manager)
    qtbot.addWidget(page)
    page.show()
    page.set_period(PERIOD.start, PERIOD.end)
    _wait_for_figures(qtbot, page)
    assert page.board_pack_button.isVisible() and page.board_pack_button.accessibleName()
    page.board_pack_button.click()
    dialog = page.findChild(BoardPackDialog)
    assert dialog is not None and dialog.isVisible()
    shown = [label.text() for label in dialog.findChildren(QLabel)]
    assert PERIOD.words() in shown
    dialog.close()
