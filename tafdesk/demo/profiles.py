"""The 360-degree profiles waiting for next week's meetings.

Each is built first as a profile360-v1 document (which validates against the
contract), then stored as the importer would: Referral, Profile360 and its
child rows (see profile_rows), with a case waiting for triage, waiting for the
meeting, or deferred at last week's meeting. A few are repeat referrals of
families the council already knows; one of those was typed with a slip in the
surname and so arrived as a new family: a duplicate for triage to spot.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tafdesk.db.rowset import RowSet
from tafdesk.demo import names, places, texts
from tafdesk.demo.cases import CaseRec, choose_needs, focus_member, rows_id, words_for
from tafdesk.demo.clock import uk_time
from tafdesk.demo.directory import Directory
from tafdesk.demo.families import FamilyRec, Member
from tafdesk.demo.meetings import last_meeting_date
from tafdesk.demo.referrals import consent_giver, make_referrer, referral_reason
from tafdesk.models import CaseStatus, DecisionOutcome, Gender, Level, MemberRole, NeedArea, Pathway

A = NeedArea
FORMAT = "tafdesk.profile360/1"
# The directory agency most likely to know a family about each need.
AGENCY_FOR_NEED = {
    A.EDUCATION: "Education Welfare",
    A.EARLY_YEARS: "Health Visiting and School Nursing",
    A.HEALTH: "CAMHS",
    A.SUBSTANCE_USE: "Substance Misuse",
    A.FAMILY_RELATIONSHIPS: "Harbour Family Trust",
    A.CHILD_SAFETY: "Police",
    A.CRIME: "Police",
    A.DOMESTIC_ABUSE: "Domestic Abuse Service",
    A.HOUSING: "Housing",
    A.FINANCIAL_STABILITY: "Employment Support",
}
LEAD_FOR_NEED = {
    A.FAMILY_RELATIONSHIPS: "Family Support",
    A.CHILD_SAFETY: "Family Support",
    A.HEALTH: "Family Support",
    A.DOMESTIC_ABUSE: "Family Support",
    A.CRIME: "Youth Service",
    A.SUBSTANCE_USE: "Family Support",
}
SOURCES = {
    "Police": "Police records",
    "Schools": "School attendance data",
    "Education Welfare": "Education system",
    "Health Visiting and School Nursing": "Child health record",
    "Housing": "Housing management system",
}
RESTRICTED = {"Police": 0.7, "Domestic Abuse Service": 1.0, "Adult Mental Health": 0.5, "Substance Misuse": 0.5}


@dataclass(eq=False)
class Waiting:
    case: CaseRec
    doc: dict
    compiled_at: dt.datetime
    members: list[Member]  # the family's people, in the document's order
    new_family: bool
    maybe_same_as: FamilyRec | None = None  # a known family the importer would ask about


def plan_statuses(count: int, rng: random.Random) -> list[CaseStatus]:
    deferred = 2 if count >= 10 else 0
    triage = max(0, round((count - deferred) * 0.28))
    statuses = [CaseStatus.DEFERRED] * deferred + [CaseStatus.AWAITING_TRIAGE] * triage
    return statuses + [CaseStatus.AWAITING_MEETING] * (count - len(statuses))


def build_waiting(
    rng: random.Random,
    rows: RowSet,
    directory: Directory,
    today: dt.date,
    new_families: list[FamilyRec],
    repeats: list[FamilyRec],
    duplicate_of: FamilyRec | None,
    duplicate_reference: str = "",
) -> list[Waiting]:
    """Profiles for new families, repeat referrals of known families, and the
    mistyped duplicate (made here, added to new_families)."""
    officers = [
        (f"{g} {f}", role)
        for (g, f), role in zip(
            (names.any_person_name(rng) for _ in range(3)),
            ("Access Team Officer", "Access Team Officer", "Senior Access Team Officer"),
        )
    ]
    jobs: list[tuple[FamilyRec, bool, CaseStatus]] = []
    statuses = plan_statuses(len(new_families) + len(repeats) + (duplicate_of is not None), rng)
    dup = None
    if duplicate_of is not None:
        dup = _duplicate(rng, rows, duplicate_of, duplicate_reference, today)
        jobs.append((dup, False, CaseStatus.AWAITING_TRIAGE))
        _take(statuses, CaseStatus.AWAITING_TRIAGE)
    for fam in repeats:
        jobs.append((fam, True, _take(statuses, CaseStatus.AWAITING_MEETING)))
    for fam, status in zip(new_families, statuses):
        jobs.append((fam, False, status))
    if dup is not None:
        new_families.append(dup)
    typo_done = False
    result = []
    for fam, repeat, status in jobs:
        slip = repeat and not typo_done
        typo_done = typo_done or slip
        result.append(_waiting(rng, directory, fam, repeat, status, today, officers, slip))
        if fam is dup:
            result[-1].maybe_same_as = duplicate_of
    result.sort(key=lambda w: (w.compiled_at, w.case.id))
    number = rng.randint(300, 900)
    for w in result:
        number += rng.randint(1, 4)
        w.doc["profile_id"] = f"ESAT-{w.compiled_at.year}-{number:05d}"
    return result


def _take(statuses: list[CaseStatus], wanted: CaseStatus) -> CaseStatus:
    status = wanted if wanted in statuses else statuses[-1]
    statuses.remove(status)
    return status


def can_be_duplicated(fam: FamilyRec, today: dt.date) -> bool:
    carer = fam.carer
    return carer.gender.value == "female" and carer.role.value == "parent" and (carer.age(today) or 99) <= 40


def _duplicate(rng: random.Random, rows: RowSet, fam: FamilyRec, reference: str, today: dt.date) -> FamilyRec:
    """A known mother referred again by her midwife: she has moved, is
    expecting, and her surname was mistyped, so the importer could not be
    sure it was her and made a new family (with a match to confirm)."""
    mother = copy.copy(fam.carer)
    mother.id = rows.new_id()
    mother.family = names.misspell(rng, mother.family)
    baby = Member(
        "Unborn baby",
        mother.family,
        MemberRole.CHILD,
        Gender.NOT_KNOWN,
        "unborn baby",
        expected=today + dt.timedelta(days=rng.randint(40, 150)),
        id=rows.new_id(),
    )
    address = fam.address
    while address[3] == fam.address[3]:
        address = places.home_address(rng, fam.loc.spec)
    return FamilyRec(
        rows.new_id(),
        reference,
        mother.family,
        fam.loc,
        address,
        places.mobile(rng),
        fam.language,
        fam.interpreter,
        [mother, baby],
        (),
        True,
    )


def _waiting(
    rng: random.Random,
    directory: Directory,
    fam: FamilyRec,
    repeat: bool,
    status: CaseStatus,
    today: dt.date,
    officers: list[tuple[str, str]],
    slip: bool,
) -> Waiting:
    loc = fam.loc
    decided = None
    if status is CaseStatus.DEFERRED:
        decided = last_meeting_date(loc, today)
        received = decided - dt.timedelta(days=rng.randint(8, 16))
        compiled_on = received + dt.timedelta(days=rng.randint(1, 3))
    elif status is CaseStatus.AWAITING_MEETING:
        received = today - dt.timedelta(days=rng.randint(3, 12))
        compiled_on = min(today, received + dt.timedelta(days=rng.randint(1, 3)))
    else:
        received = today - dt.timedelta(days=rng.randint(0, 4))
        compiled_on = min(today, received + dt.timedelta(days=rng.randint(0, 2)))
    compiled_at = uk_time(compiled_on, rng.randint(9, 16), rng.choice((0, 10, 15, 20, 30, 40, 45, 50)))
    needs = choose_needs(rng, fam)
    if len(needs) == 1:
        needs = choose_needs(rng, fam, needs[0][0])
    focus = focus_member(rng, fam, needs[0][0], today)
    level = 3 if sum(lv is Level.HIGH for _, lv in needs) >= 2 or len(needs) >= 4 else 2
    case = CaseRec(
        rows_id(rng),
        fam,
        status,
        None,
        1.0,
        level,
        received,
        decided,
        needs,
        focus,
        is_repeat=repeat,
        outcome=DecisionOutcome.DEFER if decided else None,
    )
    members = list(fam.members)
    refs = _member_refs(members)
    people = [_person(m, refs[id(m)]) for m in members]
    if slip:
        victim = next((p for p in people if p["role"] in ("child", "young_person")), people[0])
        victim["first_name"] = names.misspell(rng, victim["first_name"])
    words = words_for(case)
    officer, officer_role = rng.choice(officers)
    doc = {
        "format": FORMAT,
        "profile_id": "",
        "compiled_at": compiled_at.isoformat(),
        "compiled_by": {
            "name": officer,
            "role": officer_role,
            "agency": places.ACCESS_TEAM,
            "email": places.ACCESS_TEAM_EMAIL,
            "phone": "01632 960100",
        },
        "locality": loc.name,
        "referral": {
            "received_on": received.isoformat(),
            "referrer": _contact(make_referrer(rng, directory, case)),
            "reason": referral_reason(rng, case),
            "consent": _consent(rng, fam, received, today),
        },
        "family": _family(fam, people),
        "needs": [
            dict(
                zip(
                    ("area", "level", "summary", "members"),
                    (area.value, lv.value, *_about(rng, texts.NEEDS, area, case, refs, today)),
                )
            )
            for area, lv in needs
        ],
        "agency_involvement": _involvements(rng, directory, fam, needs, refs, today),
        "risks": [
            dict(zip(("summary", "members", "level"), (*_about(rng, texts.RISKS, area, case, refs, today), lv.value)))
            for area, lv in needs
            if area in texts.RISKS and lv is not Level.LOW
        ][:2],
        "strengths": [texts.fill(s, words) for s in rng.sample(texts.STRENGTHS, k=rng.randint(1, 3))],
        "family_views": texts.pick(rng, texts.FAMILY_VIEWS, words),
        "recommendation": _recommendation(rng, directory, fam, needs, level),
    }
    if not doc["risks"]:
        del doc["risks"]
    return Waiting(case, doc, compiled_at, members, new_family=not repeat)


def _about(
    rng: random.Random, sentences: dict, area: NeedArea, case: CaseRec, refs: dict[int, str], today: dt.date
) -> tuple[str, list[str]]:
    """A sentence about a need or risk, naming the member it is about, and that member's reference."""
    member = focus_member(rng, case.family, area, today)
    words = words_for(case)
    if member.is_child:
        words["child"] = member.known_as or member.given
        words["school"] = member.school or "school"
    return texts.pick(rng, sentences[area], words, member.is_child), [refs[id(member)]]


