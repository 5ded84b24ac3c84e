"""Warned in place as text that can reach a document is typed, and marking
text restricted there.

`FamilyWording` is one family's quote check and its marked wording, for one
place text is typed (a meeting, a plan). `QuoteWarning` is the warning with
its "Mark restricted" button; `QuoteWatch` drives one warning from the
texts it watches. Every watched text also has "Mark restricted"
(Ctrl+Shift+M) and "Wording marked restricted…" on its context menu: the
selected words are marked or, with none selected, the whole text.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from tafdesk.services.restricted_text import (
    Context,
    MarkedWording,
    QuoteCheck,
    QuoteState,
    RestrictedTextService,
    warning,
)
from tafdesk.ui.background import run_in_background
from tafdesk.ui.errors import explain
from tafdesk.ui.scrolling import reveal

log = logging.getLogger(__name__)

MARK_KEYS = "Ctrl+Shift+M"
CHECK_MS = 400  # after the last keystroke
MARK_TIP = (
    f"Mark the selected words (with none selected, the whole text) restricted: letters, plans and the "
    f"circulation minutes will withhold them ({MARK_KEYS})"
)
Editable = QLineEdit | QPlainTextEdit | QComboBox


class FamilyWording(QObject):
    """The quote check is read off the interface thread once text is typed
    (opening a plan or a family costs nothing), and again at once after each
    marking and unmarking (`changed`)."""

    changed = Signal()  # the check was read again: warnings check their text again
    said = Signal(str, bool)  # what marking did, or why it was not done (True)

    def __init__(
        self, service: RestrictedTextService, case_id: uuid.UUID, context: Context, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.case_id, self.context = service, case_id, context
        self._check: QuoteCheck | None = None
        self._stale = True  # read it (again) when next wanted
        self._reading = False

    def state(self, text: str) -> QuoteState:
        """NONE until the check has been read (`want`)."""
        return self._check.state(text) if self._check is not None else QuoteState.NONE

    def withhold(self, text: str) -> str | None:
        """The text with whatever it quotes of the family's restricted
        information withheld (for a shared screen); None until the check is read."""
        return self._check.withheld.withhold(text) if self._check is not None else None

    def want(self) -> None:
        """Text is being typed: have the check read, if it is not (or is out of date)."""
        if self._stale and not self._reading:
            self._reading = True
            run_in_background(
                lambda: self.service.checker(self.case_id, self.context), self._arrived, self._failed, context=self
            )

    def refresh(self) -> None:
        """Someone else may have marked wording since: read the check again when next wanted."""
        self._stale = True

    def _arrived(self, check: QuoteCheck) -> None:
        self._reading, self._stale = False, False
        self._check = check
        self.changed.emit()

    def _failed(self, error: Exception) -> None:
        self._reading, self._stale = (
            False,
            False,
        )  # no warning (until refreshed): documents withhold quotes all the same
        log.info("no quote check for case %s: %s", self.case_id, type(error).__name__)

    def mark(self, text: str) -> bool:
        try:
            self.service.mark(self.case_id, text, self.context)
        except Exception as error:  # noqa: BLE001 (said in one sentence)
            self.said.emit(f"Not marked restricted. {_sentence(error)}", True)
            return False
        self.said.emit(
            "Marked restricted: letters, plans and the circulation minutes will show "
            "“[withheld: restricted]” in its place.",
            False,
        )
        self._read_now()
        return True

    def marked(self) -> list[MarkedWording]:
        return self.service.marked(self.case_id, self.context)

    def unmark(self, wording_id: uuid.UUID) -> bool:
        try:
            self.service.unmark(self.case_id, wording_id, self.context)
        except Exception as error:  # noqa: BLE001
            self.said.emit(f"Not unmarked. {_sentence(error)}", True)
            return False
        self.said.emit("No longer marked restricted: documents may quote it again.", False)
        self._read_now()
        return True

    def show_list(self, parent: QWidget) -> None:
        from tafdesk.ui.marked_dialog import MarkedWordingDialog

        try:
            dialog = MarkedWordingDialog(self, parent)
        except Exception as error:  # noqa: BLE001
            self.said.emit(_sentence(error), True)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _read_now(self) -> None:
        """After a change of one's own: the warnings follow it at once."""
        try:
            self._check, self._stale = self.service.checker(self.case_id, self.context), False
        except Exception as error:  # noqa: BLE001
            self._failed(error)
        self.changed.emit()


def _sentence(error: Exception) -> str:
    from tafdesk.services.errors import ValidationError

    if isinstance(error, ValidationError):
        return " ".join(error.fields.values())
    return explain(error, "marking wording restricted")


