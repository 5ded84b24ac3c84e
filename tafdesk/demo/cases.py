"""Case histories: open cases led so that caseloads fit capacity, closed cases
with their closure reasons (some decided at the front door, some at a
meeting, most after a Team Around the Family), repeat referrals, and
supporters. referrals.py writes them."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from tafdesk.allocation.caseload import SUPPORT_FRACTION
from tafdesk.allocation.weights import CaseComplexity, case_weight
from tafdesk.demo import texts
from tafdesk.demo.clock import shared_day
from tafdesk.demo.directory import AgencyInfo, Directory, Loc, Pro
from tafdesk.demo.families import FamilyRec, Member
from tafdesk.demo.odds import Odds
from tafdesk.models import (
    CaseStatus,
    ClosureReason,
    DecisionOutcome,
    Level,
    NeedArea,
)
from tafdesk.services.repeats import REPEAT_MONTHS
from tafdesk.services.retention_periods import add_months

A = NeedArea
OPEN = (CaseStatus.TAF_OPEN, CaseStatus.MULTI_AGENCY_PLAN, CaseStatus.WORKING_TOGETHER_MEETING)
# Of each professional's target load, the part they carry as leads; the rest
# is supporting other leads' families (a quarter of a case's weight each).
LEAD_SHARE = 0.7
PREVALENCE = {
    A.FAMILY_RELATIONSHIPS: 16,
    A.HEALTH: 14,
    A.EDUCATION: 14,
    A.FINANCIAL_STABILITY: 12,
    A.HOUSING: 8,
    A.CHILD_SAFETY: 8,
    A.DOMESTIC_ABUSE: 8,
    A.EARLY_YEARS: 8,
    A.CRIME: 6,
    A.SUBSTANCE_USE: 6,
}
CLOSURES = (
    ClosureReason.NEEDS_MET,
    ClosureReason.STEPPED_DOWN,
    ClosureReason.DISENGAGED,
    ClosureReason.MOVED_AWAY,
    ClosureReason.STEPPED_UP,
    ClosureReason.INFORMATION_ADVICE_GUIDANCE,
)
CLOSURE = Odds(CLOSURES, (48, 14, 11, 7, 9, 11))
MORE_NEEDS = Odds((0, 1, 2, 3), (15, 40, 32, 13))  # needs besides the primary one
PRIMARY_LEVEL = Odds((Level.HIGH, Level.MEDIUM, Level.LOW), (45, 45, 10))
OTHER_LEVEL = Odds((Level.HIGH, Level.MEDIUM, Level.LOW), (20, 45, 35))
LOAD_BAND = Odds(((0.15, 0.45), (0.45, 1.05), (1.05, 1.3)), (10, 78, 12))  # of capacity, a professional's target
OPEN_STATUS = Odds(OPEN, (80, 12, 8))
SUPPORTERS = Odds((0, 1, 2, 3), (20, 40, 30, 10))
# Each (area, level) pair made once and shared by every case that has it:
# a hundred thousand families' cases hold a quarter of a million of them.
_NEED = {(area, level): (area, level) for area in NeedArea for level in Level}
DURATION_DAYS = {  # how long a TAF ran before closing for this reason
    ClosureReason.NEEDS_MET: (120, 420),
    ClosureReason.STEPPED_DOWN: (90, 360),
    ClosureReason.DISENGAGED: (30, 180),
    ClosureReason.MOVED_AWAY: (30, 300),
    ClosureReason.STEPPED_UP: (30, 240),
}
HISTORY_YEARS = 7
# A case's status once closed; the front door and the LCMG use the same.
CLOSED_STATUS = {ClosureReason.STEPPED_UP: CaseStatus.STEPPED_UP, ClosureReason.STEPPED_DOWN: CaseStatus.STEPPED_DOWN}
FRONT_DOOR_NOTES = {
    ClosureReason.INFORMATION_ADVICE_GUIDANCE: "Advice given to the referrer about school pastoral support and the local "
    "parenting course; no need for a multi-agency plan.",
    ClosureReason.STEPPED_UP: "Threshold for statutory social care met: passed to the social care front door the same day.",
    ClosureReason.STEPPED_DOWN: "Needs can be met by universal services: signposted to the children's centre and the GP.",
}


@dataclass(slots=True, eq=False)
class CaseRec:
    id: uuid.UUID
    family: FamilyRec
    status: CaseStatus
    lead: Pro | None
    weight: float
    level: int | None
    opened: dt.date  # the referral reached the front door
    decided: dt.date | None  # the LCMG meeting that decided it
    needs: list[tuple[NeedArea, Level]]
    focus: Member
    is_repeat: bool = False
    repeat_within_year: bool = False  # the family's case before it closed in the 12 months before it opened
    closed: dt.date | None = None
    reason: ClosureReason | None = None
    outcome: DecisionOutcome | None = None
    supporters: list[tuple[Pro, dt.date]] = field(default_factory=list)
    reference: str = ""
    front_door_note: str | None = None
    # The newest plan version as written (plans.py): whether agreed, and its
    # outcomes (id, area, need): what a closure assesses.
    plan_agreed: bool = False
    plan_id: uuid.UUID | None = None
    outcomes: tuple[tuple[uuid.UUID, NeedArea, str], ...] = ()

    def __post_init__(self) -> None:
        self.opened, self.decided, self.closed = (
            shared_day(self.opened),
            shared_day(self.decided),
            shared_day(self.closed),
        )

    @property
    def primary(self) -> NeedArea:
        return self.needs[0][0]

    @property
    def end(self) -> dt.date | None:
        return self.closed


def meeting_day(loc: Loc, day: dt.date) -> dt.date:
    """The locality's weekly meeting on or after day."""
    return day + dt.timedelta(days=(loc.spec.meeting_weekday - day.weekday()) % 7)


