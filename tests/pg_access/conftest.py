"""A small council on PostgreSQL with a login role for each kind of user, for
showing what the server itself lets each of them see and change.

Two localities: North (three families) and South (one). Tomas leads the
Mensah family and supports the Kowalczyk family; Ruth leads Kowalczyk and
Okoro; Sipho leads Byrne in South. Every profile has a restricted police item;
the chair shared the Mensah one with Tomas. Each family has a plan, a meeting
decision with actions for its lead (Kowalczyk's one for Tomas too), a plan
document and a letter, and one row of each table of the work between the
meetings (notes, follow-ups, requests, changes of lead, transition plans,
closures, outcomes evidenced, consent, assessments).

Login roles are cluster-wide, so their names carry the test database's
suffix, and they are dropped with the world."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import URL, make_url

from tafdesk.db import Database
from tafdesk.models import (
    ActionFollowUp,
    AmendmentStatus,
    AssessmentChild,
    AssessmentNeed,
    AttendanceStatus,
    Case,
    CaseClosure,
    CaseClosureNeed,
    CaseNote,
    CaseNoteChild,
    ClosureReason,
    ClosureStatus,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    DecisionAction,
    DecisionOutcome,
    DocumentFormat,
    DocumentType,
    EarlyHelpAssessment,
    Family,
    FamilyRecordVersion,
    FollowUpState,
    GroupRequest,
    LeadChange,
    LeadChangeState,
    Locality,
    MatchSuggestion,
    NeedArea,
    NeedMet,
    NoteType,
    OutcomeEvidence,
    OutcomeProgress,
    Person,
    Professional,
    Profile360,
    ProfileAmendment,
    ProfileInvolvement,
    RecordSource,
    Referral,
    RequestKind,
    RequestState,
    RestrictedShare,
    RestrictedWording,
    Role,
    SuggestionStatus,
    TafOutcome,
    TafPlan,
    TransitionPlan,
    User,
    UserLocality,
)
from tafdesk.services import document_register
from tafdesk.services.actor import Actor
from tafdesk.services.decisions import ActionInput, DecisionInput, DecisionService
from tafdesk.services.front_door import FrontDoorService
from tafdesk.services.intake import IntakeService
from tafdesk.services.meetings import MeetingService
from tafdesk.services.plans import PlanService
from tafdesk.services.users import UserService
from tests.conftest import BACKEND, PASSWORD, PG_ADMIN_URL, _new_pg_database
from tests.meetings.conftest import AT_MEETING, CORE, NOW, _family

OWNER = Actor(None, "World Builder", Role.LOCALITY_MANAGER, localities=None)  # tafdesk acting as the owner
FAMILIES = {"Mensah": "North", "Kowalczyk": "North", "Okoro": "North", "Byrne": "South"}
ACTIONS_DUE = dt.date(2026, 12, 4)


def pytest_collection_modifyitems(items) -> None:
    if BACKEND != "postgresql":
        skip = pytest.mark.skip(
            reason="row-level security is PostgreSQL's: run with TAFDESK_TEST_BACKEND=postgresql "
            "(make test-pg); on SQLite the services' checks are the guard"
        )
        for item in items:
            if "pg_access" in str(item.fspath):
                item.add_marker(skip)


@dataclass
class World:
    url: URL  # the owner's (the test server's superuser)
    db: Database
    suffix: str
    logins: dict[str, str] = field(default_factory=dict)  # who -> login role name
    users: dict[str, uuid.UUID] = field(default_factory=dict)  # who -> app_user id
    families: dict[str, uuid.UUID] = field(default_factory=dict)  # surname -> family id
    cases: dict[str, uuid.UUID] = field(default_factory=dict)  # surname -> case id
    localities: dict[str, uuid.UUID] = field(default_factory=dict)
    meetings: dict[str, uuid.UUID] = field(default_factory=dict)  # locality -> meeting id
    people: dict[str, uuid.UUID] = field(default_factory=dict)  # professional's given name -> id
    agencies: dict[str, uuid.UUID] = field(default_factory=dict)

    def login_url(self, who: str) -> URL:
        return self.url.set(username=self.logins[who], password=None)

    @contextmanager
    def connect(self, who: str) -> Iterator[psycopg.Connection]:
        """A psycopg connection as `who`'s own login role (no tafdesk code), rolled back at the end."""
        url = make_url(PG_ADMIN_URL)
        conn = psycopg.connect(
            host=url.host, port=url.port or 5432, dbname=self.url.database, user=self.logins[who], connect_timeout=5
        )
        try:
            yield conn
        finally:
            conn.rollback()
            conn.close()

    def owner_rows(self, sql: str, **params) -> list[tuple]:
        with self.db.connection() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]

    def owner_change(self, sql: str, **params) -> None:
        with self.db.connection() as conn:
            conn.execute(text(sql), params)
            conn.commit()


