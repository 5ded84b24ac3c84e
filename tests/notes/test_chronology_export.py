"""`tafdesk export chronology`: the family's chronology as PDF and Word, in
the full edition and the edition for other agencies."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk import clock
from tafdesk.cli import main
from tafdesk.models import (
    NoteType,
    Professional,
    Profile360,
    ProfileInvolvement,
    Referral,
    RestrictedShare,
    Role,
    User,
)
from tafdesk.services.actor import Actor
from tafdesk.services.case_notes import CaseNotesService, NoteInput
from tafdesk.services.chronology import ChronologyService
from tests.conftest import PASSWORD, allow_sign_in, db_argument
from tests.documents.conftest import SECRET, docx_text, need_tool, pack_world, pdf_text, squash  # noqa: F401 (fixture)

LATER = dt.datetime(2026, 12, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def passwords(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n" * 20))


def _users(world) -> Actor:
    with world.db.session() as s:
        lead = s.get(Professional, world.people["Łukasz Kowalski"])
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
        lead_id = lead.id
        # The police item is shared with the lead, so that on PostgreSQL too their
        # connection reads what the edition for other agencies must withhold.
        police = s.scalar(
            select(ProfileInvolvement.id)
            .join(Profile360)
            .join(Referral)
            .where(Referral.case_id == world.cases["Nguyễn"], ProfileInvolvement.restricted.is_(True))
        )
        s.add(RestrictedShare(involvement_id=police, professional_id=lead_id, shared_by_name="Chair"))
    allow_sign_in(world.db, "lead1", "other1")
    return Actor(None, "Łukasz Kowalski", Role.LEAD_PROFESSIONAL, professional_id=lead_id)


def test_export_chronology_in_both_editions_and_formats(pack_world, tmp_path, capsys, passwords):  # noqa: F811
    lead = _users(pack_world)
    case_id = pack_world.cases["Nguyễn"]
    reference = pack_world.references["Nguyễn"]
    with clock.pinned(LATER):
        notes = CaseNotesService(pack_world.db, lead)
        notes.add(case_id, NoteInput(dt.date(2026, 12, 3), NoteType.HOME_VISIT, "Visited mum at home, all well."))
        notes.add(
            case_id,
            NoteInput(
                dt.date(2026, 12, 4), NoteType.PHONE, "Mum spoke about HIDDEN-NOTE-Z9 privately.", restricted=True
            ),
        )
        notes.add(
            case_id,
            NoteInput(dt.date(2026, 12, 7), NoteType.OFFICE, f"Police said: {SECRET}: a call-out at the family home."),
        )
        common = ["--db", db_argument(pack_world.db), "--password-stdin", "--user", "lead1"]
        agencies, full, word = tmp_path / "agencies.pdf", tmp_path / "full.pdf", tmp_path / "agencies.docx"
        assert main(["export", "chronology", reference, "--out", str(agencies), *common]) == 0
        assert main(["export", "chronology", reference.lower(), "--edition", "full", "--out", str(full), *common]) == 0
        assert main(["export", "chronology", reference, "--out", str(word), *common]) == 0
        assert "Chronology (edition for other agencies) written to" in capsys.readouterr().out

        shared = squash(pdf_text(agencies))
        assert "Chronology: the Nguyễn family" in shared and "Visited mum at home, all well." in shared
        assert "HIDDEN-NOTE-Z9" not in shared and SECRET not in shared and "[withheld: restricted]" in shared
        kept = squash(pdf_text(full))
        assert "[Restricted] Phone call: Mum spoke about HIDDEN-NOTE-Z9 privately." in kept and SECRET in kept
        days = [kept.index(day) for day in ("3 Dec 2026", "4 Dec 2026", "7 Dec 2026")]
        assert days == sorted(days)
        words = squash(docx_text(word))
        assert "Visited mum at home" in words and "HIDDEN-NOTE-Z9" not in words and SECRET not in words
        info = subprocess.run([need_tool("pdfinfo"), str(agencies)], check=True, capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info

        _registered_as_the_leads(pack_world, case_id, {agencies: "agencies", full: "full", word: "agencies"})

        assert main(["export", "chronology", reference, "--out", str(agencies), *common]) == 1  # no --force
        stranger = ["--db", db_argument(pack_world.db), "--password-stdin", "--user", "other1"]
        assert main(["export", "chronology", reference, "--out", str(tmp_path / "theirs.pdf"), *stranger]) == 1
    errors = capsys.readouterr().err
    assert "already exists" in errors and not (tmp_path / "theirs.pdf").exists()
    refusal = (
        "There is no case with the reference"
        if pack_world.db.url.get_backend_name() == "postgresql"
        else "they do not lead or support"
    )
    assert refusal in errors


def _registered_as_the_leads(world, case_id, files: dict) -> None:
    """Each file is in the document register, made by the lead, for the
    family, in its edition, with the file's own SHA-256; each entry audited."""
    from tafdesk.exports.files import sha256_of
    from tafdesk.models import AuditEvent, DocumentType
    from tafdesk.services.documents import DocumentService
    from tests.documents.conftest import CLERK

    entries = {Path(e.path): e for e in DocumentService(world.db, CLERK).list(case_id=case_id)}
    assert set(entries) == {path.resolve() for path in files}
    for path, edition in files.items():
        entry = entries[path.resolve()]
        expected = DocumentType.CHRONOLOGY_FULL if edition == "full" else DocumentType.CHRONOLOGY_AGENCIES
        assert entry.doc_type is expected and entry.doc_format.value == path.suffix[1:]
        assert entry.generated_by == "Łukasz Kowalski" and entry.family_name == "Nguyễn"
        assert entry.sha256 == sha256_of(path) and entry.file_version == 1 and entry.meeting_id is None
        assert entry.recipient == (
            "Other agencies" if edition == "agencies" else "The Team Around the Family (full edition)"
        )
    with world.db.reader() as s:
        audited = s.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "document.produced", AuditEvent.entity_id.in_([e.id for e in entries.values()])
            )
        ).all()
        assert len(audited) == len(files) and {a.actor_name for a in audited} == {"Łukasz Kowalski"}
        assert all("chronology_" in (a.changes or "") for a in audited)


