"""The board pack from the figures' council (figures_world.py, period 2 Mar -
30 Apr 2026): the hand-counted figures as a reader of the PDF and the Word
file sees them, small numbers withheld, no family named, the register and
the audit trail, and who may make one."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.models import AuditEvent, DocumentFormat, DocumentType, Role
from tafdesk.services import document_register
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.reports.board_pack import NARRATIVE_LIMIT, BoardPackService
from tafdesk.services.reports.small_numbers import FEWER, NOT_SHOWN, Disclosure
from tests.documents.conftest import docx_text, need_tool, pdf_text
from tests.reports.conftest import PERIOD
from tests.reports.figures_world import NOW

NARRATIVE = "Referrals held steady over Easter.\n\nThe North group cleared its deferrals by the end of April."
FAMILIES = ("Abbott", "Baker", "Clarke", "Dunn", "Evans", "Fox", "Grant", "Hill", "Irwin", "Jones", "Lloyd", "Moss")
PROFESSIONALS = ("Quill", "Rook", "Sloe", "Tarn")


def squash(text: str) -> str:
    return " ".join(text.split())


def _service(council, actor=None) -> BoardPackService:
    return BoardPackService(council.db, actor or council.manager("North", "South"), now=NOW)


@pytest.fixture(scope="module")
def shown_pdf(council, tmp_path_factory) -> tuple[Path, str]:
    """Every number shown, so the hand counts can be read."""
    out = tmp_path_factory.mktemp("pack") / "board.pdf"
    _service(council).produce(PERIOD, None, out, NARRATIVE, suppress=False)
    return out, squash(pdf_text(out))


@pytest.fixture(scope="module")
def withheld_pdf(council, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("pack") / "published.pdf"
    _service(council).produce(PERIOD, None, out)
    return squash(pdf_text(out))


def test_the_pdf_carries_the_hand_counted_figures(shown_pdf):
    _, text = shown_pdf
    assert "Early help board pack" in text and "2 Mar 2026 to 30 Apr 2026" in text
    assert "Localities covered North and South" in text
    # Referrals 9, one repeat (11%); need areas education 3, health 2, housing 2, crime 2.
    assert "Referrals received 9" in text and "Repeat referrals within 12 months 1" in text
    assert "Repeat rate 11%" in text
    # Front door: 8 cases, median 1, p90 5, target 3, 7 within (88%); group 6, 6, 12, 10, 4 (67%).
    assert "Profile received to front-door decision 8 1 5 3 88%" in text
    assert "Profile received to the group's decision 6 6 12 10 67%" in text
    assert "Profile received to allocation 5 6 12 10 80%" in text
    # Meeting decisions: 9 (allocate 5, defer 3, step up 1).
    assert "Decisions of the Case Management Groups 9" in text
    # Plans: 1 on time of 3 judged (33%); closures 5.
    assert "Plans agreed within 20 working days 33%" in text
    assert "Cases closed 5" in text


def test_the_narrative_is_printed_as_written(shown_pdf):
    _, text = shown_pdf
    assert "Referrals held steady over Easter." in text
    assert "The North group cleared its deferrals by the end of April." in text


def test_no_family_or_professional_is_named(shown_pdf, withheld_pdf):
    for text in (shown_pdf[1], withheld_pdf):
        assert not [name for name in (*FAMILIES, *PROFESSIONALS) if name in text]
        assert not re.search(r"\b[NS]-20\d\d-\d{4}\b", text)  # no case reference
        assert "Only worker who knows the school" not in text  # nor an over-capacity reason


def test_small_numbers_are_withheld_by_default(withheld_pdf):
    text = withheld_pdf
    assert "Small numbers Withheld (fewer than 5)" in text
    assert "Referrals received 9" in text  # 5 and over: shown
    assert f"Repeat referrals within 12 months {FEWER}" in text and f"Repeat rate {NOT_SHOWN}" in text
    # Front-door outcomes 6, 1 and 1: the two small ones withheld, the 6 and its share shown.
    assert "Sent to the Case Management Group 6 75%" in text
    assert f"Information, advice and guidance {FEWER} Stepped down to universal services {FEWER} Total 8" in text
    # Within target 4 of 6 and 4 of 5: small parts, so the rates are withheld; the medians of 6 and 5 shown.
    assert f"Profile received to the group's decision 6 6 12 10 {NOT_SHOWN}" in text
    assert f"Profile received to allocation 5 6 12 10 {NOT_SHOWN}" in text
    # Closures 1 for each of five reasons: every one withheld, the total shown.
    assert f"Needs met {FEWER}" in text and "Total 5" in text
    assert "OFFICIAL" in text and "OFFICIAL-SENSITIVE" not in text


def test_when_shown_the_pack_says_so_and_is_marked_sensitive(shown_pdf):
    _, text = shown_pdf
    assert "Shown: not for publication" in text and "OFFICIAL-SENSITIVE" in text
    assert FEWER not in text


def test_the_pdf_passes_qpdf(shown_pdf):
    result = subprocess.run([need_tool("qpdf"), "--check", str(shown_pdf[0])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pack_is_registered_and_audited(council, shown_pdf):
    path = shown_pdf[0].resolve()
    with council.db.reader() as s:
        entry = next(e for e in document_register.entries(s) if e.path == str(path))
        assert (entry.doc_type, entry.doc_format) == (DocumentType.BOARD_PACK, DocumentFormat.PDF)
        assert entry.case_id is None and entry.meeting_id is None
        assert entry.recipient == "Board: North and South, 2 Mar 2026 to 30 Apr 2026"
        assert entry.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()
        produced = s.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == entry.id, AuditEvent.action == "document.produced")
        ).all()
        assert len(produced) == 1


def test_the_word_file_carries_the_same_figures_and_converts(council, tmp_path):
    out = tmp_path / "board.docx"
    entry = _service(council, council.manager("North")).produce(PERIOD, council.localities["North"], out, NARRATIVE)
    assert entry.doc_format is DocumentFormat.DOCX
    text = squash(docx_text(out))
    assert "Localities covered North" in text and "Referrals received 8" in text
    assert "Referrals held steady over Easter." in text
    assert not [name for name in FAMILIES if name in text]
    soffice = need_tool("soffice")
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "converted"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0 and (tmp_path / "converted" / "board.pdf").exists(), result.stderr


def test_without_a_narrative_the_pack_says_none_was_written(council):
    document = _service(council).document(PERIOD, None)
    assert "No narrative was written for this pack." in document.text()


def test_a_narrative_over_the_limit_is_refused_and_nothing_written(council, tmp_path):
    out = tmp_path / "long.pdf"
    with pytest.raises(ValidationError) as refused:
        _service(council).produce(PERIOD, None, out, "x" * (NARRATIVE_LIMIT + 10))
    assert "Shorten it by 10" in refused.value.fields["narrative"]
    assert not out.exists()


def test_a_file_is_replaced_only_when_told_and_the_name_says_the_format(council, tmp_path):
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"keep")
    with pytest.raises(ConflictError):
        _service(council).produce(PERIOD, None, out)
    assert out.read_bytes() == b"keep"
    with pytest.raises(ValidationError, match="Name the file .pdf or .docx"):
        _service(council).produce(PERIOD, None, tmp_path / "pack.xlsx")


@pytest.mark.parametrize("role", [Role.LEAD_PROFESSIONAL, Role.ADMIN])
def test_only_those_who_see_the_reports_make_a_pack(council, tmp_path, role):
    out = tmp_path / "refused.pdf"
    with pytest.raises(PermissionDenied):
        _service(council, council.manager("North", role=role)).produce(PERIOD, None, out)
    assert not out.exists()


def test_a_manager_makes_no_pack_of_another_locality(council, tmp_path):
    with pytest.raises(PermissionDenied, match="South"):
        _service(council, council.manager("North")).produce(PERIOD, council.localities["South"], tmp_path / "s.pdf")


# -- the rule for small numbers, by itself --------------------------------------------------


def test_counts_of_one_to_four_are_withheld_and_zero_is_shown():
    show = Disclosure()
    assert [show.count(n) for n in (0, 1, 4, 5, 1234)] == ["0", FEWER, FEWER, "5", "1,234"]
    assert Disclosure(suppress=False).count(3) == "3"


def test_rates_and_measures_over_few_families_are_not_shown():
    show = Disclosure()
    assert show.rate(3, 10) == NOT_SHOWN and show.rate(6, 4) == NOT_SHOWN and show.rate(6, 10) == "60%"
    assert show.rate(0, 0) == "—" and show.rate(0, 12) == "0%"
    assert show.measure(4, 6.0) == NOT_SHOWN and show.measure(5, 6.0) == "6"
    assert show.measure(5, 1.25, places=1) == "1.2"


def test_a_lone_withheld_part_takes_the_next_smallest_with_it():
    show = Disclosure()
    # 12 + 7 + 3 = 22: with 3 alone withheld the total would give it away, so 7 goes too.
    assert show.parts([12, 7, 3]) == ["12", NOT_SHOWN, FEWER]
    # Two small parts already hide each other; zeros point to nobody.
    assert show.parts([12, 2, 3, 0]) == ["12", FEWER, FEWER, "0"]
    assert show.parts([12, 9]) == ["12", "9"]
    assert Disclosure(suppress=False).parts([12, 7, 3]) == ["12", "7", "3"]