# who -> (tafdesk role, group, localities, professional); None role: a login with no app_user row here
PEOPLE = {
    "admin": (Role.ADMIN, "tafdesk_admin", (), None),
    "lm_north": (Role.LOCALITY_MANAGER, "tafdesk_locality_manager", ("North",), None),
    "lm_south": (Role.LOCALITY_MANAGER, "tafdesk_locality_manager", ("South",), None),
    "bs_north": (Role.BUSINESS_SUPPORT, "tafdesk_business_support", ("North",), None),
    "lp": (Role.LEAD_PROFESSIONAL, "tafdesk_lead_professional", (), "Tomas"),
    "nobody": (None, "tafdesk_locality_manager", (), None),
    "disabled": (Role.LOCALITY_MANAGER, "tafdesk_locality_manager", ("North",), None),
}


@pytest.fixture(scope="module")
def world(_pg_template, tmp_path_factory) -> Iterator[World]:
    with _new_pg_database(template=_pg_template) as url:
        db = Database(url)
        found = World(url, db, url.database.rsplit("_", 1)[-1])
        try:
            _build(found, tmp_path_factory.mktemp("documents"))
            _add_logins(found)
            yield found
        finally:
            db.dispose()
            _drop_logins(found)


def _build(w: World, folder: Path) -> None:
    _directory(w)
    intake = IntakeService(w.db, OWNER)
    for n, (surname, locality) in enumerate(FAMILIES.items(), start=1):
        profile = _family(n, surname)
        profile["locality"] = locality
        intake.import_document(profile, f"{surname}.json")
    with w.db.reader() as s:
        for case_id, family_id, surname in s.execute(select(Case.id, Family.id, Family.family_name).join(Family)):
            w.cases[surname], w.families[surname] = case_id, family_id
    door = FrontDoorService(w.db, OWNER, now=NOW)
    for surname, case_id in w.cases.items():
        w.meetings[FAMILIES[surname]] = door.send_to_meeting(case_id).meeting_id
    meetings = MeetingService(w.db, OWNER, now=NOW)
    for meeting_id in w.meetings.values():
        for agency_id in w.agencies.values():
            meetings.record_attendance(meeting_id, agency_id, AttendanceStatus.PRESENT)
    _decide(w)
    _plans_and_documents(w, folder)
    _extras(w)


def _directory(w: World) -> None:
    from tafdesk.models import Agency, Membership, Sector

    with w.db.session() as s:
        north = Locality(name="North", code="N", default_venue="Northtown Children's Centre")
        south = Locality(name="South", code="S", default_venue="Southport Hub")
        agencies = {name: Agency(name=name, membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY) for name in CORE}
        s.add_all([north, south, *agencies.values()])
        s.flush()
        people = {
            "Tomas": Professional(
                agency=agencies["Education Welfare"],
                locality=north,
                given_name="Tomas",
                family_name="Okafor",
                job_title="EWO",
                fte=1.0,
            ),
            "Ruth": Professional(
                agency=agencies["Family Support"],
                locality=north,
                given_name="Ruth",
                family_name="Adeyemi",
                job_title="Family Worker",
                fte=1.0,
            ),
            "Sipho": Professional(
                agency=agencies["Family Support"],
                locality=south,
                given_name="Sipho",
                family_name="Dlamini",
                job_title="Family Worker",
                fte=1.0,
            ),
        }
        s.add_all(people.values())
        s.flush()
        w.localities = {"North": north.id, "South": south.id}
        w.agencies = {name: a.id for name, a in agencies.items()}
        w.people = {name: p.id for name, p in people.items()}


def _decide(w: World) -> None:
    leads = {
        "Mensah": ("Tomas", None),
        "Kowalczyk": ("Ruth", "Tomas"),
        "Okoro": ("Ruth", None),
        "Byrne": ("Sipho", None),
    }
    agency_of = {"Tomas": "Education Welfare", "Ruth": "Family Support", "Sipho": "Family Support"}
    decisions = DecisionService(w.db, OWNER, now=AT_MEETING)
    for surname, (lead, supporter) in leads.items():
        meeting = MeetingService(w.db, OWNER, now=NOW).meeting(w.meetings[FAMILIES[surname]])
        item = next(i for i in meeting.agenda if i.case_id == w.cases[surname])
        team = ((w.agencies[agency_of[supporter]], w.people[supporter]),) if supporter else ()
        owners = (lead, supporter) if supporter else (lead,)
        actions = tuple(ActionInput(f"Visit the {surname} family", ACTIONS_DUE, w.people[who]) for who in owners)
        decisions.decide(
            item.id,
            DecisionInput(
                DecisionOutcome.ALLOCATE_LEAD,
                w.people[lead],
                supporters=team,
                rationale="Best placed to lead.",
                actions=actions,
            ),
        )


