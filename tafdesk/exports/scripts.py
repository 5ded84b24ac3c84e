"""Splitting text by writing system, for renderers that must switch font or
direction for Arabic-script runs (Arabic, Urdu, Persian, Pashto...).

No rendering library is imported here, so the PDF and Word renderers and
the tests can all use it.
"""

from __future__ import annotations

import re

# Arabic, Arabic Supplement, Arabic Extended-A, and the presentation forms.
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_CHAR = re.compile(f"[{_ARABIC}]")
# A stretch of Arabic-script words, with the spaces and marks between them.
_ARABIC_RUN = re.compile(f"[{_ARABIC}](?:[{_ARABIC}\u200c\u200d ]*[{_ARABIC}])?")


def has_arabic(text: str) -> bool:
    return _ARABIC_CHAR.search(text) is not None


def segments(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_arabic_script) pieces, in reading order."""
    out: list[tuple[str, bool]] = []
    position = 0
    for match in _ARABIC_RUN.finditer(text):
        if match.start() > position:
            out.append((text[position : match.start()], False))
        out.append((match.group(), True))
        position = match.end()
    if position < len(text):
        out.append((text[position:], False))
    return out


def visual_arabic(text: str) -> str:
    """Arabic-script text joined into its contextual letter forms and put in
    the left-to-right order a PDF draws glyphs in.

    arabic-reshaper picks each letter's initial, medial, final or isolated
    form (including Urdu's and Persian's letters, such as ی and ک); python-bidi
    then reverses the run for display."""
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))
