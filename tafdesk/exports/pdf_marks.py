"""Marked content: every mark a tafdesk PDF makes on a page is either the
content of an element of the structure tree (pdf_tags) or an artifact (the
running header and footer, page numbers, rules, table shading), as PDF/UA-1
asks.

Three hooks into reportlab's drawing, and nothing more:
- `TaggedFrame.add` brackets each flowable carrying a `tag` (the element it
  draws) with BDC/EMC, and passes the tag on to the parts of a flowable that
  was split across pages;
- `CELL_MARKS`, a table's render callback (reportlab's own hook for this),
  marks each cell as its header or data cell and the shading and rules as
  artifacts;
- `TaggedCanvas` numbers the marked content of each page, gives each page
  its place in the parent tree, and finds a list item's bullet (the first
  text a bullet paragraph draws) so that it is tagged as the item's label.
"""

from __future__ import annotations

from contextlib import contextmanager

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame
from reportlab.platypus.tables import TableRenderCB

from tafdesk.exports.pdf_tags import Element, StructureTree


class _StructPage(pdfdoc.PDFPage):
    """A page dictionary that also names its entry in the parent tree
    (reportlab's own knows no StructParents key)."""

    __NoDefault__ = [*pdfdoc.PDFPage.__NoDefault__, "StructParents"]


class TaggedCanvas(Canvas):
    def __init__(self, tree: StructureTree, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._doc._pdfVersion = (1, 7)  # PDF/UA-1 is built on PDF 1.7
        self.tree = tree
        self.pages: list[tuple[pdfdoc.PDFObjectReference, list[Element]]] = []
        self._marked: list[Element] = []  # this page's element for each marked-content id
        self._bullet: list[int] | None = None  # where a list item's bullet was drawn in the page's code

    # -- marks -------------------------------------------------------------------

    def begin_mark(self, element: Element | None) -> None:
        """Start the element's content (an artifact where there is no element,
        or for the copies of a table header repeated on later pages)."""
        self._code.append(self._begin(element))

    def end_mark(self) -> None:
        self._code.append("EMC")

    @contextmanager
    def marked(self, element: Element | None):
        self.begin_mark(element)
        try:
            yield
        finally:
            self.end_mark()

    def _begin(self, element: Element | None, artifact: str = "") -> str:
        if element is None or (element.once and element.marks and element.marks[0][0] < len(self.pages)):
            return f"/Artifact <</Type /{artifact or 'Layout'}>> BDC" if artifact else "/Artifact BMC"
        mcid = len(self._marked)
        self._marked.append(element)
        element.marks.append((len(self.pages), mcid))
        return f"/{element.kind} <</MCID {mcid}>> BDC"

    def pagination(self):
        """An artifact that repeats on every page: running header, footer, page number."""
        return self._artifact("Pagination")

    @contextmanager
    def _artifact(self, kind: str):
        self._code.append(self._begin(None, kind))
        try:
            yield
        finally:
            self.end_mark()

    def mark_drawn(self, element: Element, start: int, label: Element | None = None) -> None:
        """Bracket what was drawn since `start` in the page's code as the
        element's content; a list item's bullet, if one was drawn, as its label."""
        bullet, self._bullet = self._bullet, None
        if label is not None and bullet and len(bullet) == 2:
            begin, end = bullet
            self._code[end:end] = ["EMC", self._begin(element)]
            self._code.insert(begin, self._begin(label))
        else:
            self._code.insert(start, self._begin(element))
        self._code.append("EMC")

    def expect_bullet(self) -> None:
        self._bullet = []

    def drawText(self, text_object) -> None:
        bullet = self._bullet
        if bullet is not None and not bullet:  # the first text a bullet paragraph draws is its bullet
            bullet.append(len(self._code))
            super().drawText(text_object)
            bullet.append(len(self._code))
        else:
            super().drawText(text_object)

    # -- pages and the tree ----------------------------------------------------

    def _setAnnotations(self, page) -> None:
        super()._setAnnotations(page)
        if not isinstance(page, pdfdoc.PDFPage):
            return
        page.__class__ = _StructPage
        page.StructParents = len(self.pages)
        self.pages.append((self._doc.thisPageRef(), self._marked))
        self._marked = []

    def write_tree(self, metadata: bytes) -> None:
        self.tree.write(self._doc, self.pages, metadata)


class TaggedFrame(Frame):
    def add(self, flowable, canv, trySplit=0):  # noqa: N803 (reportlab API)
        element = getattr(flowable, "tag", None)
        if element is None or not isinstance(canv, TaggedCanvas):
            return super().add(flowable, canv, trySplit)
        label = getattr(flowable, "label_tag", None)
        if label is not None:
            canv.expect_bullet()
        start, top = len(canv._code), self._y
        drawn = super().add(flowable, canv, trySplit)
        if drawn and len(canv._code) > start:
            canv.mark_drawn(element, start, label)
            if element.kind == "Figure" and element.bbox is None:
                width = getattr(flowable, "drawWidth", None) or flowable.width  # reportlab's Image, or ours
                element.bbox = (self._x, self._y, self._x + width, top)
        else:
            canv._bullet = None
        return drawn

    def split(self, flowable, canv):
        parts = super().split(flowable, canv)
        element = getattr(flowable, "tag", None)
        for part in parts:
            if element is not None and getattr(part, "tag", None) is None:
                part.tag = element
        label = getattr(flowable, "label_tag", None)
        if parts and label is not None:
            parts[0].label_tag = label  # the bullet is drawn with the first part only
        return parts


class _CellMarks(TableRenderCB):
    """Each cell as its element (header or data cell, or a layout table's
    paragraph); the table's shading and rules as artifacts."""

    def startTable(self, table) -> None:
        pass

    def startBG(self, table) -> None:
        table.canv.begin_mark(None)

    def endBG(self, table) -> None:
        table.canv.end_mark()

    def startRow(self, table, row: int) -> None:
        pass

    def startCell(self, table, row, column, value, style, position, size) -> None:
        flowables = value if isinstance(value, (list, tuple)) else [value]  # a cell holds a flowable or a list of them
        table.canv.begin_mark(next((f.tag for f in flowables if getattr(f, "tag", None)), None))

    def endCell(self, table) -> None:
        table.canv.end_mark()

    def endRow(self, table) -> None:
        pass

    def startLines(self, table) -> None:
        table.canv.begin_mark(None)

    def endLines(self, table) -> None:
        table.canv.end_mark()

    def endTable(self, table) -> None:
        pass


CELL_MARKS = _CellMarks()
