"""The access matrix, cell by cell, through the services: each role (an
administrator, North's locality manager and business support, and a lead
professional leading one North family) tries each action on North's records
and on South's. What the matrix allows succeeds; what it refuses raises
PermissionDenied with a sentence naming who may not do what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tafdesk.models import ClosureReason, DecisionOutcome, DocumentType
from tafdesk.services.allocation import AllocationService
from tafdesk.services.decisions import DecisionInput, DecisionService
from tafdesk.services.directory import DirectoryService
from tafdesk.services.documents import DocumentService
from tafdesk.services.errors import ConflictError, PermissionDenied
from tafdesk.services.family_links import FamilyLinkService
from tafdesk.services.family_record import FamilyRecordService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.intake import IntakeService
from tafdesk.services.intake_queue import IntakeQueueService
from tafdesk.services.letter_recipients import LetterRecipientService
from tafdesk.services.letterhead import LetterheadService, LetterheadSettings
from tafdesk.services.locality_cases import LocalityCasesService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.my_cases import MyCasesService
from tafdesk.services.plans import PlanService
from tafdesk.services.profile_editing import ProfileEditingService
from tafdesk.services.reports.annex_a import AnnexAService
from tafdesk.services.restricted_shares import RestrictedShareService
from tafdesk.services.shared_settings import SharedSettings
from tafdesk.services.templates import TemplateService
from tests.access.conftest import NOW, TODAY, AccessWorld, actors
from tests.intake.conftest import make_profile

ROLES = ("admin", "manager", "support", "lead")
COUNCIL, PLACES, CASES = ("council",), ("north", "south"), ("north", "north_other", "south")


@dataclass(frozen=True)
class Cell:
    """`who`: for each role, where the matrix allows the action: "all",
    "north" (their localities), "own" (a lead professional's own family), or
    "" (nowhere). `writes`: allowed, it changes the world (a fresh one each)."""

    action: str
    run: Callable[[AccessWorld, Any, str], object]
    who: dict[str, str]
    sides: tuple[str, ...] = PLACES
    writes: bool = False


def allowed(where: str, side: str) -> bool:
    return (
        where == "all"
        or (where == "north" and side in ("north", "north_other"))
        or (where == "own" and side == "north")
    )


def case(w: AccessWorld, side: str, kind: str = "led"):
    """North's family the lead professional leads, another North family, or South's."""
    if side == "north_other":
        return w.north.pending
    return getattr(w.side(side), kind)


def family(w: AccessWorld, side: str):
    place = w.side("north" if side == "north_other" else side)
    return place.families[place.waiting]


def professional(w: AccessWorld, side: str):
    return w.people["Ruth Adeyemi"] if side == "north" else w.people["Sam Southey"]


def _letter(w: AccessWorld, a, side: str, kind: DocumentType) -> object:
    """A case's letter: allowed, the case's facts may still refuse it (no
    review booked): a refusal of what, not of who."""
    try:
        return DocumentService(w.db, a, today=TODAY).case_letter(case(w, side), kind)
    except ConflictError:
        return None


def _edit_professional(w: AccessWorld, a, side: str) -> object:
    service = DirectoryService(w.db, a)
    record = service.professional(professional(w, side))
    return service.update_professional(record.id, record.version, {"job_title": "Senior Practitioner"})


def _new_professional(w: AccessWorld, a, side: str) -> object:
    return DirectoryService(w.db, a).create_professional(
        {
            "given_name": "New",
            "family_name": "Starter",
            "job_title": "Family Worker",
            "agency_id": w.agency,
            "locality_id": w.side(side).locality,
        }
    )


def _edit_agency(w: AccessWorld, a, _side: str) -> object:
    service = DirectoryService(w.db, a)
    agency = service.agency(w.agency)
    return service.update_agency(agency.id, agency.version, {"short_name": "Pol"})


def _import(w: AccessWorld, a, side: str) -> object:
    report = IntakeService(w.db, a, today=TODAY).import_document(
        make_profile(profile_id=f"ESAT-NEW-{side}", locality=side.capitalize()), "new.json"
    )
    if report.errors:  # a file naming a locality not the importer's is rejected whole, saying why
        raise PermissionDenied(report.errors[0].split(": locality: ", 1)[-1])
    return report


def _decide(w: AccessWorld, a, side: str) -> object:
    return DecisionService(w.db, a, now=NOW).decide(
        w.side(side).pending_item,
        DecisionInput(
            DecisionOutcome.DEFER, deferred_until=TODAY + dt.timedelta(days=14), deferral_reason="More information."
        ),
    )


def _close(w: AccessWorld, a, side: str) -> object:
    meeting = w.side(side).open_meeting
    DecisionService(w.db, a, now=NOW).defer_remaining(meeting, TODAY + dt.timedelta(days=14), "Out of time.")
    return MeetingService(w.db, a, now=NOW).close(meeting)


def _save_draft(w: AccessWorld, a, side: str) -> object:
    plans = PlanService(w.db, a, today=TODAY)
    plan = plans.current(case(w, side))
    return plans.save_draft(plan.id, plan.row_version, plan.content)


def _share(w: AccessWorld, a, side: str) -> object:
    place = w.side(side)
    return RestrictedShareService(w.db, a).share(place.restricted, place.professional)


def _colleague(w: AccessWorld, a, side: str) -> object:
    return MyCasesService(w.db, a, today=TODAY).cases(professional(w, side))


EVERYONE = dict.fromkeys(ROLES, "all")
OFFICE = {"admin": "all", "manager": "all", "support": "all", "lead": ""}  # the directory's and documents' keepers
LOCALITY = {"admin": "", "manager": "north", "support": "north", "lead": ""}
CHAIR = {"admin": "", "manager": "north", "support": "", "lead": ""}
CASE_READERS = {"admin": "", "manager": "north", "support": "north", "lead": "own"}
PLAN_EDITORS = {"admin": "", "manager": "north", "support": "", "lead": "own"}

CELLS = (
    # the directory and what administrators keep
    Cell("read the directory", lambda w, a, s: DirectoryService(w.db, a).professionals(), EVERYONE, COUNCIL),
    Cell("edit an agency", _edit_agency, OFFICE, COUNCIL, writes=True),
    Cell("edit a professional", _edit_professional, {**LOCALITY, "admin": "all"}, writes=True),
    Cell("add a professional", _new_professional, {**LOCALITY, "admin": "all"}, writes=True),
    Cell("read the shared settings", lambda w, a, s: SharedSettings(w.db, a).quorum(), EVERYONE, COUNCIL),
    Cell(
        "change the shared settings",
        lambda w, a, s: SharedSettings(w.db, a).set_quorum(3),
        {"admin": "all", "manager": "", "support": "", "lead": ""},
        COUNCIL,
        writes=True,
    ),
    Cell(
        "read the letter templates",
        lambda w, a, s: TemplateService(w.db, a).current(DocumentType.LETTER_IAG),
        EVERYONE,
        COUNCIL,
    ),
    Cell(
        "save a letter template",
        lambda w, a, s: TemplateService(w.db, a).save(DocumentType.LETTER_IAG, "Dear family,"),
        OFFICE,
        COUNCIL,
        writes=True,
    ),
    Cell(
        "save the letterhead",
        lambda w, a, s: LetterheadService(w.db, a).save(LetterheadSettings("Northshire")),
        OFFICE,
        COUNCIL,
        writes=True,
    ),
    # intake
    Cell("import a profile", _import, LOCALITY, writes=True),
    Cell(
        "read a profile to correct it (the original's restricted items too)",
        lambda w, a, s: ProfileEditingService(w.db, a).document(case(w, s, "waiting")),
        LOCALITY,
    ),
    Cell(
        "read a family's address and household to correct it",
        lambda w, a, s: FamilyRecordService(w.db, a).record(family(w, s)),
        LOCALITY,
    ),
    Cell(
        "look for a known family to link a profile to",
        lambda w, a, s: FamilyLinkService(w.db, a, now=NOW).search(case(w, s, "waiting"), "Led"),
        LOCALITY,
    ),
    Cell(
        "see who a family's letters go to",
        lambda w, a, s: LetterRecipientService(w.db, a).recipients(case(w, s, "waiting")),
        LOCALITY,
    ),
    Cell(
        "send a family to a meeting",
        lambda w, a, s: FrontDoorService(w.db, a, now=NOW).send_to_meeting(case(w, s, "waiting")),
        LOCALITY,
        writes=True,
    ),
    Cell(
        "make a front-door decision",
        lambda w, a, s: FrontDoorService(w.db, a, now=NOW).give_advice(
            case(w, s, "waiting"), "Advice given to the school."
        ),
        CHAIR,
        writes=True,
    ),
    Cell(
        "override a consent block",
        lambda w, a, s: FrontDoorService(w.db, a, now=NOW).override_consent(
            case(w, s, "waiting"), "The family agreed at a home visit."
        ),
        CHAIR,
        writes=True,
    ),
    # profiles
    Cell(
        "see a family's 360° profile",
        lambda w, a, s: IntakeQueueService(w.db, a, today=TODAY).summary(case(w, s)),
        CASE_READERS,
        CASES,
    ),
    # meetings
    Cell("see a meeting", lambda w, a, s: MeetingService(w.db, a, now=NOW).meeting(w.side(s).open_meeting), LOCALITY),
    Cell(
        "build a meeting's agenda",
        lambda w, a, s: MeetingService(w.db, a, now=NOW).build_agenda(w.side(s).open_meeting),
        LOCALITY,
        writes=True,
    ),
    Cell(
        "record attendance",
        lambda w, a, s: MeetingService(w.db, a, now=NOW).clear_attendance(w.side(s).open_meeting, w.agency),
        LOCALITY,
        writes=True,
    ),
    Cell(
        "see who is best placed",
        lambda w, a, s: AllocationService(w.db, a).for_meeting(w.side(s).open_meeting),
        LOCALITY,
    ),
    Cell("record a decision", _decide, CHAIR, writes=True),
    Cell("close a meeting", _close, CHAIR, writes=True),
    Cell(
        "reopen a closed meeting",
        lambda w, a, s: MeetingService(w.db, a, now=NOW).reopen(
            w.side(s).closed_meeting, "A decision was recorded against the wrong family."
        ),
        CHAIR,
        writes=True,
    ),
    Cell(
        "word the minutes",
        lambda w, a, s: MinutesService(w.db, a).set_notes(w.side(s).open_meeting, "Noted."),
        LOCALITY,
        writes=True,
    ),
    # cases and caseloads
    Cell(
        "see a locality's open cases",
        lambda w, a, s: LocalityCasesService(w.db, a, today=TODAY).cases(w.side(s).locality),
        LOCALITY,
    ),
    Cell("see a colleague's cases", _colleague, LOCALITY),
    Cell(
        "see a locality's caseload balance",
        lambda w, a, s: AllocationService(w.db, a).locality_balance(w.side(s).locality),
        OFFICE,
    ),
    # plans
    Cell(
        "see a family's plan",
        lambda w, a, s: PlanService(w.db, a, today=TODAY).current(case(w, s)),
        CASE_READERS,
        CASES,
    ),
    Cell("change a family's plan", _save_draft, PLAN_EDITORS, writes=True),
    # documents
    Cell(
        "produce the minutes",
        lambda w, a, s: DocumentService(w.db, a, today=TODAY).minutes_document(
            w.side(s).closed_meeting, DocumentType.MINUTES_FULL
        ),
        LOCALITY,
    ),
    Cell(
        "open a document in the register",
        lambda w, a, s: DocumentService(w.db, a, today=TODAY).entry(w.side(s).document),
        LOCALITY,
    ),
    Cell(
        "have a copy of a family's plan",
        lambda w, a, s: DocumentService(w.db, a, today=TODAY).plan_document(case(w, s)),
        CASE_READERS,
    ),
    Cell("make the letter to a family", lambda w, a, s: _letter(w, a, s, DocumentType.LETTER_FAMILY), CASE_READERS),
    Cell(
        "make a family's review invitation",
        lambda w, a, s: _letter(w, a, s, DocumentType.LETTER_REVIEW_INVITATION),
        CASE_READERS,
    ),
    Cell(
        "make a lead professional's allocation letter",
        lambda w, a, s: _letter(w, a, s, DocumentType.LETTER_ALLOCATION),
        LOCALITY,
    ),
    # restricted items
    Cell("share a restricted item with the team", _share, CHAIR, writes=True),
    # returns
    Cell(
        "make the Annex A early help list",
        lambda w, a, s: AnnexAService(w.db, a).list2(TODAY - dt.timedelta(days=365), TODAY, s.title()),
        CHAIR,
    ),
)


def _params():
    for cell in CELLS:
        for role in ROLES:
            for side in cell.sides:
                mark = "allowed" if allowed(cell.who[role], side) else "refused"
                yield pytest.param(cell, role, side, id=f"{cell.action}-{role}-{side}-{mark}")


@pytest.mark.parametrize(("cell", "role", "side"), list(_params()))
def test_cell(cell: Cell, role: str, side: str, request) -> None:
    expected = allowed(cell.who[role], side)
    world = request.getfixturevalue("access_world" if expected and cell.writes else "shared_access_world")
    actor = actors(world)[role]
    if expected:
        cell.run(world, actor, side)
        return
    with pytest.raises(PermissionDenied) as refused:
        cell.run(world, actor, side)
    message = str(refused.value)
    assert message.startswith(f"{actor.who} may not ") and message.endswith("."), message


def test_a_refusal_says_what_and_why(shared_access_world):
    world = shared_access_world
    people = actors(world)
    with pytest.raises(PermissionDenied) as refused:
        PlanService(world.db, people["lead"], today=TODAY).current(world.north.pending)
    assert str(refused.value) == (
        "Tomas Okafor (lead professional) may not see the plan of a family they do not lead or support."
    )
    with pytest.raises(PermissionDenied) as refused:
        _decide(world, people["manager"], "south")
    assert str(refused.value) == (
        "Nadia North (locality manager) may not record decisions in South, which is not one of their localities."
    )
    with pytest.raises(PermissionDenied) as refused:
        PlanService(world.db, people["admin"], today=TODAY).current(world.north.led)
    assert str(refused.value) == "Ada Admin (administrator) may not see TAF plans."


def test_lists_hold_only_what_is_in_scope(shared_access_world):
    world = shared_access_world
    people = actors(world)
    north, south = world.north, world.south
    for role in ("manager", "support"):
        actor = people[role]
        queue = {row.case_id for row in IntakeQueueService(world.db, actor, today=TODAY).queue()}
        assert north.waiting in queue and not queue & set(south.families)
        meetings = {m.id for m in MeetingService(world.db, actor, now=NOW).meetings()}
        assert meetings == {north.closed_meeting, north.open_meeting}
        documents = DocumentService(world.db, actor, today=TODAY)
        assert {m.id for m in documents.closed_meetings()} == {north.closed_meeting}
        assert [entry.id for entry in documents.list()] == [north.document]
        assert LocalityCasesService(world.db, actor, today=TODAY).localities() == [(north.locality, "North")]
        assert [loc.name for loc in DirectoryService(world.db, actor).working_localities()] == ["North"]
    lead = people["lead"]
    assert [row.case_id for row in MyCasesService(world.db, lead, today=TODAY).cases()] == [north.led]
    assert LocalityCasesService(world.db, lead, today=TODAY).localities() == []


def test_caseload_figures_are_everyones_for_managers_and_their_own_for_a_lead(shared_access_world):
    world = shared_access_world
    people = actors(world)
    tomas, sam = world.people["Tomas Okafor"], world.people["Sam Southey"]
    for role in ("admin", "manager", "support"):
        loads = {p.id: p.open_cases_led for p in DirectoryService(world.db, people[role]).professionals()}
        assert loads[tomas] == loads[sam] == 1
    loads = {p.id: p.open_cases_led for p in DirectoryService(world.db, people["lead"]).professionals()}
    assert loads[tomas] == 1 and loads[sam] == 0


def test_a_plan_closed_by_its_lead_is_still_theirs_to_read(access_world):
    """Scope follows the case, not its status: a lead reads the plan of a family they led after it closes."""
    lead = actors(access_world)["lead"]
    from tafdesk.models import NeedMet
    from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed

    plans = PlanService(access_world.db, lead, today=TODAY)
    plan = plans.current(access_world.north.led)
    needs = tuple(NeedAssessed(o.id, NeedMet.MET) for o in plan.content.outcomes)
    proposal = ClosureInput(ClosureReason.NEEDS_MET, "Done.", "Happy.", needs)
    proposed = ClosureService(access_world.db, lead, now=NOW).propose(access_world.north.led, proposal)
    ClosureService(access_world.db, actors(access_world)["manager"], now=NOW).approve(proposed.id, proposed.version)
    assert plans.current(access_world.north.led).closure_reason is ClosureReason.NEEDS_MET
