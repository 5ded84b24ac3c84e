"""On PostgreSQL, signed in as themselves: a lead professional makes and
registers their own family's review invitation (migration 0036), and no
other letter, nor another family's. The letter to the family says what the
group decided: their account reads no decision or meeting, and the server
gives them only what that letter says, for the families they lead or
support (migration 0037); nothing of the discussion reaches the letter."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest
from sqlalchemy import select, update

from tafdesk.db import letter_decision
from tafdesk.models import DecisionOutcome, DocumentFormat, DocumentType, GeneratedDocument, TafPlan
from tafdesk.services import document_sources
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import NotFound, PermissionDenied
from tafdesk.services.letterhead import LetterheadService
from tests.documents.conftest import LETTERHEAD, docx_text, pdf_text
from tests.pg_access.conftest import DENIED, OWNER, TODAY, pg_error


@pytest.fixture(scope="module")
def invited(world):
    """The letterhead complete, and Mensah's review booked."""
    LetterheadService(world.db, OWNER).save(LETTERHEAD)
    with world.db.session() as s:
        s.execute(
            update(TafPlan).where(TafPlan.case_id == world.cases["Mensah"]).values(next_review_on=dt.date(2027, 1, 5))
        )
    return world


def test_the_lead_makes_and_registers_their_familys_review_invitation(invited, signed_in, tmp_path):
    db, lead = signed_in("lp")
    path = tmp_path / "invitation.pdf"
    entry = DocumentService(db, lead, today=TODAY).produce_case_letter(
        invited.cases["Mensah"], DocumentType.LETTER_REVIEW_INVITATION, DocumentFormat.PDF, path
    )
    with invited.db.reader() as s:
        row = s.get(GeneratedDocument, entry.id)
        assert (row.doc_type, row.case_id, row.path) == (
            DocumentType.LETTER_REVIEW_INVITATION,
            invited.cases["Mensah"],
            str(path),
        )
    with db.reader() as s:  # and reads it back, as their plans' copies
        assert s.scalar(select(GeneratedDocument.id).where(GeneratedDocument.id == entry.id)) == entry.id


@pytest.mark.parametrize(
    ("surname", "kind", "refusal"),
    [
        ("Okoro", DocumentType.LETTER_REVIEW_INVITATION, NotFound),  # the server shows them no other family
        ("Mensah", DocumentType.LETTER_ALLOCATION, PermissionDenied),
    ],
)
def test_not_another_familys_letter_nor_another_letter(invited, signed_in, surname, kind, refusal):
    db, lead = signed_in("lp")
    with pytest.raises(refusal):
        DocumentService(db, lead, today=TODAY).case_letter(invited.cases[surname], kind)


# Planted in everything of the decisions and meetings that stays in the meeting.
DISCUSSION = "ZQX-said-only-at-the-table"


def plant_discussion(world) -> None:
    """The chair's reasons, the minutes and the agenda's words, each with DISCUSSION."""
    said = {"said": f"{DISCUSSION}: the father's threats."}
    world.owner_change(
        "UPDATE decision SET rationale = :said, capacity_override_reason = :said, deferral_reason = :said, "
        "widening_note = :said",
        **said,
    )
    world.owner_change("UPDATE meeting SET minutes_notes = :said, declarations = :said", **said)
    world.owner_change("UPDATE agenda_item SET reason = :said, minute_text = :said", **said)


@pytest.fixture(scope="module")
def discussed(invited):
    plant_discussion(invited)
    return invited


