"""The window part of `tafdesk --self-test`: the sign-in dialog and the
first-run wizard open, are shown and draw, then close (offscreen too:
QT_QPA_PLATFORM=offscreen)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog

from tafdesk.services.errors import ServiceError
from tafdesk.ui.theme import apply_base_theme, apply_stylesheet

SHOWN_FOR_MS = 300


def show_sign_in() -> str:
    from tafdesk.ui.sign_in import SignInDialog

    _application()
    return _shown(SignInDialog(_refuse, "(self-test: no database)"), "the sign-in dialog")


def show_first_run() -> str:
    """The first-run wizard's first page: shown, never finished (it sets nothing up)."""
    from tafdesk.ui.first_run import FirstRunWizard

    _application()
    return _shown(FirstRunWizard(), "the first-run wizard")


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_base_theme(app)
    apply_stylesheet(app)
    return app


def _shown(dialog: QDialog, name: str) -> str:
    """Show the dialog for a moment, see that it drew something, and close it."""
    seen: dict[str, bool] = {}
    image = QImage()

    def look() -> None:
        nonlocal image
        image = dialog.grab().toImage()
        seen.update(visible=dialog.isVisible(), blank=_one_colour(image))
        dialog.reject()

    QTimer.singleShot(SHOWN_FOR_MS, look)
    dialog.exec()
    dialog.deleteLater()
    if not seen.get("visible") or seen.get("blank", True):
        raise RuntimeError(f"{name} did not show, or drew nothing")
    return f"{name} ({image.width()}×{image.height()}, on the {QApplication.platformName()} platform)"


def _refuse(_username: str | None, _password: str | None) -> None:
    raise ServiceError("This is a self-test: nobody signs in.")


def _one_colour(image: QImage) -> bool:
    first = image.pixel(0, 0)
    step = max(1, image.width() // 40)
    return all(
        image.pixel(x, y) == first for y in range(0, image.height(), step) for x in range(0, image.width(), step)
    )
