"""Report tables as XLSX and CSV: typed cells, dates as dates, text never a formula."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tafdesk.exports.spreadsheet import Sheet, csv_bytes, write_csv, write_xlsx

ROWS = [
    ['=HYPERLINK("http://x","click")', dt.date(2026, 3, 1), 3, 0.5, None, True],
    ["-2+3", dt.datetime(2026, 3, 2, 9, 30), 0, 1.25, "Zoë Ńowak", False],
    ["@SUM(A1)", None, 7, 2.0, "+44 1632", None],
]
COLUMNS = ["Name", "Received", "Children", "Weight", "Note", "Repeat"]


def test_xlsx_cells_keep_their_types_and_formulas_stay_text(tmp_path):
    path = tmp_path / "report.xlsx"
    digest = write_xlsx(path, [Sheet("List 2", COLUMNS, ROWS)])
    assert len(digest) == 64
    book = openpyxl.load_workbook(path)
    page = book["List 2"]
    assert [c.value for c in page[1]] == COLUMNS
    assert page.freeze_panes == "A2"
    assert page["A2"].value == ROWS[0][0] and page["A2"].data_type == "s"  # a string, not a formula
    assert page["A3"].data_type == "s" and page["A4"].value == "@SUM(A1)"
    assert page["B2"].value == dt.datetime(2026, 3, 1) and page["B2"].number_format == "dd/mm/yyyy"
    assert page["B3"].number_format.startswith("dd/mm/yyyy")
    assert page["C2"].value == 3 and page["D3"].value == 1.25
    assert page["E2"].value is None and page["E3"].value == "Zoë Ńowak"
    assert page["F2"].value == "Yes" and page["F3"].value == "No"


def test_csv_neutralises_formulas_and_writes_dates_as_the_specification_does(tmp_path):
    text = csv_bytes(Sheet("Rows", COLUMNS, ROWS)).decode("utf-8")
    assert text.startswith("\ufeffName,Received")
    lines = text.splitlines()
    assert lines[1].startswith("\"'=HYPERLINK(") and ",01/03/2026,3,0.5,,Yes" in lines[1]
    assert lines[2].startswith("'-2+3,02/03/2026 09:30,0,1.25,Zoë Ńowak,No")
    assert lines[3].startswith("'@SUM(A1),,7,2,'+44 1632,")
    path = tmp_path / "rows.csv"
    write_csv(path, Sheet("Rows", COLUMNS, ROWS))
    assert path.read_bytes().decode("utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]  # no temporary file left


@pytest.mark.parametrize("name", ["", "x" * 32, "a/b", "what?"])
def test_a_sheet_name_excel_refuses_is_refused_first(name):
    with pytest.raises(ValueError, match="cannot name a worksheet"):
        Sheet(name, ["A"], [])


def test_a_row_of_the_wrong_length_is_refused_with_where():
    with pytest.raises(ValueError, match="row 2 of “T” has 1 values for 2 columns"):
        Sheet("T", ["A", "B"], [[1, 2], [3]])
