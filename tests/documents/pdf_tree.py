"""Reading a tagged PDF back as a reader (a screen reader, reflow) would:
its structure tree in reading order, each element with the text its marked
content draws, and every mark on a page that is neither an element's
content nor an artifact. Built on pikepdf (a test dependency); the text is
decoded with each font's ToUnicode map, as reportlab writes them (one byte
a glyph)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

# Operators that put marks on the page: text, paths, images and forms, shadings.
PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "BI"}
_ENTRY = re.compile(rb"<([0-9A-F]{2})> <([0-9A-F]{4,})>")


@dataclass
class Node:
    kind: str
    attributes: dict
    children: list[Node] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    text: str = ""  # what its own marked content draws

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)

    def find(self, kind: str) -> list[Node]:
        return [n for n in self.walk() if n.kind == kind]


@dataclass
class TaggedPdf:
    root: Node  # the Document element
    unmarked: list[str]  # "page 2: Tj" for each mark that is neither content nor artifact
    parent_tree: dict[tuple[int, int], int]  # (page, MCID) -> the structure element's object number
    element_marks: dict[tuple[int, int], int]  # the same, read from the elements
    catalog: dict
    xmp: str


def read(path: Path) -> TaggedPdf:
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        texts: dict[tuple[int, int], str] = defaultdict(str)
        unmarked: list[str] = []
        for n, page in enumerate(pdf.pages):
            _read_page(n, page, texts, unmarked)
        root = pdf.Root.StructTreeRoot
        element_marks: dict[tuple[int, int], int] = {}
        document = _node(root.K, pages, texts, element_marks)
        parent_tree = {}
        nums = list(root.ParentTree.Nums)
        for key, refs in zip(nums[::2], nums[1::2]):
            for mcid, ref in enumerate(refs):
                parent_tree[(int(key), mcid)] = ref.objgen[0]
        catalog = {
            "Lang": str(pdf.Root.get("/Lang", "")),
            "Marked": bool(pdf.Root.MarkInfo.get("/Marked", False)),
            "DisplayDocTitle": bool(pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
            "StructParents": [int(p.obj.get("/StructParents", -1)) for p in pdf.pages],
        }
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        return TaggedPdf(document, unmarked, parent_tree, element_marks, catalog, xmp)


def _node(obj: pikepdf.Dictionary, pages: dict, texts: dict, element_marks: dict) -> Node:
    attributes = {key: obj[key] for key in ("/Alt", "/ActualText") if key in obj}
    attributes = {key[1:]: str(value) for key, value in attributes.items()}
    if "/A" in obj:
        attributes.update(
            {
                key[1:]: (str(v) if not isinstance(v, pikepdf.Array) else [float(x) for x in v])
                for key, v in obj.A.items()
                if key != "/O"
            }
        )
    node = Node(str(obj.S)[1:], attributes)
    page = pages.get(obj.Pg.objgen) if "/Pg" in obj else None
    kids = obj.K if isinstance(obj.K, pikepdf.Array) else [obj.K]
    for kid in kids:
        if isinstance(kid, int):
            node.marks.append((page, int(kid)))
        elif kid.get("/Type") == "/MCR":
            node.marks.append((pages[kid.Pg.objgen], int(kid.MCID)))
        else:
            node.children.append(_node(kid, pages, texts, element_marks))
    for mark in node.marks:
        element_marks[mark] = obj.objgen[0]
    node.text = "".join(texts.get(mark, "") for mark in node.marks)
    return node


def _read_page(n: int, page: pikepdf.Page, texts: dict, unmarked: list[str]) -> None:
    fonts = {name: _unicode_map(font) for name, font in page.Resources.get("/Font", {}).items()}
    stack: list[int | None] = []  # the MCID of each open mark (None: an artifact or a span)
    font: dict = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            properties = operands[1] if op == "BDC" else None
            mcid = (
                int(properties.MCID) if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties else None
            )
            stack.append(
                mcid if mcid is not None else (stack[-1] if stack and str(operands[0]) != "/Artifact" else None)
            )
        elif op == "EMC":
            stack.pop()
        elif op == "Tf":
            font = fonts.get(str(operands[0]), {})
        elif op in PAINTING:
            if not stack:
                unmarked.append(f"page {n + 1}: {op}")
            elif stack[-1] is not None and op in ("Tj", "TJ", "'", '"'):
                texts[(n, stack[-1])] += _decode(operands, font)


def _unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    if "/ToUnicode" not in font:
        return {}
    return {
        int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
        for code, text in _ENTRY.findall(font.ToUnicode.read_bytes())
    }


def _decode(operands: list, font: dict[int, str]) -> str:
    parts = operands[-1] if operands and isinstance(operands[-1], pikepdf.Array) else operands[-1:]
    out = []
    for part in parts:
        if isinstance(part, pikepdf.String):
            out.append("".join(font.get(b, "") for b in bytes(part)))
        elif float(part) < -200:  # a wide gap in a TJ array: a space
            out.append(" ")
    return "".join(out)
