"""The Word renderer (python-docx): the same content as the PDF, with the
named styles screen readers and Word's navigation pane rely on (Title,
Heading 1, Heading 2, List Bullet), table header rows marked to repeat on
each page (w:tblHeader), the letterhead in the first page's header, "Page X
of Y" as fields in the footer, and the title, author, subject and language in
the core properties.

Word documents use Arial, which every council machine has (LibreOffice
substitutes the metric-compatible Liberation Sans); Word shapes Arabic-script
runs itself, so those runs are only marked right-to-left and given a
complex-script font.

python-docx is imported only here, never on start-up.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as new_docx  # noqa: N813 (it makes a document: a function to us)
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tafdesk.exports.document import (
    AddressBlock,
    Block,
    BulletList,
    Document,
    Heading,
    Image,
    Inline,
    LabelValues,
    Letterhead,
    PageBreak,
    Paragraph,
    Run,
    SignatureBlock,
    Table,
    runs,
)
from tafdesk.exports.safe_text import safe_document
from tafdesk.exports.scripts import segments

FONT = "Arial"
ACCENT = RGBColor(0x1D, 0x4F, 0x6E)
MUTED = RGBColor(0x55, 0x55, 0x55)
PAGE_WIDTH_MM = 210
MARGIN_MM = 22


def render_docx(document: Document) -> bytes:
    document = safe_document(document)  # no document may fail because of one field
    word = new_docx()
    _page_setup(word, document)
    _styles(word, document.metadata.language)
    _properties(word, document)
    _header_footer(word, document)
    width = (297 if document.landscape else PAGE_WIDTH_MM) - 2 * MARGIN_MM
    body = word
    for block in document.blocks:
        _render(body, block, width)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _page_setup(word, document: Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(22)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True


def _styles(word, language: str) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.2
    _run_fonts(normal.element.get_or_add_rPr(), language)
    for name, size in (("Title", 18), ("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = ACCENT
        _run_fonts(style.element.get_or_add_rPr(), language)
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True


def _run_fonts(rpr, language: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:bidi"), "ar-SA")


def _properties(word, document: Document) -> None:
    meta = document.metadata
    props = word.core_properties
    props.title = meta.title
    props.author = meta.author
    props.subject = meta.subject
    props.language = meta.language
    props.keywords = ", ".join(meta.keywords)
    props.comments = "Produced by tafdesk"
    props.last_modified_by = meta.author
    props.category = document.marking or ""
    # python-docx's blank document carries its own template's dates (2013) and revision otherwise.
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.revision = 1


def _header_footer(word, document: Document) -> None:
    section = word.sections[0]
    head = document.letterhead
    first = section.first_page_header
    later = section.header
    if head:
        _letterhead(first, head, document.marking)
    else:
        _running_header(first, document)
    _running_header(later, document)
    for footer in (section.first_page_footer, section.footer):
        _footer(footer, document)


def _letterhead(header, head: Letterhead, marking: str | None) -> None:
    if marking:
        _small(header.paragraphs[0], marking, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    table = header.add_table(rows=1, cols=2, width=Mm(PAGE_WIDTH_MM - 2 * MARGIN_MM))
    left, right = table.rows[0].cells
    if head.logo_png:
        logo = left.paragraphs[0].add_run().add_picture(io.BytesIO(head.logo_png), height=Mm(18))
        described = f"{head.organisation} logo"  # read out by screen readers in place of the picture
        logo._inline.docPr.set("descr", described)
        logo._inline.docPr.set("title", described)
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(head.organisation)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(13), ACCENT
    if head.department:
        dept = right.add_paragraph(head.department)
        dept.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in head.contact_lines():
        _small(right.add_paragraph(), line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for cell in (left, right):
        for para in cell.paragraphs:
            para.paragraph_format.space_after = Pt(0)
    header.add_paragraph().paragraph_format.space_after = Pt(12)


def _running_header(header, document: Document) -> None:
    p = header.paragraphs[0]
    if document.marking:
        _small(p, document.marking, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        p = header.add_paragraph()
    organisation = document.letterhead.organisation if document.letterhead else ""
    _small(p, f"{document.metadata.title}{'  ·  ' + organisation if organisation else ''}")


def _footer(footer, document: Document) -> None:
    p = footer.paragraphs[0]
    text = document.letterhead.footer if document.letterhead and document.letterhead.footer else ""
    if text:
        _small(p, text)
        p = footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _small(p, "Page ")
    _field(p, "PAGE", "1")
    _small(p, " of ")
    _field(p, "NUMPAGES", "1")
    if document.marking:
        _small(footer.add_paragraph(), document.marking, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _small(paragraph, text: str, bold: bool = False, align=None) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED
    run.bold = bold or None
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} \\* MERGEFORMAT ")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _add_runs(paragraph, content: Inline, bold: bool = False) -> None:
    for item in runs(content):
        for line_number, line in enumerate(item.text.split("\n")):
            if line_number:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            for piece, arabic in segments(line):
                run = paragraph.add_run(piece)
                run.bold = (item.bold or bold) or None
                run.italic = item.italic or None
                if arabic:
                    run.font.rtl = True
                    run.font.complex_script = True
                    if item.bold or bold:
                        run.font.cs_bold = True


def _render(word, block: Block, width_mm: float) -> None:
    match block:
        case Heading(text=text, level=level):
            _add_runs(word.add_paragraph(style=f"Heading {min(max(level, 1), 3)}"), text)
        case Paragraph(content=content, style=style):
            p = word.add_paragraph()
            _add_runs(p, content)
            if style in ("small", "caption"):
                p.paragraph_format.keep_with_next = style == "caption"
                for run in p.runs:
                    run.font.size = Pt(9)
                    run.font.color.rgb = MUTED
            elif style == "lead":
                for run in p.runs:
                    run.font.size = Pt(12.5)
        case BulletList(items=items):
            for item in items:
                _add_runs(word.add_paragraph(style="List Bullet"), item)
        case Table():
            _table(word, block, width_mm)
        case LabelValues(pairs=pairs):
            _pairs(word, pairs, width_mm)
        case AddressBlock():
            _address(word, block, width_mm)
        case SignatureBlock():
            _signature(word, block)
        case Image(png=png, width_mm=w, description=description):
            p = word.add_paragraph()
            shape = p.add_run().add_picture(io.BytesIO(png), width=Mm(min(w, width_mm)))
            shape._inline.docPr.set("descr", description)
            shape._inline.docPr.set("title", description)
        case PageBreak():
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        case _:
            raise TypeError(f"cannot render {type(block).__name__}")


def _table(word, block: Table, width_mm: float) -> None:
    if block.caption:
        caption = word.add_paragraph()
        _add_runs(caption, block.caption)
        for run in caption.runs:
            run.font.size = Pt(9)
            run.font.color.rgb = MUTED
        caption.paragraph_format.keep_with_next = True
    table = word.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    widths = [Mm(width_mm * f) for f in block.column_fractions()]
    header = table.rows[0]
    _repeat_header(header)
    for cell, text, width in zip(header.cells, block.header, widths):
        cell.width = width
        _shade(cell, "1D4F6E")
        p = cell.paragraphs[0]
        _add_runs(p, text, bold=True)
        for run in p.runs:
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            run.font.size = Pt(10)
        p.paragraph_format.space_after = Pt(0)
    for row, values in zip(table.rows[1:], block.rows):
        _cant_split(row)
        for cell, text, width in zip(row.cells, values, widths):
            cell.width = width
            p = cell.paragraphs[0]
            _add_runs(p, text)
            for run in p.runs:
                run.font.size = Pt(10)
            p.paragraph_format.space_after = Pt(0)
    if not block.rows:
        note = word.add_paragraph()
        _add_runs(note, "None.")
    word.add_paragraph().paragraph_format.space_after = Pt(0)


def _repeat_header(row) -> None:
    """Mark the row as a header row: Word repeats it on each page and screen
    readers announce its cells as column headings."""
    trpr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def _cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _shade(cell, hex_colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _pairs(word, pairs: tuple[tuple[str, str], ...], width_mm: float) -> None:
    table = word.add_table(rows=len(pairs), cols=2)
    for row, (label, value) in zip(table.rows, pairs):
        row.cells[0].width, row.cells[1].width = Mm(width_mm * 0.3), Mm(width_mm * 0.7)
        p = row.cells[0].paragraphs[0]
        _add_runs(p, label, bold=True)
        for run in p.runs:
            run.font.color.rgb = MUTED
        _add_runs(row.cells[1].paragraphs[0], value)
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.space_after = Pt(2)
    word.add_paragraph().paragraph_format.space_after = Pt(0)


def _address(word, block: AddressBlock, width_mm: float) -> None:
    table = word.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(width_mm * 0.55), Mm(width_mm * 0.45)
    p = left.paragraphs[0]
    _add_runs(p, "\n".join(block.recipient))
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for n, (label, value) in enumerate(block.particulars):
        if n:
            p.add_run().add_break(WD_BREAK.LINE)
        _add_runs(p, (Run(label + "  ", bold=True), Run(value)))
    for run in p.runs:
        run.font.size = Pt(10)
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_after = Pt(18)


def _signature(word, block: SignatureBlock) -> None:
    """Kept on one page, and with the paragraph before it: never a page with only the signature on it."""
    if word.paragraphs:
        word.paragraphs[-1].paragraph_format.keep_with_next = True
    closing = word.add_paragraph()
    _add_runs(closing, block.closing)
    closing.paragraph_format.space_after = Pt(36)
    closing.paragraph_format.keep_with_next = True
    name = word.add_paragraph()
    _add_runs(name, block.name, bold=True)
    name.paragraph_format.space_after = Pt(0)
    lines = [line for line in (block.title, block.organisation) if line]
    name.paragraph_format.keep_with_next = bool(lines)
    for n, line in enumerate(lines):
        p = word.add_paragraph()
        _add_runs(p, line)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = n < len(lines) - 1
    if block.copies:
        word.add_paragraph().paragraph_format.space_after = Pt(0)
        for line in block.copies:
            p = word.add_paragraph()
            _add_runs(p, line)
            for run in p.runs:
                run.font.size = Pt(9)
            p.paragraph_format.space_after = Pt(0)
