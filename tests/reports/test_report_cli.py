"""`tafdesk report performance|caseloads --from --to [--locality] --out FILE`,
signed in as a person, as a scheduled job would run it."""

from __future__ import annotations

import io
import uuid

import openpyxl
import pytest

from tafdesk.cli import main
from tafdesk.cli_report import REPORTS
from tafdesk.models import Role, User, UserLocality
from tests.conftest import PASSWORD, allow_sign_in, db_argument

PERIOD_ARGS = ["--from", "2026-03-02", "--to", "2026-04-30"]


@pytest.fixture(scope="module")
def people(council) -> dict[str, str]:
    """who -> username (unique: on PostgreSQL each is a login role of the whole server)."""
    suffix = uuid.uuid4().hex[:8]
    names = {"manager": f"rep_lm_{suffix}", "lead": f"rep_lp_{suffix}"}
    with council.db.session() as s:
        s.add(
            User(
                username=names["manager"],
                display_name="Mina North",
                role=Role.LOCALITY_MANAGER,
                localities=[UserLocality(locality_id=council.localities["North"])],
            )
        )
        s.add(
            User(
                username=names["lead"],
                display_name="Ada Quill",
                role=Role.LEAD_PROFESSIONAL,
                professional_id=council.people["Ada"],
            )
        )
    allow_sign_in(council.db, *names.values())
    return names


@pytest.fixture
def passwords(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n" * 5))


def _run(council, who: str, *args: str) -> int:
    return main(["report", *args, "--db", db_argument(council.db), "--user", who, "--password-stdin"])


def test_the_reports_the_command_knows():
    assert {"performance", "caseloads", "annex-a", "supporting-families", "board-pack"} <= set(REPORTS)


def test_a_managers_performance_report_for_their_locality(council, people, passwords, tmp_path, capsys):
    out = tmp_path / "north.xlsx"
    assert _run(council, people["manager"], "performance", *PERIOD_ARGS, "--locality", "north", "--out", str(out)) == 0
    assert f"Written: {out.resolve()}" in capsys.readouterr().out
    summary = dict(openpyxl.load_workbook(out)["Summary"].iter_rows(min_row=2, values_only=True))
    assert (summary["Localities"], summary["Referrals received"], summary["Cases closed"]) == ("North", 8, 5)


def test_caseloads_as_pdf_and_csv(council, people, passwords, tmp_path):
    assert _run(council, people["manager"], "caseloads", *PERIOD_ARGS, "--out", str(tmp_path / "loads.pdf")) == 0
    assert (tmp_path / "loads.pdf").read_bytes().startswith(b"%PDF")
    assert _run(council, people["manager"], "caseloads", *PERIOD_ARGS, "--out", str(tmp_path / "loads.csv")) == 0
    assert (tmp_path / "loads_professionals.csv").exists() and (tmp_path / "loads_agencies.csv").exists()


def test_refusals_are_one_sentence_and_exit_1(council, people, passwords, tmp_path, capsys):
    out = str(tmp_path / "x.xlsx")
    assert _run(council, people["lead"], "performance", *PERIOD_ARGS, "--out", out) == 1
    assert "may not see the reports' figures" in capsys.readouterr().err
    assert _run(council, people["manager"], "performance", *PERIOD_ARGS, "--locality", "South", "--out", out) == 1
    assert "South, which is not one of their localities" in capsys.readouterr().err
    assert (
        _run(council, people["manager"], "performance", "--from", "2026-05-01", "--to", "2026-04-01", "--out", out) == 1
    )
    assert "The period ends (01/04/2026) before it begins (01/05/2026)" in capsys.readouterr().err
    assert _run(council, people["manager"], "performance", *PERIOD_ARGS, "--locality", "East", "--out", out) == 1
    assert "There is no locality called “East”" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_a_date_not_in_the_iso_form_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["report", "performance", "--from", "1/3/2026", "--to", "2026-04-30", "--out", "x.xlsx"])
    assert stopped.value.code == 2 and "is not a date in the form YYYY-MM-DD" in capsys.readouterr().err


def test_a_board_pack_with_the_narrative_from_a_file(council, people, passwords, tmp_path, capsys):
    from tests.documents.conftest import pdf_text

    narrative = tmp_path / "narrative.txt"
    narrative.write_text("Demand rose in March; Zoë's team met it.\n", encoding="utf-8")
    out = tmp_path / "board.pdf"
    args = ("board-pack", *PERIOD_ARGS, "--locality", "North", "--narrative", str(narrative), "--out", str(out))
    assert _run(council, people["manager"], *args) == 0
    assert f"Written: {out.resolve()}" in capsys.readouterr().out
    text = " ".join(pdf_text(out).split())
    assert "Demand rose in March; Zoë's team met it." in text and "Referrals received 8" in text


def test_a_board_pack_without_a_narrative_says_so(council, people, passwords, tmp_path, capsys):
    out = tmp_path / "board.docx"
    assert _run(council, people["manager"], "board-pack", *PERIOD_ARGS, "--out", str(out)) == 0
    assert "No narrative given" in capsys.readouterr().out and out.read_bytes().startswith(b"PK")


def test_a_board_pack_refusals(council, people, passwords, tmp_path, capsys):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9".encode("latin-1"))
    out = tmp_path / "board.pdf"
    assert (
        _run(council, people["manager"], "board-pack", *PERIOD_ARGS, "--narrative", str(latin), "--out", str(out)) == 1
    )
    assert "is not UTF-8 text" in capsys.readouterr().err
    assert _run(council, people["lead"], "board-pack", *PERIOD_ARGS, "--out", str(out)) == 1
    assert "may not see the reports' figures" in capsys.readouterr().err
    assert _run(council, people["manager"], "board-pack", *PERIOD_ARGS, "--out", str(tmp_path / "b.xlsx")) == 1
    assert "Name the file .pdf or .docx" in capsys.readouterr().err
    narrative = tmp_path / "n.txt"
    narrative.write_text("x", encoding="utf-8")
    args = ("performance", *PERIOD_ARGS, "--narrative", str(narrative), "--out", str(tmp_path / "p.xlsx"))
    assert _run(council, people["manager"], *args) == 1
    assert "for the board-pack only" in capsys.readouterr().err
    assert not out.exists()
