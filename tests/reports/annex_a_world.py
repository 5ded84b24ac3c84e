"""The Annex A council: families, children and Early Help Assessments with known dates, genders and
ethnicities, written as small rows (the assessments' own service refuses
dates in the future, and the lists are about past periods).

North: the Testa family, case N-2025-0001.
- Amara (female, BAFR, born 10/06/2015): assessed with Ben from 12/05/2025,
  completed 20/06/2025, by Education Welfare.
- Ben (male, WBRI, born 31/03/2012): that assessment, and one of his own
  from 15/01/2026, still open, by Family Support.
- Cleo (neither, nothing held about ethnicity, born 29/02/2020): from
  01/04/2025 (the period's first day), completed 30/04/2025.
- Dev (gender not recorded, REFU, born 01/01/2019): from 31/03/2025, the day
  before the period.
- Esi (female, "Mixed" with no code chosen, no date of birth): from
  31/03/2026, the period's last day.
- Fay (not known, CHNE, born 25/12/2010): from 01/04/2026, the day after.
South: the Testb family, case S-2025-0001.
- Gus (male, OOTH, born 07/07/2016): from 01/09/2025, completed 10/10/2025.

The period is 01/04/2025 to 31/03/2026."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from tafdesk.models import (
    Agency,
    AssessmentChild,
    AssessmentNeed,
    Case,
    CaseStatus,
    EarlyHelpAssessment,
    Ethnicity,
    Family,
    Gender,
    Locality,
    MemberRole,
    Membership,
    NeedArea,
    Person,
    Role,
    Sector,
)
from tafdesk.services.actor import Actor

START, END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
D = dt.date


@dataclass(frozen=True)
class Child:
    name: str
    gender: Gender | None
    ethnicity: Ethnicity | None
    wording: str | None
    born: dt.date | None


@dataclass(frozen=True)
class Assessment:
    children: tuple[str, ...]
    started: dt.date
    completed: dt.date | None
    organisation: str


NORTH_CHILDREN = (
    Child("Amara", Gender.FEMALE, Ethnicity.BAFR, "Black African", D(2015, 6, 10)),
    Child("Ben", Gender.MALE, Ethnicity.WBRI, "White British", D(2012, 3, 31)),
    Child("Cleo", Gender.OTHER, None, None, D(2020, 2, 29)),
    Child("Dev", None, Ethnicity.REFU, "Refused", D(2019, 1, 1)),
    Child("Esi", Gender.FEMALE, None, "Mixed", None),
    Child("Fay", Gender.NOT_KNOWN, Ethnicity.CHNE, "Chinese", D(2010, 12, 25)),
)
NORTH_ASSESSMENTS = (
    Assessment(("Amara", "Ben"), D(2025, 5, 12), D(2025, 6, 20), "Education Welfare"),
    Assessment(("Ben",), D(2026, 1, 15), None, "Family Support"),
    Assessment(("Cleo",), D(2025, 4, 1), D(2025, 4, 30), "Education Welfare"),
    Assessment(("Dev",), D(2025, 3, 31), None, "Education Welfare"),
    Assessment(("Esi",), D(2026, 3, 31), None, "Family Support"),
    Assessment(("Fay",), D(2026, 4, 1), None, "Family Support"),
)
SOUTH_CHILDREN = (Child("Gus", Gender.MALE, Ethnicity.OOTH, "Arab", D(2016, 7, 7)),)
SOUTH_ASSESSMENTS = (Assessment(("Gus",), D(2025, 9, 1), D(2025, 10, 10), "Education Welfare"),)


@dataclass
class World:
    db: object
    localities: dict[str, uuid.UUID] = field(default_factory=dict)  # name -> id
    children: dict[str, str] = field(default_factory=dict)  # given name -> reference (Child Unique ID)

    def manager(self, *localities: str, role: Role = Role.LOCALITY_MANAGER) -> Actor:
        return Actor(None, "Nadia Hughes", role, localities=frozenset(self.localities[n] for n in localities))


def add_family(
    s,
    locality: Locality,
    surname: str,
    number: int,
    children: tuple[Child, ...],
    assessments: tuple[Assessment, ...],
    agencies: dict[str, Agency],
) -> dict[str, Person]:
    family = Family(
        reference=f"F-{number:06d}",
        family_name=surname,
        locality_id=locality.id,
        address_line1=f"{number} Any Road",
        postcode="NT1 1AA",
    )
    s.add(family)
    s.flush()
    people = {
        c.name: Person(
            family_id=family.id,
            position=n,
            given_name=c.name,
            family_name=surname,
            date_of_birth=c.born,
            gender=c.gender,
            role=MemberRole.CHILD,
            ethnicity=c.wording,
            ethnicity_code=c.ethnicity,
        )
        for n, c in enumerate(children)
    }
    s.add_all(people.values())
    case = Case(
        reference=f"{locality.code}-2025-{number:04d}",
        family_id=family.id,
        locality_id=locality.id,
        status=CaseStatus.TAF_OPEN,
        opened_on=D(2025, 3, 1),
    )
    s.add(case)
    s.flush()
    for a in assessments:
        agency = agencies[a.organisation]
        s.add(
            EarlyHelpAssessment(
                case_id=case.id,
                started_on=a.started,
                completed_on=a.completed,
                organisation_id=agency.id,
                organisation_name=agency.name,
                whole_family=len(a.children) > 1,
                recorded_by_name="Test Recorder",
                children=[
                    AssessmentChild(person_id=people[name].id, position=n, seen=True)
                    for n, name in enumerate(a.children)
                ],
                needs=[AssessmentNeed(area=NeedArea.EDUCATION, description="Attendance.", level=2)],
            )
        )
    s.flush()
    return people


def agencies_for(s) -> dict[str, Agency]:
    made = {
        name: Agency(name=name, membership=Membership.CORE, sector=Sector.LOCAL_AUTHORITY)
        for name in ("Education Welfare", "Family Support")
    }
    s.add_all(made.values())
    s.flush()
    return made


def build_annex_world(db) -> World:
    world = World(db)
    with db.session() as s:
        north, south = Locality(name="North", code="N"), Locality(name="South", code="S")
        s.add_all([north, south])
        s.flush()
        agencies = agencies_for(s)
        people = add_family(s, north, "Testa", 1, NORTH_CHILDREN, NORTH_ASSESSMENTS, agencies)
        people |= add_family(s, south, "Testb", 2, SOUTH_CHILDREN, SOUTH_ASSESSMENTS, agencies)
        world.localities = {"North": north.id, "South": south.id}
        world.children = {name: p.reference for name, p in people.items()}
    return world
