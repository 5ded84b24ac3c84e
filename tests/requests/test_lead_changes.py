"""Changing the lead professional, or the locality, outside a meeting:
proposed by a locality manager, accepted or declined by the receiving
professional or their manager, audited, with letters to the family and the
new lead; and the transition plan of a case stepped down from social care."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tafdesk.models import (
    Agency,
    AuditEvent,
    Case,
    DocumentFormat,
    LeadChangeState,
    Locality,
    Professional,
    Role,
)
from tafdesk.services.actor import Actor
from tafdesk.services.chronology import ChronologyService, EntryType
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.lead_changes import LeadChangeService
from tests.meetings.conftest import CHAIR
from tests.requests.conftest import AFTER, CLERK

REASON = "Tomas moves to the secondary team; Ruth knows the family well."


def test_the_receiving_professional_accepts_a_new_lead(allocated, lead, supporter, outsider):
    service = LeadChangeService(allocated.db, CHAIR, now=AFTER)
    with pytest.raises(PermissionDenied):
        LeadChangeService(allocated.db, lead, now=AFTER).propose(
            allocated.case_id, allocated.people["Ruth Adeyemi"], REASON
        )
    with pytest.raises(ValidationError) as refused:
        service.propose(allocated.case_id, allocated.people["Tomas Okafor"], REASON)
    assert "to_lead_id" in refused.value.fields
    change_id = service.propose(allocated.case_id, allocated.people["Ruth Adeyemi"], REASON)
    with pytest.raises(ConflictError, match="already waiting"):
        service.propose(allocated.case_id, allocated.people["Full Person"], REASON)
    (row,) = LeadChangeService(allocated.db, supporter, now=AFTER).to_answer()
    assert (row.id, row.from_lead, row.to_lead, row.moves_locality) == (
        change_id,
        "Tomas Okafor",
        "Ruth Adeyemi",
        False,
    )
    assert LeadChangeService(allocated.db, outsider, now=AFTER).to_answer() == []
    with pytest.raises(PermissionDenied):
        LeadChangeService(allocated.db, lead, now=AFTER).accept(change_id, row.version)
    LeadChangeService(allocated.db, supporter, now=AFTER).accept(change_id, row.version)
    with pytest.raises(ConflictError, match="answered or changed elsewhere"):
        LeadChangeService(allocated.db, supporter, now=AFTER).accept(change_id, row.version)
    with allocated.db.reader() as s:
        case = s.get(Case, allocated.case_id)
        assert (case.lead_professional_id, case.allocated_on) == (
            allocated.people["Ruth Adeyemi"],
            dt.date(2026, 12, 2),
        )
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("%lead_change%"))).all()
    assert sorted(actions) == ["case.lead_changed", "lead_change.accepted", "lead_change.proposed"]
    entries = ChronologyService(allocated.db, CHAIR).chronology(allocated.case_id, [EntryType.LEAD_CHANGE]).entries
    assert [e.summary.split(":")[0] for e in entries] == [
        "Ruth Adeyemi proposed as lead professional by Chair Tester",
        "Change of lead to Ruth Adeyemi accepted by Ruth Adeyemi",
    ]


def test_a_declined_change_needs_a_reason_and_changes_nothing(allocated, supporter):
    change_id = LeadChangeService(allocated.db, CHAIR, now=AFTER).propose(
        allocated.case_id, allocated.people["Ruth Adeyemi"], REASON
    )
    answers = LeadChangeService(allocated.db, supporter, now=AFTER)
    (row,) = answers.to_answer()
    with pytest.raises(ValidationError):
        answers.decline(change_id, row.version, " ")
    answers.decline(change_id, row.version, "No room until January.")
    (row,) = answers.for_case(allocated.case_id)
    assert (row.state, row.answer_note) == (LeadChangeState.DECLINED, "No room until January.")
    with allocated.db.reader() as s:
        assert s.get(Case, allocated.case_id).lead_professional_id == allocated.people["Tomas Okafor"]


def test_a_case_moves_to_another_locality_accepted_by_its_manager(allocated):
    with allocated.db.session() as s:
        south = Locality(name="South", code="S", default_venue="Southtown")
        s.add(south)
        s.flush()
        agency = s.get(Agency, allocated.agencies["Family Support"])
        sam = Professional(
            agency=agency, locality=south, given_name="Sam", family_name="Ley", job_title="Family Worker", fte=1.0
        )
        s.add(sam)
        s.flush()
        south_id, sam_id = south.id, sam.id
    change_id = LeadChangeService(allocated.db, CHAIR, now=AFTER).propose(allocated.case_id, sam_id, REASON)
    north_manager = Actor(None, "North Manager", Role.LOCALITY_MANAGER, localities=frozenset())
    south_manager = Actor(None, "South Manager", Role.LOCALITY_MANAGER, localities=frozenset({south_id}))
    assert LeadChangeService(allocated.db, north_manager, now=AFTER).to_answer() == []
    (row,) = LeadChangeService(allocated.db, south_manager, now=AFTER).to_answer()
    assert (row.from_locality, row.to_locality, row.moves_locality) == ("North", "South", True)
    with pytest.raises(PermissionDenied):
        LeadChangeService(allocated.db, north_manager, now=AFTER).accept(change_id, row.version)
    LeadChangeService(allocated.db, south_manager, now=AFTER).accept(change_id, row.version)
    with allocated.db.reader() as s:
        case = s.get(Case, allocated.case_id)
        assert (case.locality_id, case.lead_professional_id) == (south_id, sam_id)


def test_letters_to_the_family_and_the_new_lead_name_the_new_lead(allocated, supporter, tmp_path):
    from tafdesk.services.documents import DocumentService
    from tafdesk.services.letterhead import LetterheadService
    from tests.documents.conftest import LETTERHEAD

    LetterheadService(allocated.db, CLERK).save(LETTERHEAD)

    change_id = LeadChangeService(allocated.db, CHAIR, now=AFTER).propose(
        allocated.case_id, allocated.people["Ruth Adeyemi"], REASON
    )
    (row,) = LeadChangeService(allocated.db, supporter, now=AFTER).to_answer()
    LeadChangeService(allocated.db, supporter, now=AFTER).accept(change_id, row.version)
    documents = DocumentService(allocated.db, CHAIR, today=dt.date(2026, 12, 2))
    made = documents.produce_lead_change_letters(allocated.case_id, tmp_path, DocumentFormat.DOCX)
    assert len(made) == 2
    import docx

    for entry in made:
        text = "\n".join(p.text for p in docx.Document(str(entry.path)).paragraphs)
        assert "Ruth Adeyemi" in text and "(lead professional)" not in text.replace(
            "Ruth Adeyemi, Family Support (lead", ""
        )


def test_a_transition_plan_from_social_care_is_recorded_at_intake(allocated, lead):
    service = LeadChangeService(allocated.db, CLERK, now=AFTER)
    with pytest.raises(ValidationError) as refused:
        service.record_transition(allocated.case_id, allocated.people["Ruth Adeyemi"], "", "", None)
    assert set(refused.value.fields) == {"social_worker_name", "social_worker_contact", "joint_visit_on"}
    with pytest.raises(PermissionDenied):
        LeadChangeService(allocated.db, lead, now=AFTER).record_transition(
            allocated.case_id, allocated.people["Ruth Adeyemi"], "Ann Social", "01234 567890", dt.date(2026, 12, 9)
        )
    service.record_transition(
        allocated.case_id, allocated.people["Ruth Adeyemi"], "Ann Social", "01234 567890", dt.date(2026, 12, 9)
    )
    view = LeadChangeService(allocated.db, lead, now=AFTER).transition(allocated.case_id)
    assert (view.receiving_lead, view.social_worker_name, view.joint_visit_on) == (
        "Ruth Adeyemi",
        "Ann Social",
        dt.date(2026, 12, 9),
    )