def _plans_and_documents(w: World, folder: Path) -> None:
    plans = PlanService(w.db, OWNER, today=AT_MEETING.date())
    with w.db.session() as s:
        for surname, case_id in w.cases.items():
            meeting_id = w.meetings[FAMILIES[surname]]
            for doc_type, meeting in (
                (DocumentType.TAF_PLAN, None),
                (DocumentType.LETTER_FAMILY, meeting_id),
                (DocumentType.CHRONOLOGY_AGENCIES, None),
            ):
                path = folder / f"{surname}-{doc_type.value}.pdf"
                document_register.record(
                    s,
                    OWNER,
                    doc_type=doc_type,
                    doc_format=DocumentFormat.PDF,
                    path=path,
                    sha256=hashlib.sha256(path.name.encode()).hexdigest(),
                    recipient=surname,
                    case_id=case_id,
                    meeting_id=meeting,
                    when=AT_MEETING,
                )
    for case_id in w.cases.values():
        plans.start(case_id)


def _extras(w: World) -> None:
    """Rows of the tables the story above leaves empty, one per family, and
    the chair's share of the Mensah family's restricted item with Tomas."""
    with w.db.session() as s:
        for family_id in w.families.values():
            profile = s.scalar(select(Profile360).join(Referral).where(Referral.family_id == family_id))
            s.add(RestrictedWording(family_id=family_id, text="the neighbour's threat", marked_by_name="Chair"))
            s.add(
                FamilyRecordVersion(
                    family_id=family_id,
                    number=1,
                    source=RecordSource.CORRECTION,
                    recorded_by_name="Owner",
                    address_line1="1 Test Street",
                    postcode="NT1 1AA",
                    household="[]",
                )
            )
            s.add(
                ProfileAmendment(
                    profile_id=profile.id,
                    document="{}",
                    document_sha256="0" * 64,
                    differences="[]",
                    status=AmendmentStatus.PENDING,
                )
            )
            s.add(
                MatchSuggestion(
                    profile_id=profile.id,
                    family_id=family_id,
                    score=0.5,
                    evidence="[]",
                    pairs="{}",
                    status=SuggestionStatus.PENDING,
                )
            )
        for surname, case_id in w.cases.items():
            child = s.scalar(select(Person.id).where(Person.family_id == w.families[surname]).limit(1))
            s.add(
                CaseNote(
                    case_id=case_id,
                    contact_on=AT_MEETING.date(),
                    note_type=NoteType.HOME_VISIT,
                    summary="Visited the family.",
                    written_by_name="Owner",
                    children=[CaseNoteChild(person_id=child, seen=True)],
                )
            )
        for case_id in w.cases.values():  # a returned proposal to close, and an outcome evidenced
            case = s.get_one(Case, case_id)
            outcome = s.scalar(
                select(TafOutcome)
                .join(TafPlan)
                .where(TafPlan.case_id == case_id)
                .order_by(TafOutcome.position)
                .limit(1)
            )
            assert outcome is not None
            s.add(
                CaseClosure(
                    case_id=case_id,
                    locality_id=case.locality_id,
                    plan_id=outcome.plan_id,
                    status=ClosureStatus.RETURNED,
                    reason=ClosureReason.NEEDS_MET,
                    summary="Going well.",
                    family_view="Ready.",
                    status_before=case.status,
                    proposed_on=AT_MEETING.date(),
                    proposed_by_name="Owner",
                    decided_on=AT_MEETING.date(),
                    decided_by_name="Owner",
                    returned_why="Too soon.",
                    needs=[
                        CaseClosureNeed(outcome_id=outcome.id, area=outcome.area, need=outcome.need, met=NeedMet.MET)
                    ],
                )
            )
            s.add(
                OutcomeEvidence(
                    case_id=case_id,
                    locality_id=case.locality_id,
                    outcome_id=outcome.id,
                    area=outcome.area,
                    progress=OutcomeProgress.IMPROVING,
                    evidence="Attendance up.",
                    recorded_on=AT_MEETING.date(),
                    recorded_by_name="Owner",
                )
            )
        _between_meetings(s, w)
        police = s.scalar(
            select(ProfileInvolvement.id)
            .join(Profile360)
            .join(Referral)
            .where(Referral.family_id == w.families["Mensah"], ProfileInvolvement.restricted.is_(True))
        )
        s.add(RestrictedShare(involvement_id=police, professional_id=w.people["Tomas"], shared_by_name="Chair"))


