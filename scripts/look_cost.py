"""What recording a look costs where it is felt: meeting mode's case switch
and opening a plan, each timed with every look written (as when each family
or plan is opened for the first time) and with the looks already recorded
(coming back within ten minutes), on a copy of a demo council.

    python scripts/look_cost.py COUNCIL.sqlite [--runs N]

Not a benchmark of record (`make bench` is): a quick paired comparison, as
the benchmarks measure them (bench/meeting.py, bench/plans.py)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.meeting import NOW, _switch, _take_attendance, _until


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("council", type=Path)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["TAFDESK_HOME"] = folder
        copy = Path(folder) / "council.sqlite"
        shutil.copyfile(args.council, copy)
        for line in _measure(copy, args.runs):
            print(line)


def _measure(path: Path, runs: int) -> list[str]:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from tafdesk.db.location import resolve_url
    from tafdesk.db.schema import open_database
    from tafdesk.services import views
    from tafdesk.services.meetings import MeetingService
    from tafdesk.services.passwords import DEMO_PASSWORD
    from tafdesk.services.users import UserService
    from tafdesk.services.views import Looks
    from tafdesk.ui.meetings.page import build_meetings_page
    from tafdesk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    db = open_database(resolve_url(str(path)))
    actor = UserService(db).sign_in("manager.north", DEMO_PASSWORD)
    looks = Looks(db, actor)
    writes = []
    for _ in range(runs):
        started = time.perf_counter()
        looks.record("case.summary_viewed", "case_record", actor.user_id, "A look", every_time=True)
        writes.append((time.perf_counter() - started) * 1000)

    page = build_meetings_page(db, actor, QUndoStack(), now=NOW)
    page.resize(1280, 800)
    page.show()
    _until(app, lambda: page.is_loaded)
    north = next(
        r for r in page.ui.model.rows() if r.locality == "North" and r.status.value in ("planned", "in_progress")
    )
    page.choose_meeting(north.id)
    session = page.session
    _until(app, lambda: session.view is not None and session.allocation is not None and session.minutes is not None)
    _take_attendance(MeetingService(db, actor, NOW), north.id, session.view.attendance)
    session.read_now()
    _until(app, lambda: page._prepared is not None and page._prepared.current is not None)
    page.start_meeting()
    mode = page.meeting_mode
    _until(app, lambda: mode.populated() and session.summaries_waiting() == 0)
    rows = list(session.rows())
    for row in rows:  # every family once: first-time layout costs are not what is measured
        _switch(app, mode, row.id)
    switches = {}
    for label, look_s in (("looks already recorded", views.LOOK_S), ("every look written", 0.0)):
        views.LOOK_S = look_s
        switches[label] = [_switch(app, mode, rows[(n + 1) % len(rows)].id) for n in range(runs)]
    views.LOOK_S = 600.0
    mode.close()
    page.close()
    db.dispose()
    lines = [f"one look written (SQLite, its own transaction): median {statistics.median(writes):.1f} ms"]
    lines += [
        f"meeting case switch, {label}: median {statistics.median(times):.1f} ms ({len(rows)} families)"
        for label, times in switches.items()
    ]
    return lines + _plan_open(path, runs)


def _plan_open(path: Path, runs: int) -> list[str]:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from bench.plans import _cases
    from tafdesk.db import Database
    from tafdesk.db.location import resolve_url
    from tafdesk.services import views
    from tafdesk.services.passwords import DEMO_PASSWORD
    from tafdesk.services.users import UserService
    from tafdesk.ui.plans.loading import load_bundle
    from tafdesk.ui.plans.page import build_cases_page

    app = QApplication.instance()
    db = Database(resolve_url(str(path)))
    actor = UserService(db).sign_in("lead.north1", DEMO_PASSWORD)
    page = build_cases_page(db, actor, QUndoStack())
    page.resize(1280, 800)
    page.show()
    big, other = _cases(page.services)
    page._stack.setCurrentWidget(page.workspace)
    lines = []
    for label, look_s in (("looks already recorded", views.LOOK_S), ("every look written", 0.0)):
        views.LOOK_S = look_s
        times = []
        for number in range(runs + 2):
            for case in (other, big):
                started = time.perf_counter()
                page.workspace.show_bundle(load_bundle(page.services, case))
                app.processEvents()
                if case is big and number >= 2:
                    times.append((time.perf_counter() - started) * 1000)
        lines.append(f"plan open, {label}: median {statistics.median(times):.1f} ms")
    views.LOOK_S = 600.0
    page.close()
    db.dispose()
    return lines


if __name__ == "__main__":
    main()
