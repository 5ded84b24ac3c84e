"""Meeting mode's look, for a projector in a lit room: dark ink on white
(in the light palette), a navy header, strong borders, a thick orange ring
round whatever has the keyboard, and type sized to the window
(`base_pixels`). Colours are the palette's roles (ui/colours.py)."""

from __future__ import annotations

from tafdesk.ui.theme import styled


def base_pixels(width: int, height: int) -> int:
    """Body text size: 16 px at 1280×720, 23 px at 1920×1080."""
    return max(13, min(26, round(min(height / 46, width / 80))))


def mode_style(px: int) -> str:
    big, heading = round(px * 1.45), round(px * 1.2)
    # Every widget's size is set here: under the application stylesheet the
    # window's own font does not reach its children (each styled widget keeps
    # the application's 11 pt).
    return styled(f"""
QWidget {{ font-size: {px}px; }}
QWidget#meetingMode {{ background: @base@; color: @ink@; }}
QFrame#mmHeader {{ background: @strong@; border-bottom: 2px solid @strong_line@; }}
QFrame#mmHeader QLabel {{ color: @strong_ink@; }}
QLabel#mmTitle {{ font-size: {big}px; font-weight: 700; }}
QLabel#mmProgress {{ font-size: {heading}px; font-weight: 700; }}
QLabel#mmState {{ font-weight: 700; padding: 2px 10px; border: 2px solid @strong_ink@; border-radius: 4px; }}
QLabel#mmHeading {{ font-size: {heading}px; font-weight: 700; color: @heading@; }}
QLabel#mmFieldLabel {{ font-weight: 700; color: @heading@; }}
QLabel#mmWarning {{ background: @error.tint@; color: @error.ink@; border-left: 10px solid @error.mark@; padding: 6px 12px;
                    font-weight: 600; }}
QFrame#banner {{ background: @ok.tint@; border: none; border-left: 10px solid @ok.mark@; border-top: 1px solid @frame@;
                 border-radius: 0; }}
QFrame#banner QLabel#bannerText {{ color: @ok.ink@; font-weight: 600; }}
QFrame#banner[error="true"] {{ background: @error.tint@; border-left-color: @error.mark@; }}
QFrame#banner[error="true"] QLabel#bannerText {{ color: @error.ink@; }}
QLabel#mmChoice {{ background: @panel@; border-left: 6px solid @heading@; padding: 6px 10px; }}
QLabel#mmDecided {{ background: @ok.tint@; border-left: 6px solid @ok.mark@; padding: 6px 10px; color: @ok.ink@; }}
QFrame#quoteWarning {{ background: @warn.tint@; border-left: 6px solid @warn.mark@; }}
QLabel#quoteWarningText {{ color: @warn.ink@; background: transparent; }}
QLabel#mmTotals {{ background: @panel@; padding: 6px 10px; }}
QLabel#mmKeys {{ background: @panel@; color: @ink@; padding: 4px 12px;
                 border-top: 1px solid @frame@; }}
QWidget#mmConfirmBar {{ background: @warn.tint@; border: 2px solid @warn.mark@; }}
QLabel[fieldError="true"] {{ color: @error.ink@; font-weight: 700; }}
QTableView, QListView, QTextBrowser, QPlainTextEdit, QLineEdit, QDateEdit, QComboBox {{
    border: 2px solid @frame@; background: @base@; color: @ink@; placeholder-text-color: @muted@;
    selection-background-color: @accent@; selection-color: @accent_ink@; }}
QTableView:focus, QListView:focus, QTextBrowser:focus, QPlainTextEdit:focus, QLineEdit:focus, QDateEdit:focus,
QComboBox:focus {{ border: 4px solid @mode_focus@; }}
QHeaderView::section {{ background: @header@; color: @ink@; font-weight: 700; padding: 4px 8px; border: none;
                        border-bottom: 2px solid @frame@; border-right: 1px solid @rule@; }}
QTabWidget::pane {{ border: 2px solid @frame@; top: -2px; }}
QTabBar::tab {{ padding: 6px 16px; font-weight: 600; background: @header@; color: @ink@;
                border: 2px solid @frame@; border-bottom: none; margin-right: 3px; }}
QTabBar::tab:selected {{ background: @strong@; color: @strong_ink@; }}
QTabBar::tab:focus {{ border: 3px solid @mode_focus@; }}
QPushButton {{ padding: 5px 14px; border: 2px solid @frame_strong@; border-radius: 4px; background: @button@; color: @ink@; }}
QPushButton:focus {{ border: 4px solid @mode_focus@; padding: 3px 12px; }}  /* the words keep their room */
QPushButton:disabled {{ color: @disabled@; border-color: @rule@; }}
QPushButton#mmConfirm {{ background: @go@; color: @go_ink@; border-color: @go_line@; font-weight: 700; }}
QPushButton#mmConfirm:focus {{ border: 4px solid @mode_focus@; padding: 3px 12px; }}
QPushButton#mmConfirm:disabled {{ background: @go_off@; border-color: @go_off@; color: @disabled@; }}
QFrame#mmHeader QPushButton {{ background: @strong_button@; color: @strong_ink@; border: 2px solid @strong_line@; }}
QFrame#mmHeader QPushButton:focus {{ border: 4px solid @strong_focus@; padding: 3px 12px; }}
QRadioButton, QCheckBox {{ padding: 2px 6px; border: 3px solid transparent; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: {round(px * 0.8)}px; height: {round(px * 0.8)}px; }}
QRadioButton::indicator {{ border-radius: {round(px * 0.4) + 1}px; }}  /* a ring at any size */
QRadioButton:focus, QCheckBox:focus {{ border: 3px solid @mode_focus@; }}
QRadioButton:checked {{ font-weight: 700; color: @heading@; }}
QProgressBar {{ border: 2px solid @frame@; background: @progress_track@; text-align: center; color: @ink@;
                font-weight: 700; min-height: {round(px * 1.5)}px; }}
QProgressBar::chunk {{ background: @progress@; }}
QWidget#balanceChart:focus {{ border: 4px solid @mode_focus@; }}
""")
