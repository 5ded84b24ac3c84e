"""The PDF renderer (reportlab): A4, embedded Unicode fonts, the letterhead on
the first page, "Page X of Y" and the protective marking on every page,
bookmarks from the headings, and the document's title, author, subject and
language in its metadata. Tagged (PDF/UA-1 as the aim): a structure tree in
reading order (pdf_tags), every mark on a page its element's content or an
artifact (pdf_marks).

    from tafdesk.exports.pdf import render_pdf
    data = render_pdf(document)

reportlab is imported only here (and in pdf_fonts), never on start-up.
"""

from __future__ import annotations

import functools
import io

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Image as RLImage
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from tafdesk.exports import pdf_fonts
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
    plain_text,
)
from tafdesk.exports.pdf_fonts import ARABIC, SANS, SANS_BOLD, markup
from tafdesk.exports.pdf_marks import CELL_MARKS, TaggedCanvas, TaggedFrame
from tafdesk.exports.pdf_png import PngImage, passthrough
from tafdesk.exports.pdf_tags import Element, StructureTree, xmp_metadata
from tafdesk.exports.safe_text import safe_document

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1d4f6e")  # headings, table headers, the letterhead rule
RULE = colors.HexColor("#b9c6d0")
ZEBRA = colors.HexColor("#f1f4f7")

MARGIN_X = 22 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 24 * mm
LETTERHEAD_HEIGHT = 40 * mm  # at least: a longer letterhead takes what it needs
FOOTER_RULE_GAP = 5 * mm + 10  # from the footer's rule down to its first line
MARKING_ROOM = 11 * mm  # below the footer's text: the protective marking at 7 mm
RUNNING_HEADER = 10 * mm
TOTAL_PAGES_FORM = "tafdeskTotalPages"


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=SANS, bulletFontName=SANS, fontSize=10.5, leading=15, textColor=INK, spaceAfter=7
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12.5, textColor=MUTED),
        "caption": ParagraphStyle("caption", parent=body, fontSize=9, leading=12.5, textColor=MUTED, keepWithNext=1),
        "lead": ParagraphStyle("lead", parent=body, fontSize=12, leading=17),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=16,
            leading=21,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=8,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=12.5,
            leading=17,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontName=SANS_BOLD, fontSize=11, leading=15, spaceBefore=6, spaceAfter=3, keepWithNext=1
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12.5, spaceAfter=0),
        "head": ParagraphStyle(
            "head", parent=body, fontName=SANS_BOLD, fontSize=9.5, leading=12.5, spaceAfter=0, textColor=colors.white
        ),
        "label": ParagraphStyle(
            "label", parent=body, fontName=SANS_BOLD, fontSize=10, leading=14, spaceAfter=0, textColor=MUTED
        ),
        "value": ParagraphStyle("value", parent=body, fontSize=10, leading=14, spaceAfter=0),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=3, spaceAfter=3),
        "address": ParagraphStyle("address", parent=body, fontSize=11, leading=15, spaceAfter=0),
        "particular": ParagraphStyle(
            "particular", parent=body, fontSize=9.5, leading=13, spaceAfter=0, alignment=TA_RIGHT
        ),
    }


class _Heading(RLParagraph):
    """A heading paragraph that knows its outline entry."""

    def __init__(self, text: str, style: ParagraphStyle, level: int) -> None:
        super().__init__(markup(text), style)
        self.outline_text = text
        self.outline_level = level


class _DocTemplate(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, document: Document, **kwargs) -> None:
        super().__init__(buffer, **kwargs)
        self._document = document
        self._outline_keys = 0
        self._outline_depth = -1  # the deepest level open so far; entries may not skip a level

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Heading):
            self._outline_keys += 1
            key = f"h{self._outline_keys}"
            level = min(flowable.outline_level - 1, self._outline_depth + 1)
            self._outline_depth = level
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_text, key, level=level, closed=False)


