"""Every PDF is tagged (PDF/UA-1 as the aim): a structure tree in reading
order with its headings, tables with header cells, lists, figures with
alternative text; every mark on every page an element's content or an
artifact; Arabic names extract in logical order as the letters a person
types. The TAF plan's scores chart is a table too, and described in words
in PDF and Word alike.

No PDF/UA validator can be installed here (veraPDF is not packaged for
PyPI, npm or Debian, and Maven Central is out of reach), so the tree is read
back with pikepdf (tests/documents/pdf_tree.py) and checked against the
neutral document it was made from."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from tafdesk.exports.builders.plan import chart_alt_text
from tafdesk.exports.document import (
    BulletList,
    DocumentBuilder,
    Heading,
    Image,
    LabelValues,
    Letterhead,
    Metadata,
    Table,
)
from tafdesk.exports.pdf import render_pdf
from tafdesk.services.documents import DocumentService
from tests.documents.conftest import ARABIC_NAME, CLERK, TODAY, need_tool
from tests.documents.pdf_tree import Node, read

pikepdf = pytest.importorskip("pikepdf", reason="pikepdf is a test extra: pip install -e '.[test]'")


def squeezed(text: str) -> str:
    """Text without its spaces: a wrapped line is read back without the space it broke at."""
    return "".join(text.split())


def test_pdfinfo_reports_every_pdf_tagged(documents):
    pdfinfo = need_tool("pdfinfo")
    pdfs = [p for p in documents if p.suffix == ".pdf"]
    assert len(pdfs) >= 10
    for pdf in pdfs:
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "Tagged:          yes" in info, f"{pdf.name}: {info}"
        assert "PDF version:     1.7" in info


def test_every_mark_is_content_or_an_artifact_and_the_parent_tree_agrees(documents):
    for pdf in (p for p in documents if p.suffix == ".pdf"):
        tagged = read(pdf)
        assert tagged.unmarked == [], pdf.name
        assert tagged.parent_tree == tagged.element_marks, f"{pdf.name}: parent tree and elements disagree"
        catalog = tagged.catalog
        assert catalog["Marked"] and catalog["DisplayDocTitle"] and catalog["Lang"] == "en-GB"
        assert catalog["StructParents"] == list(range(len(catalog["StructParents"])))
        assert "<pdfuaid:part>1</pdfuaid:part>" in tagged.xmp and "<dc:title>" in tagged.xmp
        for node in tagged.root.walk():
            assert node.kind in STANDARD_TYPES, f"{pdf.name}: {node.kind}"
            assert node.marks or node.children, f"{pdf.name}: an empty {node.kind}"


STANDARD_TYPES = {
    "Document",
    "Div",
    "P",
    "H1",
    "H2",
    "H3",
    "L",
    "LI",
    "Lbl",
    "LBody",
    "Table",
    "TR",
    "TH",
    "TD",
    "Caption",
    "Figure",
}


def _outline(blocks) -> list[tuple]:
    """What a reader navigates by, from the neutral document: headings, tables (by their header cells) and figures."""
    out = []
    for block in blocks:
        match block:
            case Heading(text=text, level=level):
                out.append((f"H{level}", squeezed(text)))
            case Table(header=header):
                out.append(("Table", tuple(squeezed(h) for h in header)))
            case LabelValues():
                out.append(("Table", ()))
            case Image(description=description):
                out.append(("Figure", description))
    return out


def _tree_outline(root: Node) -> list[tuple]:
    out = []
    for node in root.children:
        if node.kind.startswith("H"):
            out.append((node.kind, squeezed(node.text)))
        elif node.kind == "Table":
            headers = tuple(
                squeezed(c.text)
                for c in node.children[0 if node.children[0].kind == "TR" else 1].children
                if c.attributes.get("Scope") == "/Column"
            )
            out.append(("Table", headers))
        elif node.kind == "Figure":
            out.append(("Figure", node.attributes["Alt"]))
    return out


def test_the_plans_headings_tables_and_chart_are_in_reading_order(shared_world, documents):
    plan = next(p for p in documents if p.name == "plan.pdf")
    neutral = DocumentService(shared_world.db, CLERK, today=TODAY).plan_document(shared_world.cases["Nguyễn"])
    tree = read(plan).root
    assert _tree_outline(tree) == _outline(neutral.blocks)
    headings = [n.kind for n in tree.children if n.kind.startswith("H")]
    assert headings[0] == "H1" and "H3" in headings and all(h in ("H1", "H2", "H3") for h in headings)
    # A label and value table: each label heads its row.
    details = next(n for n in tree.children if n.kind == "Table")
    assert [c.attributes.get("Scope") for c in details.children[0].children] == ["/Row", None]
    assert squeezed(details.children[0].children[0].text) == "Casereference"


def test_the_scores_chart_is_described_and_given_as_a_table(shared_world, documents):
    plan = next(p for p in documents if p.name == "plan.pdf")
    tree = read(plan).root
    figure = next(n for n in tree.children if n.kind == "Figure")
    assert figure.attributes["Alt"].startswith("Line chart of the family's scores out of 10")
    assert (
        "from 12 Jan 2027 to 23 Feb 2027" in figure.attributes["Alt"] and "rose from 4 to 7" in figure.attributes["Alt"]
    )
    assert len(figure.attributes["BBox"]) == 4
    table = tree.children[tree.children.index(figure) + 2]  # after the chart's caption
    assert table.kind == "Table" and table.children[0].kind == "Caption"
    header, *rows = table.children[1:]
    assert [squeezed(c.text) for c in header.children] == ["Needarea", "12Jan2027", "23Feb2027"]
    assert any([squeezed(c.text) for c in row.children][1:] == ["4", "7"] for row in rows)
    word = next(p for p in documents if p.name == "plan.docx")
    import docx

    document = docx.Document(str(word))
    pictures = document.inline_shapes
    assert pictures[0]._inline.docPr.get("descr") == figure.attributes["Alt"]
    assert any(t.rows[0].cells[0].text == "Need area" for t in document.tables)


def test_a_letter_reads_marking_letterhead_address_body_and_footer_in_order(documents):
    letter = next(p for p in documents if p.name.endswith("family-letter.pdf"))
    tree = read(letter).root
    kinds = [n.kind for n in tree.children]
    assert kinds[0] == "P" and tree.children[0].text == "PRIVATE AND CONFIDENTIAL"  # the first page's marking
    letterhead, address = tree.children[1], tree.children[2]
    assert letterhead.kind == "Div" and letterhead.children[0].text.startswith("Northshire CouncilEarly Help Service")
    assert address.kind == "Div" and [c.kind for c in address.children] == ["P", "P"]
    assert "H1" in kinds and "L" in kinds
    items = next(n for n in tree.children if n.kind == "L").children
    assert items and all([c.kind for c in item.children] == ["Lbl", "LBody"] for item in items)
    assert all(item.children[0].text == "•" and item.children[1].text for item in items)


def test_arabic_names_extract_in_logical_order_as_letters(documents):
    pdftotext = need_tool("pdftotext")
    letter = next(p for p in documents if p.name.endswith("step-down-letter.pdf"))
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(letter), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert ARABIC_NAME in text  # the letters themselves, not presentation forms, and not reversed
    actual = [n.attributes["ActualText"] for n in read(letter).root.walk() if "ActualText" in n.attributes]
    assert actual and all(ARABIC_NAME in a for a in actual)  # what a screen reader is given, in logical order


def _logo() -> bytes:
    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (120, 60), "#1f4e79").save(out, "PNG")
    return out.getvalue()


def test_a_table_over_several_pages_repeats_its_header_as_an_artifact_and_the_logo_is_described(tmp_path: Path):
    head = Letterhead(
        organisation="Ambervale Council",
        address=("Civic Centre",),
        logo_png=_logo(),
        footer="Ambervale Council, Civic Centre",
    )
    doc = (
        DocumentBuilder()
        .heading("Actions")
        .table(["#", "Action"], [(str(n), f"Step {n}") for n in range(120)], caption="Every step.")
        .heading("Afterwards", 2)
        .add(BulletList.of(["one", f"{ARABIC_NAME} Hussain"]))
    )
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(doc.build(Metadata("Long", "Tester", "A long table"), head, "OFFICIAL")))
    tagged = read(path)
    assert tagged.unmarked == [] and tagged.parent_tree == tagged.element_marks
    pages = len(tagged.catalog["StructParents"])
    assert pages >= 3
    table = next(n for n in tagged.root.children if n.kind == "Table")
    assert [c.kind for c in table.children[:2]] == ["Caption", "TR"] and len(table.children) == 2 + 120
    header_pages = {page for th in table.children[1].children for page, _ in th.marks}
    row_pages = {page for tr in table.children[2:] for td in tr.children for page, _ in td.marks}
    first = min(row_pages)
    assert header_pages == {first} and len(row_pages) >= 3  # the header is read once, on the table's first page
    logo = tagged.root.find("Figure")[0]
    assert logo.attributes["Alt"] == "Ambervale Council logo" and len(logo.attributes["BBox"]) == 4
    footer = tagged.root.children[-1]
    assert footer.kind == "P" and footer.text == "Ambervale Council, Civic Centre" and len(footer.marks) == 1
    assert [n.kind for n in tagged.root.children if n.kind.startswith("H")] == ["H1", "H2"]
    arabic = tagged.root.find("LBody")[-1]
    assert arabic.attributes["ActualText"] == f"{ARABIC_NAME} Hussain"


def test_headings_never_skip_a_level(tmp_path: Path):
    doc = DocumentBuilder().heading("Details", 3).para("Text").heading("Title", 1).heading("Part", 3)
    path = tmp_path / "levels.pdf"
    path.write_bytes(render_pdf(doc.build(Metadata("Levels", "Tester", "Headings"))))
    assert [n.kind for n in read(path).root.children if n.kind.startswith("H")] == ["H1", "H1", "H2"]


def test_the_alt_text_says_where_each_area_started_and_ended():
    import datetime as dt

    from tafdesk.exports.chart import Series

    day = dt.date
    series = [
        Series("Secure housing", ((day(2027, 1, 5), 3), (day(2027, 3, 2), 6))),
        Series("Financial stability", ((day(2027, 1, 5), 5), (day(2027, 3, 2), 5))),
        Series("Safe from domestic abuse", ((day(2027, 3, 2), 8),)),
    ]
    assert chart_alt_text(series) == (
        "Line chart of the family's scores out of 10 in each need area at each review from 5 Jan 2027 to 2 Mar 2027 "
        "(higher is better): Secure housing rose from 3 to 6; Financial stability stayed at 5; Safe from domestic "
        "abuse scored 8. The table below gives every score."
    )


def test_a_list_item_split_across_pages_keeps_its_label(tmp_path: Path):
    words = " ".join(f"word{n}" for n in range(900))
    doc = DocumentBuilder().para("Before. " * 330).add(BulletList.of([words]))
    path = tmp_path / "split.pdf"
    path.write_bytes(render_pdf(doc.build(Metadata("Split", "Tester", "A long item"))))
    tagged = read(path)
    assert tagged.unmarked == [] and tagged.parent_tree == tagged.element_marks
    item = tagged.root.find("LI")[0]
    label, body = item.children
    assert label.kind == "Lbl" and label.text == "•" and len(label.marks) == 1
    pages = sorted({page for page, _ in body.marks})
    assert body.kind == "LBody" and len(pages) >= 2 and label.marks[0][0] == pages[0]
