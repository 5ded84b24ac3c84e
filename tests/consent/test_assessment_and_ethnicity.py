"""Early Help Assessments feeding the plan, the chronology's consent and
assessment entries, and ethnicity recorded with the DfE's codes."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest
from sqlalchemy import select, update

from tafdesk import clock
from tafdesk.db import migrations
from tafdesk.intake.ethnicity import code_for
from tafdesk.models import AuditEvent, ConsentMethod, ConsentPurpose, Ethnicity, NeedArea, Person
from tafdesk.services.assessments import AssessmentInput, AssessmentService, ChildInput, NeedInput
from tafdesk.services.chronology import ChronologyService, EntryType
from tafdesk.services.consent import ConsentInput, ConsentService
from tafdesk.services.errors import ConflictError, PermissionDenied, ValidationError
from tafdesk.services.ethnicity import EthnicityService
from tafdesk.services.plans import PlanService
from tests.consent.conftest import CHAIR, CLERK

TODAY = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def _assessment(world, actor, **changes) -> AssessmentInput:
    children = AssessmentService(world.db, actor).children(world.case_id)
    base = dict(
        started_on=dt.date(2026, 12, 2),
        organisation_id=world.agencies["Education Welfare"],
        children=tuple(ChildInput(pid, seen=n == 0) for n, (pid, _) in enumerate(children)),
        needs=(NeedInput(NeedArea.EDUCATION, "Attendance below 70%", 3),),
        whole_family=True,
    )
    return AssessmentInput(**{**base, **changes})


def test_an_assessment_is_started_completed_and_its_needs_feed_the_plan(allocated, lead):
    service = AssessmentService(allocated.db, lead)
    with clock.pinned(TODAY):
        started = service.start(allocated.case_id, _assessment(allocated, lead))
        assert started.completed_on is None and started.organisation == "Education Welfare"
        assert started.children[0].seen and not started.children[-1].seen
        done = service.update(
            started.id, started.version, _assessment(allocated, lead, completed_on=dt.date(2026, 12, 3))
        )
        with pytest.raises(ConflictError, match="since you opened it"):
            service.update(started.id, started.version, _assessment(allocated, lead))
        plan = PlanService(allocated.db, lead, today=TODAY.date()).start(allocated.case_id)
        again = service.feed_plan(done.id)
    needs = [o.need for o in plan.content.outcomes]
    assert "Attendance below 70% (level 3 enhanced)" in needs
    assert again == 0  # already in the draft
    with allocated.db.reader() as s:
        actions = set(s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == started.id)))
    assert {"assessment.started", "assessment.completed", "assessment.changed"} <= actions


def test_an_assessment_is_checked_field_by_field(allocated, lead, outsider):
    service = AssessmentService(allocated.db, lead)
    with clock.pinned(TODAY):
        with pytest.raises(ValidationError) as problems:
            service.start(
                allocated.case_id,
                _assessment(
                    allocated,
                    lead,
                    organisation_id=None,
                    completed_on=dt.date(2026, 12, 1),
                    needs=(NeedInput(NeedArea.HEALTH, " ", 5),),
                ),
            )
        assert set(problems.value.fields) == {
            "organisation_id",
            "completed_on",
            "needs[0].description",
            "needs[0].level",
        }
        with pytest.raises(ValidationError, match="own children"):
            service.start(
                allocated.case_id,
                _assessment(allocated, lead, children=(ChildInput(allocated.people["Tomas Okafor"], True),)),
            )
        with pytest.raises(PermissionDenied):
            AssessmentService(allocated.db, outsider).start(allocated.case_id, _assessment(allocated, lead))


def test_the_chronology_shows_consent_given_and_withdrawn_and_assessments(allocated, lead):
    with clock.pinned(TODAY):
        consent = ConsentService(allocated.db, lead)
        mother = consent.people(allocated.case_id)[0]
        given = consent.record(
            allocated.case_id, ConsentInput(mother[0], ConsentPurpose.TAF, dt.date(2026, 12, 2), ConsentMethod.WRITTEN)
        )
        consent.withdraw(given.id, given.version, dt.date(2026, 12, 3), ConsentMethod.VERBAL)
        AssessmentService(allocated.db, lead).start(
            allocated.case_id, _assessment(allocated, lead, completed_on=dt.date(2026, 12, 4))
        )
        entries = (
            ChronologyService(allocated.db, lead)
            .chronology(allocated.case_id, [EntryType.CONSENT, EntryType.ASSESSMENT])
            .entries
        )
    assert [(e.on, e.summary) for e in entries] == [
        (dt.date(2026, 12, 2), f"{mother[1]} consented (in writing) to sharing with the Team Around the Family"),
        (dt.date(2026, 12, 2), "Early Help Assessment of the family started by Education Welfare"),
        (dt.date(2026, 12, 3), f"{mother[1]} withdrew consent (verbally) to sharing with the Team Around the Family"),
        (dt.date(2026, 12, 4), "Early Help Assessment of the family completed"),
    ]


# Wording as profiles and older records carry it, and the code it means (if any).
WORDINGS = [
    ("White British", Ethnicity.WBRI),
    ("Black British – Nigerian", Ethnicity.BAFR),
    ("Mixed: White & Black Caribbean", Ethnicity.MWBC),
    ("Asian Other - Vietnamese", Ethnicity.AOTH),
    ("Asian Other - Chinese", Ethnicity.CHNE),
    ("White Other (Polish)", Ethnicity.WOTH),
    ("Gypsy/Roma", Ethnicity.WROM),
    ("wbri", Ethnicity.WBRI),
    ("Prefer not to say", Ethnicity.REFU),
    ("Mixed or multiple ethnic groups", None),  # which mix? a person chooses
    ("British", None),
    ("Polish", None),
    ("", None),
]


@pytest.mark.parametrize(("wording", "code"), WORDINGS)
def test_wording_is_mapped_only_where_it_is_unambiguous(wording, code):
    assert code_for(wording) is code


@pytest.mark.parametrize(("wording", "code"), WORDINGS)
def test_the_upgrade_maps_wording_already_held_with_its_own_frozen_copy_of_the_map(wording, code):
    """Migration 0024 keeps the map as it stood (a migration must not change
    with the app): today the two agree."""
    assert _frozen_code_for()(wording) == (code.value if code else None)


def _frozen_code_for():
    path = migrations.SCRIPT_DIR / "versions" / "0024_consent_and_assessment.py"
    spec = importlib.util.spec_from_file_location("tafdesk_migration_0024", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._code_for


def test_intake_maps_clear_wording_and_lists_the_rest_for_a_person_to_choose(allocated, outsider):
    with allocated.db.session() as s:
        people = s.scalars(select(Person).order_by(Person.family_id, Person.position)).all()
        assert people, "the world has families"
        mapped = [p for p in people if p.ethnicity and p.ethnicity_code]
        unclear = people[0]
        s.execute(update(Person).where(Person.id == unclear.id).values(ethnicity="Mixed", ethnicity_code=None))
    clerk = EthnicityService(allocated.db, CLERK)
    listed = clerk.uncoded()
    assert [u.person_id for u in listed if u.person_id == unclear.id] == [unclear.id]
    assert all(u.wording for u in listed)
    assert not {p.id for p in mapped} & {u.person_id for u in listed}
    row = next(u for u in listed if u.person_id == unclear.id)
    with pytest.raises(ValidationError, match="DfE"):
        clerk.choose(row.person_id, row.version, "XXXX")
    clerk.choose(row.person_id, row.version, Ethnicity.MWAS)
    with pytest.raises(ConflictError):
        clerk.choose(row.person_id, row.version, Ethnicity.MOTH)
    assert unclear.id not in {u.person_id for u in clerk.uncoded()}
    with allocated.db.reader() as s:
        assert s.get(Person, unclear.id).ethnicity_code is Ethnicity.MWAS
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.action == "person.ethnicity_coded"))
    with pytest.raises(PermissionDenied):
        EthnicityService(allocated.db, outsider).uncoded()
    assert EthnicityService(allocated.db, CHAIR).uncoded() is not None
