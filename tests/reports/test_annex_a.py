"""Annex A early help list (List 2): the rows counted by hand from the
world in conftest, the coded values, the date cells, the children left out
for want of a value, and who may make it."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from sqlalchemy import select

from tafdesk.cli import main
from tafdesk.models import AuditEvent, AuditValue, Role, User, UserLocality
from tafdesk.services.errors import PermissionDenied, ValidationError
from tafdesk.services.reports.annex_a import COLUMNS, AnnexAService, ListRow, NotListed, age_on
from tests.conftest import PASSWORD, allow_sign_in, db_argument
from tests.reports.conftest import END, START

D = dt.date


def _north_rows(ids: dict[str, str]) -> list[ListRow]:
    """By hand: Cleo, Amara and Ben, in the order their assessments started;
    Dev (the day before) and Fay (the day after) are outside the period, Esi
    lacks values, and Ben is listed once, with his later, open assessment.
    Ages are whole years on 31/03/2026."""
    return [
        ListRow(ids["Cleo"], "d) Neither", "s) NOBT", D(2020, 2, 29), 6, D(2025, 4, 1), D(2025, 4, 30), "Education Welfare"),
        ListRow(ids["Amara"], "b) Female", "o) BAFR", D(2015, 6, 10), 10, D(2025, 5, 12), D(2025, 6, 20), "Education Welfare"),
        ListRow(ids["Ben"], "a) Male", "a) WBRI", D(2012, 3, 31), 14, D(2026, 1, 15), None, "Family Support"),
    ]  # fmt: skip


def _esi(ids: dict[str, str]) -> NotListed:
    return NotListed(
        ids["Esi"],
        "N-2025-0001",
        D(2026, 3, 31),
        (
            "no date of birth recorded",
            "ethnicity held as words with no DfE code chosen yet (Intake: Ethnicity to code)",
        ),
    )


def test_a_manager_lists_the_children_of_their_locality_as_counted_by_hand(annex_world):
    made = AnnexAService(annex_world.db, annex_world.manager("North")).list2(START, END)
    assert made.localities == ("North",)
    assert list(made.rows) == _north_rows(annex_world.children)
    assert list(made.not_listed) == [_esi(annex_world.children)]


def test_a_manager_of_both_localities_gets_both_and_may_narrow_to_one(annex_world):
    service = AnnexAService(annex_world.db, annex_world.manager("North", "South"))
    both = service.list2(START, END)
    gus = ListRow(
        annex_world.children["Gus"], "a) Male", "r) OOTH", D(2016, 7, 7), 9, D(2025, 9, 1), D(2025, 10, 10), "Education Welfare"
    )  # fmt: skip
    assert both.localities == ("North", "South")
    assert [r.child_id for r in both.rows] == [annex_world.children[n] for n in ("Cleo", "Amara", "Gus", "Ben")]
    assert gus in both.rows
    assert service.list2(START, END, "s").rows == (gus,)  # by its code, in any case
    assert service.list2(START, END, "NORTH").not_listed == (_esi(annex_world.children),)


def test_every_code_the_template_uses_is_written_as_it_spells_it(annex_world):
    from tafdesk.models import Ethnicity, Gender
    from tafdesk.services.reports import annex_a_codes as codes

    assert [codes.gender(g) for g in (Gender.MALE, Gender.FEMALE, Gender.NOT_KNOWN, Gender.OTHER, None)] == [
        "a) Male",
        "b) Female",
        "c) Not stated/recorded",
        "d) Neither",
        "c) Not stated/recorded",
    ]
    letters = [codes.ethnicity(code, True) for code in Ethnicity]
    assert letters[0] == "a) WBRI" and letters[17] == "r) OOTH" and letters[-2:] == ["s) REFU", "s) NOBT"]
    assert [v[:3] for v in letters[:18]] == [f"{chr(ord('a') + n)}) " for n in range(18)]
    assert all(v.endswith(code.value) for v, code in zip(letters, Ethnicity))
    assert codes.ethnicity(None, False) == "s) NOBT" and codes.ethnicity(None, True) is None


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (D(2012, 3, 31), D(2026, 3, 31), 14),  # the birthday itself counts
        (D(2012, 4, 1), D(2026, 3, 31), 13),  # the day before it does not
        (D(2020, 2, 29), D(2025, 2, 28), 4),  # a leap-day birthday comes on 1 March
        (D(2020, 2, 29), D(2025, 3, 1), 5),
        (D(2026, 3, 31), D(2026, 3, 31), 0),
    ],
)
def test_age_is_whole_years_completed(born, day, age):
    assert age_on(born, day) == age


def test_the_same_child_has_the_same_id_in_every_years_list(annex_world):
    service = AnnexAService(annex_world.db, annex_world.manager("North"))
    this_year = {r.child_id for r in service.list2(START, END).rows}
    last_year = {r.child_id for r in service.list2(D(2024, 4, 1), D(2025, 3, 31)).rows}
    next_year = {r.child_id for r in service.list2(D(2026, 4, 1), D(2027, 3, 31)).rows}
    assert last_year == {annex_world.children["Dev"]} and next_year == {annex_world.children["Fay"]}
    assert annex_world.children["Ben"] in this_year
    assert len(set(annex_world.children.values())) == 7 and all(len(c) == 10 for c in annex_world.children.values())


def test_who_may_make_it(annex_world):
    north = annex_world.manager("North")
    with pytest.raises(PermissionDenied, match=r"may not make the Annex A early help list in South, which is not one"):
        AnnexAService(annex_world.db, north).list2(START, END, "South")
    for role in (Role.BUSINESS_SUPPORT, Role.LEAD_PROFESSIONAL, Role.ADMIN):
        with pytest.raises(PermissionDenied, match="may not make Ofsted's Annex A early help list"):
            AnnexAService(annex_world.db, annex_world.manager("North", role=role)).list2(START, END)
    with pytest.raises(ValidationError, match="no locality called “East”"):
        AnnexAService(annex_world.db, north).list2(START, END, "East")
    with pytest.raises(ValidationError, match=r"ends \(31/03/2025\) before it begins \(01/04/2025\)"):
        AnnexAService(annex_world.db, north).list2(START, D(2025, 3, 31))


def test_the_workbook_has_list_2_with_date_cells_and_the_children_not_listed(annex_world, tmp_path):
    out = tmp_path / "annex_a.xlsx"
    AnnexAService(annex_world.db, annex_world.manager("North")).write(START, END, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["List 2", "Not listed"]
    page = book["List 2"]
    values = list(page.iter_rows(values_only=True))
    assert values[0] == COLUMNS
    as_written = [tuple(v.date() if isinstance(v, dt.datetime) else v for v in row) for row in values[1:]]
    assert as_written == [tuple(r.cells()) for r in _north_rows(annex_world.children)]
    for column in "DFG":  # date of birth, start, completion: date cells shown dd/mm/yyyy
        assert page[f"{column}2"].is_date and page[f"{column}2"].number_format == "dd/mm/yyyy"
    assert page["G4"].value is None  # Ben's assessment is open
    assert page["E2"].data_type == "n" and page["A2"].data_type == "s"
    left = list(book["Not listed"].iter_rows(values_only=True))
    assert left[0] == ("Child Unique ID", "Case", "Assessment start date", "What is missing")
    assert left[1][:2] == (annex_world.children["Esi"], "N-2025-0001") and "no date of birth" in left[1][3]
    with annex_world.db.reader() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "report.annex_a")).one()
        values = s.get(AuditValue, event.id)
    assert event.actor_name == "Nadia Hughes"
    assert '"children": [null, 3]' in values.changes and "Esi" not in values.changes


def test_a_file_that_is_not_xlsx_is_refused_and_nothing_is_audited(annex_world, tmp_path):
    with pytest.raises(ValidationError, match="name it .xlsx"):
        AnnexAService(annex_world.db, annex_world.manager("North")).write(START, END, tmp_path / "annex_a.csv")
    assert not (tmp_path / "annex_a.csv").exists()
    with annex_world.db.reader() as s:
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.action == "report.annex_a")) is None


@pytest.fixture
def passwords(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n" * 20))


def _user(world, username: str, role: Role, *localities: str) -> None:
    with world.db.session() as s:
        s.add(
            User(
                username=username,
                display_name=username.title(),
                role=role,
                localities=[UserLocality(locality_id=world.localities[n]) for n in localities],
            )
        )
    allow_sign_in(world.db, username)


def test_the_command_writes_the_list_and_says_who_was_left_out(annex_world, tmp_path, capsys, passwords):
    _user(annex_world, "manager1", Role.LOCALITY_MANAGER, "North")
    common = ["--db", db_argument(annex_world.db), "--user", "manager1", "--password-stdin"]
    out = tmp_path / "annex_a.xlsx"
    period = ["--from", "2025-04-01", "--to", "2026-03-31"]
    assert main(["report", "annex-a", *period, "--out", str(out), *common]) == 0
    printed = capsys.readouterr().out
    esi = annex_world.children["Esi"]
    assert "01/04/2025 to 31/03/2026, North: 3 children." in printed and f"Written: {out.resolve()}" in printed
    assert "1 child not listed for want of a value (also on the sheet “Not listed”):" in printed
    assert f"  {esi} (N-2025-0001, assessment started 31/03/2026): no date of birth recorded; ethnicity" in printed
    assert openpyxl.load_workbook(out)["List 2"].max_row == 4

    assert main(["report", "annex-a", *period, "--out", str(out), *common]) == 1  # never replaced unasked
    assert "already exists: say --force" in capsys.readouterr().err
    assert main(["report", "annex-a", *period, "--out", str(out), "--force", "--locality", "South", *common]) == 1
    assert "may not make the Annex A early help list in South" in capsys.readouterr().err


def test_business_support_may_not_make_it_from_the_command_line(annex_world, tmp_path, capsys, passwords):
    _user(annex_world, "support1", Role.BUSINESS_SUPPORT, "North")
    common = ["--db", db_argument(annex_world.db), "--user", "support1", "--password-stdin"]
    out = tmp_path / "annex_a.xlsx"
    assert main(["report", "annex-a", "--from", "2025-04-01", "--to", "2026-03-31", "--out", str(out), *common]) == 1
    assert "may not make Ofsted's Annex A early help list" in capsys.readouterr().err
    assert not out.exists()
