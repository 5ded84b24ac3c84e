"""The register is a record: each making of a document keeps its own file
and checksum, Open checks it, one letter can be made again alone, and each
entry says whose family it is, who it went to and whether it was sent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.exports.files import sha256_of
from tafdesk.models import AuditEvent, DocumentFormat, DocumentType, SendMethod
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError, NotFound
from tests.documents.conftest import CLERK, TODAY

T = DocumentType
PDF = (DocumentFormat.PDF,)


def test_making_the_letters_again_keeps_every_earlier_file_as_it_was(pack_world, tmp_path):
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    first = service.produce_letters(pack_world.meeting_id, tmp_path, formats=PDF)
    second = service.produce_letters(pack_world.meeting_id, tmp_path, formats=PDF)
    assert (
        len(first) == len(second) and {e.file_version for e in first} == {1} and {e.file_version for e in second} == {2}
    )
    assert all(Path(e.path).name.endswith("_v2.pdf") for e in second)
    assert len({e.path for e in first + second}) == 2 * len(first)
    for entry in first + second:
        assert sha256_of(Path(entry.path)) == entry.sha256
        assert service.verify(entry.id) == Path(entry.path)
    assert len(service.list(meeting_id=pack_world.meeting_id)) == 2 * len(first)


def test_open_checks_the_checksum(pack_world, tmp_path):
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    changed, gone = service.produce_letters(pack_world.meeting_id, tmp_path, formats=PDF)[:2]
    with open(changed.path, "ab") as file:
        file.write(b"\n% edited")
    with pytest.raises(ConflictError, match="has changed since tafdesk produced it"):
        service.verify(changed.id)
    Path(gone.path).unlink()
    with pytest.raises(NotFound, match="is no longer there"):
        service.verify(gone.id)


def test_one_letter_is_made_again_alone_as_a_new_version(pack_world, tmp_path):
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    case = pack_world.cases["Byrne"]
    first = service.produce_letters(pack_world.meeting_id, tmp_path, formats=PDF)
    before = len(service.list())
    step_up = next(e for e in first if e.case_id == case and e.doc_type is T.LETTER_STEP_UP)
    again = service.reproduce(step_up.id)
    assert (again.doc_type, again.case_id, again.file_version) == (T.LETTER_STEP_UP, case, 2)
    assert Path(again.path).parent == Path(step_up.path).parent and again.path != step_up.path
    assert len(service.list()) == before + 1 and service.verify(step_up.id)
    alone = service.produce_letter(pack_world.meeting_id, case, T.LETTER_REFERRER, tmp_path / "alone", PDF)
    assert [(e.doc_type, e.file_version) for e in alone] == [(T.LETTER_REFERRER, 2)]
    with pytest.raises(ConflictError, match="calls for no allocation letter"):
        service.produce_letter(pack_world.meeting_id, case, T.LETTER_ALLOCATION, tmp_path, PDF)


def test_minutes_are_made_again_beside_the_first(pack_world, tmp_path):
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    first = service.produce_minutes(
        pack_world.meeting_id, T.MINUTES_CIRCULATION, DocumentFormat.PDF, tmp_path / "m.pdf"
    )
    again = service.reproduce(first.id)
    assert Path(again.path).name == "m_v2.pdf" and again.file_version == 2 and service.verify(first.id)


def test_the_register_shows_the_family_the_recipient_and_who_marked_it_sent(pack_world, tmp_path):
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    entries = service.produce_letters(pack_world.meeting_id, tmp_path, formats=PDF)
    family = next(e for e in entries if e.doc_type is T.LETTER_FAMILY and e.case_id == pack_world.cases["Nguyễn"])
    listed = {e.id: e for e in service.list()}[family.id]
    assert (listed.family_name, listed.recipient, listed.sent_words) == ("Nguyễn", "Thị Mai Nguyễn", "Not sent")
    marked = service.mark_sent(family.id, SendMethod.POST, dt.date(2026, 12, 3))
    assert marked.sent_words == f"Posted 3 December 2026 ({CLERK.name})"
    assert (marked.sent_on, marked.sent_how, marked.sent_by) == (dt.date(2026, 12, 3), SendMethod.POST, CLERK.name)
    assert service.mark_sent(family.id, None).sent_words == "Not sent"
    with pack_world.db.reader() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == family.id)).all()
    assert sorted(actions) == ["document.not_sent", "document.produced", "document.sent"]
