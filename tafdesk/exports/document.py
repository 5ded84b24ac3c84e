"""The neutral document: what a letter, the minutes or a plan says, with no
idea of PDF or Word. Builders make one of these; each renderer turns it into
its format, so both formats carry the same content.

Text is plain Unicode. Inline emphasis is a sequence of `Run`s; a bare string
is accepted wherever runs are, and means one plain run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


Inline = str | Run | Sequence[Run]


def runs(content: Inline) -> tuple[Run, ...]:
    """Any inline content as a tuple of runs."""
    if isinstance(content, str):
        return (Run(content),) if content else ()
    if isinstance(content, Run):
        return (content,)
    return tuple(content)


def plain_text(content: Inline) -> str:
    return "".join(r.text for r in runs(content))


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 or 2 (3 is accepted and drawn as a small heading)


@dataclass(frozen=True)
class Paragraph:
    content: tuple[Run, ...]
    # "body", "small" (notes), "caption" (a small note kept with what follows it) or "lead" (a standfirst)
    style: str = "body"

    @classmethod
    def of(cls, content: Inline, style: str = "body") -> Paragraph:
        return cls(runs(content), style)

    @property
    def text(self) -> str:
        return plain_text(self.content)


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Run, ...], ...]

    @classmethod
    def of(cls, items: Iterable[Inline]) -> BulletList:
        return cls(tuple(runs(item) for item in items))


@dataclass(frozen=True)
class Table:
    """A header row and body rows of plain text cells. `widths` are relative
    column widths (any positive numbers; they are scaled to the page)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    caption: str | None = None  # read out before the table; shown above it

    def __post_init__(self) -> None:
        columns = len(self.header)
        if any(len(row) != columns for row in self.rows):
            raise ValueError("every table row needs as many cells as the header")
        if self.widths and len(self.widths) != columns:
            raise ValueError("a table needs one width per column")

    def column_fractions(self) -> tuple[float, ...]:
        widths = self.widths or (1.0,) * len(self.header)
        total = sum(widths)
        return tuple(w / total for w in widths)


@dataclass(frozen=True)
class LabelValues:
    """Label and value pairs, such as a case's details."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class AddressBlock:
    """The top of a letter: the recipient's name and address on the left (where
    a window envelope shows it) and the letter's particulars on the right."""

    recipient: tuple[str, ...]
    particulars: tuple[tuple[str, str], ...]  # ("Our reference", "N-2026-0012"), ("Date", "1 December 2026")


@dataclass(frozen=True)
class SignatureBlock:
    closing: str  # "Yours sincerely"
    name: str
    title: str | None = None
    organisation: str | None = None
    copies: tuple[str, ...] = ()  # "Copy to: …" lines after the signature


@dataclass(frozen=True)
class Image:
    png: bytes
    width_mm: float
    height_mm: float
    description: str  # alternative text


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | BulletList | Table | LabelValues | AddressBlock | SignatureBlock | Image | PageBreak


@dataclass(frozen=True)
class Letterhead:
    """Who the document is from: shown at the top of the first page and in
    the footer of every page."""

    organisation: str
    department: str | None = None
    address: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    footer: str | None = None
    signatory_name: str | None = None
    signatory_title: str | None = None
    logo_png: bytes | None = None
    complaints: str | None = None  # how to complain: "Complaints Team, Civic Centre, NT1 1AA, or complaints@…"
    privacy_contact: str | None = None  # the data protection officer: "dpo@…, 01632 960001"

    def contact_lines(self) -> tuple[str, ...]:
        lines = list(self.address)
        if self.phone:
            lines.append(f"Telephone {self.phone}")
        if self.email:
            lines.append(self.email)
        if self.website:
            lines.append(self.website)
        return tuple(lines)


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    language: str = "en-GB"
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    metadata: Metadata
    blocks: tuple[Block, ...]
    letterhead: Letterhead | None = None
    marking: str | None = None  # a protective marking such as "OFFICIAL-SENSITIVE", on every page
    landscape: bool = False

    def text(self) -> str:
        """Everything the document says, as plain text (for tests and search)."""
        return "\n".join(_block_text(b) for b in self.blocks)


def _block_text(block: Block) -> str:
    match block:
        case Heading(text=text):
            return text
        case Paragraph():
            return block.text
        case BulletList(items=items):
            return "\n".join(plain_text(item) for item in items)
        case Table(header=header, rows=rows, caption=caption):
            lines = [caption] if caption else []
            return "\n".join([*lines, " | ".join(header), *(" | ".join(row) for row in rows)])
        case LabelValues(pairs=pairs):
            return "\n".join(f"{k}: {v}" for k, v in pairs)
        case AddressBlock(recipient=recipient, particulars=particulars):
            return "\n".join([*recipient, *(f"{k}: {v}" for k, v in particulars)])
        case SignatureBlock():
            parts = [block.closing, block.name, block.title or "", block.organisation or "", *block.copies]
            return "\n".join(p for p in parts if p)
        case Image(description=description):
            return description
    return ""


@dataclass
class DocumentBuilder:
    """Collects blocks in order; a small convenience for the builders."""

    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str, level: int = 1) -> DocumentBuilder:
        self.blocks.append(Heading(text, level))
        return self

    def para(self, content: Inline, style: str = "body") -> DocumentBuilder:
        self.blocks.append(Paragraph.of(content, style))
        return self

    def bullets(self, items: Iterable[Inline]) -> DocumentBuilder:
        items = list(items)
        if items:
            self.blocks.append(BulletList.of(items))
        return self

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[str]],
        widths: Sequence[float] = (),
        caption: str | None = None,
    ) -> DocumentBuilder:
        self.blocks.append(Table(tuple(header), tuple(tuple(r) for r in rows), tuple(widths), caption))
        return self

    def labels(self, pairs: Iterable[tuple[str, str | None]]) -> DocumentBuilder:
        kept = tuple((k, v) for k, v in pairs if v)
        if kept:
            self.blocks.append(LabelValues(kept))
        return self

    def add(self, block: Block) -> DocumentBuilder:
        self.blocks.append(block)
        return self

    def build(
        self,
        metadata: Metadata,
        letterhead: Letterhead | None = None,
        marking: str | None = None,
        landscape: bool = False,
    ) -> Document:
        return Document(metadata, tuple(self.blocks), letterhead, marking, landscape)
