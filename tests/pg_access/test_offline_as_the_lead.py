"""Taking a case offline and syncing it back as the lead professional's own
login role, as the app does on a shared server: every row the copy takes
must be one their grants and row-level security let them read (the
profile's original document is not: it stays on the server; nor are the
group's decisions and meetings: only what the letter to the family says of
them, so that the letter can be made from the copy)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tafdesk.db import letter_decision
from tafdesk.models import Decision, DocumentFormat, DocumentType, Meeting, Profile360, Referral
from tafdesk.offline import store
from tafdesk.services.documents import UNSYNCED_MARKING, DocumentService
from tafdesk.services.errors import ConflictError
from tafdesk.services.letterhead import LetterheadService
from tafdesk.services.offline_sync import OfflineSyncService
from tafdesk.services.offline_take import OfflineTakeService
from tafdesk.services.offline_work import open_for_work
from tafdesk.services.plans import PlanService
from tests.documents.conftest import LETTERHEAD, docx_text, pdf_text
from tests.offline.test_sync import edit
from tests.pg_access.conftest import OWNER, TODAY
from tests.pg_access.test_family_letters import DISCUSSION, plant_discussion

PASSWORD = "copy password"


def test_the_lead_takes_their_case_offline_and_syncs_a_change_back(world, signed_in, tmp_path):
    db, lead = signed_in("lp")
    case_id = world.cases["Mensah"]
    reference = PlanService(world.db, lead, today=TODAY).current(case_id).case_reference
    path = tmp_path / "lead.tafcopy"
    assert OfflineTakeService(db, lead).take([reference], path, PASSWORD) == [reference]

    copy = store.OfflineCopy.open(path, PASSWORD)
    try:
        with copy.engine.connect() as conn:
            held = conn.execute(select(Profile360.original_document)).scalars().all()
        assert held and set(held) == {""}  # the profile is there, its original document is not
    finally:
        copy.close()

    opened = open_for_work(path, PASSWORD)
    try:
        edit(PlanService(opened.database, opened.actor, today=TODAY), case_id, strengths="Offline: grandmother helps.")
    finally:
        opened.close()
    [outcome] = OfflineSyncService(db, lead).sync(path, PASSWORD, lambda _conflict: None)
    assert outcome.sent
    assert PlanService(world.db, lead, today=TODAY).current(case_id).content.strengths == "Offline: grandmother helps."
    copy = store.OfflineCopy.open(path, PASSWORD)
    try:  # refreshed from the server: what the letter to the family says is kept still
        with copy.engine.connect() as conn:
            kept = letter_decision.parse(store.letter_decision(conn, case_id))
        assert kept is not None and kept.lead_professional_id == world.people["Tomas"]
    finally:
        copy.close()
    with world.db.session() as s:  # the server's original document is untouched
        documents = s.scalars(
            select(Profile360.original_document).join(Referral).where(Referral.case_id == case_id)
        ).all()
    assert documents and "" not in documents


def test_the_letter_to_the_family_is_made_from_the_leads_copy(world, signed_in, tmp_path):
    LetterheadService(world.db, OWNER).save(LETTERHEAD)
    plant_discussion(world)
    db, lead = signed_in("lp")
    mensah, kowalczyk = world.cases["Mensah"], world.cases["Kowalczyk"]  # led, and supported, by Tomas
    references = [
        r for (r,) in world.owner_rows("SELECT reference FROM case_record WHERE id IN (:a, :b)", a=mensah, b=kowalczyk)
    ]
    path = tmp_path / "letters.tafcopy"
    OfflineTakeService(db, lead).take(references, path, PASSWORD)
    copy = store.OfflineCopy.open(path, PASSWORD)
    try:
        with copy.engine.connect() as conn:  # nothing of the decisions but what the letter says
            assert conn.scalar(select(func.count()).select_from(Decision)) == 0
            assert conn.scalar(select(func.count()).select_from(Meeting)) == 0
    finally:
        copy.close()

    opened = open_for_work(path, PASSWORD)
    try:
        documents = DocumentService(opened.database, opened.actor, today=TODAY)
        out = tmp_path / "kowalczyk.docx"
        documents.produce_case_letter(kowalczyk, DocumentType.LETTER_FAMILY, DocumentFormat.DOCX, out)
        words = " ".join(docx_text(out).split())
        assert "Your lead professional is Ruth Adeyemi (Family Worker, Family Support)" in words
        assert DISCUSSION not in words and UNSYNCED_MARKING not in words
        edit(PlanService(opened.database, opened.actor, today=TODAY), mensah, strengths="Offline: aunt helps.")
        out = tmp_path / "mensah.pdf"
        documents.produce_case_letter(mensah, DocumentType.LETTER_FAMILY, DocumentFormat.PDF, out)
        words = " ".join(pdf_text(out).split())
        assert "Your lead professional is Tomas Okafor" in words
        assert DISCUSSION not in words and UNSYNCED_MARKING in words  # changed offline, not yet synced
    finally:
        opened.close()


def test_a_copy_without_what_was_decided_says_so_rather_than_no_decision(world, signed_in, tmp_path):
    """As a copy an older tafdesk took: the refusal says why, truthfully."""
    LetterheadService(world.db, OWNER).save(LETTERHEAD)
    db, lead = signed_in("lp")
    [(reference,)] = world.owner_rows("SELECT reference FROM case_record WHERE id = :c", c=world.cases["Mensah"])
    path = tmp_path / "older.tafcopy"
    OfflineTakeService(db, lead).take([reference], path, PASSWORD)
    copy = store.OfflineCopy.open(path, PASSWORD)
    try:
        with copy.writing() as conn:
            conn.execute(store.LETTER_DECISION.delete())
    finally:
        copy.close()
    opened = open_for_work(path, PASSWORD)
    try:
        documents = DocumentService(opened.database, opened.actor, today=TODAY)
        with pytest.raises(ConflictError, match="this offline copy does not hold what the group decided") as refused:
            documents.case_letter(world.cases["Mensah"], DocumentType.LETTER_FAMILY)
        assert "no decision yet" not in str(refused.value)
    finally:
        opened.close()