def need_fits(area: NeedArea, fam: FamilyRec) -> bool:
    ages = fam.child_ages
    if area is A.EARLY_YEARS:
        return fam.expecting or any(a < 5 for a in ages)
    if area is A.EDUCATION:
        return any(4 <= a <= 17 for a in ages)
    if area is A.CHILD_SAFETY:
        return bool(ages)
    return True


def agency_fits(agency: AgencyInfo, fam: FamilyRec) -> bool:
    ages = fam.child_ages
    leads_for = agency.spec.leads_for
    if leads_for == "children":
        return bool(ages) or fam.expecting
    if leads_for == "school_age":
        return any(5 <= a <= 17 for a in ages)
    if leads_for == "young_people":
        return any(10 <= a <= 17 for a in ages)
    return True


def lead_fits(p: Pro, fam: FamilyRec) -> list[NeedArea]:
    """The professional's specialisms that fit the family (none: cannot lead)."""
    if not agency_fits(p.agency, fam):
        return []
    return [a for a in p.specialisms if need_fits(a, fam)]


def _shape(fam: FamilyRec) -> tuple[bool, ...]:
    """What need_fits and agency_fits look at, as a key for caching."""
    ages = fam.child_ages
    return (
        bool(ages),
        fam.expecting,
        any(a < 5 for a in ages),
        any(4 <= a <= 17 for a in ages),
        any(5 <= a <= 17 for a in ages),
        any(10 <= a <= 17 for a in ages),
    )


def historic_leads(directory: Directory, fam: FamilyRec) -> list[tuple[Pro, list[NeedArea]]]:
    """Everyone in the family's locality, past or present, who could have led
    for a family like this, with the specialisms that fit it."""
    key = ("historic leads", fam.loc.id, _shape(fam))
    found = directory.cache.get(key)
    if found is None:
        pairs = ((p, lead_fits(p, fam)) for p in directory.in_locality(fam.loc, active_only=False))
        found = directory.cache[key] = [(p, areas) for p, areas in pairs if areas]
    return found


