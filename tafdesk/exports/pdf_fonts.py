"""The fonts embedded in every PDF: Noto Sans (Latin with all its accents,
Polish, Irish, Romanian, Vietnamese, Greek and Cyrillic) and Noto Naskh Arabic
for Arabic-script runs (Arabic, Urdu, Persian), both shipped in
resources/fonts with their licence (SIL Open Font License 1.1).

reportlab embeds only the glyphs a document uses, so a letter carries a few
kilobytes of each font. Registration reads the font files once per process.

Arabic script is drawn in the joined letter forms of Unicode's presentation
forms block; the Arabic font's ToUnicode map names each such glyph by its
plain letter (ﻣ is م), so that text copied or searched for in the PDF is
the letters a person types.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from xml.sax.saxutils import escape

from tafdesk.exports.document import Inline, runs
from tafdesk.exports.scripts import segments, visual_arabic
from tafdesk.paths import resource_path

SANS = "TafSans"
SANS_BOLD = "TafSans-Bold"
SANS_ITALIC = "TafSans-Italic"
SANS_BOLD_ITALIC = "TafSans-BoldItalic"
ARABIC = "TafNaskh"
ARABIC_BOLD = "TafNaskh-Bold"

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    SANS_BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        arabic = _arabic_font_class()
        for name, file in _FILES.items():
            kind = arabic if name in (ARABIC, ARABIC_BOLD) else TTFont
            pdfmetrics.registerFont(kind(name, str(resource_path("fonts", file))))
        pdfmetrics.registerFontFamily(
            SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD_ITALIC
        )
        # Arabic script has no italic: the upright face stands in.
        for bold, italic, face in ((0, 0, ARABIC), (1, 0, ARABIC_BOLD), (0, 1, ARABIC), (1, 1, ARABIC_BOLD)):
            addMapping(ARABIC, bold, italic, face)
        _registered = True


def markup(content: Inline, bold: bool = False) -> str:
    """Runs as reportlab paragraph markup: XML-escaped, with <b>/<i> for
    emphasis and Arabic-script stretches shaped, reordered and set in the
    Arabic font."""
    parts = []
    for run in runs(content):
        text = _script_markup(run.text, bold or run.bold)
        if run.bold and not bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts).replace("\n", "<br/>")


def _script_markup(text: str, bold: bool) -> str:
    out = []
    for piece, arabic in segments(text):
        if arabic:
            face = ARABIC_BOLD if bold else ARABIC
            out.append(f'<font name="{face}">{escape(visual_arabic(piece))}</font>')
        else:
            out.append(escape(piece))
    return "".join(out)


def plain_for_canvas(text: str) -> list[tuple[str, bool]]:
    """Pieces for drawing straight onto the canvas (headers and footers):
    (text to draw, is_arabic_script), Arabic already in visual order."""
    return [(visual_arabic(p) if arabic else p, arabic) for p, arabic in segments(text)]


# A ToUnicode entry mapping one glyph to one presentation form: "<1F> <FEE3>".
_PRESENTATION_ENTRY = re.compile(r"<([0-9A-F]{2})> <(F[B-E][0-9A-F]{2})>")


def plain_letters(cmap: str) -> str:
    """A ToUnicode CMap with each Arabic presentation form replaced by its
    letter. Ligatures (lam-alef) keep their form: a viewer that reverses an
    Arabic word for reading would reverse their two letters too."""

    def letter(match: re.Match) -> str:
        form = chr(int(match.group(2), 16))
        plain = unicodedata.normalize("NFKC", form)
        if len(plain) != 1 or not ("\ufb50" <= form <= "\ufdff" or "\ufe70" <= form <= "\ufeff"):
            return match.group(0)
        return f"<{match.group(1)}> <{ord(plain):04X}>"

    return _PRESENTATION_ENTRY.sub(letter, cmap)


def _arabic_font_class() -> type:
    from reportlab.pdfbase.ttfonts import TTFont

    class ArabicFont(TTFont):
        def addObjects(self, doc) -> None:
            super().addObjects(doc)
            suffix = "+" + self.face.name.decode("latin-1")
            for name, obj in doc.idToObject.items():
                if isinstance(name, str) and name.startswith("toUnicodeCMap:") and name.endswith(suffix):
                    obj.content = plain_letters(obj.content)

    return ArabicFont
