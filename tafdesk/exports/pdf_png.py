"""Putting a PNG into a PDF without decoding it.

A PNG's image data (its IDAT chunks) is a zlib stream of rows, each behind a
filter byte: exactly what a PDF image with FlateDecode and a PNG predictor
holds. So an 8-bit RGB or grey, non-interlaced PNG goes in as it is, which
saves reportlab decoding and compressing it again (tens of milliseconds for
the plan's chart). Other PNGs take reportlab's ordinary path.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
COLOURS = {0: ("DeviceGray", 1), 2: ("DeviceRGB", 3)}  # PNG colour type -> PDF colour space, components


@dataclass(frozen=True)
class PngData:
    width: int
    height: int
    colour_space: str
    colours: int
    data: bytes  # the IDAT chunks joined: one zlib stream


def passthrough(png: bytes) -> PngData | None:
    """The PNG's image stream if a PDF can use it as it is, else None."""
    if not png.startswith(PNG_SIGNATURE):
        return None
    position, header, parts = len(PNG_SIGNATURE), None, []
    while position + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            parts.append(body)
        elif kind in (b"PLTE", b"tRNS"):
            return None  # palettes and transparency: leave them to reportlab
        elif kind == b"IEND":
            break
        position += 12 + length
    if header is None or not parts:
        return None
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or interlace or colour_type not in COLOURS:
        return None
    space, colours = COLOURS[colour_type]
    return PngData(width, height, space, colours, b"".join(parts))


class _PngXObject(pdfdoc.PDFImageXObject):
    def __init__(self, name: str, png: PngData) -> None:
        super().__init__(name)
        self.width, self.height = png.width, png.height
        self.colorSpace, self.bitsPerComponent = png.colour_space, 8
        self._filters = ("FlateDecode",)
        self.streamContent = png.data
        self.mask = None
        self._colours = png.colours

    def format(self, document) -> bytes:
        stream = pdfdoc.PDFStream(content=self.streamContent)
        d = stream.dictionary
        d["Type"], d["Subtype"] = pdfdoc.PDFName("XObject"), pdfdoc.PDFName("Image")
        d["Width"], d["Height"], d["BitsPerComponent"] = self.width, self.height, 8
        d["ColorSpace"] = pdfdoc.PDFName(self.colorSpace)
        d["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        # Filter is an array, so DecodeParms is an array too, one entry per filter.
        d["DecodeParms"] = pdfdoc.PDFArray(
            [
                pdfdoc.PDFDictionary(
                    {"Predictor": 15, "Colors": self._colours, "BitsPerComponent": 8, "Columns": self.width}
                )
            ]
        )
        d["Length"] = len(self.streamContent)
        stream.filters = ()  # already compressed: reportlab must not compress it again
        return stream.format(document)


class PngImage(Flowable):
    """A PNG drawn at the given size, its data copied into the PDF unchanged."""

    def __init__(self, png: PngData, width: float, height: float) -> None:
        super().__init__()
        self.png, self.width, self.height = png, width, height
        self.hAlign = "LEFT"
        self._name = "png" + hashlib.sha1(png.data).hexdigest()[:20]  # noqa: S324 (a name, not security)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        document = canvas._doc
        registered = document.getXObjectName(self._name)
        if document.idToObject.get(registered) is None:
            image = _PngXObject(self._name, self.png)
            canvas._setXObjects(image)
            document.Reference(image, registered)
            document.addForm(self._name, image)
        canvas.saveState()
        canvas.transform(self.width, 0, 0, self.height, 0, 0)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self._name)  # so the page's resources name it
