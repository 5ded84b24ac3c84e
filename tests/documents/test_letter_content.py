"""What every letter carries besides its body: the signatory by name and
job title (never a login name), the letterhead's telephone number, a privacy
notice and a complaints route; and the refusal when the letterhead lacks one."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tafdesk.models import DocumentFormat, DocumentType
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError
from tafdesk.services.letterhead import LetterheadService
from tests.documents.conftest import CLERK, LETTERHEAD, TODAY, squash, text_of


@pytest.mark.parametrize("fmt", [DocumentFormat.PDF, DocumentFormat.DOCX])
def test_every_letter_carries_the_signatory_the_phone_a_privacy_notice_and_a_complaints_route(
    pack_world, tmp_path, fmt
):
    entries = DocumentService(pack_world.db, CLERK, today=TODAY).produce_letters(
        pack_world.meeting_id, tmp_path, formats=(fmt,)
    )
    assert len(entries) >= 9
    for entry in entries:
        text = squash(text_of(Path(entry.path)))
        assert "Morgan Testsignatory Early Help Locality Manager" in text, entry.path
        assert CLERK.name not in text
        assert "01632 960000" in text
        assert "Data Protection Officer, dpo@northshire.example" in text and "Information Commissioner" in text
        assert "complaints@northshire.example" in text
        family = entry.doc_type.value in ("letter_family", "letter_step_up", "letter_step_down")
        assert ("How we use your information" in text) == family
        assert ("information sharing agreement" in text) == (not family)


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("phone", "a telephone number"),
        ("complaints", "a complaints route"),
        ("signatory_title", "the signatory's job title"),
        ("privacy_contact", "a privacy (data protection) contact"),
    ],
)
def test_a_pack_is_refused_before_any_file_when_the_letterhead_lacks_what_letters_need(
    pack_world, tmp_path, field, words
):
    LetterheadService(pack_world.db, CLERK).save(dataclasses.replace(LETTERHEAD, **{field: ""}))
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    with pytest.raises(ConflictError) as refused:
        service.produce_meeting_pack(pack_world.meeting_id, tmp_path / "pack")
    assert (
        str(refused.value) == f"Letters cannot be made until the letterhead has {words}: add them under "
        "Documents → Letterhead."
    )
    assert not (tmp_path / "pack").exists() or not list((tmp_path / "pack").iterdir())
    with pytest.raises(ConflictError, match=words.replace("(", r"\(").replace(")", r"\)")):
        service.case_letter(pack_world.cases["Nguyễn"], DocumentType.LETTER_FAMILY)