def render_pdf(document: Document) -> bytes:
    document = safe_document(document)  # no document may fail because of one field
    pdf_fonts.register_fonts()
    rl_config.useA85 = 0  # binary streams: ASCII85 only makes files bigger and slower to write
    rl_config.canvas_basefontname = SANS  # no unembedded Helvetica left referenced in any page
    styles = _styles()
    pagesize = landscape(A4) if document.landscape else A4
    buffer = io.BytesIO()
    meta = document.metadata
    template = _DocTemplate(
        buffer,
        document,
        pagesize=pagesize,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=list(meta.keywords),
        creator="tafdesk",
        lang=meta.language,
        displayDocTitle=True,
        initialFontName=SANS,
        initialFontSize=10.5,
    )
    width, height = pagesize
    frame_width = width - 2 * MARGIN_X
    tree = StructureTree()
    decorate = _PageDecoration(document, styles, pagesize, tree)
    # The frames leave room for the letterhead and the footer as they measure, so a long address or
    # a privacy notice in the footer pushes the text aside rather than overlapping it.
    bottom = decorate.bottom_margin()
    first_top = decorate.letterhead_height() if document.letterhead else RUNNING_HEADER
    first = TaggedFrame(
        MARGIN_X,
        bottom,
        frame_width,
        height - MARGIN_TOP - first_top - bottom,
        id="first",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    later = TaggedFrame(
        MARGIN_X,
        bottom,
        frame_width,
        height - MARGIN_TOP - RUNNING_HEADER - bottom,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=decorate.first, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=decorate.later),
        ]
    )
    story = _signed_with_what_precedes(
        [(block, flowable) for block in document.blocks for flowable in _flowables(block, styles, frame_width, tree)]
    )
    decorate.tag_footer()  # read after the body
    metadata = xmp_metadata(meta.title, meta.author, meta.subject, meta.language)
    template.build(story, canvasmaker=functools.partial(_DocumentCanvas, tree, metadata))
    return buffer.getvalue()


class _DocumentCanvas(TaggedCanvas):
    """Draws the page total, known only at the end, into a form XObject that
    every page's footer has referred to by name, and adds the structure tree."""

    def __init__(self, tree: StructureTree, metadata: bytes, *args, **kwargs) -> None:
        super().__init__(tree, *args, **kwargs)
        self._metadata = metadata

    def save(self) -> None:
        pages = self.getPageNumber() - 1  # save() comes after the last page was shown
        self.beginForm(TOTAL_PAGES_FORM)
        self.setFont(SANS, 8.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(pages))
        self.endForm()
        self.write_tree(self._metadata)
        super().save()


def _signed_with_what_precedes(story: list[tuple[object, Flowable]]) -> list[Flowable]:
    """The signature kept on one page with the paragraph before it: never a
    page with nothing on it but "Yours sincerely" and a name."""
    out: list[Flowable] = []
    for block, flowable in story:
        if isinstance(block, SignatureBlock) and out and not isinstance(out[-1], (Spacer, RLPageBreak)):
            out.append(KeepTogether([out.pop(), flowable]))
        else:
            out.append(flowable)
    return out


