"""The projector view: a second window for the room's screen while the chair
runs meeting mode on their own. It shows what the room may see (room_view.py:
the family without its restricted items, the progress, the meeting's state
and the decision being made) and nothing else, in large type; it takes no
keyboard focus and offers nothing to edit.

`show_room` is its one way in: meeting mode calls it through its
`room_changed` signal, and a projector on another computer can be fed the
same `RoomView`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tafdesk.ui.colours import current
from tafdesk.ui.intake.summary_html import e
from tafdesk.ui.meetings.mode_style import base_pixels
from tafdesk.ui.meetings.projector_style import projector_style
from tafdesk.ui.meetings.room_view import AgendaLine, RoomView
from tafdesk.ui.reading import whole_words
from tafdesk.ui.theme import keep_coloured

AGENDA_LINES = 8  # families listed at once: the rest of the column is the decision's
WINDOW_SHARE = 0.75  # of the screen, when there is no second screen to fill


def room_screen(chair: QScreen | None) -> QScreen | None:
    """The screen the room looks at: one that is not the chair's; None when there is only one."""
    screens = QGuiApplication.screens()
    if len(screens) < 2:
        return None
    return next((s for s in screens if s is not chair), None)


def agenda_html(lines: tuple[AgendaLine, ...], most: int = AGENDA_LINES) -> str:
    """The agenda, ✓ decided and ○ to decide, the current family marked; a long one as the part round the
    current family, with how many come before and after."""
    at = next((n for n, line in enumerate(lines) if line.current), 0)
    start = max(0, min(at - 2, len(lines) - most))
    shown, before, after = lines[start : start + most], start, max(0, len(lines) - start - most)
    rows, colours = [_more(f"{before} before")] if before else [], current()
    for line in shown:
        mark = "✓" if line.decided else "○"
        if line.current:
            style = f' style="background-color:{colours.accent}; color:{colours.accent_ink}; font-weight:700;"'
            ink = colours.accent_ink
        else:
            style, ink = "", colours.ok.ink if line.decided else colours.muted
        rows.append(f'<tr><td{style}><span style="color:{ink};">{mark}</span>&nbsp;{e(line.family)}</td></tr>')
    rows += [_more(f"{after} more")] if after else []
    return f'<table width="100%" cellspacing="0" cellpadding="4">{"".join(rows)}</table>'


def _more(text: str) -> str:
    return f'<tr><td style="color:{current().muted};">… {e(text)}</td></tr>'


class ProjectorView(QWidget):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projectorView")
        self.setAccessibleName("Projector view")
        self.setWindowTitle("Projector view – tafdesk")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)  # the chair keeps the keyboard
        self.header = QFrame(objectName="prHeader")
        self.title = QLabel(objectName="prTitle")
        self.meeting = QLabel(objectName="prMeeting", wordWrap=True)
        self.progress = QLabel(objectName="prProgress")
        self.state = QLabel(objectName="prState")
        self.agenda_heading = QLabel("Agenda", objectName="prHeading")
        self.agenda = QLabel(objectName="prAgenda")
        self.bar = QProgressBar(objectName="prBar")
        self.family = whole_words(QTextBrowser(objectName="prFamily"))
        self.decision = whole_words(QTextBrowser(objectName="prDecision"))
        self.footer = QLabel(
            "Projector view: restricted information is never shown here", objectName="prFooter", wordWrap=True
        )
        self._px = 0
        self._build()
        self._add_keys()

    def _build(self) -> None:
        for label, name in (
            (self.title, "Family"),
            (self.meeting, "Meeting"),
            (self.progress, "Progress"),
            (self.state, "Meeting state"),
        ):
            label.setAccessibleDescription(name)
        self.agenda.setTextFormat(Qt.TextFormat.RichText)
        self.agenda.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.agenda.setAccessibleName("Agenda")
        self.title.setMinimumWidth(1)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar.setAccessibleName("Decided so far")
        for pane, name in ((self.family, "The family"), (self.decision, "The decision")):
            pane.setAccessibleName(name)
            pane.setOpenLinks(False)
            pane.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            pane.document().setDocumentMargin(12)

        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.meeting)
        header = QHBoxLayout(self.header)
        header.setContentsMargins(16, 8, 16, 8)
        header.addLayout(titles, 1)
        header.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addSpacing(16)
        header.addWidget(self.state, 0, Qt.AlignmentFlag.AlignVCenter)
        # The family takes most of the screen, its sections side by side; the agenda, the progress and the
        # decision being made share a column beside it.
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self.agenda_heading)
        left.addWidget(self.agenda)
        left.addWidget(self.bar)
        left.addSpacing(6)
        left.addWidget(self.decision, 1)
        body = QHBoxLayout()
        body.setContentsMargins(12, 8, 12, 8)
        body.setSpacing(12)
        body.addLayout(left, 3)
        body.addWidget(self.family, 7)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        layout.addWidget(self.footer)
        for widget in self.findChildren(QWidget):  # to be read, not used: nothing takes the keyboard
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _add_keys(self) -> None:
        for text, key, slot in (
            ("Close the projector view", "Esc", self.close),
            ("Full screen on or off", "F11", self._toggle_full_screen),
        ):
            action = QAction(text, self, shortcut=QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def show_room(self, room: RoomView) -> None:
        """Show what the room may see now (the only way anything reaches this window)."""
        self.title.setText(room.title)
        self.meeting.setText(room.meeting)
        self.progress.setText(room.progress)
        self.state.setText(room.state)
        self.agenda.setText(agenda_html(room.agenda))
        self.bar.setRange(0, max(room.items, 1))
        self.bar.setValue(room.decided)
        self.bar.setFormat(room.progress)
        self.family.setHtml(room.family_html)
        self.decision.setHtml(room.decision_html)

    def open_on(self, screen: QScreen | None, fallback: QScreen | None) -> None:
        """Full screen on the room's screen, or a window on the chair's when there is no other."""
        if screen is not None:
            self.setGeometry(screen.geometry())
            self._restyle(screen.geometry().width(), screen.geometry().height())
            self.showFullScreen()
            return
        area = (fallback or QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(round(area.width() * WINDOW_SHARE), round(area.height() * WINDOW_SHARE))
        self.move(area.center() - self.rect().center())
        self._restyle(self.width(), self.height())
        self.show()

    def _toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._restyle(event.size().width(), event.size().height())

    def _restyle(self, width: int, height: int) -> None:
        px = base_pixels(width, height)
        if px != self._px:
            self._px = px
            keep_coloured(self, lambda: self.setStyleSheet(projector_style(self._px)))

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
