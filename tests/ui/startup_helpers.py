"""Driving the real start-up (tafdesk.ui.app.run_gui) as a person would:
each window or dialog it shows, modal or not, is found among the top-level
widgets as it appears and handed to the next step."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

GIVE_UP_AFTER_MS = 60_000

Step = tuple[type[QWidget] | Callable[[QWidget], bool], Callable[[QWidget], object]]


@contextmanager
def steps_at_start(qapp: QApplication, steps: list[Step]) -> Iterator[list[QWidget]]:
    """Run each step's action on the first visible top-level widget it
    matches (a class, or a test of the widget), in order; yields the widgets
    seen. Should the steps stall, every event loop is ended so that the test
    fails instead of hanging."""
    seen: list[QWidget] = []

    def matches(widget: QWidget, kind) -> bool:
        return isinstance(widget, kind) if isinstance(kind, type) else bool(kind(widget))

    def poll() -> None:
        if not steps:
            return
        kind, action = steps[0]
        for widget in qapp.topLevelWidgets():
            if widget.isVisible() and widget not in seen and matches(widget, kind):
                seen.append(widget)
                steps.pop(0)
                action(widget)
                return

    timer = QTimer(qapp, interval=50)
    timer.timeout.connect(poll)
    timer.start()
    give_up = QTimer(qapp, singleShot=True, interval=GIVE_UP_AFTER_MS)
    give_up.timeout.connect(lambda: _end_every_loop(qapp))
    give_up.start()
    try:
        yield seen
    finally:
        timer.stop()
        give_up.stop()
    assert not steps, f"{len(steps)} steps were never reached"


def _end_every_loop(qapp: QApplication) -> None:
    for widget in qapp.topLevelWidgets():
        widget.close()
    qapp.exit(1)


def sign_in(username: str, password: str) -> Callable[[QWidget], None]:
    """What a person does at the sign-in dialog."""

    def act(dialog) -> None:
        dialog.username.setText(username)
        dialog.password.edit.setText(password)
        dialog.sign_in_button.click()

    return act
