"""A copy of several cases: read together as each is read alone, and the rows
they share (the team's professionals) kept right when one case is refreshed."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from tafdesk.models import CaseSupporter, DecisionOutcome, Professional
from tafdesk.offline import store
from tafdesk.offline.copying import base_case, base_cases
from tafdesk.offline.graph import CaseRows, read_case, read_cases
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.offline_sync import OfflineSyncService
from tafdesk.services.offline_take import OfflineTakeService
from tafdesk.services.plans import PlanService
from tests.meetings.conftest import AT_MEETING, CHAIR, NOW
from tests.offline.conftest import PASSWORD
from tests.plans.test_plan_service import TODAY, _complete


@pytest.fixture
def two_cases(with_draft, lead, copy_path):
    """A second family allocated to the same lead, with a draft plan, and one
    more professional supporting both families; both taken into one copy."""
    item = MeetingService(with_draft.db, CHAIR, now=NOW).meeting(with_draft.meeting_id).agenda[1]
    DecisionService(with_draft.db, CHAIR, now=AT_MEETING).decide(
        item.id,
        DecisionInput(DecisionOutcome.ALLOCATE_LEAD, with_draft.people["Tomas Okafor"], rationale="Knows the school."),
    )
    plans = PlanService(with_draft.db, lead, today=TODAY)
    plan = plans.start(item.case_id)
    plans.save_draft(plan.id, plan.row_version, _complete(plans, plan))
    with_draft.second_id, with_draft.second_reference = item.case_id, plan.case_reference
    with with_draft.db.session() as s:
        for case_id in (with_draft.case_id, item.case_id):
            s.add(CaseSupporter(case_id=case_id, professional_id=with_draft.people["Full Person"], since=TODAY))
    copy_path.parent.mkdir()
    references = [with_draft.reference, plan.case_reference]
    OfflineTakeService(with_draft.db, lead).take(references, copy_path, PASSWORD)
    with_draft.copy_path = copy_path
    return with_draft


def by_id(rows: CaseRows) -> dict:
    """Each table's rows in a fixed order, and what the family's letter says was decided."""
    tables = {name: sorted(found, key=lambda r: str(r.get("id"))) for name, found in rows.rows.items()}
    return {"tables": tables, "letter": rows.letter_decision}


def test_cases_read_together_are_each_as_read_alone(two_cases):
    ids = [two_cases.case_id, two_cases.second_id]
    with two_cases.db.reader() as s:
        conn = s.connection()
        together = read_cases(conn, ids)
        alone = {case_id: read_case(conn, case_id) for case_id in ids}
    assert {k: by_id(v) for k, v in together.items()} == {k: by_id(v) for k, v in alone.items()}
    first, second = together[two_cases.case_id], together[two_cases.second_id]
    assert first.reference != second.reference
    assert not set(first.ids("taf_action")) & set(second.ids("taf_action"))  # each case only its own plan
    assert set(first.ids("professional")) & set(second.ids("professional"))  # and both their shared team
    copy = store.OfflineCopy.open(two_cases.copy_path, PASSWORD)
    try:
        with copy.engine.connect() as conn:
            for read, one in ((read_cases, read_case), (base_cases, base_case)):
                many = read(conn, ids)
                assert {k: by_id(v) for k, v in many.items()} == {k: by_id(one(conn, k)) for k in ids}
            assert read_cases(conn, []) == {}
    finally:
        copy.close()


def copy_professionals(world, case_id) -> dict:
    copy = store.OfflineCopy.open(world.copy_path, PASSWORD)
    try:
        with copy.engine.connect() as conn:
            sides = {"mine": read_case(conn, case_id), "base": base_case(conn, case_id)}
    finally:
        copy.close()
    return {side: {p["id"]: p["family_name"] for p in rows.of("professional")} for side, rows in sides.items()}


def test_a_sync_keeps_a_shared_professional_another_case_names_and_takes_a_new_name(two_cases, lead):
    full = two_cases.people["Full Person"]
    # Cases sync in order of reference. They leave the team synced last (its refresh must not take them from
    # the other case), and change their name (the other's refresh, synced first, finds them renamed).
    (_, staying), (_, leaving) = sorted(
        [(two_cases.reference, two_cases.case_id), (two_cases.second_reference, two_cases.second_id)]
    )
    with two_cases.db.session() as s:  # on the server meanwhile
        s.execute(delete(CaseSupporter).where(CaseSupporter.case_id == leaving, CaseSupporter.professional_id == full))
        s.execute(update(Professional).where(Professional.id == full).values(family_name="Person-Cole"))
    outcomes = OfflineSyncService(two_cases.db, lead).sync(two_cases.copy_path, PASSWORD, lambda c: None)
    assert [o.state for o in outcomes] == ["synced", "synced"]
    left, stayed = copy_professionals(two_cases, leaving), copy_professionals(two_cases, staying)
    assert full not in left["mine"] and full not in left["base"]  # the case they left no longer names them
    assert stayed["mine"][full] == stayed["base"][full] == "Person-Cole"  # the other still does, renamed
    copy = store.OfflineCopy.open(two_cases.copy_path, PASSWORD)
    try:
        with copy.engine.connect() as conn:
            professional = store.table("professional")
            held = conn.execute(select(professional.c.family_name).where(professional.c.id == full))
            assert held.scalars().all() == ["Person-Cole"]  # one row
    finally:
        copy.close()
