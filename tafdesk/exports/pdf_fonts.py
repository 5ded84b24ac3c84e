"""The fonts embedded in every PDF: Noto Sans (Latin with all its accents,
Polish, Irish, Romanian, Vietnamese, Greek and Cyrillic) and Noto Naskh Arabic
for Arabic-script runs (Arabic, Urdu, Persian), both shipped in
resources/fonts with their licence (SIL Open Font License 1.1).

reportlab embeds only the glyphs a document uses, so a letter carries a few
kilobytes of each font. Registration reads the font files once per process.
"""

from __future__ import annotations

import threading
from xml.sax.saxutils import escape

from tafdesk.exports.document import Run
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

        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
        pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD_ITALIC)
        # Arabic script has no italic: the upright face stands in.
        for bold, italic, face in ((0, 0, ARABIC), (1, 0, ARABIC_BOLD), (0, 1, ARABIC), (1, 1, ARABIC_BOLD)):
            addMapping(ARABIC, bold, italic, face)
        _registered = True


def markup(content: tuple[Run, ...] | str, bold: bool = False) -> str:
    """Runs as reportlab paragraph markup: XML-escaped, with <b>/<i> for
    emphasis and Arabic-script stretches shaped, reordered and set in the
    Arabic font."""
    if isinstance(content, str):
        content = (Run(content),)
    parts = []
    for run in content:
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
