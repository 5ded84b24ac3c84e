"""The Notes and Chronology windows opened from My cases, offscreen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack

from tafdesk import clock
from tafdesk.models import NoteType
from tafdesk.services.case_notes import CaseNotesService, NoteInput
from tafdesk.services.chronology import ChronologyService, EntryType
from tafdesk.services.chronology_export import ChronologyExport
from tafdesk.ui.plans.case_windows import NotesWindow, open_chronology
from tafdesk.ui.plans.loading import CaseRef
from tafdesk.ui.plans.note_dialog import NoteDialog
from tafdesk.ui.plans.page import build_cases_page

LATER = dt.datetime(2026, 12, 14, 12, 0, tzinfo=dt.UTC)


def test_notes_and_chronology_windows(qtbot, allocated, lead, tmp_path):
    with clock.pinned(LATER):
        page = build_cases_page(allocated.db, lead, QUndoStack(), today=LATER.date())
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        qtbot.waitUntil(lambda: page.cases.model.rowCount() == 1, timeout=10000)
        assert page.cases.model.display(page.cases.model.row(0), 8) == "Overdue: family contact, referrer contact"
        page.grab().save("/tmp/notes_my_cases.png")

        service = CaseNotesService(allocated.db, lead)
        case = CaseRef(allocated.case_id, "ref", "Mensah")
        window = NotesWindow(service, case, may_write=True)
        qtbot.addWidget(window)
        saved = []
        dialog = NoteDialog(service.children(allocated.case_id), lambda v, r: saved.append(v) or True)
        qtbot.addWidget(dialog)
        dialog.summary.setPlainText("Home visit with mum.")
        dialog.first_family.setChecked(True)
        dialog.accept()
        service.add(allocated.case_id, saved[0])
        service.add(
            allocated.case_id,
            NoteInput(dt.date(2026, 12, 10), NoteType.PHONE, "Referrer called back.", restricted=True),
        )
        dialog.resize(640, 600)
        dialog.show()
        dialog.grab().save("/tmp/notes_dialog.png")
        window.reload()
        window.show()
        assert window.model.rowCount() == 2
        window.grab().save("/tmp/notes_window.png")

        chronology = open_chronology(
            page, ChronologyService(allocated.db, lead), ChronologyExport(allocated.db, lead), case
        )
        qtbot.addWidget(chronology)
        assert chronology.model.rowCount() > 2
        chronology.kind.setCurrentIndex(chronology.kind.findData(EntryType.NOTE))
        assert chronology.model.rowCount() == 2
        chronology.grab().save("/tmp/notes_chronology.png")
        out = tmp_path / "c.pdf"
        from tafdesk.models import DocumentFormat

        chronology.export(DocumentFormat.PDF, out)
        qtbot.waitUntil(lambda: chronology.status.text().startswith("Written"), timeout=20000)
        assert out.exists()
        assert all(
            w.accessibleName() for w in (chronology.kind, chronology.pdf_button, window.add_button, dialog.summary)
        )
