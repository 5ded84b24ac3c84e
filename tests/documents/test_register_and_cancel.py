"""The register of produced documents, cancelling a pack half-way, and who
may produce documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.exports import files
from tafdesk.models import AuditEvent, DocumentFormat, DocumentType, Role
from tafdesk.services.actor import Actor
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError, PermissionDenied, ServiceError
from tafdesk.services.meetings import MeetingService
from tests.documents.conftest import CHAIR, CLERK, NOW, TODAY, pdf_text


def test_every_document_made_is_registered_with_its_hash_and_audited(pack_world, tmp_path):
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    made = service.produce_letters(pack_world.meeting_id, tmp_path, formats=(DocumentFormat.PDF,))
    register = service.list()
    assert {e.id for e in register} == {e.id for e in made} and len(made) == 10
    for entry in register:
        assert hashlib.sha256(Path(entry.path).read_bytes()).hexdigest() == entry.sha256
        assert entry.generated_by == "Clerk Tester" and entry.meeting == "North 2026-12-01"
        assert entry.case_reference in pack_world.references.values() and entry.recipient
    nguyen = service.list(case_id=pack_world.cases["Nguyễn"])
    assert {e.doc_type for e in nguyen} == {
        DocumentType.LETTER_ALLOCATION,
        DocumentType.LETTER_REFERRER,
        DocumentType.LETTER_FAMILY,
    }
    with pack_world.db.reader() as s:
        audited = s.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "document.produced")).all()
    assert set(audited) == {e.id for e in made}
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(Path(made[0].path).read_bytes())
    entry = service.register(DocumentType.LETTER_IAG, DocumentFormat.PDF, outside, "Someone")
    assert entry.sha256 == made[0].sha256 and service.list(limit=1)[0].id == entry.id


def test_cancelling_mid_batch_leaves_only_whole_registered_files(pack_world, tmp_path):
    tmp_path = tmp_path / "pack"
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    seen = []

    def progress(done, total, label):
        seen.append((done, total, label))

    made = service.produce_meeting_pack(
        pack_world.meeting_id, tmp_path, progress=progress, cancelled=lambda: len(seen) > 5
    )
    on_disk = sorted(p.name for p in tmp_path.iterdir())
    assert on_disk == sorted(Path(e.path).name for e in made)
    assert 0 < len(made) < seen[0][1]  # some, not all, of the pack
    assert not list(tmp_path.glob(".*partial"))
    assert seen[-1][2] == "Cancelled"
    for entry in made:
        assert hashlib.sha256(Path(entry.path).read_bytes()).hexdigest() == entry.sha256
    assert "North Locality Case Management Group" in pdf_text(Path(made[0].path))
    assert {e.id for e in service.list()} == {e.id for e in made}


def test_a_disk_filling_up_mid_pack_leaves_what_was_written_registered(pack_world, tmp_path, monkeypatch):
    """A pack's files are registered together: when writing fails part-way,
    the files already written are in the register all the same."""
    tmp_path = tmp_path / "pack"
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    real_fsync, synced = files.os.fsync, []

    def fills_up(fd):
        if len(synced) == 3:
            raise OSError(28, "No space left on device")
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fills_up)
    with pytest.raises(ServiceError, match="could not be written: No space left on device"):
        service.produce_meeting_pack(pack_world.meeting_id, tmp_path)
    registered = service.list()
    assert len(registered) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(Path(e.path).name for e in registered)


def test_a_failure_while_writing_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "letter.pdf"

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", broken)
    with pytest.raises(OSError):
        files.write_atomically(target, b"%PDF-1.4 half")
    assert list(tmp_path.iterdir()) == []


def test_a_pack_waits_for_the_meeting_to_close_and_only_some_roles_make_documents(pack_world, tmp_path):
    tmp_path = tmp_path / "pack"
    MeetingService(pack_world.db, CHAIR, now=NOW).reopen(pack_world.meeting_id, "A decision needs correcting first.")
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    with pytest.raises(ConflictError):
        service.produce_meeting_pack(pack_world.meeting_id, tmp_path)
    lead = DocumentService(pack_world.db, Actor(None, "Lead", Role.LEAD_PROFESSIONAL), today=TODAY)
    with pytest.raises(PermissionDenied):
        lead.produce_minutes(pack_world.meeting_id, DocumentType.MINUTES_FULL, DocumentFormat.PDF, tmp_path / "m.pdf")
    with pytest.raises(PermissionDenied):
        lead.list()
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []
