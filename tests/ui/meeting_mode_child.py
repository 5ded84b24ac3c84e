"""Meeting mode in a process of its own, for what Qt fixes when it starts:
the scale factor (QT_SCALE_FACTOR=2 is a person's 200%) and the screens
(an offscreen configuration file). On the meeting world's database it opens
meeting mode from the Meetings page, as the chair does, then the projector
view; saves a picture of each of meeting mode's tabs and of the projector
in FOLDER; and prints what it found as JSON.

    python tests/ui/meeting_mode_child.py DATABASE FOLDER [SCREENS.json]
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCREENS = Path(sys.argv[3]) if len(sys.argv) > 3 else HERE / "offscreen-screen.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREENS}"

from meeting_helpers import CHAIR, page_for  # noqa: E402
from PySide6.QtGui import QGuiApplication, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from screen_check import cut_text  # noqa: E402
from type_sizes import small_type  # noqa: E402

from tafdesk.db import Database  # noqa: E402
from tafdesk.db.location import resolve_url  # noqa: E402
from tafdesk.ui.meetings.mode_layout import TAB_DECISION, TAB_MINUTES, TAB_PROPOSAL  # noqa: E402
from tafdesk.ui.meetings.mode_style import base_pixels  # noqa: E402
from tafdesk.ui.theme import apply_theme  # noqa: E402


def wait_until(app: QApplication, done: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("meeting mode did not get ready")
        app.processEvents()
        time.sleep(0.01)


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def looks(window: QWidget, picture: Path) -> dict:
    """What a window shows cut short or in type smaller than it aims for, sized as it is now."""
    window.grab().save(str(picture))
    return {"cut": cut_text(window), "small": small_type(window, base_pixels(window.width(), window.height()))}


def placed(window: QWidget) -> dict:
    least = window.minimumSizeHint()
    return {
        "screen": window.screen().name(),
        "screen_size": [window.screen().size().width(), window.screen().size().height()],
        "size": [window.width(), window.height()],
        "least": [least.width(), least.height()],
        "full_screen": window.isFullScreen(),
    }


def main(database: str, folder: Path) -> None:
    app = QApplication([])
    apply_theme(app)
    db = Database(resolve_url(database))
    page = page_for(db, CHAIR, QUndoStack())
    page.resize(QGuiApplication.primaryScreen().availableSize())
    page.show()
    wait_until(
        app,
        lambda: (
            page.session is not None
            and page.session.view is not None
            and page.session.allocation is not None
            and not page.session.allocation_stale
        ),
    )
    page.start_meeting()
    mode = page.meeting_mode
    wait_until(app, lambda: mode.populated() and page.session.summaries_waiting() == 0)
    found: dict = {"tabs": {}}
    for tab in range(TAB_DECISION, TAB_MINUTES + 1):
        mode.show_tab(tab)
        if tab == TAB_PROPOSAL:  # worked out when first asked for
            wait_until(app, lambda: mode.ui.proposal.table is not None)
        settle(app)
        found["tabs"][mode.ui.tabs.tabText(tab)] = looks(mode, folder / f"mode-{tab}.png")
    mode.show_tab(TAB_DECISION)
    mode.toggle_projector()
    projector = mode.projector
    wait_until(app, lambda: "Who knows them" in projector.family.toPlainText())
    settle(app)
    found["projector"] = looks(projector, folder / "projector.png")
    found["placed"] = {"mode": placed(mode), "projector": placed(projector)}
    found["active"] = QApplication.activeWindow() is mode
    print(json.dumps(found))
    mode.leave()
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