def choose_needs(rng: random.Random, fam: FamilyRec, primary: NeedArea | None = None) -> list[tuple[NeedArea, Level]]:
    areas = [a for a in PREVALENCE if need_fits(a, fam)]
    if primary is None:
        primary = rng.choices(areas, weights=[PREVALENCE[a] for a in areas])[0]
    chosen = [primary]
    for _ in range(MORE_NEEDS.pick(rng)):
        rest = [a for a in areas if a not in chosen]
        if not rest:
            break
        chosen.append(rng.choices(rest, weights=[PREVALENCE[a] for a in rest])[0])
    levels = [PRIMARY_LEVEL.pick(rng)] + [OTHER_LEVEL.pick(rng) for _ in chosen[1:]]
    return [_NEED[pair] for pair in zip(chosen, levels)]


ADULT_AREAS = (A.HOUSING, A.FINANCIAL_STABILITY, A.DOMESTIC_ABUSE, A.SUBSTANCE_USE)


def focus_member(rng: random.Random, fam: FamilyRec, area: NeedArea, today: dt.date) -> Member:
    """Whom a need in this area is mostly about."""
    kids = fam.children
    if not kids or area in ADULT_AREAS or (area is A.HEALTH and rng.random() < 0.5):
        return fam.carer
    if area is A.EARLY_YEARS:
        return min(kids, key=lambda m: m.age(today) or 0)
    if area is A.EDUCATION:
        school_age = [m for m in kids if 4 <= (m.age(today) or 0) <= 17]
        return rng.choice(school_age or kids)
    if area in (A.CRIME, A.CHILD_SAFETY):
        return max(kids, key=lambda m: m.age(today) or 0)
    return rng.choice(kids)


def weigh(fam: FamilyRec, level: int | None, needs: list[tuple[NeedArea, Level]], repeat: bool) -> float:
    """The case weight as the allocation core works it out (default rules):
    high and medium needs in areas that carry risk count as risks."""
    high = sum(lv is Level.HIGH for _, lv in needs)
    risky = [lv for area, lv in needs if area in texts.RISKS]
    return case_weight(
        CaseComplexity(
            level_of_need=level,
            children=len(fam.children),
            high_needs=high,
            high_risks=sum(lv is Level.HIGH for lv in risky),
            medium_risks=sum(lv is Level.MEDIUM for lv in risky),
            repeat=repeat,
        )
    )


@dataclass(eq=False)
class Caseloads:
    """Each active professional's target load and the load given so far
    (leading, plus a quarter of each case supported, as the app counts it)."""

    target: dict[uuid.UUID, float]
    load: dict[uuid.UUID, float]

    def headroom(self, p: Pro) -> float:
        return self.target.get(p.id, 0.0) - self.load.get(p.id, 0.0)


def plan_repeats(rng: random.Random, families: list[FamilyRec]) -> None:
    """About 15% of families were referred before (one or two earlier cases)."""
    for fam in families:
        fam.earlier = rng.choice((1, 1, 2)) if rng.random() < 0.15 else 0


