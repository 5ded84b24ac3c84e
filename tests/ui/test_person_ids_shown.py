"""Each person's id is shown where the family's record is read (the case
summary in Intake, the Correct family address and household window), and is
the id a subject access request takes (`tafdesk sar --person ID`)."""

from __future__ import annotations

import os

from intake_helpers import CLERK, case_of, choose, make_council, open_intake

from tafdesk.services import person_ids
from tafdesk.services.family_record import FamilyRecordService
from tafdesk.services.intake import IntakeService
from tafdesk.ui.intake.family_record_dialog import FamilyRecordDialog
from tests.intake.test_current_record import first_referral


def test_the_summary_and_the_record_window_show_the_ids_a_request_takes(qtbot, db):
    make_council(db)
    IntakeService(db, CLERK).import_document(first_referral(), "first.json")
    page = open_intake(qtbot, db, CLERK)
    choose(qtbot, page, "Okonkwo-Hale")
    members = page.detail.summary.members
    assert members and all(m.shown_id for m in members)
    with db.reader() as s:
        found = {m.shown_id: person_ids.find(s, m.shown_id) for m in members}
    assert all(f"id {shown}" in page.detail.text() for shown in found)

    service = FamilyRecordService(db, CLERK)
    dialog = FamilyRecordDialog(service, service.family_of_case(case_of(db, "Okonkwo-Hale").case_id))
    qtbot.addWidget(dialog)
    dialog.resize(900, 640)
    dialog.show()
    shown = {box.text().rpartition("id ")[2]: person for person, box in dialog.form.household.items()}
    assert shown == found
    if os.environ.get("TAFDESK_SCREENSHOTS"):
        page.window().resize(1366, 768)
        from PySide6.QtWidgets import QTextBrowser

        browser = page.detail.findChild(QTextBrowser)
        browser.find("Members")
        browser.ensureCursorVisible()
        bar = browser.verticalScrollBar()
        bar.setValue(bar.value() + browser.viewport().height() - 40)  # the heading at the top
        page.detail.grab().save(os.path.join(os.environ["TAFDESK_SCREENSHOTS"], "summary-ids.png"))
        dialog.grab().save(os.path.join(os.environ["TAFDESK_SCREENSHOTS"], "record-ids.png"))
