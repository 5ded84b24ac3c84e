"""A small council for the Supporting Families report, built as rows (every
date chosen by hand), with the counts worked out by hand below.

North and South. The period is April to June 2026 (Q2). Families, by
surname (their references F-A… are in this order):

- Ashdown (North, Tomas leads): assessment EDUCATION+HEALTH, plan (two
  versions) EDUCATION, HEALTH, HOUSING; all three sustained from 1 Oct 2025,
  confirmed in April 2026 (housing's record made against version 1's
  outcome). Claim, possible from 1 Apr 2026.
- Brightwell (North, Tomas): two children's education and health: three
  outcomes but two headline needs. Not eligible, whatever its evidence.
- Carrow (North, Ruth leads, Tomas supports): three needs achieved from
  1 Mar 2026 (recorded 10 Mar). In Q2 waiting for its six months (possible
  from 1 Sep 2026); in Q3 it needs a record made on or after 1 Sep.
- Dunmore (North, Tomas): assessment (not whole-family) EDUCATION, CRIME,
  DOMESTIC_ABUSE; plan EDUCATION (sustained), CRIME (improving). Incomplete:
  the assessment, domestic abuse has no outcome, crime not achieved.
- Elmfield (South, Sipho): a claim, like Ashdown.
- Fairholme (North, Ruth): closed 1 Mar 2026, before Q2, but its sustained
  records were made in May: in Q2, a claim.
- Greystone (North, Ruth): closed 15 Jan 2026 with no record since: not in Q2.
- Hartley (North, Ruth): opened 15 Jul 2026, after Q2: not in Q2.

Q2 by hand: North 4 eligible (Ashdown, Carrow, Dunmore, Fairholme), 2 claims
(Ashdown, Fairholme), 2 incomplete (Carrow only waiting, Dunmore). South 1
eligible, 1 claim. Tomas (leads Ashdown, Brightwell, Dunmore; supports
Carrow): 3 eligible, 1 claim.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from tafdesk.db import Database
from tafdesk.models import (
    Agency,
    AssessmentNeed,
    Case,
    CaseStatus,
    CaseSupporter,
    EarlyHelpAssessment,
    Family,
    Locality,
    Membership,
    NeedArea,
    OutcomeEvidence,
    OutcomeProgress,
    PlanStatus,
    Professional,
    Role,
    Sector,
    TafOutcome,
    TafPlan,
    User,
    UserLocality,
)

Q2 = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
Q3 = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
E, H, HO = NeedArea.EDUCATION, NeedArea.HEALTH, NeedArea.HOUSING
FR, DA, FS, CR = NeedArea.FAMILY_RELATIONSHIPS, NeedArea.DOMESTIC_ABUSE, NeedArea.FINANCIAL_STABILITY, NeedArea.CRIME
SUSTAINED, ACHIEVED, IMPROVING = OutcomeProgress.SUSTAINED, OutcomeProgress.ACHIEVED, OutcomeProgress.IMPROVING

# username -> (role, localities, professional's given name)
USERS = {
    "sf_manager_north": (Role.LOCALITY_MANAGER, ("North",), None),
    "sf_manager_south": (Role.LOCALITY_MANAGER, ("South",), None),
    "sf_support_north": (Role.BUSINESS_SUPPORT, ("North",), None),
    "sf_lead_tomas": (Role.LEAD_PROFESSIONAL, (), "Tomas"),
    "sf_admin": (Role.ADMIN, (), None),
}


@dataclass
class SfWorld:
    db: Database
    localities: dict[str, uuid.UUID] = field(default_factory=dict)
    people: dict[str, uuid.UUID] = field(default_factory=dict)
    cases: dict[str, uuid.UUID] = field(default_factory=dict)  # surname -> case id
    references: dict[str, str] = field(default_factory=dict)  # surname -> family reference
    outcomes: dict[str, list[uuid.UUID]] = field(default_factory=dict)  # surname -> newest plan's outcome ids


def build(db: Database) -> SfWorld:
    w = SfWorld(db)
    with db.session() as s:
        north, south = Locality(name="North", code="N"), Locality(name="South", code="S")
        agency = Agency(name="Family Support", membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY)
        s.add_all([north, south, agency])
        s.flush()
        w.localities = {"North": north.id, "South": south.id}
        staff = (("Tomas", "Okafor", north), ("Ruth", "Adeyemi", north), ("Sipho", "Dlamini", south))
        for given, family_name, locality in staff:
            person = Professional(
                agency_id=agency.id,
                locality_id=locality.id,
                given_name=given,
                family_name=family_name,
                job_title="Family Worker",
            )
            s.add(person)
            s.flush()
            w.people[given] = person.id
        for username, (role, localities, professional) in USERS.items():
            s.add(
                User(
                    username=username,
                    display_name=username.replace("_", " ").title(),
                    role=role,
                    professional_id=w.people.get(professional) if professional else None,
                    localities=[UserLocality(locality_id=w.localities[name]) for name in localities],
                )
            )
    _families(w)
    return w


def _families(w: SfWorld) -> None:
    d = dt.date
    _case(w, "Ashdown", "North", "Tomas", d(2025, 9, 1), assessed=(E, H), planned=(E, H, HO), versions=2)
    _case(w, "Brightwell", "North", "Tomas", d(2025, 9, 1), assessed=(E, H), planned=(E, E, H))
    _case(w, "Carrow", "North", "Ruth", d(2026, 1, 5), assessed=(FR, DA, FS), planned=(FR, DA, FS), supporter="Tomas")
    _case(w, "Dunmore", "North", "Tomas", d(2025, 5, 1), assessed=(E, CR, DA), planned=(E, CR), whole_family=False)
    _case(w, "Elmfield", "South", "Sipho", d(2025, 9, 1), assessed=(E, H), planned=(E, H, HO))
    _case(w, "Fairholme", "North", "Ruth", d(2025, 9, 1), assessed=(E, H, HO), planned=(E, H, HO), closed=d(2026, 3, 1))
    _case(
        w, "Greystone", "North", "Ruth", d(2025, 6, 1), assessed=(E, H, HO), planned=(E, H, HO), closed=d(2026, 1, 15)
    )
    _case(w, "Hartley", "North", "Ruth", d(2026, 7, 15), assessed=(E, H, HO), planned=(E, H, HO))
    october = d(2025, 10, 1)
    first = _first_version_outcomes(w, "Ashdown")
    for outcome in first:  # achieved early on, against version 1
        _record(w, "Ashdown", outcome, ACHIEVED, october, d(2025, 11, 1), "Tomas Okafor")
    _record(w, "Ashdown", w.outcomes["Ashdown"][0], SUSTAINED, october, d(2026, 4, 10), "Ruth Adeyemi")
    _record(w, "Ashdown", w.outcomes["Ashdown"][1], SUSTAINED, october, d(2026, 4, 10), "Ruth Adeyemi")
    _record(w, "Ashdown", first[2], SUSTAINED, october, d(2026, 4, 2), "Tomas Okafor")  # housing, through the chain
    for outcome in w.outcomes["Brightwell"]:
        _record(w, "Brightwell", outcome, SUSTAINED, d(2025, 9, 15), d(2026, 4, 1), "Tomas Okafor")
    for outcome in w.outcomes["Carrow"]:
        _record(w, "Carrow", outcome, ACHIEVED, d(2026, 3, 1), d(2026, 3, 10), "Ruth Adeyemi")
    education, crime = w.outcomes["Dunmore"]
    _record(w, "Dunmore", education, SUSTAINED, d(2025, 6, 1), d(2026, 5, 1), "Tomas Okafor")
    _record(w, "Dunmore", crime, IMPROVING, None, d(2026, 5, 2), "Tomas Okafor")
    for surname, since, recorded in (
        ("Elmfield", october, d(2026, 5, 15)),
        ("Fairholme", october, d(2026, 5, 15)),
        ("Greystone", d(2025, 6, 1), d(2025, 12, 1)),
    ):
        for outcome in w.outcomes[surname]:
            _record(w, surname, outcome, SUSTAINED, since, recorded, "Ruth Adeyemi")


def _case(
    w: SfWorld,
    surname: str,
    locality: str,
    lead: str,
    opened: dt.date,
    *,
    assessed: tuple[NeedArea, ...],
    planned: tuple[NeedArea, ...],
    versions: int = 1,
    whole_family: bool = True,
    closed: dt.date | None = None,
    supporter: str | None = None,
) -> None:
    n = len(w.cases) + 1
    locality_id = w.localities[locality]
    with w.db.session() as s:
        family = Family(
            reference=f"F-{chr(64 + n)}{n:04d}",
            family_name=surname,
            locality_id=locality_id,
            address_line1=f"{n} Test Street",
            postcode=f"NT{n} 1AA",
            postcode_key=f"NT{n}1AA",
        )
        s.add(family)
        s.flush()
        case = Case(
            reference=f"{locality[0]}-2025-{n:04d}",
            family_id=family.id,
            locality_id=locality_id,
            status=CaseStatus.CLOSED if closed else CaseStatus.TAF_OPEN,
            lead_professional_id=w.people[lead],
            opened_on=opened,
            allocated_on=opened,
            closed_on=closed,
        )
        s.add(case)
        s.flush()
        if supporter:
            s.add(CaseSupporter(case_id=case.id, professional_id=w.people[supporter], since=opened))
        s.add(
            EarlyHelpAssessment(
                case_id=case.id,
                started_on=opened + dt.timedelta(days=7),
                completed_on=opened + dt.timedelta(days=14),
                organisation_name="Family Support",
                whole_family=whole_family,
                recorded_by_name="Tomas Okafor",
                needs=[
                    AssessmentNeed(position=i, area=a, description="A need.", level=3) for i, a in enumerate(assessed)
                ],
            )
        )
        previous: list[uuid.UUID | None] = [None] * len(planned)
        for version in range(1, versions + 1):
            plan = TafPlan(
                case_id=case.id,
                plan_version=version,
                status=PlanStatus.AGREED if version == versions else PlanStatus.SUPERSEDED,
                agreed_on=opened + dt.timedelta(days=30 * version),
                outcomes=[
                    TafOutcome(position=i, area=a, need="A need.", outcome_wanted="Better.", copied_from_id=previous[i])
                    for i, a in enumerate(planned)
                ],
            )
            s.add(plan)
            s.flush()
            previous = [o.id for o in plan.outcomes]
        w.cases[surname], w.references[surname] = case.id, family.reference
        w.outcomes[surname] = [o for o in previous if o is not None]


def _first_version_outcomes(w: SfWorld, surname: str) -> list[uuid.UUID]:
    with w.db.reader() as s:
        plan = s.query(TafPlan).filter_by(case_id=w.cases[surname], plan_version=1).one()
        return [o.id for o in plan.outcomes]


def _record(
    w: SfWorld,
    surname: str,
    outcome_id: uuid.UUID,
    progress: OutcomeProgress,
    sustained_from: dt.date | None,
    recorded_on: dt.date,
    by: str,
) -> None:
    with w.db.session() as s:
        outcome = s.get_one(TafOutcome, outcome_id)
        case = s.get_one(Case, w.cases[surname])
        s.add(
            OutcomeEvidence(
                case_id=case.id,
                locality_id=case.locality_id,
                outcome_id=outcome.id,
                area=outcome.area,
                progress=progress,
                evidence="Seen by the team.",
                sustained_from=sustained_from,
                recorded_on=recorded_on,
                recorded_by_name=by,
            )
        )
