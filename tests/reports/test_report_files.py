"""Reports as files: every table of figures as a sheet (XLSX), a CSV file
each, or a plain PDF of tables through the document pipeline; whole or not
at all, never over a file unless told, and written in the audit trail."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import select

from tafdesk.models import AuditEvent
from tafdesk.services.errors import ConflictError, ValidationError
from tafdesk.services.reports.report_files import ReportFiles
from tafdesk.services.reports.sheets import caseload_sheets, performance_sheets, referral_sheets
from tests.documents.conftest import pdf_text, squash
from tests.reports.conftest import PERIOD

PERFORMANCE_SHEETS = [
    "Summary",
    "Referrals by locality",
    "Referrals by agency",
    "Referrals by need area",
    "Repeat referrals",
    "Timeliness",
    "Front-door decisions",
    "Meeting decisions",
    "Step-ups and step-downs",
    "Deferrals",
    "Plan timeliness",
    "Reviews",
    "Distance travelled",
    "Closures",
]


@pytest.fixture
def manager(council):
    return council.manager("North")


def _write(council, actor, out, **kw):
    report = council.service(actor).performance(PERIOD)
    return ReportFiles(council.db, actor).write(
        "performance", "Performance", report.period, report.reach, performance_sheets(report), out, **kw
    )


def test_every_table_of_the_performance_report_as_a_sheet(council, manager, tmp_path):
    assert _write(council, manager, tmp_path / "performance.xlsx") == [(tmp_path / "performance.xlsx").resolve()]
    book = openpyxl.load_workbook(tmp_path / "performance.xlsx")
    assert book.sheetnames == PERFORMANCE_SHEETS
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Localities"] == "North" and summary["Referrals received"] == 8
    assert summary["Repeat referrals within 12 months (%)"] == 12.5
    assert summary["Profile received to allocation: median working days"] == 6
    weekly = list(book["Referrals by locality"].iter_rows(values_only=True))
    assert weekly[0] == ("Week beginning", "North", "Total")
    assert weekly[1] == (dt.datetime(2026, 3, 2), 3, 3)  # a date cell
    timeliness = list(book["Timeliness"].iter_rows(min_row=2, values_only=True))
    assert timeliness[2] == ("Profile received to allocation", 4, 6, 12, 10, 3, 75)
    closures = {row[0]: row[1:] for row in book["Closures"].iter_rows(min_row=2, values_only=True)}
    assert closures["Needs met"] == (1, 0, 0, 1, 0, 313)


def test_the_caseload_report_as_sheets(council, manager):
    sheets = {s.name: s for s in caseload_sheets(council.service(manager).caseloads(PERIOD))}
    assert list(sheets) == ["Professionals", "Agencies", "Utilisation by week", "Allocations over capacity"]
    assert [row[:2] + row[-2:] for row in sheets["Professionals"].rows] == [
        ("Ben Rook", "Education Welfare", 2.75, 27.5),
        ("Ada Quill", "Family Support", 6.0, 30.0),
    ]
    assert sheets["Allocations over capacity"].rows[0][-1] == "Only worker who knows the school."


def test_csv_gives_one_file_for_each_table(council, manager, tmp_path):
    written = _write(council, manager, tmp_path / "perf.csv")
    assert [p.name for p in written][:3] == [
        "perf_summary.csv",
        "perf_referrals-by-locality.csv",
        "perf_referrals-by-agency.csv",
    ]
    assert len(written) == len(PERFORMANCE_SHEETS) and all(p.exists() for p in written)
    agency = (tmp_path / "perf_referrals-by-agency.csv").read_text(encoding="utf-8-sig").splitlines()
    assert agency[0] == "Week beginning,Referring agency,Referrals" and "02/03/2026,Police,2" in agency


def test_one_table_as_one_csv_file(council, manager, tmp_path):
    figures = council.service(manager).referrals(PERIOD)
    repeats = referral_sheets(figures)[-1:]
    report = council.service(manager).performance(PERIOD)
    out = tmp_path / "repeats.csv"
    assert ReportFiles(council.db, manager).write("repeats", "Repeats", PERIOD, report.reach, repeats, out) == [
        out.resolve()
    ]
    assert out.read_text(encoding="utf-8-sig").splitlines()[1] == "8,1,12.5"


def test_a_pdf_of_plain_tables(council, manager, tmp_path):
    _write(council, manager, tmp_path / "performance.pdf")
    text = squash(pdf_text(tmp_path / "performance.pdf"))
    for words in ("Performance", "2 Mar 2026 to 30 Apr 2026", "Referrals received", "Closures"):
        assert words in text
    assert "OFFICIAL-SENSITIVE" in text


def test_an_existing_file_is_kept_unless_forced(council, manager, tmp_path):
    out = tmp_path / "performance.xlsx"
    out.write_bytes(b"keep me")
    with pytest.raises(ConflictError, match="already exists: say --force"):
        _write(council, manager, out)
    assert out.read_bytes() == b"keep me"
    _write(council, manager, out, force=True)
    assert out.read_bytes().startswith(b"PK")


def test_a_file_name_without_a_known_extension_is_refused(council, manager, tmp_path):
    with pytest.raises(ValidationError, match="Name the file .xlsx, .csv or .pdf"):
        _write(council, manager, tmp_path / "performance.ods")
    assert list(tmp_path.iterdir()) == []


def test_writing_a_report_is_audited(council, manager, tmp_path):
    _write(council, manager, tmp_path / "audited.xlsx")
    with council.db.reader() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "report.exported")).all()
    assert any('"audited.xlsx"' in (e.changes or "") and e.actor_name == manager.name for e in events)
