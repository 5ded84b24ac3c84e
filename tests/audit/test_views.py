"""Looking is audited: one event for each look, naming who looked, written
before anything is shown; a look the audit trail cannot take is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tafdesk.models import AuditEvent, DocumentFormat
from tafdesk.services import views
from tafdesk.services.documents import DocumentService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.plans import PlanService
from tafdesk.services.profile_editing import ProfileEditingService
from tafdesk.services.views import LookNotRecorded
from tests.meetings.conftest import AT_MEETING


def looks(db, who) -> list[tuple[str, str]]:
    """(action, actor name) of every event by this actor, oldest first."""
    with db.reader() as s:
        return [
            tuple(row)
            for row in s.execute(
                select(AuditEvent.action, AuditEvent.actor_name)
                .where(AuditEvent.actor_id == who.user_id)
                .order_by(AuditEvent.occurred_at, AuditEvent.id)
            )
        ]


def _only_event(db, who, entity_id) -> AuditEvent:
    with db.reader() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.actor_id == who.user_id))
    assert event.entity_id == entity_id
    return event


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("support", "case.summary_viewed_restricted"),  # business support read the police item
        ("lead", "case.summary_viewed"),  # it was not shared with Tomas: his summary has no restricted item
    ],
)
def test_a_family_summary_looked_at_is_one_event_naming_who(people, who, action):
    actor = people.actors[who]
    IntakeQueueService(people.db, actor).summary(people.case_ids["Mensah"])
    assert looks(people.db, actor) == [(action, actor.name)]
    assert _only_event(people.db, actor, people.case_ids["Mensah"]).entity_type == "case_record"


def test_a_summary_read_ahead_is_recorded_when_it_is_shown(people):
    service = IntakeQueueService(people.db, people.actors["manager"])
    summary = service.summary_ahead(people.case_ids["Kowalczyk"])
    assert looks(people.db, people.actors["manager"]) == []
    service.looked_at(summary)
    assert looks(people.db, people.actors["manager"]) == [("case.summary_viewed_restricted", "Nadia Hughes")]


def test_a_plan_opened_is_one_event(people):
    lead = people.actors["lead"]
    plan = PlanService(people.db, lead, today=AT_MEETING.date()).open(people.case_ids["Mensah"])
    assert looks(people.db, lead) == [("plan.viewed", "Tomas Okafor")]
    assert _only_event(people.db, lead, plan.id).entity_type == "taf_plan"


def test_a_case_with_no_plan_yet_shows_none_and_records_none(people):
    manager = people.actors["manager"]
    assert PlanService(people.db, manager).open(people.case_ids["Byrne"]) is None
    assert looks(people.db, manager) == []


def test_a_profile_opened_to_correct_shows_its_restricted_items_and_is_one_event(people):
    support = people.actors["support"]
    document, _ = ProfileEditingService(people.db, support).document(people.case_ids["Kowalczyk"])
    assert any(item.get("restricted") for item in document["agency_involvement"])
    assert looks(people.db, support) == [("profile.viewed_restricted", "Tyler Thompson")]


def test_a_document_produced_opened_and_printed_is_an_event_each_time(people, tmp_path):
    support = people.actors["support"]
    documents = DocumentService(people.db, support)
    entry = documents.produce_plan(people.case_ids["Mensah"], DocumentFormat.PDF, tmp_path / "plan.pdf")
    assert documents.open_file(entry.id) == tmp_path / "plan.pdf"
    documents.open_file(entry.id)
    documents.print_file(entry.id)
    assert [action for action, _ in looks(people.db, support)] == [
        "document.produced",
        "document.opened",
        "document.opened",
        "document.printed",
    ]


def test_a_lead_professional_prints_their_familys_plan(people, tmp_path):
    lead = people.actors["lead"]
    documents = DocumentService(people.db, lead)
    entry = documents.produce_plan(people.case_ids["Mensah"], DocumentFormat.PDF, tmp_path / "plan.pdf")
    documents.print_file(entry.id)
    assert looks(people.db, lead) == [("document.produced", "Tomas Okafor"), ("document.printed", "Tomas Okafor")]


def test_the_same_look_again_is_one_event_until_the_look_is_over(people, monkeypatch):
    support = people.actors["support"]
    queue = IntakeQueueService(people.db, support)
    for case in ("Mensah", "Kowalczyk", "Mensah", "Kowalczyk"):  # back and forth, as at a meeting
        queue.summary(people.case_ids[case])
    assert len(looks(people.db, support)) == 2
    monkeypatch.setattr(views, "LOOK_S", 0.0)  # ten minutes later
    queue.summary(people.case_ids["Mensah"])
    assert len(looks(people.db, support)) == 3


def test_another_screen_is_another_look(people):
    support = people.actors["support"]
    IntakeQueueService(people.db, support).summary(people.case_ids["Mensah"])
    IntakeQueueService(people.db, support).summary(people.case_ids["Mensah"])
    assert len(looks(people.db, support)) == 2


def test_a_look_the_audit_trail_cannot_take_is_not_given(people):
    support, lead = people.actors["support"], people.actors["lead"]
    _refuse_new_audit_events(people.db)
    with pytest.raises(
        LookNotRecorded,
        match="^The family's summary is not shown: tafdesk could not record in the audit trail that you looked at it. ",
    ):
        IntakeQueueService(people.db, support).summary(people.case_ids["Mensah"])
    with pytest.raises(LookNotRecorded, match="^The plan is not shown"):
        PlanService(people.db, lead).open(people.case_ids["Mensah"])
    with pytest.raises(LookNotRecorded, match="^The 360° profile is not shown"):
        ProfileEditingService(people.db, support).document(people.case_ids["Mensah"])


def _refuse_new_audit_events(db) -> None:
    """The audit trail takes nothing more, as when its table cannot be written."""
    with db.connection() as conn:
        if db.is_sqlite:
            conn.execute(
                text(
                    "CREATE TRIGGER no_more_events BEFORE INSERT ON audit_event "
                    "BEGIN SELECT RAISE(ABORT, 'no more'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION no_more_events() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'no more'; END $$"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER no_more_events BEFORE INSERT ON audit_event "
                    "FOR EACH ROW EXECUTE FUNCTION no_more_events()"
                )
            )
        conn.commit()