def _member_refs(members: list[Member]) -> dict[int, str]:
    counts = {"p": 0, "c": 0, "a": 0}
    refs = {}
    for m in members:
        prefix = "c" if m.is_child else "p" if m.role.value in ("parent", "carer") else "a"
        counts[prefix] += 1
        refs[id(m)] = f"{prefix}{counts[prefix]}"
    return refs


def _person(m: Member, ref: str) -> dict:
    person: dict[str, Any] = {"member_id": ref, "first_name": m.given, "last_name": m.family}
    optional = {
        "known_as": m.known_as,
        "date_of_birth": m.dob.isoformat() if m.dob else None,
        "expected_date": m.expected.isoformat() if m.expected else None,
        "gender": m.gender.value,
        "role": m.role.value,
        "relationship": m.relationship,
        "lives_in_household": m.lives,
        "school_or_setting": m.school,
        "ethnicity": m.ethnicity,
        "first_language": m.language,
        "disability": m.disability,
    }
    person.update({k: v for k, v in optional.items() if v is not None})
    return person


def _family(fam: FamilyRec, people: list[dict]) -> dict:
    line1, line2, town, postcode = fam.address
    address = {"line1": line1, "line2": line2, "town": town, "postcode": postcode}
    family: dict[str, Any] = {"family_name": fam.name, "address": {k: v for k, v in address.items() if v is not None}}
    if fam.phone:
        family["phone"] = fam.phone
    family.update(language=fam.language, interpreter_needed=fam.interpreter, members=people)
    return family


