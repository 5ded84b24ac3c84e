"""tafdesk's own services, connected as each person's login role: the app's
main reads and a few writes still work under row-level security, and what
the server hides is simply not there."""

from __future__ import annotations

import dataclasses

import pytest

from tafdesk.services.allocation import AllocationService
from tafdesk.services.directory import DirectoryService
from tafdesk.services.errors import NotFound, PermissionDenied, ServiceError, SignInRefused
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.locality_cases import LocalityCasesService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.my_cases import MyCasesService
from tafdesk.services.open_loads import counted, open_loads
from tafdesk.services.plans import PlanService
from tafdesk.services.users import UserService
from tests.conftest import PASSWORD
from tests.meetings.conftest import NOW
from tests.pg_access.conftest import TODAY


def test_signing_in_reads_the_users_own_row_and_localities(world, signed_in):
    _, actor = signed_in("lm_north")
    assert (actor.user_id, actor.localities) == (world.users["lm_north"], frozenset({world.localities["North"]}))


def test_a_login_with_no_user_here_is_told_so(world, as_user):
    with pytest.raises(SignInRefused, match="is not an active tafdesk user of this database"):
        UserService(as_user("nobody")).sign_in(world.logins["nobody"], PASSWORD)


def test_my_cases_for_a_lead_professional(world, signed_in):
    db, actor = signed_in("lp")
    mine = MyCasesService(db, actor, today=TODAY).cases()
    assert {(c.family_name, c.role) for c in mine} == {("Mensah", "Lead"), ("Kowalczyk", "Supporting")}


def test_a_lead_professional_opens_and_saves_their_plan_but_cannot_find_anothers(world, signed_in):
    db, actor = signed_in("lp")
    plans = PlanService(db, actor, today=TODAY)
    plan = plans.current(world.cases["Mensah"])
    content = dataclasses.replace(plan.content, strengths="Mother wants help; the school is on side.")
    plans.save_draft(plan.id, plan.row_version, content)
    assert plans.current(world.cases["Mensah"]).content.strengths == content.strengths
    with pytest.raises(NotFound):  # the server shows them no case of a family not theirs
        plans.current(world.cases["Okoro"])


def test_locality_cases_for_a_manager(world, signed_in):
    db, actor = signed_in("lm_north")
    cases = LocalityCasesService(db, actor, today=TODAY)
    assert {c.family_name for c in cases.cases(world.localities["North"])} == {"Mensah", "Kowalczyk", "Okoro"}
    with pytest.raises(PermissionDenied, match="South, which is not one of their localities"):
        cases.cases(world.localities["South"])


def test_a_meetings_agenda_and_minutes_for_a_manager_and_business_support(world, signed_in):
    for who in ("lm_north", "bs_north"):
        db, actor = signed_in(who)
        meetings = MeetingService(db, actor, now=NOW)
        assert {m.id for m in meetings.meetings(weeks_back=8)} == {world.meetings["North"]}
        agenda = meetings.meeting(world.meetings["North"]).agenda
        assert {row.family_name for row in agenda} == {"Mensah", "Kowalczyk", "Okoro"}
        minutes = MinutesService(db, actor).minutes(world.meetings["North"])
        assert len(minutes.items) == 3


def test_the_intake_queue_for_business_support(world, signed_in):
    db, actor = signed_in("bs_north")
    intake = IntakeQueueService(db, actor, today=TODAY)
    assert all(row.locality == "North" for row in intake.queue())
    assert intake.summary(world.cases["Mensah"]).family_name == "Mensah"


def test_the_allocation_for_a_meeting_weighs_every_case_a_professional_holds(world, signed_in):
    db, actor = signed_in("lm_north")
    allocation = AllocationService(db, actor).for_meeting(world.meetings["North"])
    loads = {c.name: c.load for c in allocation.pool.candidates}
    assert loads["Ruth Adeyemi"].led == pytest.approx(2 * _weight(world, "Okoro"))


def test_the_directory_shows_caseloads_to_an_administrator_without_case_content(world, signed_in):
    db, actor = signed_in("admin")
    people = {p.name: p for p in DirectoryService(db, actor).professionals()}
    assert (people["Ruth Adeyemi"].open_cases_led, people["Sipho Dlamini"].open_cases_led) == (2, 1)


def _weight(world, surname: str) -> float:
    return world.owner_rows("SELECT complexity_weight FROM case_record WHERE id = :c", c=world.cases[surname])[0][0]


def test_the_servers_caseload_counts_agree_with_counting_the_rows(world):
    """tafdesk_open_caseloads() keeps its own list of open statuses: the owner,
    who sees every row, gets the same figures both ways."""
    with world.db.reader() as s:
        everyone = open_loads(s)
        assert everyone == counted(s)
        for pid in world.people.values():  # one professional's count, as a decision makes it
            assert open_loads(s, only=pid) == ({pid: everyone[pid]} if pid in everyone else {})


def test_removing_a_professional_is_refused_for_what_refers_to_them_even_unseen(world, signed_in):
    """An administrator sees no cases, yet is told what still refers to a
    professional (tables, not rows); another locality's manager is refused first."""
    db, actor = signed_in("admin")
    directory = DirectoryService(db, actor)
    tomas = directory.professional(world.people["Tomas"])
    with pytest.raises(ServiceError, match="cannot be removed: .*cases, .*meeting decisions"):
        directory.delete_professional(tomas.id, tomas.version)
    db, actor = signed_in("lm_south")
    with pytest.raises(PermissionDenied, match="North, which is not one of their localities"):
        DirectoryService(db, actor).delete_professional(tomas.id, tomas.version)


def test_the_server_names_referring_tables_only_for_directory_entries(world):
    with world.connect("lp") as conn:
        assert list(conn.execute("SELECT tafdesk_referring_tables('professional', %s)", (world.people["Tomas"],)))
        assert list(conn.execute("SELECT tafdesk_referring_tables('case_record', %s)", (world.cases["Okoro"],))) == []
