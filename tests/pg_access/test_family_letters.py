"""On PostgreSQL, signed in as themselves: a lead professional makes and
registers their own family's review invitation (migration 0036), and no
other letter, nor another family's. The letter to the family, which says
what the group decided, their account may not read: it is refused saying so."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from tafdesk.models import DocumentFormat, DocumentType, GeneratedDocument, TafPlan
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError, NotFound, PermissionDenied
from tafdesk.services.letterhead import LetterheadService
from tests.documents.conftest import LETTERHEAD
from tests.pg_access.conftest import OWNER, TODAY


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


def test_the_letter_to_the_family_is_refused_saying_who_makes_it(invited, signed_in):
    db, lead = signed_in("lp")
    with pytest.raises(ConflictError, match="only business support and managers read: ask them"):
        DocumentService(db, lead, today=TODAY).case_letter(invited.cases["Mensah"], DocumentType.LETTER_FAMILY)
    db, clerk = signed_in("bs_north")
    _document, recipient = DocumentService(db, clerk, today=TODAY).case_letter(
        invited.cases["Mensah"], DocumentType.LETTER_FAMILY
    )
    assert recipient


def test_reading_a_case_for_a_copy_leaves_out_what_their_account_may_not_read(invited, signed_in):
    """The decisions and meetings a letter to the family would say: the
    lead's account reads none, and the reading is not refused for them."""
    from tafdesk.offline.graph import read_case

    db, _lead = signed_in("lp")
    with db.connection() as conn:
        rows = read_case(conn, invited.cases["Mensah"], profile=False)
    assert rows.reference and rows.of("decision") == rows.of("meeting") == []
    assert rows.of("app_setting")  # the letterhead goes
    with invited.db.connection() as conn:  # the owner's account reads them
        assert read_case(conn, invited.cases["Mensah"], profile=False).of("decision")
