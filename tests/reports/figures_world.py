"""The figures' council: a small council whose figures are counted by hand: two localities (North,
South), three agencies, four professionals and twelve families whose steps
fall on known days between 2 March and 30 April 2026 (the period the tests
ask for), around Easter (Good Friday 3 April and Easter Monday 6 April are
bank holidays, as is Monday 4 May) and the start of British Summer Time
(Sunday 29 March). Today is Tuesday 5 May 2026.

Built directly with the ORM (as tafdesk acting for itself), so that every
date is the one the hand counts in the tests use. The names are made up."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field

from tafdesk.models import (
    Agency,
    AgendaItem,
    AgendaKind,
    AgendaStatus,
    Case,
    CaseStatus,
    CaseSupporter,
    ClosureReason,
    ConsentStatus,
    Decision,
    DecisionOutcome,
    Family,
    Level,
    Locality,
    Meeting,
    MeetingStatus,
    MemberRole,
    Membership,
    NeedArea,
    Pathway,
    Person,
    PlanStatus,
    Professional,
    Profile360,
    ProfileNeed,
    Referral,
    Role,
    Sector,
    TafPlan,
    TafReview,
    TafReviewScore,
    TransitionPlan,
)
from tafdesk.services import score_spans
from tafdesk.services.actor import SYSTEM, Actor
from tafdesk.services.reports.period import ReportPeriod
from tafdesk.services.reports.service import ReportService

NOW = dt.datetime(2026, 5, 5, 12, 0, tzinfo=dt.UTC)  # Tuesday 5 May 2026
PERIOD = ReportPeriod(dt.date(2026, 3, 2), dt.date(2026, 4, 30))
D = dt.date
E, H, HO, C = NeedArea.EDUCATION, NeedArea.HEALTH, NeedArea.HOUSING, NeedArea.CRIME  # the need areas used
OUT = DecisionOutcome


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment in UTC."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


@dataclass
class Council:
    db: object
    localities: dict[str, uuid.UUID] = field(default_factory=dict)
    people: dict[str, uuid.UUID] = field(default_factory=dict)
    agencies: dict[str, uuid.UUID] = field(default_factory=dict)
    cases: dict[str, uuid.UUID] = field(default_factory=dict)  # family name -> its case in the period
    references: dict[str, str] = field(default_factory=dict)  # family name -> that case's reference

    def service(self, actor: Actor = SYSTEM) -> ReportService:
        return ReportService(self.db, actor, now=NOW)

    def manager(self, *localities: str, role: Role = Role.LOCALITY_MANAGER) -> Actor:
        places = frozenset(self.localities[name] for name in localities)
        return Actor(None, f"{role.value} of {', '.join(localities)}", role, localities=places)


class _Builder:
    def __init__(self, s, council: Council) -> None:
        self.s = s
        self.c = council
        self.meetings: dict[tuple[str, dt.date], Meeting] = {}
        self.items: dict[tuple[uuid.UUID, dt.date], AgendaItem] = {}
        self.n = 0

    def directory(self) -> None:
        north, south = Locality(name="North", code="N"), Locality(name="South", code="S")
        family = Agency(name="Family Support", membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY)
        welfare = Agency(name="Education Welfare", membership=Membership.CORE, sector=Sector.EDUCATION)
        police = Agency(name="Police", membership=Membership.CORE, sector=Sector.POLICE)
        self.s.add_all([north, south, family, welfare, police])
        self.s.flush()
        pros = {
            "Ada": Professional(agency=family, locality=north, given_name="Ada", family_name="Quill", job_title="FW"),
            "Ben": Professional(
                agency=welfare, locality=north, given_name="Ben", family_name="Rook", job_title="EWO", fte=0.5
            ),
            "Cara": Professional(
                agency=family, locality=south, given_name="Cara", family_name="Sloe", job_title="FW", capacity=12
            ),
            "Dan": Professional(
                agency=police, locality=north, given_name="Dan", family_name="Tarn", job_title="PC", active=False
            ),
        }
        self.s.add_all(pros.values())
        self.s.flush()
        self.c.localities = {"North": north.id, "South": south.id}
        self.c.agencies = {a.name: a.id for a in (family, welfare, police)}
        self.c.people = {name: p.id for name, p in pros.items()}

    def case(self, name: str, place: str, opened: dt.date, **values) -> Case:
        self.n += 1
        family = Family(
            reference=f"F-{self.n:06d}",
            family_name=name,
            locality_id=self.c.localities[place],
            address_line1=f"{self.n} Test Row",
            postcode="ZZ1 1ZZ",
        )
        self.s.add(family)
        self.s.flush()
        lead = values.pop("lead", None)
        case = Case(
            reference=f"{place[0]}-2026-{self.n:04d}",
            family_id=family.id,
            locality_id=family.locality_id,
            status=values.pop("status", CaseStatus.TAF_OPEN),
            lead_professional_id=self.c.people[lead] if lead else None,
            opened_on=opened,
            **values,
        )
        self.s.add(case)
        self.s.flush()
        return case

    def referral(self, case: Case, agency: str | None, needs: tuple[NeedArea, ...], *, self_referral=False) -> None:
        person = None
        if self_referral:
            person = Person(family_id=case.family_id, given_name="Pat", family_name="Test", role=MemberRole.PARENT)
            self.s.add(person)
            self.s.flush()
        referral = Referral(
            family_id=case.family_id,
            locality_id=case.locality_id,
            case_id=case.id,
            received_on=case.opened_on,
            reason="A concern.",
            referrer_name="A Referrer",
            referrer_agency=agency,
            consent_status=ConsentStatus.GIVEN,
            self_referral_person_id=person.id if person else None,
        )
        self.s.add(referral)
        self.s.flush()
        profile = Profile360(
            referral_id=referral.id,
            profile_ref=f"P-{case.reference}",
            format="profile360-v1",
            compiled_at=at(case.opened_on, 9),
            locality_name="North",
            family_name="Test",
            address_line1="1 Test Row",
            postcode="ZZ1 1ZZ",
            pathway=Pathway.LCMG_ALLOCATION,
            rationale="Needs a team.",
            original_document="{}",
            original_sha256=hashlib.sha256(b"{}").hexdigest(),
            needs=[
                ProfileNeed(area=area, level=Level.MEDIUM, summary="A need.", position=n)
                for n, area in enumerate(needs)
            ],
        )
        self.s.add(profile)

    def sent(self, case: Case, moment: dt.datetime, meeting_day: dt.date) -> None:
        """Put on the agenda of its locality's meeting on meeting_day by the front door, at this moment."""
        meeting = self._meeting(self._place(case), meeting_day)
        self.items[(case.id, meeting_day)] = self._item(case, meeting, AgendaKind.NEW_PROFILE, moment)

    def decide(self, case: Case, day: dt.date, outcome: DecisionOutcome, **values) -> None:
        """The group's decision at the locality's meeting that day (a family deferred to it is on it again)."""
        item = self.items.get((case.id, day))
        if item is None:
            item = self._item(case, self._meeting(self._place(case), day), AgendaKind.DEFERRED, at(day, 8))
        lead = values.pop("lead", None)
        meeting = self.s.get(Meeting, item.meeting_id)
        self.s.add(
            Decision(
                agenda_item_id=item.id,
                case_id=case.id,
                outcome=outcome,
                lead_professional_id=self.c.people[lead] if lead else None,
                decided_at=meeting.starts_at + dt.timedelta(minutes=20),
                **values,
            )
        )
        self.s.flush()

    def _place(self, case: Case) -> str:
        return next(name for name, i in self.c.localities.items() if i == case.locality_id)

    def _meeting(self, place: str, day: dt.date) -> Meeting:
        """The locality's meeting on that day, at 10:00 in England."""
        key = (place, day)
        if key not in self.meetings:
            summer = D(2026, 3, 29) <= day < D(2026, 10, 25)
            meeting = Meeting(
                locality_id=self.c.localities[place],
                starts_at=at(day, 9 if summer else 10),
                status=MeetingStatus.CLOSED,
            )
            self.s.add(meeting)
            self.s.flush()
            self.meetings[key] = meeting
        return self.meetings[key]

    def _item(self, case: Case, meeting: Meeting, kind: AgendaKind, moment: dt.datetime) -> AgendaItem:
        item = AgendaItem(
            meeting_id=meeting.id, case_id=case.id, kind=kind, status=AgendaStatus.DECIDED, created_at=moment
        )
        self.s.add(item)
        self.s.flush()
        return item

    def plan(self, case: Case, version: int, status: PlanStatus, agreed: dt.date | None, review_due: dt.date | None):
        plan = TafPlan(
            case_id=case.id, plan_version=version, status=status, agreed_on=agreed, next_review_on=review_due
        )
        self.s.add(plan)
        self.s.flush()
        return plan

    def review(self, plan: TafPlan, held: dt.date, scores: dict[NeedArea, int]) -> None:
        self.s.add(
            TafReview(
                plan_id=plan.id,
                held_on=held,
                scores=[TafReviewScore(area=area, score=score) for area, score in scores.items()],
            )
        )
        self.s.flush()
        score_spans.refresh(self.s, plan.case_id)  # as PlanService.record_review keeps them