class _PageDecoration:
    """The letterhead, running header and footer. The first page's marking,
    letterhead and footer text are read (elements of the tree); their
    repeats on later pages, the rules and the page numbers are artifacts."""

    def __init__(
        self, document: Document, styles: dict[str, ParagraphStyle], pagesize: tuple[float, float], tree: StructureTree
    ) -> None:
        self.document = document
        self.styles = styles
        self.width, self.height = pagesize
        self.tree = tree
        head = document.letterhead
        self._logo = _logo_size(head.logo_png) if head and head.logo_png else None
        self._head_lines = self._letterhead_lines(head) if head else []
        self._footer_para = self._footer_paragraph()
        self._marking_tag = tree.add("P", text=document.marking) if document.marking else None
        self._logo_tag: Element | None = None
        self._lines_tag: Element | None = None
        if head:
            group = tree.add("Div")
            if self._logo:
                self._logo_tag = tree.add("Figure", group, alt=f"{head.organisation} logo")
            # Its lines are one paragraph, as an address is.
            self._lines_tag = tree.add("P", group, text="\n".join(self._head_texts(head)))
        self._footer_tag: Element | None = None

    def tag_footer(self) -> None:
        head = self.document.letterhead
        if self._footer_para and head:  # a footer is a letterhead's
            self._footer_tag = self.tree.add("P", text=head.footer)

    # -- measuring -----------------------------------------------------------------

    def _letterhead_lines(self, head: Letterhead) -> list[tuple[RLParagraph, float]]:
        """The right-hand column, each line wrapped to the room beside the logo: (paragraph, height)."""
        room = self.width - 2 * MARGIN_X - ((self._logo[0] + 6 * mm) if self._logo else 0)
        specs: list[tuple[str, str, float, colors.Color]] = [(head.organisation, SANS_BOLD, 13, ACCENT)]
        if head.department:
            specs.append((head.department, SANS, 10, INK))
        specs += [(line, SANS, 8.5, MUTED) for line in head.contact_lines()]
        lines = []
        for text, font, size, colour in specs:
            style = ParagraphStyle(
                f"head{size}", fontName=font, fontSize=size, leading=size * 1.25, textColor=colour, alignment=TA_RIGHT
            )
            para = RLParagraph(markup(text), style)
            _, h = para.wrap(room, self.height)
            lines.append((para, h))
        return lines

    @staticmethod
    def _head_texts(head: Letterhead) -> list[str]:
        """The letterhead's lines, top to bottom."""
        return [head.organisation, *([head.department] if head.department else []), *head.contact_lines()]

    def letterhead_height(self) -> float:
        """From the top margin to where the first page's text may start."""
        column = sum(h for _, h in self._head_lines)
        tallest = max(column, self._logo[1] if self._logo else 0)
        return max(LETTERHEAD_HEIGHT, tallest + 10 * mm)

    def _footer_paragraph(self) -> tuple[RLParagraph, float] | None:
        footer = self.document.letterhead.footer if self.document.letterhead else None
        if not footer:
            return None
        style = ParagraphStyle("footer", fontName=SANS, fontSize=7.5, leading=9.5, textColor=MUTED)
        para = RLParagraph(markup(footer), style)
        _, h = para.wrap(self.width - 2 * MARGIN_X - 35 * mm, self.height)
        return para, h

    def bottom_margin(self) -> float:
        """Room for the footer: its rule, its text as tall as it wraps, and the marking below."""
        footer = self._footer_para[1] if self._footer_para else 0
        return max(MARGIN_BOTTOM, FOOTER_RULE_GAP + footer + MARKING_ROOM)

    def first(self, canvas, doc) -> None:
        self._marking(canvas, self.height - 10 * mm, self._marking_tag)
        if self.document.letterhead:
            self._letterhead(canvas, self.document.letterhead)
        else:
            self._running_header(canvas)
        self._footer(canvas, doc, self._footer_tag)

    def later(self, canvas, doc) -> None:
        self._marking(canvas, self.height - 10 * mm)
        self._running_header(canvas)
        self._footer(canvas, doc, None)

    # -- drawing -----------------------------------------------------------------

    def _letterhead(self, canvas, head: Letterhead) -> None:
        top = self.height - MARGIN_TOP
        right = self.width - MARGIN_X
        canvas.saveState()
        if head.logo_png and self._logo and self._logo_tag:  # (tagged whenever measured)
            draw_w, draw_h = self._logo
            self._logo_tag.bbox = (MARGIN_X, top - draw_h, MARGIN_X + draw_w, top)
            with canvas.marked(self._logo_tag):
                canvas.drawImage(
                    ImageReader(io.BytesIO(head.logo_png)), MARGIN_X, top - draw_h, draw_w, draw_h, mask="auto"
                )
        left = right - (self.width - 2 * MARGIN_X - ((self._logo[0] + 6 * mm) if self._logo else 0))
        y = top
        for para, h in self._head_lines:
            y -= h
            with canvas.marked(self._lines_tag):
                para.drawOn(canvas, left, y)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        rule_y = top - self.letterhead_height() + 5 * mm
        with canvas.marked(None):
            canvas.line(MARGIN_X, rule_y, right, rule_y)
        canvas.restoreState()

    def _running_header(self, canvas) -> None:
        top = self.height - MARGIN_TOP
        right = self.width - MARGIN_X
        canvas.saveState()
        with canvas.pagination():
            _draw_text(canvas, MARGIN_X, top - 8, self.document.metadata.title, SANS, 8.5, MUTED)
            if self.document.letterhead:
                _draw_text(
                    canvas, right, top - 8, self.document.letterhead.organisation, SANS, 8.5, MUTED, align="right"
                )
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN_X, top - 13, right, top - 13)
        canvas.restoreState()

    def _marking(self, canvas, y: float, tag: Element | None = None) -> None:
        """The protective marking: read at the top of the first page (`tag`), an artifact elsewhere."""
        if self.document.marking:
            with canvas.marked(tag) if tag else canvas.pagination():
                _draw_text(canvas, self.width / 2, y, self.document.marking, SANS_BOLD, 9, INK, align="centre")

    def _footer(self, canvas, doc, tag: Element | None) -> None:
        """The footer: its text read on the first page (`tag`), an artifact on the others."""
        right = self.width - MARGIN_X
        rule = self.bottom_margin() - 5 * mm
        canvas.saveState()
        first_line = rule - 10
        if self._footer_para:
            para, h = self._footer_para
            with canvas.marked(tag) if tag else canvas.pagination():
                para.drawOn(canvas, MARGIN_X, first_line + 7.5 - h)
        with canvas.pagination():
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN_X, rule, right, rule)
            # "Page 3 of " then the total, drawn later into a form every page shares.
            total_room = canvas.stringWidth("00", SANS, 8.5)
            x = right - total_room
            canvas.setFont(SANS, 8.5)
            canvas.setFillColor(MUTED)
            canvas.drawRightString(x, first_line, f"Page {doc.page} of ")
            canvas.saveState()
            canvas.translate(x, first_line)
            canvas.doForm(TOTAL_PAGES_FORM)
            canvas.restoreState()
        canvas.restoreState()
        self._marking(canvas, 7 * mm)


