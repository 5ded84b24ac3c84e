"""A closed meeting of the North group on Tuesday 1 December 2026 with one
decision of each kind that sends letters, families whose names need every
alphabet letters must print, a restricted police item planted in each
profile, another member's sensitive detail, and an agreed, reviewed plan.

Checking output text needs pdftotext (poppler-utils); tests that need a
tool skip, saying which, when it is absent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.models import (
    Agency,
    AgendaItem,
    AttendanceStatus,
    Case,
    DecisionOutcome,
    Locality,
    Membership,
    NeedArea,
    Professional,
    Role,
    Sector,
)
from tafdesk.plans.content import ActionItem
from tafdesk.services.actor import Actor
from tafdesk.services.decisions import ActionInput, DecisionInput, DecisionService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.intake import IntakeService
from tafdesk.services.letterhead import LetterheadService, LetterheadSettings
from tafdesk.services.meetings import MeetingService
from tafdesk.services.minutes import MinutesService
from tafdesk.services.plans import PlanService, ReviewInput
from tests.intake.conftest import make_profile

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
AT_MEETING = dt.datetime(2026, 12, 1, 10, 30, tzinfo=dt.UTC)  # decisions are recorded at the meeting
TODAY = dt.date(2026, 12, 2)
CHAIR = Actor(None, "Chair Tester", Role.LOCALITY_MANAGER, localities=None)
CLERK = Actor(None, "Clerk Tester", Role.BUSINESS_SUPPORT, localities=None)
MINUTE_TAKER = "Robin Notetaker"
DECLARATION = "The Housing manager declared a personal interest in one family and left the room for its item."
SECRET = "PLANTED-RESTRICTED-Q7X"  # in every restricted police item; must reach no letter or circulated minutes
SECRET_WORKER = "DS Hidden-Officer-K3"
SENSITIVE = "PLANTED-DISABILITY-M4Z"  # a child's disability: no letter to anyone may carry it
ARABIC_NAME = "زینب"
NAMES = ("Zoë", "Łukasz", "Nguyễn Thị Mai", "Siobhán", ARABIC_NAME)

# family name, the parent's first name, the child's first name, the decision
FAMILIES = (
    ("Nguyễn", "Thị Mai", "Zoë", DecisionOutcome.ALLOCATE_LEAD),
    ("Byrne", "Siobhán", "Ciarán", DecisionOutcome.STEP_UP),
    ("Hussain", ARABIC_NAME, "Yusuf", DecisionOutcome.STEP_DOWN),
    ("Kowalczyk", "Agnieszka", "Łucja", DecisionOutcome.INFORMATION_ADVICE_GUIDANCE),
    ("Mensah", "Abena", "Kofi", DecisionOutcome.WORKING_TOGETHER_MEETING),
)


@dataclass
class PackWorld:
    db: object
    meeting_id: uuid.UUID
    cases: dict  # family name -> case id
    references: dict  # family name -> case reference
    people: dict


def _profile(n: int, surname: str, parent: str, child: str) -> dict:
    profile = make_profile(profile_id=f"ESAT-D{n}")
    profile["family"]["family_name"] = surname
    profile["family"]["address"]["postcode"] = f"NT{n} 5DD"
    mother, first_child, second_child = profile["family"]["members"]
    mother.update(first_name=parent, last_name=surname, date_of_birth=f"{1985 + n}-04-12")
    first_child.update(first_name=child, last_name=surname, date_of_birth=f"{2012 + n}-09-30")
    second_child.update(first_name="Minh", last_name=surname, date_of_birth=f"{2016 + n}-02-03", disability=SENSITIVE)
    profile["referral"]["referrer"]["name"] = "Siobhán O'Neill"
    profile["agency_involvement"][1].update(summary=f"{SECRET}: a call-out at the family home.", worker=SECRET_WORKER)
    return profile


class Plants:
    """What a world's free text says; test_planted_secrets plants leaks
    through a subclass, and this makes the usual world."""

    def profile(self, n: int, profile: dict) -> None:
        pass

    def decision(self, surname: str, child: str, lead: uuid.UUID | None, people: dict) -> tuple[str, tuple]:
        actions = (ActionInput(f"Visit {child} {surname} at home", dt.date(2026, 12, 8), lead),) if lead else ()
        return f"The group agreed this for {child}.", actions

    def before_close(self, db, meeting_id: uuid.UUID, items: dict) -> None:
        pass

    def plan(self, content, owners: list) -> object:
        return content


@pytest.fixture
def pack_world(db) -> PackWorld:
    return build_pack_world(db)


@pytest.fixture(scope="module")
def shared_world(tmp_path_factory, pg_template_name) -> PackWorld:
    """One world for a whole test module that only reads it."""
    from tests.conftest import database_for_a_scope

    with database_for_a_scope(tmp_path_factory, pg_template_name) as database:
        yield build_pack_world(database)


LETTERHEAD = LetterheadSettings(
    organisation="Northshire Council",
    department="Early Help Service",
    address=("Civic Centre", "Northtown", "NT1 1AA"),
    phone="01632 960000",
    email="earlyhelp@northshire.example",
    signatory_name="Morgan Testsignatory",
    signatory_title="Early Help Locality Manager",
    complaints="Complaints Team, Civic Centre, Northtown NT1 1AA, or complaints@northshire.example",
    privacy_contact="Data Protection Officer, dpo@northshire.example",
)


def build_pack_world(db, plants: Plants | None = None) -> PackWorld:
    plants = plants or Plants()
    LetterheadService(db, CLERK).save(LETTERHEAD)
    with db.session() as s:
        north = Locality(name="North", code="N", default_venue="Northtown Children's Centre")
        s.add(north)
        agencies = {
            name: Agency(
                name=name,
                membership=Membership.CORE,
                sector=Sector.LOCAL_AUTHORITY,
                address_line1=f"{name} Office",
                address_line2="Mill Road",
                town="Northtown",
                postcode="NT2 4HB",
                phone="01632 960100",
            )
            for name in ("Family Support", "Education Welfare", "Police", "Health Visiting", "Youth Service", "Housing")
        }
        s.add_all(agencies.values())
        s.flush()
        people = {
            "Łukasz Kowalski": Professional(
                agency=agencies["Family Support"],
                locality=north,
                given_name="Łukasz",
                family_name="Kowalski",
                job_title="Family Support Worker",
                fte=1.0,
                phone="01632 960123",
                email="lukasz.kowalski@council.example",
            ),
            "Tomas Okafor": Professional(
                agency=agencies["Education Welfare"],
                locality=north,
                given_name="Tomas",
                family_name="Okafor",
                job_title="Education Welfare Officer",
                fte=1.0,
            ),
        }
        s.add_all(people.values())
        s.flush()
        ids = {k: p.id for k, p in people.items()}
        agency_ids = {k: a.id for k, a in agencies.items()}
    intake = IntakeService(db, CLERK)
    for n, (surname, parent, child, _) in enumerate(FAMILIES, start=1):
        profile = _profile(n, surname, parent, child)
        plants.profile(n, profile)
        intake.import_document(profile, f"family{n}.json")
    door = FrontDoorService(db, CLERK, now=NOW)
    with db.reader() as s:
        rows = s.execute(select(Case.id, Case.reference, Case.family_id)).all()
        from tafdesk.models import Family

        names = dict(s.execute(select(Family.id, Family.family_name)).all())
    cases = {names[fid]: cid for cid, _, fid in rows}
    references = {names[fid]: ref for _, ref, fid in rows}
    meeting_id = {door.send_to_meeting(cases[f[0]]).meeting_id for f in FAMILIES}.pop()

    meetings = MeetingService(db, CHAIR, now=NOW)
    meetings.record_attendance(
        meeting_id, agency_ids["Family Support"], AttendanceStatus.PRESENT, f"{ARABIC_NAME} Rahman"
    )
    meetings.record_attendance(meeting_id, agency_ids["Police"], AttendanceStatus.APOLOGIES)
    decisions = DecisionService(db, CHAIR, now=AT_MEETING)
    with db.reader() as s:
        items = {
            case_id: item_id
            for item_id, case_id in s.execute(
                select(AgendaItem.id, AgendaItem.case_id).where(AgendaItem.meeting_id == meeting_id)
            )
        }
    for surname, _, child, outcome in FAMILIES:
        lead = ids["Łukasz Kowalski"] if outcome is DecisionOutcome.ALLOCATE_LEAD else None
        supporters = ((agency_ids["Education Welfare"], ids["Tomas Okafor"]),) if lead else ()
        rationale, actions = plants.decision(surname, child, lead, ids)
        decisions.decide(
            items[cases[surname]],
            DecisionInput(outcome, lead, supporters=supporters, rationale=rationale, actions=actions),
        )
    plants.before_close(db, meeting_id, {surname: items[cases[surname]] for surname, *_ in FAMILIES})
    MinutesService(db, CLERK).set_record(meeting_id, MINUTE_TAKER, DECLARATION)
    meetings.close(meeting_id)
    _agree_and_review(db, cases["Nguyễn"], plants)
    return PackWorld(db, meeting_id, cases, references, ids)


def _agree_and_review(db, case_id: uuid.UUID, plants: Plants) -> None:
    service = PlanService(db, CHAIR, today=TODAY)
    plan = service.start(case_id)
    owner = service.owner_choices(case_id)[0]
    outcomes = tuple(
        dataclasses.replace(o, outcome_wanted=f"Things get better: {o.area.value}") for o in plan.content.outcomes
    )
    actions = (
        ActionItem(
            uuid.uuid4(),
            "Walk Zoë to school on Mondays",
            outcomes[0].id,
            owner,
            due_on=dt.date(2027, 1, 12),
            measure="Attendance above 90% for four weeks",
        ),
    )
    content = dataclasses.replace(
        plan.content, outcomes=outcomes, actions=actions, voice_of_child="Zoë: I like school."
    )
    content = plants.plan(content, service.owner_choices(case_id))
    version = service.save_draft(plan.id, plan.row_version, content)
    agreed = service.agree(plan.id, version, "Nguyễn Thị Mai and the TAF", agreed_on=dt.date(2026, 12, 2))
    scores = {o.area: 4 for o in outcomes}
    service = PlanService(db, CHAIR, today=dt.date(2027, 3, 1))  # reviews are recorded once held
    service.record_review(
        agreed.id,
        agreed.row_version,
        ReviewInput(held_on=dt.date(2027, 1, 12), scores=scores, attendees="Nguyễn Thị Mai, Łukasz Kowalski"),
    )
    later = service.current(case_id)
    service.record_review(
        later.id,
        later.row_version,
        ReviewInput(
            held_on=dt.date(2027, 2, 23),
            attendees="Nguyễn Thị Mai, Zoë, Łukasz Kowalski",
            scores=dict.fromkeys(scores, 6) | {NeedArea.EDUCATION: 7},
        ),
    )


@pytest.fixture
def clerk() -> Actor:
    return CLERK


@pytest.fixture(scope="module")
def documents(shared_world, tmp_path_factory) -> list[Path]:
    """One of every document type, in both formats."""
    folder = tmp_path_factory.mktemp("documents")
    from tafdesk.models import DocumentFormat
    from tafdesk.models import DocumentType as T
    from tafdesk.services.documents import DocumentService

    service = DocumentService(shared_world.db, CLERK, today=TODAY)
    entries = service.produce_meeting_pack(shared_world.meeting_id, folder)
    case = shared_world.cases["Nguyễn"]
    for fmt in DocumentFormat:
        entries.append(service.produce_plan(case, fmt, folder / f"plan.{fmt.value}"))
        entries.append(
            service.produce_case_letter(case, T.LETTER_REVIEW_INVITATION, fmt, folder / f"review.{fmt.value}")
        )
    entries += _closure_letters(shared_world, case, service, folder)
    entries += _chronologies(shared_world, case, folder)
    entries += _board_packs(shared_world, folder)
    assert {e.doc_type for e in entries} == set(T)
    return [Path(e.path) for e in entries]


def _closure_letters(world, case, service, folder: Path) -> list:
    """The family's case closed (proposed and approved), and its two closure letters in both formats."""
    from tafdesk.models import ClosureReason, DocumentFormat, NeedMet
    from tafdesk.models import DocumentType as T
    from tafdesk.services.closure import ClosureInput, ClosureService, NeedAssessed
    from tafdesk.services.plans import PlanService

    plan = PlanService(world.db, CHAIR, today=TODAY).current(case)
    needs = tuple(NeedAssessed(o.id, NeedMet.MET) for o in plan.content.outcomes)
    closures = ClosureService(world.db, CHAIR, now=dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC))
    proposed = closures.propose(case, ClosureInput(ClosureReason.NEEDS_MET, "Needs met.", "Mai agrees.", needs))
    closures.approve(proposed.id, proposed.version)
    return [
        service.produce_case_letter(case, kind, fmt, folder / f"{kind.value}.{fmt.value}")
        for kind in (T.LETTER_CLOSURE_FAMILY, T.LETTER_CLOSURE_REFERRER)
        for fmt in DocumentFormat
    ]


