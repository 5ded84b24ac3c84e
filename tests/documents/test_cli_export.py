"""`tafdesk export`: minutes, letters and plans from the command line."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from tafdesk.cli import main
from tafdesk.models import Locality, Role, User, UserLocality
from tests.conftest import PASSWORD, allow_sign_in, db_argument
from tests.documents.conftest import pdf_text, squash


@pytest.fixture
def passwords(monkeypatch):
    """Standard input holding the password, for each sign-in of the test."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n" * 20))


def test_export_minutes_letters_and_a_plan(pack_world, tmp_path, capsys, passwords):
    with pack_world.db.session() as s:
        s.add(
            User(
                username="support1",
                display_name="Support One",
                role=Role.BUSINESS_SUPPORT,
                localities=[UserLocality(locality_id=s.scalar(select(Locality.id).where(Locality.name == "North")))],
            )
        )
    allow_sign_in(pack_world.db, "support1")
    db = db_argument(pack_world.db)
    common = ["--db", db, "--user", "support1", "--password-stdin"]
    out = tmp_path / "circulation.pdf"
    assert main(["export", "minutes", "north 2026-12-01", "--edition", "circulation", "--out", str(out), *common]) == 0
    text = squash(pdf_text(out))
    assert "minutes for circulation" in text and "Nguyễn" not in text
    assert (
        main(["export", "letters", "North 2026-12-01", "--format", "docx", "--out", str(tmp_path / "letters"), *common])
        == 0
    )
    assert len(list((tmp_path / "letters").glob("*.docx"))) == 10
    reference = pack_world.references["Nguyễn"]
    assert main(["export", "plan", reference.lower(), "--out", str(tmp_path / "plan.pdf"), *common]) == 0
    assert "Team Around the Family plan" in pdf_text(tmp_path / "plan.pdf")
    printed = capsys.readouterr().out
    assert "Minutes (circulation) written to" in printed and "10 files written to" in printed

    assert main(["export", "minutes", "North 2026-12-02", "--out", str(tmp_path / "x.pdf"), *common]) == 1
    assert main(["export", "plan", reference, "--out", str(tmp_path / "plan.txt"), *common]) == 1
    errors = capsys.readouterr().err
    assert (
        "North had no meeting on Wednesday 2 December 2026" in errors and "“plan.txt” has neither extension" in errors
    )


def test_export_minutes_is_the_circulation_edition_unless_asked_and_never_overwrites_without_force(
    pack_world,
    tmp_path,
    capsys,
    passwords,
):
    with pack_world.db.session() as s:
        s.add(
            User(
                username="support1",
                display_name="Support One",
                role=Role.BUSINESS_SUPPORT,
                localities=[UserLocality(locality_id=s.scalar(select(Locality.id).where(Locality.name == "North")))],
            )
        )
    allow_sign_in(pack_world.db, "support1")
    common = ["--db", db_argument(pack_world.db), "--user", "support1", "--password-stdin"]
    out = tmp_path / "minutes.pdf"
    assert main(["export", "minutes", "North 2026-12-01", "--out", str(out), *common]) == 0
    text = squash(pdf_text(out))
    assert "minutes for circulation" in text and "Nguyễn" not in text
    before = out.read_bytes()

    assert main(["export", "minutes", "North 2026-12-01", "--edition", "full", "--out", str(out), *common]) == 1
    assert "already exists" in capsys.readouterr().err and out.read_bytes() == before
    assert (
        main(["export", "minutes", "North 2026-12-01", "--edition", "full", "--out", str(out), "--force", *common]) == 0
    )
    assert "the Nguyễn family" in squash(pdf_text(out))

    word = tmp_path / "minutes.docx"
    assert main(["export", "minutes", "North 2026-12-01", "--format", "pdf", "--out", str(word), *common]) == 1
    assert "--format pdf does not agree with “minutes.docx”" in capsys.readouterr().err and not word.exists()


def test_a_lead_professional_exports_their_own_familys_plan_only(pack_world, tmp_path, capsys, passwords):
    from tafdesk.models import Professional

    with pack_world.db.session() as s:
        lead = s.get(Professional, pack_world.people["Łukasz Kowalski"])
        stranger = Professional(
            agency_id=lead.agency_id,
            locality_id=lead.locality_id,
            given_name="Other",
            family_name="Worker",
            job_title="Family Support Worker",
            fte=1.0,
        )
        s.add(stranger)
        s.flush()
        s.add_all(
            [
                User(
                    username="lead1",
                    display_name="Łukasz Kowalski",
                    role=Role.LEAD_PROFESSIONAL,
                    professional_id=lead.id,
                ),
                User(
                    username="other1",
                    display_name="Other Worker",
                    role=Role.LEAD_PROFESSIONAL,
                    professional_id=stranger.id,
                ),
            ]
        )
    allow_sign_in(pack_world.db, "lead1", "other1")
    reference = pack_world.references["Nguyễn"]
    common = ["--db", db_argument(pack_world.db), "--password-stdin"]

    assert main(["export", "plan", reference, "--out", str(tmp_path / "mine.pdf"), *common, "--user", "lead1"]) == 0
    assert "Team Around the Family plan" in pdf_text(tmp_path / "mine.pdf")
    assert main(["export", "plan", reference, "--out", str(tmp_path / "theirs.pdf"), *common, "--user", "other1"]) == 1
    # On PostgreSQL the server shows them no such case at all (row-level security); on SQLite the service refuses.
    refusal = (
        "There is no case with the reference"
        if pack_world.db.url.get_backend_name() == "postgresql"
        else "they do not lead or support"
    )
    assert refusal in capsys.readouterr().err and not (tmp_path / "theirs.pdf").exists()