def allocate_open_cases(
    rng: random.Random, directory: Directory, families: list[FamilyRec], today: dt.date
) -> tuple[list[CaseRec], Caseloads]:
    """Open cases, one per family at most, led so that each active
    professional carries roughly a load they were given as a target
    (mostly 45-105% of capacity) while families last in their locality."""
    pools = {loc.id: [f for f in families if f.loc is loc] for loc in directory.localities}
    allowed = {loc_id: int(len(pool) * 0.7) for loc_id, pool in pools.items()}
    active = [p for p in directory.professionals if p.active]
    target: dict[uuid.UUID, float] = {}
    for p in active:
        if p.on_leave(today) and any(reason == "Maternity leave" for *_, reason in p.leave):
            u = rng.uniform(0.0, 0.15)
        else:
            band = LOAD_BAND.pick(rng)
            u = rng.uniform(*band)
        target[p.id] = p.effective_capacity * u
    lead_target = {key: value * LEAD_SHARE for key, value in target.items()}
    load = dict.fromkeys(target, 0.0)
    order = rng.sample(active, k=len(active))
    cases: list[CaseRec] = []
    busy = True
    while busy:
        busy = False
        for p in order:
            room = lead_target[p.id] - load[p.id]
            if room <= 0.5 or allowed[p.loc.id] <= 0:
                continue
            pool = pools[p.loc.id]
            index = next((i for i, f in enumerate(pool) if lead_fits(p, f)), None)
            if index is None:
                lead_target[p.id] = load[p.id]
                continue
            fam = pool.pop(index)
            allowed[p.loc.id] -= 1
            status = OPEN_STATUS.pick(rng)
            level = 3 if status is CaseStatus.WORKING_TOGETHER_MEETING or rng.random() < 0.5 else 2
            opened = today - dt.timedelta(days=21 + min(560, int(rng.expovariate(1 / 150))))
            primary = rng.choice(lead_fits(p, fam))
            needs = choose_needs(rng, fam, primary)
            weight = weigh(fam, level, needs, fam.earlier > 0)
            case = CaseRec(
                rows_id(rng),
                fam,
                status,
                p,
                weight,
                level,
                opened,
                meeting_day(fam.loc, opened + dt.timedelta(days=7)),
                needs,
                focus_member(rng, fam, primary, today),
                outcome={
                    CaseStatus.TAF_OPEN: DecisionOutcome.ALLOCATE_LEAD,
                    CaseStatus.MULTI_AGENCY_PLAN: DecisionOutcome.MULTI_AGENCY_PLAN,
                    CaseStatus.WORKING_TOGETHER_MEETING: DecisionOutcome.WORKING_TOGETHER_MEETING,
                }[status],
            )
            load[p.id] += weight
            fam.cases.append(case)
            cases.append(case)
            busy = True
    return cases, Caseloads(target, load)


def rows_id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def closed_case(
    rng: random.Random, directory: Directory, fam: FamilyRec, close_by: dt.date, today: dt.date
) -> CaseRec | None:
    """A closed case that closed on or before close_by; None if it would start
    before the demo's history does."""
    reason = CLOSURE.pick(rng)
    # Advice, and some step-ups and step-downs, are decided without a TAF.
    quick = reason is ClosureReason.INFORMATION_ADVICE_GUIDANCE or (
        reason in (ClosureReason.STEPPED_UP, ClosureReason.STEPPED_DOWN) and rng.random() < 0.4
    )
    loc = fam.loc
    lead = None
    note = None
    if quick and rng.random() < 0.6:  # decided at the front door, never reaching a meeting
        opened = close_by - dt.timedelta(days=rng.randint(3, 9))
        decided, closed, primary, outcome = None, opened + dt.timedelta(days=rng.randint(1, 3)), None, None
        note = FRONT_DOOR_NOTES[reason]
    elif quick:  # decided at the LCMG
        opened = close_by - dt.timedelta(days=rng.randint(14, 20))
        decided = meeting_day(loc, opened + dt.timedelta(days=7))
        closed = decided
        primary = None
        outcome = {
            ClosureReason.INFORMATION_ADVICE_GUIDANCE: DecisionOutcome.INFORMATION_ADVICE_GUIDANCE,
            ClosureReason.STEPPED_UP: DecisionOutcome.STEP_UP,
            ClosureReason.STEPPED_DOWN: DecisionOutcome.STEP_DOWN,
        }[reason]
    else:
        low, high = DURATION_DAYS[reason]
        closed = close_by
        opened = closed - dt.timedelta(days=rng.randint(low, high))
        decided = meeting_day(loc, opened + dt.timedelta(days=7))
        candidates = historic_leads(directory, fam)
        if candidates:
            lead, areas = rng.choices(candidates, weights=[3 if p.agency.core else 1 for p, _ in candidates])[0]
            primary = rng.choice(areas)
        else:
            primary = None
        outcome = DecisionOutcome.ALLOCATE_LEAD
    if opened < today - dt.timedelta(days=int(HISTORY_YEARS * 365.25)):
        return None
    needs = choose_needs(rng, fam, primary)
    level = 4 if reason is ClosureReason.STEPPED_UP and quick else 1 if quick else rng.choice((2, 3))
    weight = weigh(fam, level, needs, repeat=False) if lead else 1.0  # repeat is settled in build_histories
    return CaseRec(
        rows_id(rng),
        fam,
        CLOSED_STATUS.get(reason, CaseStatus.CLOSED),
        lead,
        weight,
        level,
        opened,
        decided,
        needs,
        focus_member(rng, fam, needs[0][0], today),
        closed=closed,
        reason=reason,
        outcome=outcome,
        front_door_note=note,
    )


