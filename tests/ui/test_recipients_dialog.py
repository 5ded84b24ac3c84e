"""The dialog that records who a family's letters go to, against a real
database: the markers it saves are what the letters then obey."""

from __future__ import annotations

from sqlalchemy import select

from tafdesk.models import Case, Person, Referral
from tafdesk.services.letter_recipients import LetterRecipientService
from tafdesk.ui.intake.recipients_dialog import OUTSIDE, RecipientsDialog
from tests.documents.conftest import CLERK, build_pack_world


def test_the_dialog_saves_markers_and_accepts_the_suggested_self_referrer(qtbot, db):
    world = build_pack_world(db)
    case = world.cases["Kowalczyk"]
    with db.session() as s:
        s.scalar(select(Referral).where(Referral.case_id == case)).referrer_name = "Agnieszka Kowalczyk"
    with db.reader() as s:
        family_id = s.get(Case, case).family_id
        people = {p.given_name: p.id for p in s.scalars(select(Person).where(Person.family_id == family_id))}
    service = LetterRecipientService(db, CLERK)
    dialog = RecipientsDialog(service, case)
    qtbot.addWidget(dialog)
    assert dialog.referrer.currentData() == people["Agnieszka"] and "matches a family member" in dialog.note.text()
    dialog.marks[people["Minh"]].setChecked(True)
    dialog.save()
    found = service.recipients(case)
    assert found.self_referral_person_id == people["Agnieszka"]
    assert {m.person_id for m in found.members if m.do_not_write} == {people["Minh"]}

    again = RecipientsDialog(service, case)
    qtbot.addWidget(again)
    assert again.marks[people["Minh"]].isChecked() and again.note.text() == ""
    again.referrer.setCurrentIndex(again.referrer.findText(OUTSIDE))
    again.marks[people["Minh"]].setChecked(False)
    again.save()
    found = service.recipients(case)
    assert found.self_referral_person_id is None and not any(m.do_not_write for m in found.members)