def _contact(referrer: dict) -> dict:
    contact = {key: referrer[f"referrer_{key}"] for key in ("name", "role", "agency", "email", "phone")}
    contact = {k: v for k, v in contact.items() if v is not None}
    if referrer["referrer_address_line1"]:
        address = {
            "line1": referrer["referrer_address_line1"],
            "line2": referrer["referrer_address_line2"],
            "town": referrer["referrer_town"],
            "postcode": referrer["referrer_postcode"],
        }
        contact["address"] = {k: v for k, v in address.items() if v is not None}
    return contact


def _consent(rng: random.Random, fam: FamilyRec, received: dt.date, today: dt.date) -> dict:
    if rng.random() < 0.15:
        return {
            "status": "not_sought",
            "notes": "Referrer has not yet spoken to the family; the access team will seek consent.",
        }
    return {
        "status": "given",
        "given_by": consent_giver(fam),
        "date": min(today, received + dt.timedelta(days=rng.randint(0, 2))).isoformat(),
    }


def _involvements(
    rng: random.Random, directory: Directory, fam: FamilyRec, needs: list, refs: dict[int, str], today: dt.date
) -> list[dict]:
    items: list[dict] = []
    seen: set[str] = set()

    def add(
        agency: str,
        status: str,
        *,
        worker: str | None = None,
        summary: str | None = None,
        source: str | None = None,
        members: Sequence[Member] = (),
        restricted: bool = False,
    ) -> None:
        if agency in seen:
            return
        seen.add(agency)
        item: dict[str, Any] = {"agency": agency, "status": status}
        item.update({k: v for k, v in (("worker", worker), ("summary", summary), ("source", source)) if v})
        if members:
            item["members"] = [refs[id(m)] for m in members]
        if restricted:
            item["restricted"] = True
        items.append(item)

    for area, level in needs:
        agency = AGENCY_FOR_NEED[area]
        member = focus_member(rng, fam, area, today)
        status = rng.choices(("current", "historic", "none_found"), weights=(55, 30, 15))[0]
        worker = None
        staff = [p for p in directory.in_locality(fam.loc) if p.agency.name == agency]
        if status == "current" and staff and rng.random() < 0.7:
            worker = rng.choice(staff).name
        summary = {
            "current": f"Working with {member.given} now about {area.label.lower()}; concern level {level.value}.",
            "historic": f"Known in {today.year - rng.randint(1, 6)}; closed.",
            "none_found": None,
        }[status]
        restricted = status != "none_found" and rng.random() < RESTRICTED.get(agency, 0.0)
        add(
            agency,
            status,
            worker=worker,
            summary=summary,
            source=SOURCES.get(agency, f"{agency} case records"),
            members=[member] if status != "none_found" else [],
            restricted=restricted,
        )
    for case in fam.cases:
        if case.status is CaseStatus.CLOSED and case.lead is not None:
            add(
                case.lead.agency.name,
                "historic",
                worker=case.lead.name,
                source=f"{places.COUNCIL} early help records",
                summary=f"Team Around the Family {case.opened:%B %Y} to {case.closed:%B %Y}; closed: "
                f"{case.reason.value.replace('_', ' ')}.",
            )
    roll = rng.random()
    add(
        "Children's Social Care",
        "historic" if roll < 0.35 else "none_found",
        source="Social care system",
        summary=f"Assessment in {today.year - rng.randint(2, 8)}; no further action." if roll < 0.35 else None,
    )
    teens = [m for m in fam.children if (m.age(today) or 0) >= 10]
    if teens and any(area is A.CRIME for area, _ in needs):
        add(
            "Youth Justice Service",
            rng.choice(("current", "none_found")),
            source="Youth justice system",
            members=teens[:1],
            restricted=True,
        )
    if any(area is A.FINANCIAL_STABILITY for area, _ in needs) and rng.random() < 0.5:
        add(
            "Department for Work and Pensions",
            "current",
            source="DWP data match",
            summary="Claiming Universal Credit.",
            members=[fam.carer],
        )
    return items


def _recommendation(rng: random.Random, directory: Directory, fam: FamilyRec, needs: list, level: int) -> dict:
    pathway = rng.choices(
        (Pathway.LCMG_ALLOCATION, Pathway.MULTI_AGENCY_PLAN, Pathway.WORKING_TOGETHER_MEETING), weights=(78, 12, 10)
    )[0]
    recommendation: dict[str, Any] = {"pathway": pathway.value}
    primary = needs[0][0]
    lead = LEAD_FOR_NEED.get(primary, AGENCY_FOR_NEED[primary])
    if rng.random() < 0.85:
        recommendation["suggested_lead_agency"] = lead
    recommendation["level_of_need"] = level
    recommendation["rationale"] = rng.choice(texts.RATIONALES)
    return recommendation