def _chronologies(world, case, folder: Path) -> list:
    """The family's chronology in both editions and both formats."""
    from tafdesk.models import DocumentFormat
    from tafdesk.services.chronology_export import ChronologyExport

    export = ChronologyExport(world.db, CHAIR)
    return [
        export.produce(case, fmt, folder / f"chronology-{'full' if full else 'agencies'}.{fmt.value}", full=full)
        for full in (True, False)
        for fmt in DocumentFormat
    ]


def _board_packs(world, folder: Path) -> list:
    """The board pack for the year to the world's day, in both formats."""
    from tafdesk.models import DocumentFormat
    from tafdesk.services.reports.board_pack import BoardPackService
    from tafdesk.services.reports.period import ReportPeriod

    packs = BoardPackService(world.db, CLERK, now=dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC))
    year = ReportPeriod.of(TODAY - dt.timedelta(days=364), TODAY)
    narrative = "Referrals rose in the spring; Zoë's team cleared the deferrals."
    return [packs.produce(year, None, folder / f"board-pack.{fmt.value}", narrative) for fmt in DocumentFormat]


# -- reading what was written ------------------------------------------------------


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install {TOOL_PACKAGES.get(name, name)})")
    return path


TOOL_PACKAGES = {
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "qpdf": "qpdf",
    "soffice": "libreoffice-writer-nogui",
}


def pdf_text(path: Path) -> str:
    """What a reader of the PDF sees, as text: Arabic-script presentation forms
    folded back to letters (NFKC) and bidi marks removed."""
    out = subprocess.run([need_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    text = unicodedata.normalize("NFKC", out.stdout.decode("utf-8"))
    return "".join(c for c in text if c not in "\u202a\u202b\u202c\u202d\u202e\u200e\u200f")


def docx_text(path: Path) -> str:
    """Every paragraph of the Word file: body, tables, headers and footers."""
    import docx

    document = docx.Document(str(path))
    parts = []

    def paragraphs(container) -> None:
        parts.extend(p.text for p in container.paragraphs)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    paragraphs(cell)

    paragraphs(document)
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            paragraphs(part)
    return "\n".join(parts)


def text_of(path: Path) -> str:
    return pdf_text(path) if path.suffix == ".pdf" else docx_text(path)


def squash(text: str) -> str:
    """Whitespace folded, so words broken across lines still match."""
    return " ".join(text.split())
