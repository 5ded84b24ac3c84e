"""Text that got in before the door checked it (older rows, manual entry)
must not stop any document: characters XML and Word cannot hold are dropped,
and the full minutes and every Word document of the meeting are made."""

from __future__ import annotations

import zipfile

from sqlalchemy import update

from tafdesk.models import Decision, DocumentFormat, DocumentType, Family, Person, ProfileMember, Referral
from tafdesk.services.documents import DocumentService
from tests.documents.conftest import CLERK, TODAY, build_pack_world, pdf_text

BAD = "\x01\x0b\x1b\x7f\ufffe"  # control characters and a non-character: not allowed in XML 1.0


def _plant(db) -> str:
    nul = "\x00" if db.engine.dialect.name == "sqlite" else ""  # PostgreSQL text cannot hold NUL at all
    with db.session() as s:
        s.execute(
            update(Family).values(family_name=Family.family_name + BAD + nul, address_line1="7 Heron" + BAD + " Way")
        )
        s.execute(update(Person).values(given_name=Person.given_name + nul + BAD))
        s.execute(update(ProfileMember).values(given_name=ProfileMember.given_name + BAD))
        s.execute(update(Referral).values(reason="Attendance" + nul + BAD + " has fallen", referrer_name="Ref" + BAD))
        s.execute(update(Decision).values(rationale="Agreed" + BAD + nul + " by all"))
    return nul


def test_a_row_with_unsafe_text_still_makes_every_document(db, tmp_path):
    world = build_pack_world(db)
    _plant(db)
    service = DocumentService(db, CLERK, today=TODAY)
    entries = service.produce_meeting_pack(world.meeting_id, tmp_path)
    kinds = {(e.doc_type, e.doc_format) for e in entries}
    assert (DocumentType.MINUTES_FULL, DocumentFormat.PDF) in kinds
    words = [e for e in entries if e.doc_format is DocumentFormat.DOCX]
    assert len(words) == len([e for e in entries if e.doc_format is DocumentFormat.PDF]) > 2
    for entry in words:
        with zipfile.ZipFile(entry.path) as package:
            xml = package.read("word/document.xml").decode("utf-8")
        assert not any(c in xml for c in "\x00\x01\x0b\x1b\ufffe")
    full = next(e for e in entries if e.doc_type is DocumentType.MINUTES_FULL and e.doc_format is DocumentFormat.PDF)
    assert "Agreed by all" in pdf_text(full.path).replace("\n", " ")
