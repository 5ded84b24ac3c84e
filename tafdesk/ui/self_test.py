"""The window part of `tafdesk --self-test`: the sign-in dialog opens, is
shown and draws, then closes (offscreen too: QT_QPA_PLATFORM=offscreen)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tafdesk.services.errors import ServiceError
from tafdesk.ui.theme import apply_base_theme, apply_stylesheet

SHOWN_FOR_MS = 300


def show_sign_in() -> str:
    from tafdesk.ui.sign_in import SignInDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_base_theme(app)
    apply_stylesheet(app)
    dialog = SignInDialog(_refuse, "(self-test: no database)")
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
        raise RuntimeError("the sign-in dialog did not show, or drew nothing")
    return f"the sign-in dialog ({image.width()}×{image.height()}, on the {app.platformName()} platform)"


def _refuse(_username: str | None, _password: str | None) -> None:
    raise ServiceError("This is a self-test: nobody signs in.")


def _one_colour(image: QImage) -> bool:
    first = image.pixel(0, 0)
    step = max(1, image.width() // 40)
    return all(
        image.pixel(x, y) == first for y in range(0, image.height(), step) for x in range(0, image.width(), step)
    )
