"""Meeting mode's look, for a projector in a lit room: dark ink on white,
a navy header, strong borders, a thick orange ring round whatever has the
keyboard, and type sized to the window (`base_pixels`)."""

from __future__ import annotations

FOCUS = "#c05600"
NAVY = "#0b2e4a"
SELECTED = "#0b4f80"
FRAME = "#7d8b9b"


def base_pixels(width: int, height: int) -> int:
    """Body text size: 16 px at 1280×720, 23 px at 1920×1080."""
    return max(13, min(26, round(min(height / 46, width / 80))))


def mode_style(px: int) -> str:
    big, heading = round(px * 1.45), round(px * 1.2)
    # Every widget's size is set here: under the application stylesheet the
    # window's own font does not reach its children (each styled widget keeps
    # the application's 11 pt).
    return f"""
QWidget {{ font-size: {px}px; }}
QWidget#meetingMode {{ background: #ffffff; color: #111111; }}
QFrame#mmHeader {{ background: {NAVY}; }}
QFrame#mmHeader QLabel {{ color: #ffffff; }}
QLabel#mmTitle {{ font-size: {big}px; font-weight: 700; }}
QLabel#mmProgress {{ font-size: {heading}px; font-weight: 700; }}
QLabel#mmState {{ font-weight: 700; padding: 2px 10px; border: 2px solid #ffffff; border-radius: 4px; }}
QLabel#mmHeading {{ font-size: {heading}px; font-weight: 700; color: {NAVY}; }}
QLabel#mmFieldLabel {{ font-weight: 700; color: {NAVY}; }}
QLabel#mmWarning {{ background: #fdeceb; color: #8f1d16; border-left: 10px solid #a3231b; padding: 6px 12px;
                    font-weight: 600; }}
QLabel#mmNotice {{ background: #e6f2ea; color: #174f2f; border-left: 10px solid #2f7d4f; padding: 4px 12px;
                   border-top: 1px solid {FRAME}; font-weight: 600; }}
QLabel#mmNotice[error="true"] {{ background: #fdeceb; color: #8f1d16; border-left-color: #a3231b; font-weight: 600; }}
QLabel#mmChoice {{ background: #eef3f8; border-left: 6px solid {NAVY}; padding: 6px 10px; }}
QLabel#mmDecided {{ background: #e6f2ea; border-left: 6px solid #2f7d4f; padding: 6px 10px; color: #174f2f; }}
QFrame#quoteWarning {{ background: #fdf1d8; border-left: 6px solid #c27c0e; }}
QLabel#quoteWarningText {{ color: #5c3a00; background: transparent; }}
QLabel#mmTotals {{ background: #eef3f8; padding: 6px 10px; }}
QLabel#mmKeys {{ background: #eef1f5; color: #1c2633; padding: 4px 12px;
                 border-top: 1px solid {FRAME}; }}
QWidget#mmConfirmBar {{ background: #fdf1d8; border: 2px solid #c27c0e; }}
QLabel[fieldError="true"] {{ color: #a3231b; font-weight: 700; }}
QTableView, QListView, QTextBrowser, QPlainTextEdit, QLineEdit, QDateEdit, QComboBox {{
    border: 2px solid {FRAME}; background: #ffffff; color: #111111;
    selection-background-color: {SELECTED}; selection-color: #ffffff; }}
QTableView:focus, QListView:focus, QTextBrowser:focus, QPlainTextEdit:focus, QLineEdit:focus, QDateEdit:focus,
QComboBox:focus {{ border: 4px solid {FOCUS}; }}
QHeaderView::section {{ background: #e3e9f0; color: #111111; font-weight: 700; padding: 4px 8px; border: none;
                        border-bottom: 2px solid {FRAME}; border-right: 1px solid #c9d3de; }}
QTabWidget::pane {{ border: 2px solid {FRAME}; top: -2px; }}
QTabBar::tab {{ padding: 6px 16px; font-weight: 600; background: #e3e9f0; color: #111111;
                border: 2px solid {FRAME}; border-bottom: none; margin-right: 3px; }}
QTabBar::tab:selected {{ background: {NAVY}; color: #ffffff; }}
QTabBar::tab:focus {{ border: 3px solid {FOCUS}; }}
QPushButton {{ padding: 5px 14px; border: 2px solid #5b6777; border-radius: 4px; background: #eef2f6; color: #111111; }}
QPushButton:focus {{ border: 4px solid {FOCUS}; padding: 3px 12px; }}  /* the words keep their room */
QPushButton:disabled {{ color: #7d8794; border-color: #b8c2cc; }}
QPushButton#mmConfirm {{ background: #1f6b3f; color: #ffffff; border-color: #174f2f; font-weight: 700; }}
QPushButton#mmConfirm:focus {{ border: 4px solid {FOCUS}; padding: 3px 12px; }}
QPushButton#mmConfirm:disabled {{ background: #a9bfb1; border-color: #a9bfb1; }}
QFrame#mmHeader QPushButton {{ background: #173f61; color: #ffffff; border: 2px solid #8fb3d1; }}
QFrame#mmHeader QPushButton:focus {{ border: 4px solid #ffb65c; padding: 3px 12px; }}
QRadioButton, QCheckBox {{ padding: 2px 6px; border: 3px solid transparent; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: {round(px * 0.8)}px; height: {round(px * 0.8)}px; }}
QRadioButton:focus, QCheckBox:focus {{ border: 3px solid {FOCUS}; }}
QRadioButton:checked {{ font-weight: 700; color: {NAVY}; }}
QProgressBar {{ border: 2px solid {FRAME}; background: #eef1f5; text-align: center; color: #111111;
                font-weight: 700; min-height: {round(px * 1.5)}px; }}
QProgressBar::chunk {{ background: #7fbf95; }}
QWidget#balanceChart:focus {{ border: 4px solid {FOCUS}; }}
"""
