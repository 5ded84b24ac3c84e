"""The structure tree of a tagged PDF (PDF/UA-1 as the aim): what each part
of the document is (heading, paragraph, list, table and its header cells,
figure with its alternative text) in reading order, for screen readers and
reflow.

The tree is made from the neutral document before anything is drawn, so its
order is the document's own; the canvas (pdf_marks) records where each
element's content was drawn (page and marked-content id) as pages are made,
and `write` adds the tree to reportlab's PDF objects in the same pass: no
PDF is parsed again. Elements that drew nothing (an empty paragraph) are
left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObjectReference, PDFString

from tafdesk.exports.scripts import has_arabic


@dataclass(eq=False)
class Element:
    kind: str  # a standard structure type: Document, H1, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Caption, Figure, Div
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page index, marked-content id), in drawing order
    alt: str | None = None
    actual_text: str | None = None  # the text in logical order, where drawing order differs (Arabic script)
    scope: str | None = None  # a header cell's: "Column" or "Row"
    bbox: tuple[float, float, float, float] | None = None  # a figure's, on its first page
    once: bool = False  # drawn again on later pages (a repeated table header): those copies are artifacts


class StructureTree:
    def __init__(self) -> None:
        self.root = Element("Document")
        self._deepest = 0  # the deepest heading level so far: headings may not skip a level

    def add(self, kind: str, parent: Element | None = None, text: str | None = None, **attributes) -> Element:
        """A new element, the last child of `parent` (the document by default).
        `text` is what it says, kept as its actual text when drawing reorders
        it (Arabic script is drawn in visual order)."""
        parent = parent or self.root
        element = Element(kind, parent, **attributes)
        if text and has_arabic(text):
            element.actual_text = text
        parent.children.append(element)
        return element

    def heading(self, level: int, text: str) -> Element:
        """H1 to H3, never deeper than one below the previous heading."""
        level = max(1, min(level, self._deepest + 1, 3))
        self._deepest = level
        return self.add(f"H{level}", text=text)

    def write(
        self, document: pdfdoc.PDFDocument, pages: list[tuple[PDFObjectReference, list[Element]]], metadata: bytes
    ) -> None:
        """Add the tree, the parent tree (each page's marked-content ids to
        their elements), MarkInfo and the XMP metadata to the PDF's catalog.
        `pages`: each page's reference and the element of each of its
        marked-content ids, in order."""
        objects = [_StructElem(e) for e in _with_content(self.root) or [self.root]]
        names = {obj.element: document.Reference(obj).name for obj in objects}
        root = PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": PDFObjectReference(names[self.root])})
        root_name = document.Reference(root).name
        page_names = [ref.name for ref, _ in pages]
        for obj in objects:
            obj.bind(names, root_name, page_names)
        root["ParentTree"] = document.Reference(_ParentTree([[names[e] for e in marked] for _, marked in pages]))
        root["ParentTreeNextKey"] = len(pages)
        catalog = document.Catalog
        catalog.StructTreeRoot = root
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        stream = pdfdoc.PDFStream(
            PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), metadata, filters=()
        )
        catalog.Metadata = stream


def _with_content(element: Element) -> list[Element]:
    """The element and its descendants in reading order, leaving out those that drew nothing."""
    below = [e for child in element.children for e in _with_content(child)]
    return [element, *below] if element.marks or below else []


class _ParentTree(pdfdoc.PDFObject):
    """Each page's marked-content ids, in order, to their elements (a number tree of one node)."""

    def __init__(self, pages: list[list[str]]) -> None:
        self.pages = pages  # for each page, the object name of the element of each marked-content id

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        entries = (
            f"{n} [{' '.join('{} {} R'.format(*numbers[name]) for name in names)}]"
            for n, names in enumerate(self.pages)
        )
        return f"<</Nums [{' '.join(entries)}]>>".encode("ascii")


class _StructElem(pdfdoc.PDFObject):
    """One element's dictionary, written in a single piece: a letter has
    dozens and a plan hundreds, and reportlab's general dictionary costs
    a millisecond a few dozen."""

    def __init__(self, element: Element) -> None:
        self.element = element
        self._names: dict = {}
        self._root = ""
        self._pages: list[str] = []

    def bind(self, names: dict, root: str, pages: list[str]) -> None:
        self._names, self._root, self._pages = names, root, pages

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        ref = lambda name: "{} {} R".format(*numbers[name])  # noqa: E731
        element, names = self.element, self._names
        parent = ref(names[element.parent]) if element.parent else ref(self._root)
        parts = [f"<</Type /StructElem /S /{element.kind} /P {parent}"]
        if element.children or not element.marks:
            parts.append(" /K [{}]".format(" ".join(ref(names[c]) for c in element.children if c in names)))
        else:
            first = element.marks[0][0]
            kids = [
                str(mcid) if page == first else f"<</Type /MCR /Pg {ref(self._pages[page])} /MCID {mcid}>>"
                for page, mcid in element.marks
            ]
            parts.append(
                f" /Pg {ref(self._pages[first])} /K {kids[0] if len(kids) == 1 else '[' + ' '.join(kids) + ']'}"
            )
        if element.scope:
            parts.append(f" /A <</O /Table /Scope /{element.scope}>>")
        if element.bbox:
            parts.append(" /A <</O /Layout /BBox [{}]>>".format(" ".join(f"{v:.2f}" for v in element.bbox)))
        text = "".join(parts).encode("ascii")
        for key, value in (("Alt", element.alt), ("ActualText", element.actual_text)):
            if value:
                text += f" /{key} ".encode() + PDFString(value).format(document)
        return text + b">>"


def xmp_metadata(title: str, author: str, subject: str, language: str) -> bytes:
    """The XMP packet PDF/UA-1 asks for: the title, and the claim to PDF/UA-1 (pdfuaid:part)."""
    title, author, subject, language = (escape(v) for v in (title, author, subject, language))
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>tafdesk</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()
