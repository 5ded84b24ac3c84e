"""The app's everyday changes, made through its services connected as each
person's own login role (a world of its own: these change it)."""

from __future__ import annotations

import datetime as dt

import pytest

from tafdesk.models import AgendaStatus, AttendanceStatus, ClosureReason, DecisionOutcome, DocumentFormat
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import NotFound
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.intake import IntakeService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.plans import PlanService
from tests.meetings.conftest import AT_MEETING, NOW, _family
from tests.pg_access.conftest import TODAY


def test_business_support_import_a_profile_and_send_it_to_the_meeting(world, signed_in):
    db, actor = signed_in("bs_north")
    profile = _family(9, "Achterberg")
    report = IntakeService(db, actor, today=TODAY).import_document(profile, "achterberg.json")
    assert not report.rejected, report.errors
    case_id = world.owner_rows(
        "SELECT c.id FROM case_record c JOIN family f ON f.id = c.family_id WHERE f.family_name = 'Achterberg'"
    )[0][0]
    slot = FrontDoorService(db, actor, now=NOW).send_to_meeting(case_id)
    assert world.owner_rows("SELECT locality_id FROM meeting WHERE id = :m", m=slot.meeting_id) == [
        (world.localities["North"],)
    ]
    MinutesService(db, actor).set_notes(slot.meeting_id, "Apologies from Housing.")


def test_the_chair_records_and_withdraws_a_decision(world, signed_in):
    db, actor = signed_in("lm_north")
    meetings = MeetingService(db, actor, now=NOW)
    meetings.record_attendance(world.meetings["North"], world.agencies["Police"], AttendanceStatus.APOLOGIES)
    decided = next(row for row in meetings.meeting(world.meetings["North"]).agenda if row.decision_id)
    decisions = DecisionService(db, actor, now=AT_MEETING)
    decisions.withdraw(decided.decision_id)
    assert (
        next(r for r in meetings.meeting(world.meetings["North"]).agenda if r.id == decided.id).status
        is AgendaStatus.PENDING
    )
    decisions.decide(
        decided.id,
        DecisionInput(DecisionOutcome.ALLOCATE_LEAD, world.people["Tomas"], rationale="Best placed after all."),
    )


def test_the_chair_of_north_cannot_reach_a_south_meeting(world, signed_in):
    db, actor = signed_in("lm_north")
    with pytest.raises(NotFound):
        MeetingService(db, actor, now=NOW).meeting(world.meetings["South"])


def test_a_lead_professional_makes_a_copy_of_their_familys_plan(world, signed_in, tmp_path):
    db, actor = signed_in("lp")
    documents = DocumentService(db, actor, today=TODAY)
    entry = documents.produce_plan(world.cases["Mensah"], DocumentFormat.PDF, tmp_path / "plan.pdf")
    assert entry.generated_by == actor.name  # read back from the audit trail, as the register shows it
    assert (tmp_path / "plan.pdf").exists()


def test_a_lead_professional_begins_their_familys_plan_from_its_profile(world, signed_in):
    """The profile is read without its original document, which they may not read."""
    world.owner_change("DELETE FROM taf_plan WHERE case_id = :c", c=world.cases["Kowalczyk"])
    db, actor = signed_in("lp")
    plan = PlanService(db, actor, today=TODAY).start(world.cases["Kowalczyk"])
    assert plan.content.voice_of_parents == "Adaeze wants Tobi back in school."


def test_a_lead_professional_proposes_closing_and_a_manager_approves_and_the_lead_reopens(world, signed_in):
    from tafdesk.models import NeedMet, OutcomeProgress
    from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
    from tafdesk.services.outcome_evidence import EvidenceInput, OutcomeEvidenceService

    case_id = world.cases["Mensah"]
    now = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)
    db, lead = signed_in("lp")
    plan = PlanService(db, lead, today=TODAY).current(case_id)
    outcome = plan.content.outcomes[0]
    evidenced = OutcomeEvidenceService(db, lead, now=now).record(
        outcome.id,
        EvidenceInput(OutcomeProgress.ACHIEVED, "Attendance 96% this term.", TODAY),
    )
    assert world.owner_rows("SELECT progress FROM outcome_evidence WHERE id = :e", e=evidenced.id) == [("achieved",)]
    needs = tuple(NeedAssessed(o.id, NeedMet.MET) for o in plan.content.outcomes)
    proposed = ClosureService(db, lead, now=now).propose(
        case_id, ClosureInput(ClosureReason.NEEDS_MET, "Done.", "Happy.", needs)
    )
    assert world.owner_rows("SELECT status FROM case_record WHERE id = :c", c=case_id) != [("closed",)]
    manager_db, manager = signed_in("lm_north")
    approved = ClosureService(manager_db, manager, now=now).approve(proposed.id, proposed.version)
    assert world.owner_rows("SELECT status FROM case_record WHERE id = :c", c=case_id) == [("closed",)]
    assert world.owner_rows("SELECT status FROM taf_plan WHERE id = :p", p=plan.id) == [("closed",)]
    ClosureService(db, lead, now=now).reopen(approved.id, approved.version, "Tobi excluded again.")
    assert world.owner_rows("SELECT status FROM case_record WHERE id = :c", c=case_id) == [("taf_open",)]


def test_a_lead_professional_marks_and_unmarks_their_familys_plan_wording(world, signed_in):
    from tafdesk.services.restricted_text import Context, RestrictedTextService

    db, actor = signed_in("lp")
    wording = RestrictedTextService(db, actor)
    marked = wording.mark(world.cases["Mensah"], "the night the uncle came round", Context.PLAN)
    assert world.owner_rows("SELECT text FROM restricted_wording WHERE id = :w", w=marked.id) == [
        ("the night the uncle came round",)
    ]
    wording.unmark(world.cases["Mensah"], marked.id, Context.PLAN)
    assert world.owner_rows("SELECT text FROM restricted_wording WHERE id = :w", w=marked.id) == []


def test_the_chair_plans_the_weeks_of_their_own_locality_only(world, signed_in):
    def counts() -> dict:
        return dict(world.owner_rows("SELECT locality_id, count(*) FROM meeting GROUP BY locality_id"))

    before = counts()
    db, actor = signed_in("lm_north")
    made = MeetingService(db, actor, now=NOW).schedule(weeks=6)
    after = counts()
    north, south = world.localities["North"], world.localities["South"]
    assert made > 0 and after[north] == before.get(north, 0) + made and after[south] == before[south]
