"""Who may see the Supporting Families report and of which families: each
person signed in as the app signs them in (on PostgreSQL as their own login
role, so the server's row-level security applies too), then the claim list
as XLSX and CSV, and `tafdesk report supporting-families`."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from tafdesk.cli import main
from tafdesk.db.location import resolve_url
from tafdesk.exports import supporting_families as sheets
from tafdesk.models import Role
from tafdesk.services.actor import Actor
from tafdesk.services.errors import PermissionDenied
from tafdesk.services.reports.supporting_families import SupportingFamiliesService
from tafdesk.services.users import open_signed_in
from tests.conftest import PASSWORD, allow_sign_in, db_argument
from tests.reports.sf_world import Q2, USERS, SfWorld

OWNER = Actor(None, "Report Tester", Role.LOCALITY_MANAGER, localities=None)  # the test's own connection


@pytest.fixture(scope="module")
def world(sf_world) -> SfWorld:
    allow_sign_in(sf_world.db, *USERS)
    return sf_world


@pytest.fixture
def signed_in(world):
    opened = []

    def sign_in(username: str):
        db, actor = open_signed_in(resolve_url(db_argument(world.db)), username, PASSWORD)
        opened.append(db)
        return SupportingFamiliesService(db, actor)

    yield sign_in
    for db in opened:
        db.dispose()


def _names(world: SfWorld, families) -> list[str]:
    surname = {ref: name for name, ref in world.references.items()}
    return [surname[f.family_reference] for f in families]


@pytest.mark.parametrize(
    "username, eligible, claims",
    [
        ("sf_manager_north", ["Ashdown", "Carrow", "Dunmore", "Fairholme"], ["Ashdown", "Fairholme"]),
        ("sf_support_north", ["Ashdown", "Carrow", "Dunmore", "Fairholme"], ["Ashdown", "Fairholme"]),
        ("sf_manager_south", ["Elmfield"], ["Elmfield"]),
        # Tomas leads Ashdown, Brightwell (not eligible) and Dunmore, and supports Carrow.
        ("sf_lead_tomas", ["Ashdown", "Carrow", "Dunmore"], ["Ashdown"]),
    ],
)
def test_each_person_counts_only_the_families_they_may_see(world, signed_in, username, eligible, claims):
    report = signed_in(username).report(*Q2)
    assert (_names(world, report.eligible), _names(world, report.claims)) == (eligible, claims)
    # What each family lacks reads the same whoever looks (the server hides none of its evidence from them).
    everyone = {f.case_id: f for f in SupportingFamiliesService(world.db, OWNER).report(*Q2).eligible}
    assert [f.missing for f in report.eligible] == [everyone[f.case_id].missing for f in report.eligible]


def test_a_manager_asks_for_their_own_locality_only(world, signed_in):
    service = signed_in("sf_manager_north")
    assert len(service.report(*Q2, "North").eligible) == 4
    with pytest.raises(PermissionDenied, match="may not see the Supporting Families report in South, which is not one"):
        service.report(*Q2, "South")


def test_administrators_do_not_read_case_content(world, signed_in):
    with pytest.raises(PermissionDenied, match=r"\(administrator\) may not see the Supporting Families report"):
        signed_in("sf_admin").report(*Q2)


def test_the_claim_list_as_xlsx(world, signed_in, tmp_path):
    report = signed_in("sf_manager_north").report(*Q2)
    path = tmp_path / "claims.xlsx"
    sheets.write(report, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Claims", "Incomplete evidence"]
    claims, incomplete = book["Claims"], book["Incomplete evidence"]
    assert claims.freeze_panes == "A2" and claims.max_row == 1 + 6  # two claims, three outcomes each
    assert [c.value for c in claims[1]] == sheets.CLAIM_COLUMNS
    housing = [c.value for c in claims[4]]  # Ashdown's third outcome
    assert housing == [
        world.references["Ashdown"],
        housing[1],
        "North",
        "Secure housing",
        "Plan",
        "Outcome 3 of the plan",
        "Achieved and sustained",
        dt.datetime(2025, 10, 1),
        6,
        dt.datetime(2026, 4, 1),
        dt.datetime(2026, 4, 2),
        "Tomas Okafor",
        dt.datetime(2026, 4, 1),
    ]
    assert claims["H4"].number_format == "dd/mm/yyyy"
    assert incomplete.max_row == 1 + 6  # Carrow: three outcomes waiting; Dunmore: three things missing
    missing = [row[3] for row in incomplete.iter_rows(min_row=2, values_only=True)]
    assert missing[3] == "No whole-family Early Help Assessment completed by 30/06/2026."
    assert all(row[4] is None for row in incomplete.iter_rows(min_row=5, max_row=5, values_only=True))


def test_the_claim_list_as_csv(world, signed_in, tmp_path):
    path = tmp_path / "claims.csv"
    sheets.write(signed_in("sf_manager_north").report(*Q2), path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Status", *sheets.INCOMPLETE_COLUMNS]
    assert [r[0] for r in rows[1:]] == ["Claim"] * 6 + ["Incomplete"] * 6
    assert rows[3][9] == "01/10/2025" and rows[3][4] == ""  # a claim's row has nothing missing


@pytest.fixture
def passwords(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n" * 5))


def _cli(world: SfWorld, username: str, out, *more: str) -> int:
    period = ["--from", Q2[0].isoformat(), "--to", Q2[1].isoformat()]
    common = ["--db", db_argument(world.db), "--user", username, "--password-stdin"]
    return main(["report", "supporting-families", *period, "--out", str(out), *common, *more])


def test_the_command_writes_the_report_for_its_user(world, tmp_path, capsys, passwords):
    out = tmp_path / "sf.xlsx"
    assert _cli(world, "sf_manager_north", out) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Supporting Families, 01/04/2026 to 30/06/2026: 4 eligible families, 2 claims, 2 with")
    assert f"Written: {out.resolve()}" in printed
    assert openpyxl.load_workbook(out)["Claims"].max_row == 7


@pytest.mark.parametrize(
    "username, out, more, said",
    [
        ("sf_manager_north", "sf.pdf", (), "Name the file .xlsx or .csv: “sf.pdf” has neither extension."),
        ("sf_manager_north", "sf.xlsx", ("--locality", "South"), "in South, which is not one of their localities"),
        ("sf_admin", "sf.xlsx", (), "administrators do not read"),
    ],
)
def test_the_command_refuses_in_a_sentence(world, tmp_path, capsys, passwords, username, out, more, said):
    assert _cli(world, username, tmp_path / out, *more) == 1
    assert said in capsys.readouterr().err
    assert not (tmp_path / out).exists()
