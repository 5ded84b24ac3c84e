"""Layout that survives real letterheads: a five-line address, a long
department name and a three-line footer overlap nothing; the signature
never stands alone on a page; table columns never break a word."""

from __future__ import annotations

import html
import io
import re
import subprocess
from pathlib import Path

from PIL import Image as PILImage

from tafdesk.exports.document import (
    Document,
    Letterhead,
    Metadata,
    Paragraph,
    SignatureBlock,
    Table,
)
from tafdesk.exports.files import render
from tafdesk.models.enums import DocumentFormat
from tests.documents.conftest import need_tool, pdf_text

LONG_HEAD = Letterhead(
    organisation="Ambervale Metropolitan Borough Council",
    department="Children, Families and Education Directorate: Early Help, Prevention and Family Support Service",
    address=("Second Floor, The Civic Centre", "Market Street", "Northtown", "Ambervale", "NT1 1AA"),
    phone="01632 960000",
    email="earlyhelp@ambervale.example",
    footer="This letter holds personal information about your family. We share it only with the people who need it "
    "to help you, under the Children Act 2004 and the UK GDPR. You can ask to see it, ask us to correct it or "
    "complain to the Information Commissioner's Office (ico.org.uk). Read our privacy notice online.",
)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _logo() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (300, 150), "#1f4e79").save(out, "PNG")
    return out.getvalue()


def _pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes, as pdftotext reads them."""
    out = subprocess.run([need_tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True).stdout
    pages = out.decode("utf-8").split("<page ")[1:]
    return [
        [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in WORD.findall(p)] for p in pages
    ]


def _overlaps(words: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    found = []
    for n, (x0, y0, x1, y1, w) in enumerate(words):
        for a0, b0, a1, b1, v in words[n + 1 :]:
            # more than a sliver in both directions: glyphs drawn over each other
            if min(x1, a1) - max(x0, a0) > 1 and min(y1, b1) - max(y0, b0) > 2:
                found.append((w, v))
    return found


def test_a_long_letterhead_and_footer_overlap_nothing_and_the_signature_keeps_with_its_letter(tmp_path):
    from dataclasses import replace

    head = replace(LONG_HEAD, logo_png=_logo())
    body = tuple(
        Paragraph(
            f"Paragraph {n} of the letter, long enough to wrap across the line more than once when it is "
            "set on an A4 page with the margins a council letter has."
        )
        for n in range(1, 19)
    )
    letter = Document(
        Metadata("Letter", "Jordan Blake", "Allocation letter"),
        (*body, SignatureBlock("Yours sincerely", "Jordan Blake", "Early Help Service Manager", head.organisation)),
        letterhead=head,
        marking="OFFICIAL-SENSITIVE",
    )
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(render(letter, DocumentFormat.PDF))
    pages = _pages(pdf)
    for words in pages:
        assert _overlaps(words) == []
    first = " ".join(w for *_, w in pages[0])
    assert "NT1 1AA" in first and "Directorate:" in first and "Commissioner's" in first
    last = " ".join(w for *_, w in pages[-1])
    assert "sincerely" in last and "Paragraph" in last  # never a page with only the signature on it


def test_table_columns_never_break_a_word(tmp_path):
    table = Table(
        ("Case", "Family", "Decision", "Lead professional", "Team Around the Family"),
        (("N-2026-0001", "M", "Lead professional allocated", "Tomas Okafor", "Schools"),),
        (2.2, 1.1, 3.6, 3, 3.6),
    )  # the circulation minutes' columns
    doc = Document(Metadata("Minutes", "Clerk", "Minutes (circulation edition)"), (table,))
    pdf = tmp_path / "table.pdf"
    pdf.write_bytes(render(doc, DocumentFormat.PDF))
    words = [w for *_, w in _pages(pdf)[0]]
    assert "Family" in words and "Famil" not in words


def test_in_word_the_signature_keeps_with_the_paragraph_before_it_and_together(tmp_path):
    import docx

    letter = Document(
        Metadata("Letter", "Jordan Blake", "Allocation letter"),
        (
            Paragraph("The last paragraph of the letter."),
            SignatureBlock("Yours sincerely", "Jordan Blake", "Early Help Service Manager", "Ambervale Council"),
        ),
        letterhead=LONG_HEAD,
    )
    path = tmp_path / "letter.docx"
    path.write_bytes(render(letter, DocumentFormat.DOCX))
    paragraphs = [p for p in docx.Document(str(path)).paragraphs if p.text]
    texts = [p.text for p in paragraphs]
    last = texts.index("The last paragraph of the letter.")
    assert texts[last:] == [
        "The last paragraph of the letter.",
        "Yours sincerely",
        "Jordan Blake",
        "Early Help Service Manager",
        "Ambervale Council",
    ]
    assert [bool(p.paragraph_format.keep_with_next) for p in paragraphs[last:]] == [True, True, True, True, False]


def test_a_paragraph_of_one_run_is_written_in_every_format(tmp_path: Path):
    """Inline content may be text, runs, or one Run alone (exports.document.Inline)."""
    import zipfile

    from tafdesk.exports.document import Run
    from tafdesk.exports.html import render_html

    document = Document(
        Metadata("One run", "Tester", "A paragraph of one run"), (Paragraph(Run("Seen by the whole group", bold=True)),)
    )
    assert "<b>Seen by the whole group</b>" in render_html(document)
    with zipfile.ZipFile(io.BytesIO(render(document, DocumentFormat.DOCX))) as docx:
        assert "Seen by the whole group" in docx.read("word/document.xml").decode("utf-8")
    pdf = tmp_path / "one-run.pdf"
    pdf.write_bytes(render(document, DocumentFormat.PDF))
    assert "Seen by the whole group" in pdf_text(pdf)