class QuoteWarning(QFrame):
    """What will happen to the text, in place, and what can be done about it."""

    mark_requested = Signal()
    list_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteWarning")
        self.label = QLabel(objectName="quoteWarningText", wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.mark_button = QPushButton("Mark restricted")
        self.mark_button.setAccessibleName("Mark restricted")
        self.mark_button.setToolTip(MARK_TIP)
        self.list_button = QPushButton("Marked wording…")
        self.list_button.setAccessibleName("Wording marked restricted")
        self.list_button.setToolTip("The family's wording marked restricted, to unmark any of it")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.mark_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.list_button, 0, Qt.AlignmentFlag.AlignVCenter)
        for button in (self.mark_button, self.list_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click keeps the text's selection, to mark it
        self.mark_button.clicked.connect(self.mark_requested)
        self.list_button.clicked.connect(self.list_requested)
        self.state = QuoteState.NONE
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_state(self, state: QuoteState, where: str = "", context: Context = Context.MEETING) -> None:
        self.state = state
        if state is QuoteState.NONE:
            self.hide()
            return
        text = warning(state, context)
        self.label.setText(f"{where}: {text}" if where else text)
        self.setAccessibleName(
            "Restricted information quoted" if state is QuoteState.QUOTED else "Wording marked restricted"
        )
        self.setAccessibleDescription(self.label.text())
        self.mark_button.setVisible(state is QuoteState.QUOTED)
        self.list_button.setVisible(state is QuoteState.MARKED)
        self.show()


# -- the texts ---------------------------------------------------------------------


def chosen_text(widget: Editable) -> str:
    """The selected words, or with none selected the whole text."""
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
        return (line.selectedText() or line.text()) if line else widget.currentText()
    if isinstance(widget, QLineEdit):
        return widget.selectedText() or widget.text()
    selected = widget.textCursor().selectedText().replace("\u2029", "\n")  # Qt's paragraph separator
    return selected or widget.toPlainText()


def _text(widget: Editable) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def add_mark_actions(
    widget: Editable,
    mark: Callable[[str], None],
    show_list: Callable[[], None],
    available: Callable[[], bool] = lambda: True,
) -> QAction:
    """Mark restricted (Ctrl+Shift+M) and Wording marked restricted… on the text's context menu
    (there while `available()`: a family is known and the text may be edited)."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    assert target is not None  # a combo box whose text is typed (one without a line edit has no text to mark)
    action = QAction("Mark restricted", target)
    action.setShortcut(QKeySequence(MARK_KEYS))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.setToolTip(MARK_TIP)

    def mark_chosen() -> None:
        if available():
            mark(chosen_text(widget))

    action.triggered.connect(mark_chosen)
    target.addAction(action)
    listing = QAction("Wording marked restricted…", target)
    listing.triggered.connect(show_list)
    target.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu(at: QPoint) -> None:
        shown = target.createStandardContextMenu()
        if available():
            shown.addSeparator()
            shown.addAction(action)
            shown.addAction(listing)
        shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        shown.popup(target.mapToGlobal(at))

    target.customContextMenuRequested.connect(menu)
    return action


@dataclass
class Source:
    """A text the warning can be about."""

    where: Callable[[], str]  # what to call it in the warning ("" where it goes without saying)
    text: Callable[[], str]
    chosen: Callable[[], str]  # what Mark restricted marks
    focused: Callable[[], bool]


class QuoteWatch(QObject):
    """Checks its texts CHECK_MS after the last keystroke and whenever the
    family's check changes; the warning is about the first that quotes (the
    one with the focus first). Nothing is checked until a family is set."""

    def __init__(self, warning: QuoteWarning, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.warning = warning
        self.wording: FamilyWording | None = None
        self.sources: list[Source] = []
        self._shown: Source | None = None
        self._timer = QTimer(self, singleShot=True, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)
        warning.mark_requested.connect(self._mark_shown)
        warning.list_requested.connect(self.show_list)

    def watch(self, widget: Editable, where: str = "") -> None:
        """A field: checked as it is typed, with Mark restricted on its context menu."""
        self.sources.append(
            Source(lambda: where, lambda: _text(widget), lambda: chosen_text(widget), lambda: _has_focus(widget))
        )
        changed = widget.editTextChanged if isinstance(widget, QComboBox) else widget.textChanged
        changed.connect(lambda *_: self.later(typed=_has_focus(widget)))  # not typed: a draft shown
        add_mark_actions(widget, self.mark, self.show_list, self.available)

    def add(self, source: Source) -> None:
        """A text that is not one field (a table's current cell): its owner calls `later` as it changes."""
        self.sources.append(source)

    def available(self) -> bool:
        return self.wording is not None

    def set_wording(self, wording: FamilyWording | None) -> None:
        if self.wording is not None:
            self.wording.changed.disconnect(self.check)
        self.wording = wording
        if wording is not None:
            wording.changed.connect(self.check)
        self.check()

    def later(self, *, typed: bool = True) -> None:
        """Check soon; text typed has the family's check read if it is not yet."""
        if typed and self.wording is not None:
            self.wording.want()
        self._timer.start()

    def check(self) -> None:
        self._timer.stop()
        found = []
        if self.wording is not None:
            for source in sorted(self.sources, key=lambda s: not s.focused()):
                state = self.wording.state(source.text())
                if state is not QuoteState.NONE:
                    found.append((state, source))
        quoted = next((f for f in found if f[0] is QuoteState.QUOTED), None)  # what to act on first
        state, self._shown = quoted or (found[0] if found else (QuoteState.NONE, None))
        appearing = self.warning.isHidden() and state is not QuoteState.NONE
        self.warning.show_state(
            state, self._shown.where() if self._shown else "", self.wording.context if self.wording else Context.MEETING
        )
        if appearing and self._shown is not None and self._shown.focused():
            reveal(self.warning)  # under the text being typed, scrolled into view

    def mark(self, text: str) -> None:
        if self.wording is not None:
            self.wording.mark(text)

    def show_list(self) -> None:
        if self.wording is not None:
            self.wording.show_list(self.warning.window())

    def _mark_shown(self) -> None:
        if self._shown is not None:
            self.mark(self._shown.chosen())


def _has_focus(widget: QWidget) -> bool:
    line = widget.lineEdit() if isinstance(widget, QComboBox) else None
    return widget.hasFocus() or (line is not None and line.hasFocus())
