"""Every PDF is valid, A4, tagged with its title, author, subject and
language, with bookmarks, page numbers and embedded fonts; every Word file
has named heading styles, repeating table headers and its properties, and
converts cleanly in LibreOffice; every name prints in its own alphabet."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.documents.conftest import ARABIC_NAME, need_tool, pdf_text, squash


def test_every_pdf_passes_qpdf_check(documents):
    qpdf = need_tool("qpdf")
    pdfs = [p for p in documents if p.suffix == ".pdf"]
    for pdf in pdfs:
        result = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
        assert result.returncode == 0, f"{pdf.name}: {result.stdout}{result.stderr}"
        assert "No syntax or stream encoding errors" in result.stdout


def test_pdfs_are_a4_with_metadata_language_bookmarks_and_embedded_fonts(documents):
    qpdf, pdfinfo, pdffonts = need_tool("qpdf"), need_tool("pdfinfo"), need_tool("pdffonts")
    plan = next(p for p in documents if p.name == "plan.pdf")
    info = subprocess.run([pdfinfo, str(plan)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info and "Title:           TAF plan" in info
    assert "Subject:         Team Around the Family plan" in info and "Author:" in info
    data = json.loads(subprocess.run([qpdf, "--json", str(plan)], capture_output=True, text=True, check=True).stdout)
    catalog = next(
        obj["value"]
        for obj in data["qpdf"][1].values()
        if isinstance(obj, dict) and isinstance(obj.get("value"), dict) and obj["value"].get("/Type") == "/Catalog"
    )
    assert catalog["/Lang"] == "u:en-GB"
    titles = [o["title"] for o in _walk(data["outlines"])]
    assert "Team Around the Family plan: the Nguyễn family" in titles and "Actions" in titles and "Reviews" in titles
    for pdf in (p for p in documents if p.suffix == ".pdf"):
        fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), f"{pdf.name}: {fonts}"  # the "emb" column


def _walk(outlines: list) -> list:
    out = []
    for item in outlines:
        out.append(item)
        out += _walk(item.get("kids", []))
    return out


def test_names_in_every_alphabet_print_and_pages_are_numbered(documents):
    plan = squash(pdf_text(next(p for p in documents if p.name == "plan.pdf")))
    assert "Nguyễn Thị Mai" in plan and "Zoë" in plan and "Łukasz Kowalski" in plan
    assert "Page 1 of " in plan and "Distance travelled" in plan
    letters = " ".join(squash(pdf_text(p)) for p in documents if p.suffix == ".pdf" and "letter" in p.name)
    assert "Siobhán O'Neill" in letters and ARABIC_NAME in letters and "Łukasz" in letters and "Zoë" in letters


def test_word_files_have_named_headings_repeating_header_rows_and_properties(documents):
    import docx
    from docx.oxml.ns import qn

    plan = docx.Document(str(next(p for p in documents if p.name == "plan.docx")))
    styles = [p.style.name for p in plan.paragraphs if p.text]
    assert "Heading 1" in styles and "Heading 2" in styles
    assert plan.core_properties.title.startswith("TAF plan") and plan.core_properties.language == "en-GB"
    assert plan.core_properties.subject == "Team Around the Family plan"
    data_tables = [t for t in plan.tables if len(t.rows) > 1 and len(t.columns) > 2]
    assert data_tables
    for table in data_tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    pictures = plan.inline_shapes
    assert len(pictures) == 1 and "scores" in pictures[0]._inline.docPr.get("descr")
    minutes = docx.Document(str(next(p for p in documents if p.name.endswith("_full.docx"))))
    assert minutes.core_properties.subject == "Minutes (full edition)"


def test_every_word_file_converts_with_libreoffice(documents, tmp_path):
    soffice = need_tool("soffice")
    docx_files = [str(p) for p in documents if p.suffix == ".docx"]
    out = tmp_path / "converted"
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *docx_files,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    converted = {p.stem for p in out.glob("*.pdf")}
    assert converted == {Path(p).stem for p in docx_files}, result.stdout + result.stderr
    plan = squash(pdf_text(out / "plan.pdf"))
    assert "Team Around the Family plan" in plan and "Nguyễn Thị Mai" in plan


def test_word_letters_describe_the_logo_and_are_dated_today(tmp_path):
    """A screen reader reads the logo's description; Word shows when the file was made, not its template's date."""
    import datetime as dt
    import io

    import docx
    from PIL import Image

    from tafdesk.exports.document import Document, Letterhead, Metadata, Paragraph
    from tafdesk.exports.files import render
    from tafdesk.models.enums import DocumentFormat

    png = io.BytesIO()
    Image.new("RGB", (120, 60), "#1f4e79").save(png, "PNG")
    head = Letterhead(organisation="Ambervale Council", address=("Civic Centre",), logo_png=png.getvalue())
    letter = Document(
        Metadata("Letter", "Jordan Blake", "Allocation letter"), (Paragraph("Dear family"),), letterhead=head
    )
    path = tmp_path / "letter.docx"
    path.write_bytes(render(letter, DocumentFormat.DOCX))
    word = docx.Document(str(path))
    pictures = word.sections[0].first_page_header._element.xpath(".//wp:docPr")
    assert [p.get("descr") for p in pictures] == ["Ambervale Council logo"]
    made = word.core_properties.created.date()
    assert made == dt.datetime.now(dt.UTC).date() and word.core_properties.modified.date() == made
    assert word.core_properties.language == "en-GB"
