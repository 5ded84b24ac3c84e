"""The partnership: three localities, fourteen agencies, about ninety
professionals with their specialisms and leave, and the users who sign in."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from tafdesk.db.rowset import RowSet
from tafdesk.demo import names, places
from tafdesk.demo.scale import DEFAULT, SCALES, Scale
from tafdesk.models import (
    Agency,
    LeavePeriod,
    Locality,
    Membership,
    NeedArea,
    Professional,
    Role,
    Sector,
    Specialism,
    User,
    UserLocality,
)
from tafdesk.models.enums import NEED_AREA_ORDER

A = NeedArea


@dataclass(frozen=True)
class AgencySpec:
    name: str
    short_name: str
    membership: Membership
    sector: Sector
    capacity_per_fte: float
    headcount: int
    senior_title: str
    titles: tuple[str, ...]
    specialisms: tuple[NeedArea, ...]  # the first is what the agency is best known for
    domain: str
    address: tuple[str, str | None, str, str]  # line1, line2, town, postcode
    # Whom the agency's practitioners can lead for: "family", "children"
    # (a child in the household), "school_age" (5 to 17) or "young_people" (10 to 17).
    leads_for: str = "family"


AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec(
        "Family Support",
        "FS",
        Membership.CORE,
        Sector.LOCAL_AUTHORITY,
        24,
        18,
        "Senior Family Support Worker",
        ("Family Support Worker", "Family Practitioner", "Parenting Practitioner"),
        (
            A.FAMILY_RELATIONSHIPS,
            A.FINANCIAL_STABILITY,
            A.EARLY_YEARS,
            A.HOUSING,
            A.CHILD_SAFETY,
            A.DOMESTIC_ABUSE,
            A.EDUCATION,
        ),
        "familysupport.ambervale.example",
        ("Civic Centre", "Market Street", "Middleton Central", "MD1 1AB"),
    ),
    AgencySpec(
        "Health Visiting and School Nursing",
        "HVSN",
        Membership.CORE,
        Sector.HEALTH,
        16,
        10,
        "Team Leader, Health Visiting",
        ("Health Visitor", "School Nurse", "Community Nursery Nurse"),
        (A.EARLY_YEARS, A.HEALTH, A.CHILD_SAFETY),
        "hvsn.ambervale-health.example",
        ("Canal Side Clinic", "Willow Bank", "Middleton Central", "MD4 2HT"),
        leads_for="children",
    ),
    AgencySpec(
        "Police",
        "Police",
        Membership.CORE,
        Sector.POLICE,
        12,
        7,
        "Sergeant, Early Action Team",
        ("Early Intervention Officer", "PCSO, Early Action Team", "Police Constable, Early Action Team"),
        (A.CRIME, A.DOMESTIC_ABUSE, A.CHILD_SAFETY),
        "police.example",
        ("Middleton Central Police Station", "Wharf Street", "Middleton Central", "MD3 7PS"),
    ),
    AgencySpec(
        "Education Welfare",
        "EWS",
        Membership.CORE,
        Sector.EDUCATION,
        18,
        8,
        "Senior Education Welfare Officer",
        ("Education Welfare Officer", "Attendance and Inclusion Officer"),
        (A.EDUCATION, A.CHILD_SAFETY, A.FAMILY_RELATIONSHIPS),
        "ews.ambervale.example",
        ("Civic Centre", "Market Street", "Middleton Central", "MD1 1AB"),
        leads_for="school_age",
    ),
    AgencySpec(
        "Youth Service",
        "Youth",
        Membership.CORE,
        Sector.LOCAL_AUTHORITY,
        16,
        8,
        "Senior Youth Worker",
        ("Youth Worker", "Targeted Youth Support Worker"),
        (A.CRIME, A.CHILD_SAFETY, A.EDUCATION, A.SUBSTANCE_USE),
        "youth.ambervale.example",
        ("The Yard Youth Centre", "Foundry Street", "Northtown", "NT2 5YD"),
        leads_for="young_people",
    ),
    AgencySpec(
        "Housing",
        "Housing",
        Membership.CORE,
        Sector.HOUSING,
        14,
        6,
        "Tenancy Services Team Leader",
        ("Housing Support Officer", "Tenancy Sustainment Officer"),
        (A.HOUSING, A.FINANCIAL_STABILITY),
        "ambervale-homes.example",
        ("Ambervale Homes", "Station Approach", "Middleton Central", "MD5 3HA"),
    ),
    AgencySpec(
        "Schools",
        "Schools",
        Membership.ASSOCIATE,
        Sector.EDUCATION,
        8,
        9,
        "Designated Safeguarding Lead",
        ("Pastoral Lead", "Family Liaison Officer", "SENCO"),
        (A.EDUCATION, A.CHILD_SAFETY, A.HEALTH, A.FAMILY_RELATIONSHIPS),
        "schools.ambervale.example",
        ("Education Services, Civic Centre", "Market Street", "Middleton Central", "MD1 1AB"),
        leads_for="school_age",
    ),
    AgencySpec(
        "Domestic Abuse Service",
        "DAS",
        Membership.ASSOCIATE,
        Sector.VOLUNTARY,
        10,
        4,
        "Domestic Abuse Services Manager",
        ("Domestic Abuse Outreach Worker", "Independent Domestic Violence Adviser"),
        (A.DOMESTIC_ABUSE, A.FAMILY_RELATIONSHIPS, A.CHILD_SAFETY),
        "safeharbour-das.example",
        ("PO Box 4172", None, "Middleton Central", "MD9 9ZZ"),
    ),
    AgencySpec(
        "Fire and Rescue",
        "Fire",
        Membership.ASSOCIATE,
        Sector.FIRE_RESCUE,
        6,
        3,
        "Community Safety Manager",
        ("Home Safety Adviser", "Youth Engagement Officer"),
        (A.CHILD_SAFETY, A.CRIME, A.HOUSING),
        "fire.ambervale.example",
        ("Southbay Fire Station", "Cliff Road", "Southbay", "SB2 4FR"),
    ),
    AgencySpec(
        "Adult Mental Health",
        "AMH",
        Membership.ASSOCIATE,
        Sector.HEALTH,
        8,
        4,
        "Team Manager, Community Mental Health",
        ("Community Mental Health Nurse", "Mental Health Practitioner"),
        (A.HEALTH, A.SUBSTANCE_USE),
        "amh.ambervale-health.example",
        ("Linden Court", "Orchard Crescent", "Middleton Central", "MD2 6LC"),
    ),
    AgencySpec(
        "Substance Misuse",
        "SMS",
        Membership.ASSOCIATE,
        Sector.HEALTH,
        10,
        4,
        "Recovery Team Leader",
        ("Recovery Worker", "Hidden Harm Worker"),
        (A.SUBSTANCE_USE, A.HEALTH, A.CRIME),
        "recovery.ambervale-health.example",
        ("12 Pier Street", None, "Southbay", "SB1 2PS"),
    ),
    AgencySpec(
        "CAMHS",
        "CAMHS",
        Membership.ASSOCIATE,
        Sector.HEALTH,
        8,
        4,
        "CAMHS Team Leader",
        ("Primary Mental Health Worker", "CAMHS Practitioner"),
        (A.HEALTH, A.FAMILY_RELATIONSHIPS),
        "camhs.ambervale-health.example",
        ("Willow Bank Clinic", "Willow Bank", "Middleton Central", "MD4 2HT"),
        leads_for="school_age",
    ),
    AgencySpec(
        "Employment Support",
        "ESS",
        Membership.ASSOCIATE,
        Sector.EMPLOYMENT,
        10,
        3,
        "Employment Support Manager",
        ("Work Coach", "Employment Adviser"),
        (A.FINANCIAL_STABILITY, A.HOUSING),
        "jobs-skills.ambervale.example",
        ("Jobs and Skills Hub", "Market Street", "Middleton Central", "MD1 2JS"),
    ),
    AgencySpec(
        "Harbour Family Trust",
        "Harbour",
        Membership.ASSOCIATE,
        Sector.VOLUNTARY,
        14,
        4,
        "Family Mentoring Coordinator",
        ("Family Mentor", "Volunteer Family Mentor"),
        (A.FAMILY_RELATIONSHIPS, A.EARLY_YEARS, A.FINANCIAL_STABILITY, A.HEALTH),
        "harbourfamilytrust.example",
        ("The Old Chapel", "Chapel Lane", "Northtown", "NT1 4HF"),
    ),
)

FTE_CHOICES = (1.0, 0.8, 0.6, 0.5, 0.4)
FTE_WEIGHTS = (50, 20, 14, 10, 6)


@dataclass(eq=False)
class Loc:
    id: uuid.UUID
    spec: places.LocalitySpec

    @property
    def name(self) -> str:
        return self.spec.name


@dataclass(eq=False)
class AgencyInfo:
    id: uuid.UUID
    spec: AgencySpec

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def core(self) -> bool:
        return self.spec.membership is Membership.CORE


@dataclass(eq=False)
class Pro:
    id: uuid.UUID
    agency: AgencyInfo
    loc: Loc
    given: str
    family: str
    title: str
    fte: float
    capacity: float | None
    specialisms: tuple[NeedArea, ...]
    active: bool = True
    leave: list[tuple[dt.date, dt.date, str]] = field(default_factory=list)
    email: str = ""
    phone: str = ""

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def effective_capacity(self) -> float:
        return self.capacity if self.capacity is not None else self.fte * self.agency.spec.capacity_per_fte

    def on_leave(self, day: dt.date) -> bool:
        return any(start <= day <= end for start, end, _ in self.leave)


@dataclass(eq=False)
class Directory:
    localities: list[Loc]
    agencies: list[AgencyInfo]
    professionals: list[Pro]
    users: dict[str, uuid.UUID] = field(default_factory=dict)
    managers: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # locality id -> user id
    business_support: list[uuid.UUID] = field(default_factory=list)
    support_for: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # locality id -> business support's user id
    lead_logins: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # professional id -> their user id
    usernames: dict[uuid.UUID, str] = field(default_factory=dict)  # user id -> username
    display_names: dict[uuid.UUID, str] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # lookups the generator repeats

    def agency(self, name: str) -> AgencyInfo:
        return next(a for a in self.agencies if a.name == name)

    def in_locality(self, loc: Loc, *, active_only: bool = True) -> list[Pro]:
        return [p for p in self.professionals if p.loc is loc and (p.active or not active_only)]


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=7 - today.weekday())


def build_directory(
    rng: random.Random,
    rows: RowSet,
    today: dt.date,
    existing_usernames: set[str],
    password_hash: str | None = None,
    scale: Scale = SCALES[DEFAULT],
) -> Directory:
    """The localities, agencies, professionals and users (each with
    password_hash: SQLite's; a server checks passwords itself), as many as
    the scale says."""
    localities = [
        Loc(
            rows.add(
                Locality,
                name=s.name,
                code=s.code,
                default_venue=s.venue,
                meeting_weekday=s.meeting_weekday,
                meeting_time=dt.time(*s.meeting_time),
            ),
            s,
        )
        for s in scale.localities
    ]
    agencies = []
    for spec in AGENCIES:
        line1, line2, town, postcode = spec.address
        agency_id = rows.add(
            Agency,
            name=spec.name,
            short_name=spec.short_name,
            membership=spec.membership,
            sector=spec.sector,
            capacity_per_fte=float(spec.capacity_per_fte),
            address_line1=line1,
            address_line2=line2,
            town=town,
            postcode=postcode,
            phone=places.landline(rng),
            email=f"referrals@{spec.domain}",
            active=True,
        )
        agencies.append(AgencyInfo(agency_id, spec))
    directory = Directory(localities, agencies, _professionals(rng, rows, agencies, localities, scale.staff_multiple))
    _leave_and_leavers(rng, directory.professionals, today)
    for p in directory.professionals:
        rows.add(
            Professional,
            id=p.id,
            agency_id=p.agency.id,
            locality_id=p.loc.id,
            given_name=p.given,
            family_name=p.family,
            job_title=p.title,
            fte=p.fte,
            capacity=p.capacity,
            email=p.email,
            phone=p.phone,
            active=p.active,
        )
        for area in p.specialisms:
            rows.add(Specialism, professional_id=p.id, area=area)
        for start, end, reason in p.leave:
            rows.add(LeavePeriod, professional_id=p.id, starts_on=start, ends_on=end, reason=reason)
    _users(rng, rows, directory, today, existing_usernames, password_hash)
    return directory


def _professionals(
    rng: random.Random, rows: RowSet, agencies: list[AgencyInfo], localities: list[Loc], multiple: int
) -> list[Pro]:
    pros: list[Pro] = []
    emails: set[str] = set()
    for agency in agencies:
        spec = agency.spec
        offset = rng.randrange(len(localities))
        for i in range(spec.headcount * multiple):
            loc = localities[(offset + i) % len(localities)]
            given, family = names.any_person_name(rng)
            title = spec.senior_title if i < len(localities) else rng.choice(spec.titles)
            pool = list(spec.specialisms)
            first = pool[0] if rng.random() < 0.6 else rng.choice(pool)
            others = [a for a in pool if a != first]
            chosen = [first, *rng.sample(others, k=min(len(others), rng.choice((0, 1, 1, 2))))]
            fte = rng.choices(FTE_CHOICES, weights=FTE_WEIGHTS)[0]
            pros.append(
                Pro(
                    rows.new_id(),
                    agency,
                    loc,
                    given,
                    family,
                    title,
                    fte,
                    None,
                    tuple(sorted(chosen, key=NEED_AREA_ORDER.__getitem__)),
                    phone=places.mobile(rng),
                )
            )
    # Make sure the showcase names are there whatever the seed.
    for (key, female, shown_given, shown_surname), p in zip(names.SHOWCASE, rng.sample(pros, k=len(names.SHOWCASE))):
        heritage = names.HERITAGE_BY_KEY[key]
        p.given = shown_given or rng.choice(heritage.female if female else heritage.male)
        p.family = names.gendered(shown_surname or heritage.surname(rng), female)
    for p in rng.sample(pros, k=3):  # newly qualified: a protected caseload
        p.capacity = round(p.effective_capacity * 0.5, 1)
    for p in pros:
        local = f"{names.ascii_fold(p.given)}.{names.ascii_fold(p.family)}".lower()
        email, n = f"{local}@{p.agency.spec.domain}", 1
        while email in emails:
            n += 1
            email = f"{local}{n}@{p.agency.spec.domain}"
        emails.add(email)
        p.email = email
    return pros


def _leave_and_leavers(rng: random.Random, pros: list[Pro], today: dt.date) -> None:
    monday = next_monday(today)
    chosen = rng.sample(pros, k=min(len(pros), 17))
    away_next_week, other_leave, leavers = chosen[:4], chosen[4:14], chosen[14:]
    reasons = ("Annual leave", "Training course", "Sick leave", "Maternity leave")
    for p, reason in zip(away_next_week, reasons):
        if reason == "Maternity leave":
            start = today - dt.timedelta(days=rng.randint(40, 160))
            p.leave.append((start, start + dt.timedelta(days=273), reason))
        else:
            start = monday - dt.timedelta(days=rng.randint(0, 6))
            p.leave.append((start, monday + dt.timedelta(days=rng.randint(4, 11)), reason))
    for p in other_leave:
        if rng.random() < 0.5:
            start = today - dt.timedelta(days=rng.randint(20, 150))
        else:
            start = monday + dt.timedelta(days=rng.randint(10, 70))
        reason = rng.choice(("Annual leave", "Annual leave", "Training course"))
        p.leave.append((start, start + dt.timedelta(days=rng.randint(2, 13)), reason))
    for p in leavers:
        p.active = False


def _halves(localities: Sequence[Loc]) -> tuple[Sequence[Loc], Sequence[Loc]]:
    """Business support's localities: each officer serves half the council (both the one, if it has one)."""
    middle = max(1, (len(localities) + 1) // 2)
    return localities[:middle], localities[middle:] or localities[:middle]


def _users(
    rng: random.Random, rows: RowSet, directory: Directory, today: dt.date, taken: set[str], password_hash: str | None
) -> None:
    def add(
        username: str, display: str, role: Role, *, professional: Pro | None = None, locs: Sequence[Loc] = ()
    ) -> uuid.UUID | None:
        if username.lower() in taken:  # an account made before the demo, e.g. the first admin
            return None
        user_id = rows.add(
            User,
            username=username,
            display_name=display,
            role=role,
            professional_id=professional.id if professional else None,
            password_hash=password_hash,
        )
        for loc in locs:
            rows.add(UserLocality, user_id=user_id, locality_id=loc.id)
        directory.users[username] = user_id
        directory.display_names[user_id] = display
        directory.usernames[user_id] = username
        if professional is not None:
            directory.lead_logins[professional.id] = user_id
        return user_id

    add("admin", "Demo Administrator", Role.ADMIN)
    for loc in directory.localities:
        given, family = names.any_person_name(rng)
        user_id = add(f"manager.{loc.name.lower()}", f"{given} {family}", Role.LOCALITY_MANAGER, locs=[loc])
        if user_id:
            directory.managers[loc.id] = user_id
    halves = _halves(directory.localities)
    for n in (1, 2):
        given, family = names.any_person_name(rng)
        user_id = add(f"support{n}", f"{given} {family}", Role.BUSINESS_SUPPORT, locs=halves[n - 1])
        if user_id:
            directory.business_support.append(user_id)
            for loc in halves[n - 1]:
                directory.support_for.setdefault(loc.id, user_id)
    week = [next_monday(today) + dt.timedelta(days=d) for d in range(5)]
    for loc in directory.localities:
        candidates = [
            p
            for p in directory.in_locality(loc)
            if p.agency.core and p.capacity is None and not any(p.on_leave(d) for d in week)
        ]
        family_support = [p for p in candidates if p.agency.name == "Family Support"]
        others = [p for p in candidates if p.agency.name != "Family Support"]
        for n, p in enumerate(family_support[:1] + others[:1], start=1):
            add(f"lead.{loc.name.lower()}{n}", p.name, Role.LEAD_PROFESSIONAL, professional=p)
