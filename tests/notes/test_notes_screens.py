"""The case page (its Notes and Chronology tabs among others) opened from My cases, and the family search, offscreen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack

from tafdesk import clock
from tafdesk.models import NoteType
from tafdesk.services.case_notes import CaseNotesService, NoteInput
from tafdesk.services.chronology import EntryType
from tafdesk.services.family_search import FamilySearchService
from tafdesk.ui.case_page.pages import CasePages
from tafdesk.ui.case_page.search import FamilySearchDialog
from tafdesk.ui.plans.case_windows import NotesPanel
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
        window = NotesPanel(service, case, may_write=True)
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

        host = page
        pages = CasePages(allocated.db, lead, host)
        opened = []
        page.case_requested.connect(lambda ref: opened.append(pages.open(ref)))
        page.cases.table.selectRow(0)
        page.cases.case_button.click()
        case_window = opened[0]
        assert case_window.section_keys() == [
            "summary",
            "chronology",
            "notes",
            "actions",
            "plan",
            "requests",
            "closure",
            "consent",
            "assessment",
        ]
        qtbot.waitUntil(lambda: case_window.context.summary is not None, timeout=10000)
        case_window.resize(1100, 640)
        case_window.grab().save("/tmp/case_page_summary.png")
        assert pages.open(CaseRef(allocated.case_id, "ref", "Mensah")) is case_window  # one window per case
        chronology = case_window.show_section("chronology")
        assert chronology.model.rowCount() > 2
        chronology.kind.setCurrentIndex(chronology.kind.findData(EntryType.NOTE))
        assert chronology.model.rowCount() == 2
        case_window.grab().save("/tmp/case_page_chronology.png")
        case_window.show_section("notes")
        actions = case_window.show_section("actions")
        qtbot.waitUntil(lambda: "action" in actions.summary.text(), timeout=10000)
        plan_asked = []
        pages.plan_requested.connect(plan_asked.append)
        case_window.show_section("plan").open_button.click()
        assert plan_asked[0].case_id == allocated.case_id
        case_window.grab().save("/tmp/case_page_plan.png")

        search = FamilySearchDialog(FamilySearchService(allocated.db, lead), None)
        qtbot.addWidget(search)
        chosen = []
        search.case_chosen.connect(chosen.append)
        search.show()
        search.field.setText("Mensha")
        with qtbot.waitSignal(search.searched, timeout=10000):
            search.search_now()
        assert search.model.rowCount() == 1
        search.grab().save("/tmp/family_search.png")
        search.open_current()
        assert chosen[0].case_id == allocated.case_id
        out = tmp_path / "c.pdf"
        from tafdesk.models import DocumentFormat

        chronology.export(DocumentFormat.PDF, out)
        qtbot.waitUntil(lambda: chronology.status.text().startswith("Written"), timeout=20000)
        assert out.exists()
        assert all(
            w.accessibleName() for w in (chronology.kind, chronology.pdf_button, window.add_button, dialog.summary)
        )
