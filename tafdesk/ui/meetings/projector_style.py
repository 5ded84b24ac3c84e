"""The projector view's look: meeting mode's colours (mode_style.py), type
sized to its own screen by the same `base_pixels`, and nothing that shows
a keyboard focus, because nothing in it takes one."""

from __future__ import annotations

from tafdesk.ui.theme import styled


def projector_style(px: int) -> str:
    big, heading = round(px * 1.45), round(px * 1.2)
    return styled(f"""
QWidget {{ font-size: {px}px; }}
QWidget#projectorView {{ background: @base@; color: @ink@; }}
QFrame#prHeader {{ background: @strong@; border-bottom: 2px solid @strong_line@; }}
QFrame#prHeader QLabel {{ color: @strong_ink@; }}
QLabel#prTitle {{ font-size: {big}px; font-weight: 700; }}
QLabel#prProgress {{ font-size: {heading}px; font-weight: 700; }}
QLabel#prState {{ font-weight: 700; padding: 2px 10px; border: 2px solid @strong_ink@; border-radius: 4px; }}
QLabel#prHeading {{ font-size: {heading}px; font-weight: 700; color: @heading@; }}
QLabel#prAgenda {{ background: @base@; border: 2px solid @frame@; padding: 6px; }}
QTextBrowser {{ border: 2px solid @frame@; background: @base@; color: @ink@; }}
QProgressBar {{ border: 2px solid @frame@; background: @progress_track@; text-align: center; color: @ink@;
                font-weight: 700; min-height: {round(px * 1.5)}px; }}
QProgressBar::chunk {{ background: @progress@; }}
QLabel#prFooter {{ background: @panel@; color: @ink@; padding: 4px 12px; border-top: 1px solid @frame@; }}
""")