def _families_of_the_period(b: _Builder) -> dict[str, Case]:
    cases = {}
    # Abbott: sent Wed 4 Mar, allocated to Ada at North's meeting on Tue 10 Mar; plan agreed 24 Mar.
    cases["Abbott"] = abbott = b.case(
        "Abbott", "North", D(2026, 3, 2), lead="Ada", complexity_weight=2.0, allocated_on=D(2026, 3, 10)
    )
    b.referral(abbott, "Police", (E, H))
    b.sent(abbott, at(D(2026, 3, 4), 10), D(2026, 3, 10))
    b.decide(abbott, D(2026, 3, 10), OUT.ALLOCATE_LEAD, lead="Ada")
    b.plan(abbott, 1, PlanStatus.AGREED, D(2026, 3, 24), D(2026, 5, 5))
    # Baker: received Wed 1 Apr, sent at 23:30 UTC that day (00:30 on 2 Apr in England); deferred 14 Apr,
    # allocated to Ben over his capacity on 21 Apr; no plan yet.
    cases["Baker"] = baker = b.case(
        "Baker", "North", D(2026, 4, 1), lead="Ben", complexity_weight=1.0, allocated_on=D(2026, 4, 21)
    )
    b.referral(baker, "School", (HO,))
    b.sent(baker, at(D(2026, 4, 1), 23, 30), D(2026, 4, 14))
    b.decide(baker, D(2026, 4, 14), OUT.DEFER, deferred_until=D(2026, 4, 21), deferral_reason="More.")
    b.decide(
        baker,
        D(2026, 4, 21),
        OUT.ALLOCATE_LEAD,
        lead="Ben",
        capacity_override_reason="Only worker who knows the school.",
    )
    # Clarke: no agency given; deferred 10 and 17 Mar, stepped up by the group on 24 Mar.
    cases["Clarke"] = clarke = b.case(
        "Clarke",
        "North",
        D(2026, 3, 9),
        status=CaseStatus.STEPPED_UP,
        closed_on=D(2026, 3, 24),
        closure_reason=ClosureReason.STEPPED_UP,
    )
    b.referral(clarke, None, (E,))
    b.sent(clarke, at(D(2026, 3, 9), 12), D(2026, 3, 10))
    b.decide(clarke, D(2026, 3, 10), OUT.DEFER, deferred_until=D(2026, 3, 17))
    b.decide(clarke, D(2026, 3, 17), OUT.DEFER, deferred_until=D(2026, 3, 24))
    b.decide(clarke, D(2026, 3, 24), OUT.STEP_UP)
    # Dunn: advice at the front door on 18 Mar. Evans: a self-referral, stepped down at the front door 30 Mar.
    cases["Dunn"] = dunn = b.case(
        "Dunn",
        "North",
        D(2026, 3, 16),
        status=CaseStatus.CLOSED,
        closed_on=D(2026, 3, 18),
        closure_reason=ClosureReason.INFORMATION_ADVICE_GUIDANCE,
    )
    b.referral(dunn, "Police", ())
    cases["Evans"] = evans = b.case(
        "Evans",
        "North",
        D(2026, 3, 23),
        status=CaseStatus.STEPPED_DOWN,
        closed_on=D(2026, 3, 30),
        closure_reason=ClosureReason.STEPPED_DOWN,
    )
    b.referral(evans, None, (H,), self_referral=True)
    # Fox (South): sent 5 Mar, allocated to Cara on Wed 11 Mar, plan agreed 15 Apr (late).
    cases["Fox"] = fox = b.case(
        "Fox", "South", D(2026, 3, 3), lead="Cara", complexity_weight=1.5, allocated_on=D(2026, 3, 11)
    )
    b.referral(fox, "Police", (C,))
    b.sent(fox, at(D(2026, 3, 5), 10), D(2026, 3, 11))
    b.decide(fox, D(2026, 3, 11), OUT.ALLOCATE_LEAD, lead="Cara")
    b.plan(fox, 1, PlanStatus.AGREED, D(2026, 4, 15), D(2026, 5, 27))
    # Lloyd: sent the day received, allocated to Ada 10 Mar, no plan (overdue).
    cases["Lloyd"] = lloyd = b.case("Lloyd", "North", D(2026, 3, 2), lead="Ada", allocated_on=D(2026, 3, 10))
    b.referral(lloyd, "Police", (C,))
    b.sent(lloyd, at(D(2026, 3, 2), 14), D(2026, 3, 10))
    b.decide(lloyd, D(2026, 3, 10), OUT.ALLOCATE_LEAD, lead="Ada")
    # Moss: sent 3 Mar, allocated to Ada 10 Mar, closed (disengaged) 20 Mar before any plan.
    cases["Moss"] = moss = b.case(
        "Moss",
        "North",
        D(2026, 3, 2),
        lead="Ada",
        allocated_on=D(2026, 3, 10),
        status=CaseStatus.CLOSED,
        closed_on=D(2026, 3, 20),
        closure_reason=ClosureReason.DISENGAGED,
    )
    b.referral(moss, " School ", (E,))
    b.sent(moss, at(D(2026, 3, 3), 9), D(2026, 3, 10))
    b.decide(moss, D(2026, 3, 10), OUT.ALLOCATE_LEAD, lead="Ada")
    return cases