def _logo_size(png: bytes) -> tuple[float, float]:
    """The logo as drawn: 20 mm high, no wider than 60 mm."""
    w, h = ImageReader(io.BytesIO(png)).getSize()
    draw_w = min(60 * mm, 20 * mm * w / h)
    return draw_w, draw_w * h / w


def _draw_text(canvas, x: float, y: float, text: str, font: str, size: float, colour, align: str = "left") -> None:
    """One line of text straight onto the canvas, switching to the Arabic font
    for Arabic-script stretches."""
    pieces = pdf_fonts.plain_for_canvas(text)
    widths = [canvas.stringWidth(p, ARABIC if arabic else font, size) for p, arabic in pieces]
    total = sum(widths)
    start = x - total if align == "right" else x - total / 2 if align == "centre" else x
    canvas.setFillColor(colour)
    for (piece, arabic), w in zip(pieces, widths):
        canvas.setFont(ARABIC if arabic else font, size)
        canvas.drawString(start, y, piece)
        start += w


def _tagged(flowable: Flowable, tag: Element) -> Flowable:
    """The flowable, marked as drawing the element's content."""
    flowable.tag = tag
    return flowable


def _para(
    content: Inline, style: ParagraphStyle, tree: StructureTree, kind: str = "P", parent: Element | None = None
) -> RLParagraph:
    """A paragraph that is the content of a new element of the tree."""
    return _tagged(RLParagraph(markup(content), style), tree.add(kind, parent, text=plain_text(content)))


def _flowables(block: Block, styles: dict[str, ParagraphStyle], width: float, tree: StructureTree) -> list[Flowable]:
    match block:
        case Heading(text=text, level=level):
            return [_tagged(_Heading(text, styles[f"h{min(max(level, 1), 3)}"], level), tree.heading(level, text))]
        case Paragraph(content=content, style=style):
            return [_para(content, styles.get(style, styles["body"]), tree)]
        case BulletList(items=items):
            group = tree.add("L")
            return [*(_list_item(item, styles, tree, group) for item in items), Spacer(1, 4)]
        case Table():
            return _table(block, styles, width, tree)
        case LabelValues(pairs=pairs):
            return [_label_values(pairs, styles, width, tree), Spacer(1, 8)]
        case AddressBlock():
            return [_address(block, styles, width, tree), Spacer(1, 8 * mm)]
        case SignatureBlock():
            return [_signature(block, styles, tree)]
        case Image(png=png, width_mm=w, height_mm=h, description=description):
            size = min(w * mm, width), h * mm * min(1, width / (w * mm))
            direct = passthrough(png)
            picture = PngImage(direct, *size) if direct else RLImage(io.BytesIO(png), width=size[0], height=size[1])
            picture.hAlign = "LEFT"
            return [_tagged(picture, tree.add("Figure", alt=description)), Spacer(1, 6)]
        case PageBreak():
            return [RLPageBreak()]
    raise TypeError(f"cannot render {type(block).__name__}")


def _list_item(
    item: tuple[Run, ...], styles: dict[str, ParagraphStyle], tree: StructureTree, parent: Element
) -> Flowable:
    """A bulleted paragraph: the bullet is the item's label, the text its body."""
    element = tree.add("LI", parent)
    paragraph = RLParagraph(markup(item), styles["bullet"], bulletText="•")
    paragraph.label_tag = tree.add("Lbl", element)
    return _tagged(paragraph, tree.add("LBody", element, text=plain_text(item)))


