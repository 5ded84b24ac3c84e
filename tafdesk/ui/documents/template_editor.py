"""Editing a letter type's template: rich text (bold, italic, headings,
bullets) with merge fields inserted from the letter type's list, a live
preview with sample data, and each problem shown at its field (line and
column) before anything can be saved. A template is edited for the whole
council or for one locality ("For:"), which otherwise follows the
council-wide one; unsaved edits are not left without asking. Reading,
previewing and saving are Operations (ui/operation.py): a template's
problems are shown where they are in the text, anything else that could not
be done in the editor's banner, with the text kept as typed.

The editor keeps the template as Markdown (QTextDocument's own Markdown
reading and writing), the form the template service stores and checks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextListFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tafdesk.exports.template_text import CLOSE, OPEN, TemplateProblem
from tafdesk.models import DocumentType
from tafdesk.services.locality_choice import ForChoice
from tafdesk.services.templates import LetterheadIncomplete, TemplateInvalid, TemplateService, TemplateVersion
from tafdesk.ui.banner import Banner
from tafdesk.ui.colours import current
from tafdesk.ui.documents.for_choice import ForChoiceRow, discard_changes
from tafdesk.ui.operation import Operation
from tafdesk.ui.window_fit import resize_within_screen

PREVIEW_DELAY_MS = 400


class TemplateEditor(QDialog):
    def __init__(self, service: TemplateService, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Letter templates")
        resize_within_screen(self, 1200, 760)
        self._service = service
        self._can_edit = can_edit
        self._dirty = False
        self._problems: list[TemplateProblem] = []

        self.letter_type = QComboBox(objectName="templateType")
        for letter_type, name in service.letter_types():
            self.letter_type.addItem(name, letter_type.value)
        self.letter_type.setAccessibleName("Letter")
        self._shown_type = 0  # the letter type whose template is in the editor
        self.for_row = ForChoiceRow("template", self._may_leave, beside=True)
        self.version = QLabel("", objectName="templateVersion")
        self.fields = QListWidget(objectName="mergeFields")
        self.fields.setAccessibleName("Merge fields for this letter")
        self.insert = QPushButton("Insert field")
        self.editor = QTextEdit(objectName="templateBody")
        self.editor.setAcceptRichText(True)
        self.editor.setAccessibleName("Template text")
        self.preview = QTextBrowser(objectName="templatePreview")
        self.preview.setAccessibleName("Preview with sample data")
        self.problems = QLabel("", objectName="fieldError", wordWrap=True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Problems are reported by line and column: the cursor's are shown here to find them.
        self.position = QLabel("Line 1, column 1", objectName="templatePosition")
        self.note = QLineEdit(objectName="templateNote", placeholderText="What changed (optional)")
        self.note.setAccessibleName("What changed")
        self.save = QPushButton("Save as new version", objectName="templateSave")
        self.close_button = QPushButton("Close")
        self.banner = Banner()
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._build()
        self._connect()
        try:
            self._load()
        except BaseException:
            self.deleteLater()  # not left behind: the opener says why the templates could not be opened
            raise

    # -- layout -----------------------------------------------------------------

    def _build(self) -> None:
        tools = QToolBar("Formatting")
        self.bold_action = tools.addAction("Bold", lambda: self._toggle_weight())
        self.bold_action.setShortcut("Ctrl+B")
        self.italic_action = tools.addAction("Italic", lambda: self.editor.setFontItalic(not self.editor.fontItalic()))
        self.italic_action.setShortcut("Ctrl+I")
        tools.addAction("Heading", lambda: self._heading(1))
        tools.addAction("Subheading", lambda: self._heading(2))
        tools.addAction("Paragraph", lambda: self._heading(0))
        tools.addAction("Bullets", self._bullets)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Merge fields (double-click to insert)"))
        left_layout.addWidget(self.fields, 1)
        left_layout.addWidget(self.insert)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(tools)
        middle_layout.addWidget(self.editor, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Preview with sample data"))
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter()
        for widget, stretch in ((left, 1), (middle, 3), (right, 3)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        top = QHBoxLayout()
        caption = QLabel("&Letter")
        caption.setBuddy(self.letter_type)
        aligned = max(caption.sizeHint().width(), self.for_row.caption.sizeHint().width())  # the two drop-downs line up
        for label in (caption, self.for_row.caption):
            label.setMinimumWidth(aligned)
        top.addWidget(caption)
        top.addWidget(self.letter_type, 1)
        top.addSpacing(16)
        top.addWidget(self.version)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.save)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.for_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.position)
        layout.addWidget(self.problems)
        layout.addLayout(bottom)
        self.save.setEnabled(False)
        self.editor.setReadOnly(not self._can_edit)
        self.note.setVisible(self._can_edit)
        self.save.setVisible(self._can_edit)

    def _show_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position.setText(f"Line {cursor.blockNumber() + 1}, column {cursor.positionInBlock() + 1}")

    def _connect(self) -> None:
        self.letter_type.currentIndexChanged.connect(self._letter_picked)
        self.for_row.chosen.connect(self._reload)
        self.for_row.follow_requested.connect(self._follow)
        self.fields.itemDoubleClicked.connect(self._insert_item)
        self.insert.clicked.connect(lambda: self._insert_item(self.fields.currentItem()))
        self.editor.textChanged.connect(self._changed)
        self.editor.cursorPositionChanged.connect(self._show_position)
        self._timer.timeout.connect(self.refresh)
        self.save.clicked.connect(self._save)
        self.close_button.clicked.connect(self.reject)

    # -- behaviour ---------------------------------------------------------------

    def current_type(self) -> DocumentType:
        return DocumentType(self.letter_type.currentData())

    def body(self) -> str:
        return self.editor.document().toMarkdown(QTextDocument.MarkdownFeature.MarkdownDialectCommonMark)

    def _letter_picked(self, index: int) -> None:
        if not self._may_leave():
            self.letter_type.blockSignals(True)
            self.letter_type.setCurrentIndex(self._shown_type)
            self.letter_type.blockSignals(False)
            return
        self._shown_type = index
        self._reload()

    def _may_leave(self) -> bool:
        name = f"{self.for_row.whose()} {self.letter_type.itemText(self._shown_type).lower()} template"
        return not self._dirty or discard_changes(self, name)

    def _reload(self) -> None:
        """The template now chosen; if it cannot be read, nothing can be saved until it has been."""

        def unread(_error: Exception) -> None:
            self.save.setEnabled(False)

        Operation(
            self.banner, self._load, failed="The template could not be read.", doing="reading a letter template"
        ).reading().refused(unread).run()

    def _load(self) -> None:
        letter_type = self.current_type()
        # Which localities have their own, afresh: per letter type, and someone else may have saved one.
        self.for_row.set_choices(self._service.choices(letter_type), keep=self.for_row.locality_id())
        current = self._service.current(letter_type, self.for_row.locality_id())
        self.version.setText(version_words(current, self.for_row.current()))
        self.fields.clear()
        for field in self._service.catalogue(letter_type):
            item = QListWidgetItem(f"{OPEN}{field.name}{CLOSE}")
            item.setData(Qt.ItemDataRole.UserRole, field.name)
            item.setToolTip(f"{field.description}\ne.g. {field.sample}")
            self.fields.addItem(item)
        self.editor.blockSignals(True)
        self.editor.setMarkdown(current.body)
        self.editor.blockSignals(False)
        self._dirty = False
        self.refresh()

    def _insert_item(self, item: QListWidgetItem | None) -> None:
        if item is None or not self._can_edit:
            return
        self.editor.textCursor().insertText(f"{OPEN}{item.data(Qt.ItemDataRole.UserRole)}{CLOSE}", QTextCharFormat())
        self.editor.setFocus()

    def _toggle_weight(self) -> None:
        bold = self.editor.fontWeight() >= QFont.Weight.Bold
        self.editor.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)

    def _heading(self, level: int) -> None:
        cursor = self.editor.textCursor()
        block = cursor.blockFormat()
        block.setHeadingLevel(level)
        cursor.setBlockFormat(block)
        char = QTextCharFormat()
        char.setFontWeight(QFont.Weight.Bold if level else QFont.Weight.Normal)
        char.setFontPointSize({1: 16, 2: 13}.get(level, 11))
        cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        cursor.mergeCharFormat(char)

    def _bullets(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.currentList():
            fmt = cursor.blockFormat()
            fmt.setIndent(0)
            cursor.currentList().remove(cursor.block())
            cursor.setBlockFormat(fmt)
        else:
            cursor.createList(QTextListFormat.Style.ListDisc)

    def _changed(self) -> None:
        self._dirty = True
        self._timer.start()

    def refresh(self) -> None:
        """Check the text and redraw the preview (also called after a pause in typing)."""
        from tafdesk.exports.html import render_html

        body = self.body()
        self._problems = self._service.check(self.current_type(), body)
        self._mark(self._problems)
        if self._problems:
            self.problems.setText("\n".join(str(p) for p in self._problems))
            self.save.setEnabled(False)
            return
        self.problems.setText("")
        letter_type, locality_id = self.current_type(), self.for_row.locality_id()

        def previewed(document) -> None:
            scroll = self.preview.verticalScrollBar().value()
            self.preview.setHtml(render_html(document))
            self.preview.verticalScrollBar().setValue(scroll)
            self.save.setEnabled(self._can_edit and self._dirty)

        def incomplete(error: LetterheadIncomplete) -> None:  # the template may still be saved
            self.problems.setText(str(error))
            self.save.setEnabled(self._can_edit and self._dirty)

        def not_previewed(error: Exception) -> None:
            if not isinstance(error, LetterheadIncomplete):
                self.save.setEnabled(False)

        Operation(
            self.banner,
            lambda: self._service.preview(letter_type, body, locality_id),
            failed="The preview could not be made.",
            doing="previewing a letter template",
        ).reading().handle(LetterheadIncomplete, incomplete).done(previewed).refused(not_previewed).run()

    def _mark(self, problems: list[TemplateProblem]) -> None:
        """Underline each faulty field in the editor, where the user is typing."""
        selections = []
        for problem in problems:
            needle = f"{OPEN}{problem.field}" if problem.field else OPEN
            cursor = self.editor.document().find(needle)
            while not cursor.isNull():
                end = self.editor.document().find(CLOSE, cursor.position())
                if not end.isNull() and problem.field:
                    cursor.setPosition(cursor.selectionStart())
                    cursor.setPosition(end.position(), QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                selection.format.setUnderlineColor(QColor(current().error.mark))
                selection.format.setBackground(QColor(current().error.tint))
                selection.format.setToolTip(str(problem))
                selections.append(selection)
                cursor = self.editor.document().find(needle, cursor.position())
        self.editor.setExtraSelections(selections)

    def _follow(self) -> None:
        """The chosen locality's letters of this type use the council-wide template again."""
        locality_id = self.for_row.locality_id()
        if locality_id is None or not self.for_row.confirm_follow(self):
            return
        letter_type = self.current_type()
        Operation(
            self.banner,
            lambda: self._service.follow_council(letter_type, locality_id),
            failed="It still has its own template.",
            doing="following the council-wide template",
        ).done(lambda _now: self._reload()).run()

    def _save(self) -> None:
        letter_type, locality_id = self.current_type(), self.for_row.locality_id()
        body, note = self.body(), self.note.text()

        def invalid(error: TemplateInvalid) -> None:  # at the places in the text
            self._mark(list(error.problems))
            self.problems.setText("\n".join(str(p) for p in error.problems))

        def saved(version: TemplateVersion) -> None:
            self._dirty = False
            self.note.clear()
            self.save.setEnabled(False)
            self.problems.setText("")
            whose = "" if locality_id is None else f"{self.for_row.whose()} "
            self.banner.say(f"Saved as {whose}version {version.version}.")
            self.version.setText(version_words(version, self.for_row.current()))
            Operation(  # which localities now have their own
                self.banner,
                lambda: self._service.choices(letter_type),
                failed="Saved, but the list of localities could not be read again.",
                doing="reading the template choices",
            ).reading().done(lambda choices: self._chosen_again(choices, version, locality_id)).run()

        Operation(
            self.banner,
            lambda: self._service.save(letter_type, body, note, locality_id),
            failed="Not saved.",
            doing="saving a letter template",
        ).handle(TemplateInvalid, invalid).done(saved).run()

    def _chosen_again(self, choices: list[ForChoice], version: TemplateVersion, locality_id) -> None:
        self.for_row.set_choices(choices, keep=locality_id)
        self.version.setText(version_words(version, self.for_row.current()))


def version_words(version: TemplateVersion, choice: ForChoice) -> str:
    """What the editor shows: whose version this is, and who saved it."""
    if version.version == 0:
        return "Shipped default" if choice.locality_id is None else "Follows the shipped default"
    words = f"version {version.version} by {version.created_by}"
    if choice.locality_id is None:
        return f"Version {version.version} by {version.created_by}"
    if version.locality_id == choice.locality_id:
        return f"{choice.name}’s {words}"
    return f"Follows the council-wide {words}"
