"""Who a family's letters go to, as recorded by business support and the
chair, and what the meeting pack and single letters then make."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.models import (
    Agency,
    AuditEvent,
    Case,
    CaseSupporter,
    DocumentFormat,
    DocumentType,
    MemberRole,
    Person,
    Professional,
    Profile360,
    ProfileInvolvement,
    Referral,
    Role,
)
from tafdesk.services.actor import Actor
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.letter_recipients import LetterRecipientService
from tests.documents.conftest import CHAIR, CLERK, TODAY, squash, text_of

T = DocumentType
LEAD_PRO = Actor(None, "Lead Tester", Role.LEAD_PROFESSIONAL)


def _add_father(db, case_id) -> object:
    with db.session() as s:
        family_id = s.get(Case, case_id).family_id
        father = Person(
            family_id=family_id,
            position=9,
            given_name="Bao",
            family_name="Testfather",
            date_of_birth=dt.date(1980, 1, 2),
            role=MemberRole.PARENT,
            relationship_="father",
        )
        s.add(father)
        s.flush()
        return father.id


def _person(db, case_id, given: str):
    with db.reader() as s:
        family_id = s.get(Case, case_id).family_id
        return s.scalar(select(Person.id).where(Person.family_id == family_id, Person.given_name == given))


def _letters(service, world, folder) -> dict:
    entries = service.produce_letters(world.meeting_id, folder, formats=(DocumentFormat.PDF,))
    return {(e.case_reference, e.doc_type): e for e in entries}


def test_a_marked_adult_is_never_written_to_and_the_marker_is_audited(pack_world, tmp_path):
    case = pack_world.cases["Nguyễn"]
    father = _add_father(pack_world.db, case)
    recipients = LetterRecipientService(pack_world.db, CLERK)
    recipients.mark_do_not_write(father, True)
    made = _letters(DocumentService(pack_world.db, CLERK, today=TODAY), pack_world, tmp_path)
    family = made[(pack_world.references["Nguyễn"], T.LETTER_FAMILY)]
    assert family.recipient == "Thị Mai Nguyễn"
    text = squash(text_of(Path(family.path)))
    assert "Dear Thị Mai Nguyễn," in text and "Bao" not in text and "Testfather" not in text
    assert [m.do_not_write for m in recipients.recipients(case).members if m.person_id == father] == [True]
    with pack_world.db.reader() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "person.do_not_write"))
    assert event.entity_id == father and event.actor_name == CLERK.name
    assert json.loads(event.changes) == {"do_not_write": [False, True]}
    assert "Bao" not in event.changes  # ids and the marker, never a name


def test_with_every_adult_marked_no_family_letter_is_made_and_the_service_says_why(pack_world, tmp_path):
    case = pack_world.cases["Nguyễn"]
    LetterRecipientService(pack_world.db, CHAIR).mark_do_not_write(_person(pack_world.db, case, "Thị Mai"), True)
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    made = _letters(service, pack_world, tmp_path)
    reference = pack_world.references["Nguyễn"]
    assert (reference, T.LETTER_FAMILY) not in made and (reference, T.LETTER_ALLOCATION) in made
    assert any(
        line.startswith(f"{reference}: letter to the family: no adult in the household")
        for line in service.letters_not_made(pack_world.meeting_id)
    )
    with pytest.raises(ConflictError, match="no adult in the household can be written to"):
        service.case_letter(case, T.LETTER_FAMILY)
    with pytest.raises(ConflictError, match="no adult in the household can be written to"):
        service.case_letter(case, T.LETTER_REVIEW_INVITATION)


def _add_supporter(db, case_id, agency_name: str) -> None:
    """A professional of the agency joins the family's TAF (as the review
    invitation lists it)."""
    with db.session() as s:
        agency = s.scalar(select(Agency).where(Agency.name == agency_name))
        locality_id = s.get(Case, case_id).locality_id
        worker = Professional(
            agency_id=agency.id,
            locality_id=locality_id,
            given_name="Sam",
            family_name="Testworker",
            job_title="Officer",
        )
        s.add(worker)
        s.flush()
        s.add(CaseSupporter(case_id=case_id, professional_id=worker.id, since=TODAY))


def _invitation(world, case) -> str:
    return squash(DocumentService(world.db, CLERK, today=TODAY).case_letter(case, T.LETTER_REVIEW_INVITATION)[0].text())


def test_letters_home_leave_out_the_police_unless_the_chair_chose(pack_world):
    case = pack_world.cases["Nguyễn"]
    _add_supporter(pack_world.db, case, "Police")
    invitation = _invitation(pack_world, case)
    assert "Police" not in invitation and "Sam Testworker" not in invitation
    assert "Tomas Okafor, Education Welfare" in invitation

    with pytest.raises(PermissionDenied):
        LetterRecipientService(pack_world.db, CLERK).let_letters_name_sensitive_agencies(case, True, "She asked.")
    chair = LetterRecipientService(pack_world.db, CHAIR)
    with pytest.raises(ValidationError):
        chair.let_letters_name_sensitive_agencies(case, True, " ")
    chair.let_letters_name_sensitive_agencies(case, True, "Mother asked for the police officer to be named.")
    assert "Sam Testworker, Police" in _invitation(pack_world, case)
    with pack_world.db.reader() as s:
        assert (
            s.scalar(select(AuditEvent.actor_name).where(AuditEvent.action == "case.names_sensitive_agencies"))
            == CHAIR.name
        )


def test_an_agency_whose_involvement_is_restricted_is_not_named_home_whatever_its_kind(pack_world):
    case = pack_world.cases["Nguyễn"]
    _add_supporter(pack_world.db, case, "Housing")
    assert "Sam Testworker, Housing" in _invitation(pack_world, case)
    with pack_world.db.session() as s:
        profile = s.scalar(
            select(Profile360).join(Referral, Referral.id == Profile360.referral_id).where(Referral.case_id == case)
        )
        item = s.scalar(
            select(ProfileInvolvement).where(
                ProfileInvolvement.profile_id == profile.id, ProfileInvolvement.restricted.is_(True)
            )
        )
        item.agency_name = "Housing"
    invitation = _invitation(pack_world, case)
    assert "Housing" not in invitation and "Education Welfare" in invitation


def test_a_self_referring_parent_gets_the_family_letter_not_the_referrer_letter(pack_world, tmp_path):
    recipients = LetterRecipientService(pack_world.db, CLERK)
    iag, step_up = pack_world.cases["Kowalczyk"], pack_world.cases["Byrne"]
    with pack_world.db.session() as s:
        s.scalar(select(Referral).where(Referral.case_id == iag)).referrer_name = "kowalczyk agnieszka"
    found = recipients.recipients(iag)
    assert found.suggested_self_referrer == _person(pack_world.db, iag, "Agnieszka")
    assert found.self_referral_person_id is None
    recipients.mark_self_referral(iag, found.suggested_self_referrer)
    recipients.mark_self_referral(step_up, _person(pack_world.db, step_up, "Siobhán"))
    with pytest.raises(ValidationError):
        recipients.mark_self_referral(iag, _person(pack_world.db, step_up, "Siobhán"))  # another family's member

    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    made = _letters(service, pack_world, tmp_path)
    iag_ref, up_ref = pack_world.references["Kowalczyk"], pack_world.references["Byrne"]
    assert {t for r, t in made if r == iag_ref} == {T.LETTER_FAMILY}
    assert {t for r, t in made if r == up_ref} == {T.LETTER_STEP_UP}
    text = squash(text_of(Path(made[(iag_ref, T.LETTER_FAMILY)].path)))
    assert "Dear Agnieszka Kowalczyk" in text and "information and advice" in text
    with pytest.raises(ConflictError, match="the referrer is a member of the family"):
        service.case_letter(iag, T.LETTER_IAG)
    assert recipients.recipients(iag).suggested_self_referrer is None  # chosen, no longer only suggested


@pytest.mark.parametrize(
    ("family", "wrong"),
    [
        ("Nguyễn", T.LETTER_STEP_UP),
        ("Byrne", T.LETTER_FAMILY),
        ("Hussain", T.LETTER_ALLOCATION),
        ("Kowalczyk", T.LETTER_REFERRER),
        ("Mensah", T.LETTER_STEP_DOWN),
    ],
)
def test_a_single_letter_must_fit_the_decision(pack_world, family, wrong):
    with pytest.raises(ConflictError, match="which calls for no"):
        DocumentService(pack_world.db, CLERK, today=TODAY).case_letter(pack_world.cases[family], wrong)


def test_the_working_together_meeting_letter_to_the_family_is_true(pack_world):
    case = pack_world.cases["Mensah"]
    text = squash(DocumentService(pack_world.db, CLERK, today=TODAY).case_letter(case, T.LETTER_FAMILY)[0].text())
    assert "no lead professional" not in text.lower()
    assert "Who will be your main contact will be agreed at the Working Together Meeting." in text


def test_only_business_support_and_the_chair_set_markers(pack_world):
    case = pack_world.cases["Nguyễn"]
    with pytest.raises(PermissionDenied):
        LetterRecipientService(pack_world.db, LEAD_PRO).mark_do_not_write(_person(pack_world.db, case, "Thị Mai"), True)
    with pytest.raises(PermissionDenied):
        LetterRecipientService(pack_world.db, LEAD_PRO).recipients(case)


def test_a_referrer_named_as_a_member_is_taken_as_a_self_referral_until_someone_records_otherwise(pack_world, tmp_path):
    case, reference = pack_world.cases["Byrne"], pack_world.references["Byrne"]
    with pack_world.db.session() as s:
        s.scalar(select(Referral).where(Referral.case_id == case)).referrer_name = "Siobhan Byrne"  # accents folded
    service = DocumentService(pack_world.db, CLERK, today=TODAY)
    made = _letters(service, pack_world, tmp_path / "guessed")
    assert {t for r, t in made if r == reference} == {T.LETTER_STEP_UP}
    LetterRecipientService(pack_world.db, CHAIR).mark_self_referral(case, None)  # a namesake outside the family
    made = _letters(service, pack_world, tmp_path / "recorded")
    assert {t for r, t in made if r == reference} == {T.LETTER_STEP_UP, T.LETTER_REFERRER}
