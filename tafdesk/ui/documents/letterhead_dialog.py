"""Editing the letterhead documents carry: organisation, department, address,
contact details, footer, who signs letters and the logo (a PNG), for the
whole council or for one locality ("For:"), which may instead follow the
council-wide letterhead. Saving is an Operation (ui/operation.py): problems
are shown at their field, as in the directory's forms, any other refusal in
the dialog's banner, and nothing is saved; the dialog stays open with what
was typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.letterhead import LetterheadService, LetterheadSettings
from tafdesk.ui.banner import Banner
from tafdesk.ui.documents.for_choice import ForChoiceRow, discard_changes
from tafdesk.ui.field_errors import error_label, field_cell, highlight
from tafdesk.ui.operation import Operation
from tafdesk.ui.scrolling import reveal, scrolling
from tafdesk.ui.window_fit import resize_within_screen

LOGO_PREVIEW = (240, 64)
TEXT_FIELDS = (
    ("organisation", "&Organisation"),
    ("department", "&Department"),
    ("phone", "&Phone"),
    ("email", "&Email"),
    ("website", "&Website"),
    ("footer", "&Footer"),
    ("signatory_name", "Signed by (&name)"),
    ("signatory_title", "Signed by (&title)"),
    ("complaints", "Co&mplaints route"),
    ("privacy_contact", "Pri&vacy contact"),
)


class LetterheadDialog(QDialog):
    def __init__(self, service: LetterheadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Letterhead")
        self.setMinimumWidth(620)
        self._service = service
        self._logo: bytes | None = None
        self._loaded: LetterheadSettings | None = None  # as shown, to tell unsaved edits
        self.saved_for = ""  # whose letterhead was saved: "Council-wide" or the locality's name
        self.for_row = ForChoiceRow("letterhead", self._may_leave)
        self.edits = {name: QLineEdit(objectName=f"letterhead_{name}") for name, _ in TEXT_FIELDS}
        self.address = QPlainTextEdit(objectName="letterhead_address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 4 + 14)
        self.address.setPlaceholderText("Each line of the address on a line of its own")
        self.logo_preview = QLabel("No logo", objectName="logoPreview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFixedSize(*LOGO_PREVIEW)
        self.logo_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo_preview.setAccessibleDescription("Logo")
        self.choose_logo = QPushButton("Choose logo…", objectName="chooseLogo")
        self.remove_logo = QPushButton("Remove logo", objectName="removeLogo")
        self.form_error = QLabel(objectName="formError", wordWrap=True)
        self.form_error.setAccessibleDescription("Problems with this form")
        self.form_error.hide()
        self.banner = Banner()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("primaryButton")
        self.errors: dict[str, QLabel] = {}
        self._build()
        self.choose_logo.clicked.connect(self._choose_logo)
        self.remove_logo.clicked.connect(lambda: self.set_logo(None))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.for_row.chosen.connect(self._refill)
        self.for_row.follow_requested.connect(self._follow)
        try:
            self._fill()
        except BaseException:
            self.deleteLater()  # not left behind: the opener says why the letterhead could not be opened
            raise

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(6)
        form.setHorizontalSpacing(12)
        rows: list[tuple[str, str, QWidget]] = [(name, label, self.edits[name]) for name, label in TEXT_FIELDS]
        rows.insert(2, ("address", "&Address", self.address))
        logo = QWidget()
        logo_layout = QHBoxLayout(logo)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        logo_layout.addWidget(self.logo_preview)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo)
        logo_buttons.addWidget(self.remove_logo)
        logo_buttons.addStretch(1)
        logo_layout.addLayout(logo_buttons)
        logo_layout.addStretch(1)
        rows.append(("logo", "Logo", logo))
        for name, label, widget in rows:
            caption = QLabel(label)
            caption.setBuddy(self.choose_logo if name == "logo" else widget)
            if name != "logo":
                widget.setAccessibleName(label.replace("&", ""))
            error = error_label(name)
            hint = "A PNG picture, no larger than 512 KB." if name == "logo" else None
            form.addRow(caption, field_cell(widget, error, hint))
            self.errors[name] = error
        fields = QWidget()
        fields.setLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.banner)
        layout.addWidget(self.for_row)
        layout.addSpacing(4)
        layout.addWidget(self.form_error)
        layout.addWidget(scrolling(fields), 1)  # scrolls where the screen is short (large text)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        resize_within_screen(self, self.sizeHint().width(), self.sizeHint().height())

    def _fill(self) -> None:
        """Show the chosen letterhead (a locality that follows: the council-wide one)."""
        self.for_row.set_choices(self._service.choices(), keep=self.for_row.locality_id())  # afresh: others may save
        head = self._service.letterhead(self.for_row.locality_id())
        for name, edit in self.edits.items():
            edit.setText(getattr(head, name) or "")
            edit.setCursorPosition(0)
        self.address.setPlainText("\n".join(head.address))
        self.set_logo(head.logo_png)
        self.show_errors({})
        self._loaded = self.settings()

    def _refill(self) -> None:
        """The letterhead now chosen; if it cannot be read, Save waits until it has been."""
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        Operation(
            self.banner, self._fill, failed="The letterhead could not be read.", doing="reading a letterhead"
        ).done(lambda _done: save.setEnabled(True)).refused(lambda _error: save.setEnabled(False)).run()

    def _may_leave(self) -> bool:
        return self.settings() == self._loaded or discard_changes(self, f"{self.for_row.whose()} letterhead")

    def _follow(self) -> None:
        """The chosen locality follows the council-wide letterhead again."""
        locality_id = self.for_row.locality_id()
        if locality_id is None or not self.for_row.confirm_follow(self):
            return
        Operation(
            self.banner,
            lambda: self._service.reset(locality_id),
            failed="It still has its own letterhead.",
            doing="resetting a letterhead",
        ).done(lambda _done: self._refill()).run()

    # -- the logo -----------------------------------------------------------------

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the logo", "", "PNG pictures (*.png)")
        if path:
            try:
                self.set_logo(Path(path).read_bytes())
            except OSError as exc:
                self.show_errors({"logo": f"The picture could not be read: {exc.strerror or exc}."})

    def set_logo(self, data: bytes | None) -> None:
        self._logo = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data, "PNG"):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    self.logo_preview.contentsRect().size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("Logo not shown: not a PNG picture" if data else "No logo")
        self.remove_logo.setEnabled(data is not None)

    # -- saving -------------------------------------------------------------------

    def settings(self) -> LetterheadSettings:
        text = {name: edit.text() for name, edit in self.edits.items()}
        return LetterheadSettings(address=tuple(self.address.toPlainText().splitlines()), logo_png=self._logo, **text)

    def save(self) -> bool:
        """Save the letterhead shown; True (and the dialog accepted) if saved."""
        settings, locality_id = self.settings(), self.for_row.locality_id()
        return (
            Operation(
                self.banner,
                lambda: self._service.save(settings, locality_id),
                failed="Not saved.",
                doing="saving a letterhead",
            )
            .at_fields(self.show_errors)
            .done(lambda _saved: self._saved())
            .run()
        )

    def _saved(self) -> None:
        self.saved_for = self.for_row.current().name
        self.accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field, the field highlighted and the first focused (scrolled into view)."""
        first = None
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = self.logo_preview if name == "logo" else self.edits.get(name, self.address)
            highlight(widget, bool(message))
            widget.setAccessibleDescription(message)
            if message and first is None:
                first = name
        elsewhere = " ".join(m for n, m in errors.items() if n not in self.errors)
        self.form_error.setText(f"Not saved. {elsewhere}" if elsewhere else "Not saved: correct what is marked in red.")
        self.form_error.setVisible(bool(errors))
        if first is not None:
            (self.choose_logo if first == "logo" else self.edits.get(first, self.address)).setFocus(
                Qt.FocusReason.OtherFocusReason
            )
            if (cell := self.errors[first].parentWidget()) is not None:
                reveal(cell)  # the field and its message beneath it, in view

    def error_text(self, name: str) -> str:
        label = self.errors[name]
        return label.text() if not label.isHidden() else ""
