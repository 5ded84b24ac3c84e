"""Screenshots for the README and docs/, taken offscreen from a fresh demo
council at 1280x800: `make screenshots` (or `python scripts/screenshots.py`).

Each shot is a function that is handed the main window and returns what to
save; add one to SHOTS for a new screen.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SIZE = (1280, 800)
USER = "manager.north"

_folder = Path(tempfile.mkdtemp(prefix="tafdesk-shots-"))
_screen = _folder / "screen.json"
_screen.write_text(
    json.dumps(
        {
            "screens": [
                {
                    "name": "Shots",
                    "x": 0,
                    "y": 0,
                    "width": 1920,
                    "height": 1080,
                    "logicalDpi": 96,
                    "logicalBaseDpi": 96,
                    "dpr": 1,
                }
            ]
        }
    )
)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"
os.environ["TAFDESK_HOME"] = str(_folder)  # settings and logs stay out of the user's folders
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QThreadPool, QTimer  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QWidget  # noqa: E402
from settling import settle  # noqa: E402

from tafdesk.db.location import resolve_url  # noqa: E402
from tafdesk.db.schema import open_database  # noqa: E402
from tafdesk.demo import generate  # noqa: E402
from tafdesk.services.passwords import DEMO_PASSWORD  # noqa: E402
from tafdesk.services.users import UserService  # noqa: E402
from tafdesk.ui.areas import build_areas  # noqa: E402
from tafdesk.ui.main_window import MainWindow  # noqa: E402
from tafdesk.ui.settings import AppSettings  # noqa: E402
from tafdesk.ui.theme import apply_theme  # noqa: E402


def wait_for(signal, app: QApplication, timeout_ms: int = 10_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    settle(app)


# -- the Intake area ---------------------------------------------------------------


def _intake(window: MainWindow, app: QApplication):
    page = window.page("intake")
    if not page.is_loaded:
        wait_for(page.loaded, app)
    window.show_area("intake")
    return page


def _choose(page, wanted: Callable) -> None:
    """Make current the first row whose case summary satisfies wanted."""
    for row in range(page.proxy.rowCount()):
        page.table.select_row(row)
        if page.detail.summary is not None and wanted(page.detail.summary):
            return
    raise LookupError("no profile in the demo queue fits this screenshot")


def _with_restricted_repeat(database, actor) -> None:
    """The demo council may have no repeat referral with restricted agency
    information; if so, correct one profile as business support would, adding
    a restricted police entry (for this screenshot's database only)."""
    from tafdesk.services.intake_queue import IntakeQueueService
    from tafdesk.services.profile_editing import ProfileEditingService

    queue, editing = IntakeQueueService(database, actor), ProfileEditingService(database, actor)
    repeats = [row for row in queue.queue() if row.repeat]
    if not repeats or any(any(i.restricted for i in queue.summary(row.case_id).involvement) for row in repeats):
        return
    document, version = editing.document(repeats[0].case_id)
    adults = [m["member_id"] for m in document["family"]["members"] if m["role"] in ("parent", "carer", "adult")]
    adult = adults[0] if adults else None
    document.setdefault("agency_involvement", []).append(
        {
            "agency": "Police",
            "status": "historic",
            "source": "Police records",
            "restricted": True,
            "summary": "Two call-outs to the address after arguments in 2025; no further action.",
            **({"members": [adult]} if adult else {}),
        }
    )
    editing.correct(repeats[0].case_id, version, document)


def intake_queue(window: MainWindow, app: QApplication) -> QWidget:
    """The queue beside a repeat referral with a restricted agency item."""
    page = _intake(window, app)
    _choose(page, lambda s: s.repeat and any(item.restricted for item in s.involvement))
    settle(app)
    return window


def intake_match(window: MainWindow, app: QApplication) -> QWidget:
    """A possible match with a known family: the evidence, members side by side."""
    page = _intake(window, app)
    _choose(page, lambda s: s.suggestion is not None)
    page.detail.browser.scrollToAnchor("match")
    settle(app)
    return window


# -- the Directory area -------------------------------------------------------------


def _directory(window: MainWindow, app: QApplication):
    window.show_area("directory")
    page = window.page("directory")
    if not page.is_loaded:
        wait_for(page.loaded, app)
    page.tabs.setCurrentWidget(page.professionals)
    return page


def _nearly_full(page):
    """The first active professional (by name) at 85-100% of capacity, so the
    Load column's colours have something to say."""
    records = sorted(page.professionals.panel.model.records(), key=lambda r: r.name.casefold())
    return next(r for r in records if r.active and r.effective_capacity and 0.85 <= r.load / r.effective_capacity <= 1)


def directory(window: MainWindow, app: QApplication) -> QWidget:
    """The Professionals tab with one professional's details beside it."""
    page = _directory(window, app)
    page.professionals.panel.select_id(_nearly_full(page).id)
    settle(app)
    return window


def directory_edit(window: MainWindow, app: QApplication) -> QWidget:
    """A save refused: each broken rule shown at its field."""
    page = _directory(window, app)
    tab = page.professionals
    tab.panel.select_id(_nearly_full(page).id)
    tab.form.fte.setValue(0.0)
    tab.form.email.setText(tab.form.email.text().split("@")[0] + "@")
    tab.form.touched()
    tab.save()
    settle(app)
    picture = QLabel()
    picture.setPixmap(window.grab())
    picture.resize(picture.pixmap().size())
    tab.form.show_record(tab.form.record)  # put the form back, so closing does not ask to save
    return picture


from document_shots import documents_register  # noqa: E402 (after the platform is set)
from meeting_shots import meeting_agenda, meeting_balance, meeting_mode  # noqa: E402 (after the platform is set)
from plan_shots import my_cases, plan_editor, plan_review  # noqa: E402 (after the platform is set)

SHOTS: dict[str, Callable[[MainWindow, QApplication], QWidget]] = {
    "screenshot-intake.png": intake_queue,
    "screenshot-intake-match.png": intake_match,
    "screenshot-main.png": directory,
    "screenshot-directory-edit.png": directory_edit,
    "screenshot-meeting-agenda.png": meeting_agenda,
    "screenshot-meeting-mode.png": meeting_mode,
    "screenshot-meeting-balance.png": meeting_balance,
    "screenshot-my-cases.png": my_cases,
    "screenshot-plan-editor.png": plan_editor,
    "screenshot-plan-review.png": plan_review,
    "screenshot-documents.png": documents_register,
}


def main(names: list[str]) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    database = open_database(resolve_url(str(_folder / "demo.sqlite")))
    generate(database)
    actor = UserService(database).sign_in(USER, DEMO_PASSWORD)
    _with_restricted_repeat(database, actor)
    stack = QUndoStack()
    settings = AppSettings.open()
    window = MainWindow(
        build_areas(database, actor, stack, settings=settings),
        stack,
        settings,
        database_label="demo.sqlite",
        user_label=f"{actor.name} (Locality manager)",
    )
    window.resize(*SIZE)
    window.show()
    settle(app)
    DOCS.mkdir(exist_ok=True)
    for name, shot in SHOTS.items():
        if names and name not in names:
            continue
        widget = shot(window, app)
        widget.grab().save(str(DOCS / name))
        print(f"docs/{name}")
    window.close()
    QThreadPool.globalInstance().waitForDone()
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