def _families_from_before(b: _Builder) -> dict[str, Case]:
    cases = {}
    # Grant: a case closed 30 Jun 2025, then a repeat referral on Mon 20 Apr 2026 (awaiting triage).
    b.case(
        "Grant",
        "North",
        D(2025, 1, 6),
        lead="Ada",
        allocated_on=D(2025, 1, 20),
        status=CaseStatus.CLOSED,
        closed_on=D(2025, 6, 30),
        closure_reason=ClosureReason.NEEDS_MET,
    )
    first = b.s.query(Case).filter(Case.opened_on == D(2025, 1, 6)).one()
    cases["Grant"] = grant = Case(
        reference="N-2026-0099",
        family_id=first.family_id,
        locality_id=first.locality_id,
        status=CaseStatus.AWAITING_TRIAGE,
        opened_on=D(2026, 4, 20),
        is_repeat=True,
        repeat_of_case_id=first.id,
        repeat_within_12_months=True,
    )
    b.s.add(grant)
    b.s.flush()
    b.referral(grant, "School", (HO,))
    # Hill: allocated to Ada in Oct 2025 (outside a meeting), Ben supporting; reviewed on time 13 Mar
    # (education 3, health 5) and late 28 Apr (education 6, health 4, housing 7).
    cases["Hill"] = hill = b.case(
        "Hill", "North", D(2025, 10, 1), lead="Ada", complexity_weight=3.0, allocated_on=D(2025, 10, 15)
    )
    b.s.add(CaseSupporter(case_id=hill.id, professional_id=b.c.people["Ben"], since=D(2025, 11, 1)))
    first_plan = b.plan(hill, 1, PlanStatus.SUPERSEDED, D(2025, 11, 10), D(2026, 3, 16))
    b.review(first_plan, D(2026, 3, 13), {E: 3, H: 5})
    second = b.plan(hill, 2, PlanStatus.SUPERSEDED, D(2026, 3, 13), D(2026, 4, 24))
    b.review(second, D(2026, 4, 28), {E: 6, H: 4, HO: 7})
    b.plan(hill, 3, PlanStatus.AGREED, D(2026, 4, 28), D(2026, 6, 9))
    # Irwin: Ben's since Sep 2025; its review due 20 Mar was never held (overdue); a transition plan 1 Apr.
    cases["Irwin"] = irwin = b.case("Irwin", "North", D(2025, 9, 1), lead="Ben", allocated_on=D(2025, 9, 10))
    b.plan(irwin, 1, PlanStatus.AGREED, D(2025, 9, 30), D(2026, 3, 20))
    b.s.add(
        TransitionPlan(
            case_id=irwin.id,
            locality_id=irwin.locality_id,
            receiving_lead_id=b.c.people["Ben"],
            social_worker_name="A Social Worker",
            social_worker_contact="01632 960000",
            joint_visit_on=D(2026, 4, 2),
            recorded_on=D(2026, 4, 1),
            recorded_by="Test",
        )
    )
    # Jones: Ada's since Jun 2025, closed (needs met) 10 Apr 2026; its plan closed unreviewed.
    cases["Jones"] = jones = b.case(
        "Jones",
        "North",
        D(2025, 6, 1),
        lead="Ada",
        allocated_on=D(2025, 6, 10),
        status=CaseStatus.CLOSED,
        closed_on=D(2026, 4, 10),
        closure_reason=ClosureReason.NEEDS_MET,
    )
    b.plan(jones, 1, PlanStatus.CLOSED, D(2025, 7, 1), D(2026, 4, 15))
    return cases


def built(db) -> Council:
    built = Council(db)
    with db.session() as s:
        builder = _Builder(s, built)
        builder.directory()
        cases = {**_families_of_the_period(builder), **_families_from_before(builder)}
        s.flush()
        built.cases = {name: case.id for name, case in cases.items()}
        built.references = {name: case.reference for name, case in cases.items()}
    return built
