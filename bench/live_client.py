"""One client of the live-update benchmark (bench/live.py): signed in as the
North locality manager, it holds its connection, the change-bus listener
and the meeting's agenda model (no window). Each time the watched agenda
item's status in the model changes it prints `held STATUS MONOTONIC`; it
prints `ready` once listening. The benchmark ends it.

    python -m bench.live_client URL MEETING_ID ITEM_ID
"""

from __future__ import annotations

import os
import sys
import time
import uuid


def main(url: str, meeting: str, item: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from sqlalchemy.engine import make_url

    from tafdesk.db.change_watch import watch
    from tafdesk.services.meetings import MeetingService
    from tafdesk.services.users import open_signed_in
    from tafdesk.ui.background import run_in_background
    from tafdesk.ui.live import ChangeSignal
    from tafdesk.ui.meetings.agenda_model import AgendaModel
    from tafdesk.ui.meetings.meeting_changes import concerns

    app = QCoreApplication([])
    meeting_id, item_id = uuid.UUID(meeting), uuid.UUID(item)
    database, actor = open_signed_in(make_url(url), "manager.north", "demo")
    meetings = MeetingService(database, actor)
    model = AgendaModel()
    changes = ChangeSignal(database.changes)
    held: list[object] = [None]
    reads = [0]

    def show(view) -> None:
        model.set_rows(view.agenda)
        status = model.row(model.row_of(item_id)).status
        if status is not held[0]:
            held[0] = status
            print(f"held {status.value} {time.monotonic():.6f}", flush=True)

    def read() -> None:
        reads[0] += 1
        token = reads[0]
        run_in_background(
            lambda: meetings.meeting(meeting_id),
            lambda view: token == reads[0] and show(view),
            lambda error: print(f"failed {type(error).__name__}", flush=True),
            context=changes,
        )

    changes.changed.connect(lambda change: "view" in concerns(change, meeting_id) and read())
    show(meetings.meeting(meeting_id))
    watcher = watch(database)
    if watcher is None or not watcher.ready.wait(60):
        print("failed listening", flush=True)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
