"""Families and their members: carers, children with birth dates that fit their
parents', non-resident parents, adult relatives and the odd expected baby."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from tafdesk.db.rowset import RowSet
from tafdesk.demo import names, places
from tafdesk.demo.clock import shared_day
from tafdesk.demo.directory import Loc
from tafdesk.demo.odds import Odds
from tafdesk.intake.ethnicity import code_for
from tafdesk.models import Ethnicity, Family, Gender, MemberRole, Person

YEAR = 365.25
SIZE = Odds((2, 3, 4, 5, 6, 7), (22, 30, 24, 14, 7, 3))
KIND = Odds(("single_mother", "couple", "stepfamily", "single_father", "kinship"), (40, 28, 14, 9, 9))
CHILD_DISABILITIES = (
    "Autistic spectrum condition",
    "ADHD (diagnosed)",
    "Speech and language delay",
    "Hearing impairment",
    "Type 1 diabetes",
    "Global developmental delay",
)
ADULT_DISABILITIES = ("Depression and anxiety", "Learning disability", "Long-term back injury", "Visual impairment")
MIXED = "Mixed or multiple ethnic groups"


@dataclass(slots=True, eq=False)
class Member:
    given: str
    family: str
    role: MemberRole
    gender: Gender
    relationship: str | None
    dob: dt.date | None = None
    expected: dt.date | None = None
    lives: bool = True
    school: str | None = None
    ethnicity: str | None = None
    language: str | None = None
    disability: str | None = None
    known_as: str | None = None
    id: uuid.UUID | None = None
    base: str = ""  # the surname as listed, with both forms ("Kowalski|Kowalska")

    def __post_init__(self) -> None:
        self.dob, self.expected = shared_day(self.dob), shared_day(self.expected)

    def age(self, today: dt.date) -> int | None:
        if self.dob is None:
            return None
        return today.year - self.dob.year - ((today.month, today.day) < (self.dob.month, self.dob.day))

    @property
    def is_child(self) -> bool:
        return self.role in (MemberRole.CHILD, MemberRole.YOUNG_PERSON)


@dataclass(slots=True, eq=False)
class FamilyRec:
    id: uuid.UUID
    reference: str
    name: str
    loc: Loc
    address: tuple[str, str | None, str, str]
    phone: str | None
    language: str
    interpreter: bool
    members: list[Member]
    child_ages: tuple[int, ...] = ()  # born children in the household
    expecting: bool = False
    cases: list = field(default_factory=list)
    earlier: int = 0  # cases before the latest (repeat referrals), planned up front
    children: tuple[Member, ...] = field(init=False)  # born children in the household (members never change)

    def __post_init__(self) -> None:
        self.children = tuple(m for m in self.members if m.is_child and m.lives and m.dob is not None)

    @property
    def carer(self) -> Member:
        return self.members[0]


def make_family(rng: random.Random, rows: RowSet, loc: Loc, reference: str, today: dt.date) -> FamilyRec:
    """A family in memory (ids included); write it with write_family."""
    h = names.pick_heritage(rng)
    partner_h = h if rng.random() < 0.85 else names.pick_heritage(rng)
    kind = KIND.pick(rng)
    size = SIZE.pick(rng)
    carers: list[Member] = []
    extras: list[Member] = []
    used: set[str] = set()  # no two people in a family share a first name

    def adult(
        heritage: names.Heritage,
        female: bool,
        age: float,
        role: MemberRole,
        rel: str,
        surname: str | None = None,
        lives: bool = True,
    ) -> Member:
        given = _first_name(rng, heritage, female, used)
        base = surname or heritage.surname(rng)
        m = Member(
            given,
            names.gendered(base, female),
            role,
            Gender.FEMALE if female else Gender.MALE,
            rel,
            lives=lives,
            dob=today - dt.timedelta(days=int(age * YEAR) + rng.randint(0, 364)),
            ethnicity=heritage.ethnicity,
            language=rng.choice(heritage.languages),
            base=base,
        )
        if rng.random() < 0.05:
            m.disability = rng.choice(ADULT_DISABILITIES)
        return m

    child_surnames: list[str]
    if kind == "kinship":
        gran = adult(h, True, rng.uniform(44, 68), MemberRole.CARER, "maternal grandmother")
        carers.append(gran)
        mother_age = (gran.age(today) or 50) - rng.uniform(18, 28)
        birth_parent = adult(h, True, mother_age, MemberRole.PARENT, "mother", gran.base, lives=False)
        if rng.random() < 0.6:
            extras.append(birth_parent)
        child_surnames = [gran.base if rng.random() < 0.6 else partner_h.surname(rng)]
    elif kind == "single_father":
        dad = adult(h, False, rng.triangular(22, 56, 36), MemberRole.PARENT, "father")
        carers.append(dad)
        birth_parent = dad
        child_surnames = [dad.base]
        if rng.random() < 0.3:
            mum_age = (dad.age(today) or 30) - rng.uniform(-2, 6)
            extras.append(adult(partner_h, True, mum_age, MemberRole.PARENT, "mother", lives=False))
    else:
        mum = adult(h, True, rng.triangular(19, 50, 31), MemberRole.PARENT, "mother")
        carers.append(mum)
        birth_parent = mum
        father_age = (mum.age(today) or 30) + rng.uniform(-2, 8)
        if kind == "couple":
            dad = adult(partner_h, False, father_age, MemberRole.PARENT, "father")
            if rng.random() < 0.6:
                mum.base, mum.family = dad.base, names.gendered(dad.base, True)
            carers.append(dad)
            child_surnames = [dad.base]
        else:
            father_surname = partner_h.surname(rng)
            child_surnames = [mum.base if rng.random() < 0.55 else father_surname]
            if kind == "stepfamily":
                step = adult(
                    names.pick_heritage(rng) if rng.random() < 0.3 else h,
                    False,
                    father_age + rng.uniform(-4, 4),
                    MemberRole.CARER,
                    rng.choice(("step-father", "mother's partner")),
                )
                carers.append(step)
                child_surnames.append(step.base)  # a younger half-sibling may take it
            if rng.random() < 0.45:
                extras.append(
                    adult(partner_h, False, father_age, MemberRole.PARENT, "father", father_surname, lives=False)
                )
        if rng.random() < 0.08:
            extras.append(_adult_relative(rng, h, mum, today, used))
    mixed = partner_h is not h and kind in ("couple", "single_mother", "stepfamily")
    expecting = (
        kind in ("single_mother", "couple", "stepfamily") and (carers[0].age(today) or 99) <= 40 and rng.random() < 0.07
    )
    room = max(1, size - len(carers) - len(extras) - int(expecting))
    children = _children(rng, h, birth_parent, room, today, child_surnames, kind, mixed, loc, used)
    members = carers + children + extras
    if expecting and len(members) < 7:
        members.append(
            Member(
                "Unborn baby",
                carers[0].family,
                MemberRole.CHILD,
                Gender.NOT_KNOWN,
                "unborn baby",
                expected=today + dt.timedelta(days=rng.randint(20, 190)),
            )
        )
    members = members[:7]
    for m in members:
        m.id = uuid.UUID(int=rows.new_id().int)  # written once: no need to keep its text (see RowSet.new_id)
        if m.given in names.KNOWN_AS and rng.random() < 0.4:
            m.known_as = names.KNOWN_AS[m.given]
    lead = carers[0]
    language = lead.language or "English"
    phone_roll = rng.random()
    phone = places.mobile(rng) if phone_roll < 0.85 else places.landline(rng) if phone_roll < 0.95 else None
    fam = FamilyRec(
        rows.new_id(),
        reference,
        lead.family,
        loc,
        places.home_address(rng, loc.spec),
        phone,
        language,
        language != "English" and rng.random() < h.interpreter_share,
        members,
    )
    fam.child_ages = tuple(m.age(today) or 0 for m in fam.children)
    fam.expecting = any(m.expected for m in members)
    return fam


def _first_name(rng: random.Random, heritage: names.Heritage, female: bool, used: set[str]) -> str:
    pool = heritage.female if female else heritage.male
    free = [n for n in pool if n not in used]
    given = rng.choice(free or pool)
    used.add(given)
    return given


def _adult_relative(rng: random.Random, h: names.Heritage, mum: Member, today: dt.date, used: set[str]) -> Member:
    mum_age = mum.age(today) or 35
    female = rng.random() < 0.5
    given, base = _first_name(rng, h, female, used), h.surname(rng)
    if mum_age >= 37 and rng.random() < 0.5:
        age, rel, base = rng.uniform(18, min(24, mum_age - 18)), "daughter" if female else "son", mum.base
    elif rng.random() < 0.5:
        age, rel = mum_age + rng.uniform(19, 28), "maternal grandmother" if female else "maternal grandfather"
    else:
        age, rel = mum_age + rng.uniform(-8, 8), "maternal aunt" if female else "maternal uncle"
    m = Member(
        given,
        names.gendered(base, female),
        MemberRole.ADULT,
        Gender.FEMALE if female else Gender.MALE,
        rel,
        dob=today - dt.timedelta(days=int(age * YEAR) + rng.randint(0, 364)),
        ethnicity=h.ethnicity,
        language=rng.choice(h.languages),
        base=base,
    )
    return m


def _children(
    rng: random.Random,
    h: names.Heritage,
    parent: Member,
    count: int,
    today: dt.date,
    surnames: list[str],
    kind: str,
    mixed: bool,
    loc: Loc,
    used: set[str],
) -> list[Member]:
    parent_days = (today - parent.dob).days if parent.dob else int(30 * YEAR)
    oldest_cap = min(int(17.9 * YEAR), parent_days - int(17 * YEAR))
    youngest_floor = max(0, parent_days - int(43 * YEAR))
    if oldest_cap < youngest_floor:
        oldest_cap = youngest_floor
    spec = loc.spec
    primary, secondary = rng.choice(spec.primary_schools), rng.choice(spec.secondary_schools)
    nursery = rng.choice(spec.nurseries)
    days = rng.randint(max(youngest_floor, oldest_cap // 3), oldest_cap)
    kids: list[Member] = []
    for i in range(count):
        if days < 0:
            break
        female = rng.random() < 0.5
        given = _first_name(rng, h, female, used)
        surname = (
            surnames[-1] if len(surnames) > 1 and i == count - 1 and count > 1 and rng.random() < 0.5 else surnames[0]
        )
        dob = today - dt.timedelta(days=days)
        age = int(days / YEAR)
        gender = Gender.FEMALE if female else Gender.MALE
        if age >= 14 and rng.random() < 0.02:
            gender = Gender.OTHER
        grand = kind == "kinship"
        rel = ("granddaughter" if female else "grandson") if grand else ("daughter" if female else "son")
        child = Member(
            given,
            names.gendered(surname, female),
            MemberRole.YOUNG_PERSON if age >= 13 else MemberRole.CHILD,
            gender,
            rel,
            dob=dob,
            ethnicity=MIXED if mixed else h.ethnicity,
            language="English" if rng.random() < 0.7 else parent.language,
            school=_setting(rng, age, primary, secondary, nursery),
            base=surname,
        )
        if rng.random() < 0.07:
            child.disability = rng.choice(CHILD_DISABILITIES)
        kids.append(child)
        days -= 0 if rng.random() < 0.03 else rng.randint(330, 2200)  # twins now and then
        if days < 0 and i < count - 1 and rng.random() < 0.5:
            days = rng.randint(0, 200)
    return kids


def _setting(rng: random.Random, age: int, primary: str, secondary: str, nursery: str) -> str | None:
    if age < 2:
        return None
    if age < 4:
        return nursery if rng.random() < 0.65 else None
    if age < 11:
        return primary
    if age < 16:
        return secondary
    return places.COLLEGE if rng.random() < 0.75 else None


_CODES: dict[str | None, Ethnicity | None] = {}


def _code(wording: str | None) -> Ethnicity | None:
    """The DfE code as intake maps the wording (intake/ethnicity.py): "Mixed or
    multiple ethnic groups" says no one code, and waits for a person to choose."""
    if wording not in _CODES:
        _CODES[wording] = code_for(wording)
    return _CODES[wording]


def write_family(rows: RowSet, fam: FamilyRec) -> None:
    line1, line2, town, postcode = fam.address
    rows.add(
        Family,
        id=fam.id,
        reference=fam.reference,
        family_name=fam.name,
        locality_id=fam.loc.id,
        address_line1=line1,
        address_line2=line2,
        town=town,
        postcode=postcode,
        phone=fam.phone,
        language=fam.language,
        interpreter_needed=fam.interpreter,
    )
    for position, m in enumerate(fam.members):
        rows.add(
            Person,
            id=m.id,
            family_id=fam.id,
            position=position,
            given_name=m.given,
            family_name=m.family,
            known_as=m.known_as,
            date_of_birth=m.dob,
            expected_date=m.expected,
            gender=m.gender,
            role=m.role,
            relationship=m.relationship,
            lives_in_household=m.lives,
            school_or_setting=m.school,
            ethnicity=m.ethnicity,
            ethnicity_code=_code(m.ethnicity),
            first_language=m.language,
            disability=m.disability,
        )
