"""The projector view's look: meeting mode's colours (mode_style.py), type
sized to its own screen by the same `base_pixels`, and nothing that shows
a keyboard focus, because nothing in it takes one."""

from __future__ import annotations

from tafdesk.ui.meetings.mode_style import FRAME, NAVY


def projector_style(px: int) -> str:
    big, heading = round(px * 1.45), round(px * 1.2)
    return f"""
QWidget {{ font-size: {px}px; }}
QWidget#projectorView {{ background: #ffffff; color: #111111; }}
QFrame#prHeader {{ background: {NAVY}; }}
QFrame#prHeader QLabel {{ color: #ffffff; }}
QLabel#prTitle {{ font-size: {big}px; font-weight: 700; }}
QLabel#prProgress {{ font-size: {heading}px; font-weight: 700; }}
QLabel#prState {{ font-weight: 700; padding: 2px 10px; border: 2px solid #ffffff; border-radius: 4px; }}
QLabel#prHeading {{ font-size: {heading}px; font-weight: 700; color: {NAVY}; }}
QLabel#prAgenda {{ background: #ffffff; border: 2px solid {FRAME}; padding: 6px; }}
QTextBrowser {{ border: 2px solid {FRAME}; background: #ffffff; color: #111111; }}
QProgressBar {{ border: 2px solid {FRAME}; background: #eef1f5; text-align: center; color: #111111;
                font-weight: 700; min-height: {round(px * 1.5)}px; }}
QProgressBar::chunk {{ background: #7fbf95; }}
QLabel#prFooter {{ background: #eef1f5; color: #1c2633; padding: 4px 12px; border-top: 1px solid {FRAME}; }}
"""
