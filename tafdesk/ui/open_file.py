"""Opening a file, or the folder it is in, in the computer's own
applications; and when none opens it (no PDF reader or word processor
installed), saying so plainly, with where the file is and a way to it."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

log = logging.getLogger(__name__)

KINDS = {".pdf": ("PDF", "a PDF reader"), ".docx": ("Word", "Word or LibreOffice Writer")}
TITLE = "Open"


def open_file(parent: QWidget, path: Path) -> bool:
    """Open path in its application; if none will, tell the person and offer its folder."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    log.info("no application opened a %s file", path.suffix or "suffix-less")  # the name may say whose it is
    kind, reader = KINDS.get(path.suffix.lower(), ("this kind of", "an application for it"))
    box = _box(
        parent,
        f"This computer has no application that opens {kind} files, so the document could not be opened.",
        f"It is saved as<br/><b>{html.escape(str(path))}</b><br/><br/>Show it in its "
        f"folder to copy it or send it, or ask IT to install {reader}.",
    )
    show = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
    copy = box.addButton("Copy the path", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(show)

    def chosen(button: QAbstractButton) -> None:
        if button is show:
            show_in_folder(parent, path)
        elif button is copy:
            QGuiApplication.clipboard().setText(str(path))

    box.buttonClicked.connect(chosen)
    box.open()
    return False


def show_in_folder(parent: QWidget, path: Path) -> bool:
    """Open the folder holding path in the file manager; if that fails, give the path to copy."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
        return True
    log.info("the file manager did not open a folder")
    box = _box(
        parent,
        "This computer could not show the folder.",
        f"The file is<br/><b>{html.escape(str(path))}</b><br/><br/>Select the path to copy it.",
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return False


def _box(parent: QWidget, text: str, detail: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, TITLE, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setInformativeText(detail)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