def _table(table: Table, styles: dict[str, ParagraphStyle], width: float, tree: StructureTree) -> list[Flowable]:
    element = tree.add("Table")
    out: list[Flowable] = []
    if table.caption:
        out.append(_para(table.caption, styles["caption"], tree, "Caption", element))  # never apart from its table
    header = tree.add("TR", element)
    # A header row repeated on a later page is drawn again: those copies are artifacts (once).
    head = [_para(text, styles["head"], tree, "TH", header) for text in table.header]
    for cell in head:
        cell.tag.scope, cell.tag.once = "Column", True
    body = []
    for row in table.rows:
        tr = tree.add("TR", element)
        body.append([_para(cell, styles["cell"], tree, "TD", tr) for cell in row])
    widths = _column_widths(table, styles, width)
    grid = RLTable([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT", renderCB=CELL_MARKS)
    commands = [
        ("FONT", (0, 0), (-1, -1), SANS, 10),  # reportlab's own default is an unembedded Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    commands += [("BACKGROUND", (0, n), (-1, n), ZEBRA) for n in range(2, len(body) + 1, 2)]
    grid.setStyle(TableStyle(commands))
    if not table.rows:
        return [*out, grid, _para("None.", styles["small"], tree), Spacer(1, 6)]
    return [*out, grid, Spacer(1, 10)]


def _column_widths(table: Table, styles: dict[str, ParagraphStyle], width: float) -> list[float]:
    """The table's share of the width for each column, widened where its
    longest word would not fit (a word broken across lines, "Famil y", reads
    as two), the room coming from columns with some to spare."""
    wanted = [width * f for f in table.column_fractions()]
    padding = 10 + 1  # the cell's left and right padding, and a point to spare

    def widest(texts: list[str], style: ParagraphStyle) -> float:
        return max((stringWidth(w, style.fontName, style.fontSize) for t in texts for w in t.split()), default=0)

    columns = list(zip(table.header, *table.rows)) if table.rows else [(h,) for h in table.header]
    least = [
        min(
            width * 0.4,
            padding
            + max(widest([plain_text(c[0])], styles["head"]), widest([plain_text(x) for x in c[1:]], styles["cell"])),
        )
        for c in columns
    ]
    short = sum(max(0.0, lo - w) for lo, w in zip(least, wanted))
    spare = [max(0.0, w - lo) for lo, w in zip(least, wanted)]
    if short <= 0 or sum(spare) <= 0:
        return wanted
    give = min(1.0, short / sum(spare))
    return [max(lo, w) if lo > w else w - s * give for lo, w, s in zip(least, wanted, spare)]


def _label_values(
    pairs: tuple[tuple[str, str], ...], styles: dict[str, ParagraphStyle], width: float, tree: StructureTree
) -> Flowable:
    """A table whose first column heads its rows."""
    element = tree.add("Table")
    rows = []
    for k, v in pairs:
        tr = tree.add("TR", element)
        label = _para(k, styles["label"], tree, "TH", tr)
        label.tag.scope = "Row"
        rows.append([label, _para(v, styles["value"], tree, "TD", tr)])
    grid = RLTable(rows, colWidths=[width * 0.3, width * 0.7], hAlign="LEFT", renderCB=CELL_MARKS)
    grid.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 10),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return grid


def _address(block: AddressBlock, styles: dict[str, ParagraphStyle], width: float, tree: StructureTree) -> Flowable:
    """Laid out as a table of one row, read as two paragraphs."""
    group = tree.add("Div")
    recipient = _tagged(
        RLParagraph("<br/>".join(markup(line) for line in block.recipient), styles["address"]),
        tree.add("P", group, text="\n".join(block.recipient)),
    )
    particulars = _tagged(
        RLParagraph(
            "<br/>".join(f"<b>{markup(k)}</b>  {markup(v)}" for k, v in block.particulars), styles["particular"]
        ),
        tree.add("P", group, text="\n".join(f"{k} {v}" for k, v in block.particulars)),
    )
    grid = RLTable(
        [[recipient, particulars]], colWidths=[width * 0.55, width * 0.45], hAlign="LEFT", renderCB=CELL_MARKS
    )
    grid.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 10),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return grid


def _signature(block: SignatureBlock, styles: dict[str, ParagraphStyle], tree: StructureTree) -> Flowable:
    lines = [line for line in (block.title, block.organisation) if line]
    signatory = tree.add("P", text="\n".join([block.name, *lines]))  # name, title and organisation: one paragraph
    parts: list[Flowable] = [
        _para(block.closing, styles["body"], tree),
        Spacer(1, 12 * mm),
        _tagged(RLParagraph(markup((Run(block.name, bold=True),)), styles["value"]), signatory),
    ]
    for line in lines:
        parts.append(_tagged(RLParagraph(markup(line), styles["value"]), signatory))
    if block.copies:
        parts.append(Spacer(1, 8))
        parts += [_para(line, styles["small"], tree) for line in block.copies]
    return KeepTogether(parts)
