"""The dialogs that open before (or without) the main window: the first-run
wizard, page by page and while it sets up; the restore offer for a damaged
file; starting with the server out of reach; the drafts
kept on this computer; and choosing between your changes and the server's
after an offline copy is synced; with an offline copy here, the dialog that
offers it and the one that opens it (as asked, and saying why not). Shared by the keyboard test and the
large-text test (imported by name: tests/ui is on the path)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import QWidget

from tafdesk import clock
from tafdesk.db.start_mode import Start, StartMode
from tafdesk.offline.merge import Conflict
from tafdesk.services.draft_journal import DraftJournal
from tafdesk.ui.first_run import FirstRunWizard
from tafdesk.ui.offline_start import CopyUnlockDialog, DraftsViewer, OfflineStartDialog
from tafdesk.ui.plans.offline_copy import ConflictsDialog

SERVER = "postgresql://tafdesk-db.ambervale.example:5432/tafdesk"


def _wizard_at(page_id: int) -> FirstRunWizard:
    wizard = FirstRunWizard()
    wizard.setStartId(page_id)
    wizard.restart()
    return wizard


def _setting_up() -> FirstRunWizard:
    """The last page as it is while the demo council is made (nothing runs)."""
    wizard = _wizard_at(max(FirstRunWizard().pageIds()))
    wizard.demo_page.wanted.setChecked(True)
    wizard.demo_page.working("Making the demo council for training…", 40)
    return wizard


def _restore_offer(folder: Path) -> QWidget:
    from tafdesk.ui.restore_offer import offer_box

    database = folder / "Early Help shared drive" / "Case management groups" / "tafdesk.sqlite"
    return offer_box(database, folder / "backups" / "tafdesk-20261206T050800000000Z-daily.sqlite")[0]


def _conflicts() -> ConflictsDialog:
    changed = dt.datetime(2026, 11, 30, 14, 5, tzinfo=dt.UTC)
    return ConflictsDialog(
        [
            (
                "TAF-2026-0042",
                Conflict(
                    "plan",
                    "plan",
                    "voice_of_child",
                    "The plan",
                    "Wants to stay",
                    "Wants to stay with mum",
                    "Wants to see dad",
                    changed,
                    changed,
                    None,
                    "Ruth Adeyemi",
                    "Tomas Okafor",
                ),
            ),
            (
                "TAF-2026-0042",
                Conflict(
                    "action",
                    "a1",
                    "due_on",
                    "Attend the school meeting",
                    dt.date(2026, 12, 1),
                    dt.date(2026, 12, 8),
                    dt.date(2026, 12, 15),
                ),
            ),
        ]
    )


def starting_dialogs(folder: Path) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    """(what it is, how to make it), each made afresh."""
    for page_id in FirstRunWizard().pageIds():
        yield f"first run, page {page_id + 1}", lambda page_id=page_id: _wizard_at(page_id)
    yield "first run, making the demo council", _setting_up
    yield "the restore offer for a damaged file", lambda: _restore_offer(folder)
    offline = Start(StartMode.OFFLINE_DRAFTS_ONLY, clock.now())
    yield "the server out of reach", lambda: OfflineStartDialog(SERVER, offline)
    journal = DraftJournal(folder / "drafts", username="lead.north1")
    yield "the drafts kept here", lambda: DraftsViewer(offline, "lead.north1", journal=journal)
    yield "choosing after a sync", _conflicts
    copy = folder / "offline" / "lead.north1.tafcopy"
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(b"")  # there, so that Open is offered
    with_copy = Start(StartMode.OFFLINE_WITH_COPY, clock.now(), copy)
    yield "the server out of reach, a copy here", lambda: OfflineStartDialog(SERVER, with_copy)
    yield "opening the copy", lambda: CopyUnlockDialog(copy, "lead.north1")
    yield "opening the copy, refused", lambda: _refused(CopyUnlockDialog(copy, "lead.north1"))


def problems_in_each(qtbot, folder: Path, check: Callable[[QWidget], list[str]]) -> dict[str, list[str]]:
    """Each dialog made, shown, checked and closed: what `check` found, by dialog."""
    from PySide6.QtWidgets import QApplication

    from tafdesk.ui.theme import apply_theme

    apply_theme(QApplication.instance())
    found = {}
    for name, make in starting_dialogs(folder):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        found[name] = check(dialog)
        dialog.close()
    return found


def _refused(dialog: CopyUnlockDialog) -> CopyUnlockDialog:
    dialog.open_copy()  # no password: refused at once, and said
    return dialog