def test_a_chronology_made_again_is_a_new_version_in_the_register(pack_world, tmp_path):  # noqa: F811
    from tafdesk.models import DocumentFormat, DocumentType
    from tafdesk.services.chronology_export import ChronologyExport
    from tafdesk.services.documents import DocumentService
    from tests.documents.conftest import CHAIR, CLERK

    case_id = pack_world.cases["Nguyễn"]
    with clock.pinned(LATER):
        export = ChronologyExport(pack_world.db, CHAIR)
        first = export.produce(case_id, DocumentFormat.PDF, tmp_path / "c.pdf", full=True)
        second = export.produce(case_id, DocumentFormat.PDF, tmp_path / "c.pdf", full=True)
        other = export.produce(case_id, DocumentFormat.PDF, tmp_path / "o.pdf", full=False)
        again = DocumentService(pack_world.db, CLERK).reproduce(other.id)
    assert (first.file_version, second.file_version, other.file_version) == (1, 2, 1)
    assert first.doc_type is DocumentType.CHRONOLOGY_FULL and first.generated_by == CHAIR.name
    assert again.doc_type is DocumentType.CHRONOLOGY_AGENCIES and again.file_version == 2
    assert Path(again.path) != Path(other.path) and Path(again.path).is_file()
    assert "Chronology: the Nguyễn family" in squash(pdf_text(Path(again.path)))
    chronology = ChronologyService(pack_world.db, CHAIR).chronology(case_id)
    assert any("Chronology for other agencies made" in e.summary for e in chronology.entries)
