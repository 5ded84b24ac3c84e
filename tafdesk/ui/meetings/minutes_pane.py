"""The minutes as they build during the meeting, and (for business support)
the wording of each family's item and the meeting's notes. An edited item is
marked; "Use generated wording" goes back to what tafdesk writes. Minutes
read again (a decision here or on another computer) leave whatever has been
typed and not yet saved as it is. Saving is an Operation (ui/operation.py):
a broken rule is shown at its field, anything else in the banner (the
page's, or meeting mode's), and what was typed stays."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tafdesk.exports.minutes_data import Minutes
from tafdesk.services.minutes import MINUTE_TAKER_MAX, MinutesService
from tafdesk.ui.banner import Banner
from tafdesk.ui.field_errors import highlight
from tafdesk.ui.meetings.minutes_html import minutes_html
from tafdesk.ui.operation import Operation
from tafdesk.ui.reading import whole_words
from tafdesk.ui.scrolling import scrolling
from tafdesk.ui.theme import keep_coloured


class MinutesPane(QWidget):
    edited = Signal()  # the wording or the notes were saved

    def __init__(
        self, service: MinutesService, *, can_edit: bool, banner: Banner | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._own_banner = banner is None
        self.banner = banner or Banner()
        self.setObjectName("minutesPane")
        self.setAccessibleName("Minutes")
        self._service = service
        self.can_edit = can_edit
        self.minutes: Minutes | None = None
        self._shown: dict[QWidget, str] = {}  # each field's text as last shown: different now means typed, unsaved
        self.browser = whole_words(QTextBrowser(objectName="minutesText"))
        self.editor = QWidget()
        self.item = QComboBox()
        self.item.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.item.setMinimumContentsLength(16)  # narrows with the pane; the list shows each item in full
        self.wording = QPlainTextEdit()
        self.edited_note = QLabel(objectName="hint", wordWrap=True)
        self.save_wording = QPushButton("Save wording", objectName="primaryButton")
        self.use_generated = QPushButton("Use generated wording")
        self.minute_taker = QLineEdit()
        self.declarations = QPlainTextEdit()
        self.notes = QPlainTextEdit()
        self.save_notes = QPushButton("Save record and notes")
        self.message = QLabel(objectName="minutesMessage", wordWrap=True)
        self.closed_note = QLabel(
            "The meeting is closed: these minutes are its record. Reopen the meeting "
            "(with a reason) to change their wording.",
            objectName="hint",
            wordWrap=True,
        )
        self.save_action = QAction("Save wording", self, shortcut=QKeySequence("Ctrl+S"))
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.browser.setAccessibleName("Minutes so far")
        self.browser.setOpenLinks(False)
        self.item.setAccessibleName("Family item to reword")
        self.wording.setAccessibleName("Wording in the minutes")
        self.wording.setTabChangesFocus(True)
        self.notes.setAccessibleName("Notes of the meeting")
        self.notes.setTabChangesFocus(True)
        self.minute_taker.setAccessibleName("Minute-taker")
        self.minute_taker.setMaxLength(MINUTE_TAKER_MAX)
        self.minute_taker.setPlaceholderText("Who is taking the minutes")
        self.declarations.setAccessibleName("Declarations of interest")
        self.declarations.setPlaceholderText("Any declared at the start; leave empty if none")
        self.declarations.setTabChangesFocus(True)
        self.message.setProperty("fieldError", True)
        self.message.hide()
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.editor.addAction(self.save_action)

        self.closed_note.hide()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above the fields where narrow
        form.addRow(self.closed_note)
        _labelled(form, "&Item", self.item)
        _labelled(form, "&Wording", self.wording)
        form.addRow("", self.edited_note)  # a row of its own: beside the buttons it widened the pane in large type
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.use_generated)
        buttons.addWidget(self.save_wording)
        form.addRow("", buttons)
        _labelled(form, "Minute-&taker", self.minute_taker)
        _labelled(form, "&Declarations", self.declarations)
        _labelled(form, "N&otes", self.notes)
        notes_buttons = QHBoxLayout()
        notes_buttons.addStretch(1)
        notes_buttons.addWidget(self.save_notes)
        form.addRow("", notes_buttons)
        form.addRow("", self.message)
        self.editor.setLayout(form)
        line = self.fontMetrics().height()
        self.wording.setMinimumHeight(line * 3)
        self.wording.setMaximumHeight(line * 7)
        self.notes.setMinimumHeight(line * 2)
        self.notes.setMaximumHeight(line * 5)
        self.declarations.setMinimumHeight(line * 2)
        self.declarations.setMaximumHeight(line * 4)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.browser)
        scroll = scrolling(self.editor)  # on a short screen the fields scroll rather than being squeezed
        splitter.addWidget(scroll)
        scroll.setVisible(self.can_edit)  # once it has a parent: shown before, it opened as a window of its own
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self._own_banner:
            layout.addWidget(self.banner)
        layout.addWidget(splitter)

    def _connect_signals(self) -> None:
        self.item.currentIndexChanged.connect(lambda _: self._show_item())
        self.save_wording.clicked.connect(self.reword)
        self.save_action.triggered.connect(self.reword)
        self.use_generated.clicked.connect(self.use_generated_wording)
        self.save_notes.clicked.connect(self.save_meeting_notes)

    # -- showing ----------------------------------------------------------------

    def show_minutes(self, minutes: Minutes | None) -> None:
        self.minutes = minutes
        scroll = self.browser.verticalScrollBar().value()
        keep_coloured(
            self.browser,
            lambda: self.browser.setHtml(minutes_html(minutes) if minutes else "<p>Reading the minutes…</p>"),
        )
        self.browser.verticalScrollBar().setValue(scroll)
        if minutes is None:
            return
        chosen = self.item.currentData()
        self.item.blockSignals(True)
        self.item.clear()
        for number, item in enumerate(minutes.items, start=1):
            self.item.addItem(
                f"{number}. {item.case_reference} ({item.initials}){' – edited' if item.edited else ''}", item.item_id
            )
        found = self.item.findData(chosen)
        self.item.setCurrentIndex(found if found >= 0 else 0)
        self.item.blockSignals(False)
        self._fill(self.notes, minutes.notes or "")
        self._fill(self.minute_taker, minutes.minute_taker or "")
        self._fill(self.declarations, minutes.declarations or "")
        if self.item.currentData() != chosen or not self._typed(self.wording):
            self._show_item()
        self._lock(minutes.closed)

    def _text(self, field: QLineEdit | QPlainTextEdit) -> str:
        return field.text() if isinstance(field, QLineEdit) else field.toPlainText()

    def _typed(self, field: QLineEdit | QPlainTextEdit) -> bool:
        """Whether the field holds typing not yet saved (or is being typed in)."""
        return field.hasFocus() or (field in self._shown and self._text(field) != self._shown[field])

    def _fill(self, field: QLineEdit | QPlainTextEdit, text: str, *, force: bool = False) -> None:
        if self._typed(field) and not force:
            return
        if isinstance(field, QLineEdit):
            field.setText(text)
        else:
            field.setPlainText(text)
        self._shown[field] = text

    def _lock(self, closed: bool) -> None:
        """A closed meeting's minutes can be read but not reworded (reopening the meeting unlocks them)."""
        for box in (self.wording, self.notes, self.minute_taker, self.declarations):
            box.setReadOnly(closed)
        for button in (self.save_wording, self.use_generated, self.save_notes):
            button.setEnabled(not closed)
        self.save_action.setEnabled(not closed)
        self.closed_note.setVisible(closed)

    def _current(self):
        if self.minutes is None:
            return None
        item_id = self.item.currentData()
        return next((i for i in self.minutes.items if i.item_id == item_id), None)

    def _show_item(self) -> None:
        item = self._current()
        self._fill(self.wording, item.wording if item else "", force=True)
        edited = bool(item and item.edited)
        self.edited_note.setText(
            "Edited: the minutes use this wording, not tafdesk's." if edited else "tafdesk's wording."
        )
        self.use_generated.setEnabled(edited)

    # -- editing ------------------------------------------------------------------

    def reword(self) -> None:
        item = self._current()
        if item is None:
            return
        text = self.wording.toPlainText().strip()
        self._save(lambda: self._service.reword(item.item_id, None if text == item.generated else text), self.wording)

    def use_generated_wording(self) -> None:
        item = self._current()
        if item is not None:
            self._save(lambda: self._service.reword(item.item_id, None), self.wording)
            self._shown.pop(self.wording, None)  # the generated wording replaces what is there

    def save_meeting_notes(self) -> None:
        """The minute-taker, the declarations of interest and the notes, together."""
        if self.minutes is not None:
            meeting_id, text = self.minutes.meeting_id, self.notes.toPlainText()
            taker, declared = self.minute_taker.text(), self.declarations.toPlainText()

            def save() -> None:
                self._service.set_record(meeting_id, taker, declared)
                self._service.set_notes(meeting_id, text)

            self._save(save, self.notes, self.minute_taker, self.declarations)

    def _save(self, action, *fields: QLineEdit | QPlainTextEdit) -> None:
        def saved(_done: object) -> None:
            for field in fields:  # saved: what they hold is what the database has
                self._shown[field] = self._text(field)
            self._at_fields({})
            self.edited.emit()

        Operation(self.banner, action, failed="Not saved.", doing="saving the minutes").at_fields(self._at_fields).done(
            saved
        ).run()

    def _at_fields(self, problems: dict[str, str]) -> None:
        """A broken rule, beneath the fields, the field it names marked (the minute-taker's name, say)."""
        named = {"minute_taker": self.minute_taker, "declarations": self.declarations, "notes": self.notes}
        for name, field in named.items():
            highlight(field, name in problems)
            field.setAccessibleDescription(problems.get(name, ""))
        self.message.setText(" ".join(problems.values()))
        self.message.setVisible(bool(problems))
        marked = next((field for name, field in named.items() if name in problems), None)
        if marked is not None:
            marked.setFocus()


def _labelled(form: QFormLayout, text: str, field: QWidget) -> None:
    """A row whose label's access key (the & letter) puts the cursor in its field."""
    label = QLabel(text)
    label.setBuddy(field)
    form.addRow(label, field)