def _between_meetings(s, w: World) -> None:
    """One row of each table of the work between the meetings, per family."""
    for case_id in w.cases.values():
        case = s.get_one(Case, case_id)
        where = dict(case_id=case.id, locality_id=case.locality_id)
        child = s.scalar(select(Person).where(Person.family_id == case.family_id).order_by(Person.position).limit(1))
        action = s.scalar(select(DecisionAction).where(DecisionAction.case_id == case.id).limit(1))
        assert child is not None and action is not None and case.lead_professional_id is not None
        s.add_all(
            [
                ActionFollowUp(
                    **where,
                    decision_action_id=action.id,
                    state=FollowUpState.NOT_DONE,
                    note="Family away.",
                    marked_on=AT_MEETING.date(),
                    marked_by="Owner",
                ),
                GroupRequest(
                    **where,
                    kind=RequestKind.BLOCKAGE,
                    reason="School will not meet.",
                    raised_on=AT_MEETING.date(),
                    raised_by="Owner",
                    state=RequestState.PENDING,
                ),
                TransitionPlan(
                    **where,
                    receiving_lead_id=case.lead_professional_id,
                    social_worker_name="A Social Worker",
                    social_worker_contact="01234 567890",
                    joint_visit_on=AT_MEETING.date(),
                    recorded_on=AT_MEETING.date(),
                    recorded_by="Owner",
                ),
                # Declined, within the locality and to the lead already there: nobody new sees the case.
                LeadChange(
                    **where,
                    to_locality_id=case.locality_id,
                    from_lead_id=case.lead_professional_id,
                    to_lead_id=case.lead_professional_id,
                    reason="Caseload.",
                    state=LeadChangeState.DECLINED,
                    proposed_on=AT_MEETING.date(),
                    proposed_by="Owner",
                    answered_on=AT_MEETING.date(),
                    answered_by="Owner",
                ),
                Consent(
                    case_id=case.id,
                    person_id=child.id,
                    purpose=ConsentPurpose.TAF,
                    given_on=AT_MEETING.date(),
                    given_how=ConsentMethod.WRITTEN,
                    recorded_by_name="Owner",
                ),
                EarlyHelpAssessment(
                    case_id=case.id,
                    started_on=AT_MEETING.date(),
                    organisation_name="Education Welfare",
                    recorded_by_name="Owner",
                    children=[AssessmentChild(person_id=child.id, seen=True)],
                    needs=[AssessmentNeed(area=NeedArea.EDUCATION, description="Attendance.", level=2)],
                ),
            ]
        )


def _add_logins(w: World) -> None:
    with w.db.session() as s:
        for who, (role, group, localities, professional) in PEOPLE.items():
            name = f"{who}_{w.suffix}"
            s.execute(text(f'CREATE ROLE "{name}" LOGIN IN ROLE {group}'))
            w.logins[who] = name
            if role is None:
                continue
            user = User(
                username=name,
                display_name=who.replace("_", " ").title(),
                role=role,
                professional_id=w.people.get(professional),
                active=who != "disabled",
                localities=[UserLocality(locality_id=w.localities[loc]) for loc in localities],
            )
            s.add(user)
            s.flush()
            w.users[who] = user.id


def _drop_logins(w: World) -> None:
    with w.db.connection() as conn:
        conn.execute(
            text(
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{w.url.database}' "
                "AND usename <> current_user"
            )
        )
        for name in w.logins.values():
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        conn.commit()


@pytest.fixture
def as_user(world):
    """A tafdesk Database connected as one of the world's login roles."""
    opened = []

    def connect(who: str) -> Database:
        database = Database(world.login_url(who))
        opened.append(database)
        return database

    yield connect
    for database in opened:
        database.dispose()


@pytest.fixture
def signed_in(world, as_user):
    """(Database, Actor) for one of the world's people, signed in as the app does."""

    def sign_in(who: str):
        db = as_user(who)
        return db, UserService(db).sign_in(world.logins[who], PASSWORD)

    return sign_in


def pg_error(exc: BaseException) -> str | None:
    """The SQLSTATE of a psycopg error."""
    return getattr(exc, "sqlstate", None)


DENIED = "42501"  # insufficient_privilege: no GRANT, or a row-level security check failed
TODAY = dt.date(2026, 12, 1)