def build_histories(
    rng: random.Random, directory: Directory, families: list[FamilyRec], today: dt.date
) -> list[CaseRec]:
    """Closed cases for every family: one for those with no open case, and
    earlier ones (repeat referrals) for about 15% of all families."""
    cases = []
    for fam in families:
        later = fam.cases[0] if fam.cases else None
        wanted = fam.earlier if later else 1 + fam.earlier
        made: list[CaseRec] = []
        for _ in range(wanted):
            if later is None:
                close_by = today - dt.timedelta(days=int(rng.triangular(7, 6 * 365, 150)))
            else:
                close_by = later.opened - dt.timedelta(days=rng.randint(60, 700))
            case = closed_case(rng, directory, fam, close_by, today)
            if case is None:
                break
            made.append(case)
            later = case
        fam.cases = sorted(fam.cases + made, key=lambda c: c.opened)
        for i, case in enumerate(fam.cases):
            case.is_repeat = i > 0
            case.repeat_within_year = i > 0 and _closed_within_year(fam.cases[i - 1], case)
            if case.lead is not None and case.status not in OPEN:
                case.weight = weigh(fam, case.level, case.needs, case.is_repeat)
        cases.extend(made)
    return cases


def _closed_within_year(before: CaseRec, case: CaseRec) -> bool:
    """As intake marks a repeat referral (services/repeats.py)."""
    closed = before.closed
    return closed is not None and closed <= case.opened <= add_months(closed, REPEAT_MONTHS)


def settle_weights(cases: list[CaseRec], loads: Caseloads) -> None:
    """Open cases' weights once their history (repeat or not) is known."""
    for case in cases:
        if case.status in OPEN and case.lead is not None:
            weight = weigh(case.family, case.level, case.needs, case.is_repeat)
            loads.load[case.lead.id] += weight - case.weight
            case.weight = weight


def add_supporters(rng: random.Random, directory: Directory, case: CaseRec, today: dt.date, loads: Caseloads) -> None:
    """Other agencies' professionals in the TAF. For open cases, those with
    room left in their target load are preferred, and take a quarter of the
    case's weight into their load."""
    if case.lead is None or case.decided is None:
        return
    is_open = case.status in OPEN
    pool = [p for p in directory.in_locality(case.family.loc, active_only=is_open) if p.agency is not case.lead.agency]
    wanted = SUPPORTERS.pick(rng)
    areas = [area for area, _ in case.needs[1:]] + [case.primary]
    agencies_used = {case.lead.agency.name}
    last = min(case.closed or today, today)
    for area in areas:
        if len(case.supporters) >= wanted:
            break
        fitting = [p for p in pool if area in p.specialisms and p.agency.name not in agencies_used]
        if not fitting:
            continue
        if is_open:
            roomy = [q for q in fitting if loads.headroom(q) >= SUPPORT_FRACTION * case.weight]
            if not roomy:
                continue
            p = rng.choices(roomy, weights=[loads.headroom(q) for q in roomy])[0]
            loads.load[p.id] += SUPPORT_FRACTION * case.weight
        else:
            p = rng.choice(fitting)
        agencies_used.add(p.agency.name)
        since = min(case.decided + dt.timedelta(days=rng.randint(0, 28)), last)
        case.supporters.append((p, since))


def words_for(case: CaseRec, lead: Pro | None = None) -> texts.Words:
    fam = case.family
    focus = case.focus
    child = focus if focus.is_child else (fam.children[0] if fam.children else focus)
    return texts.Words(
        child=child.known_as or child.given,
        parent=fam.carer.known_as or fam.carer.given,
        school=child.school or "school",
        lead=who.name if (who := lead or case.lead) else "the lead professional",
    )


def about_child(case: CaseRec, area: NeedArea) -> bool:
    """Whether sentences about this need should name a child."""
    if not case.family.children or area in ADULT_AREAS:
        return False
    return case.focus.is_child if area is A.HEALTH else True