@pytest.mark.parametrize(
    ("surname", "lead_line", "team"),
    [
        ("Mensah", "Tomas Okafor (EWO, Education Welfare)", ("Tomas Okafor, Education Welfare (lead professional)",)),
        (  # Tomas supports; Ruth leads
            "Kowalczyk",
            "Ruth Adeyemi (Family Worker, Family Support)",
            ("Ruth Adeyemi, Family Support (lead professional)", "Tomas Okafor, Education Welfare"),
        ),
    ],
)
def test_the_lead_makes_their_familys_letter_saying_what_was_decided(
    discussed, signed_in, surname, lead_line, team, tmp_path
):
    db, lead = signed_in("lp")
    case_id = discussed.cases[surname]
    documents = DocumentService(db, lead, today=TODAY)
    for fmt, read in ((DocumentFormat.PDF, pdf_text), (DocumentFormat.DOCX, docx_text)):
        path = tmp_path / f"family.{fmt.value}"
        entry = documents.produce_case_letter(case_id, DocumentType.LETTER_FAMILY, fmt, path)
        words = " ".join(read(path).split())
        assert entry.doc_type is DocumentType.LETTER_FAMILY
        assert f"Your lead professional is {lead_line}" in words
        assert "its recent meeting" not in words  # the meeting's day is known
        assert DISCUSSION not in words
    with db.reader() as s:  # the team, for the templates that list it
        facts = document_sources.case_letter_facts(s, case_id, TODAY)
    assert facts.team == team
    assert facts.outcome is DecisionOutcome.ALLOCATE_LEAD and facts.meeting and facts.meeting.locality == "North"
    assert facts.rationale is None and facts.actions == ()


def test_the_letter_of_a_family_they_do_not_work_with_is_refused_saying_so(discussed, signed_in):
    db, lead = signed_in("lp")
    with pytest.raises(NotFound, match="not a case they lead or support"):
        DocumentService(db, lead, today=TODAY).case_letter(discussed.cases["Okoro"], DocumentType.LETTER_FAMILY)


def test_the_leads_login_reads_no_decision_nor_meeting_and_asks_only_of_their_cases(discussed):
    with discussed.connect("lp") as conn:
        for table in ("decision", "decision_supporter", "agenda_item", "meeting", "attendance"):
            with pytest.raises(psycopg.Error) as refused:
                conn.execute(f"SELECT * FROM {table}")
            assert pg_error(refused.value) == DENIED, table
            conn.rollback()
        [mine] = conn.execute("SELECT tafdesk_letter_decision(%s)", (discussed.cases["Mensah"],)).fetchone()
        assert DISCUSSION not in json.dumps(mine)
        assert set(mine) == {
            "outcome",
            "lead_professional_id",
            "supporters",
            "meeting_on",
            "meeting_locality_id",
            "meeting_venue",
        }
        with pytest.raises(psycopg.Error) as refused:
            conn.execute("SELECT tafdesk_letter_decision(%s)", (discussed.cases["Okoro"],))
        assert pg_error(refused.value) == DENIED


def test_what_the_lead_is_given_is_the_latest_decision_as_the_group_reads_it(discussed, signed_in):
    """The server's answer to the lead and the letter facts read from the
    whole decision (a manager's or an SQLite file's) are the same."""
    from tafdesk.offline.graph import read_case

    db, _lead = signed_in("lp")
    for surname in ("Mensah", "Kowalczyk"):
        with db.connection() as conn:
            given = read_case(conn, discussed.cases[surname], profile=False).letter_decision
        with discussed.db.connection() as conn:
            whole = read_case(conn, discussed.cases[surname], profile=False).letter_decision
        assert given == whole and letter_decision.parse(given) is not None


def test_reading_a_case_for_a_copy_leaves_out_what_their_account_may_not_read(invited, signed_in):
    """The decisions and meetings a letter to the family would say: the
    lead's account reads none, and the reading is not refused for them."""
    from tafdesk.offline.graph import read_case

    db, _lead = signed_in("lp")
    with db.connection() as conn:
        rows = read_case(conn, invited.cases["Mensah"], profile=False)
    assert rows.reference and rows.of("decision") == rows.of("meeting") == []
    decided = letter_decision.parse(rows.letter_decision)  # what the letter to the family says, instead
    assert decided is not None and decided.lead_professional_id == invited.people["Tomas"]
    assert rows.of("app_setting")  # the letterhead goes
    with invited.db.connection() as conn:  # the owner's account reads them
        assert read_case(conn, invited.cases["Mensah"], profile=False).of("decision")
